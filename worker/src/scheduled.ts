/**
 * The minute-by-minute job (Cron Trigger): the safety sweep of escalations (each site's inbox
 * alarm routes them on time; this catches any an alarm missed), webhook retries, and telling
 * sites' webhooks about questions that stayed unanswered past the community window.
 */
import { claimUnansweredQuestions } from './db/questions.ts';
import { escalateDue } from './domain/routing.ts';
import { siteInbox } from './domain/inbox.ts';
import { emitWebhookEvent, retryDueDeliveries, type Fetcher } from './domain/webhooks.ts';
import { refreshEngagement } from './domain/influence.ts';
import { listSiteIds } from './db/reputation.ts';

/**
 * The nightly job: recounts every site's reputation and influence from the source tables. One
 * site failing is logged and does not stop the others.
 */
export async function runNightlyWork(env: Env, now = Date.now()): Promise<void> {
  for (const siteId of await listSiteIds(env.DB)) {
    try {
      await refreshEngagement(env.DB, siteId, now);
    } catch (err) {
      console.error('nightly engagement refresh failed', siteId, err);
    }
  }
}

/** How long the community has before a question counts as unanswered (the routing issue makes this per site). */
export const UNANSWERED_AFTER_MS = 4 * 3600e3;

export async function runScheduledWork(env: Env, fetcher: Fetcher = (req) => fetch(req), now = Date.now()): Promise<void> {
  await sweepEscalations(env, now);
  const unanswered = await claimUnansweredQuestions(env.DB, now - UNANSWERED_AFTER_MS, now, 100);
  for (const q of unanswered) {
    await emitWebhookEvent(
      env.DB,
      q.siteId,
      'question.unanswered',
      { question: { id: q.id, productId: q.productId, body: q.body, createdAt: q.createdAt, waitingMs: now - q.createdAt } },
      fetcher,
      now,
    );
  }
  await retryDueDeliveries(env.DB, fetcher, now);
}

/** Routes every question past its ambassador-first window, on all sites, and tells their consoles. */
export async function sweepEscalations(env: Env, now = Date.now()): Promise<number> {
  const routed = await escalateDue(env.DB, null, now, 500);
  await Promise.all(
    routed.map((r) =>
      siteInbox(env, r.siteId)
        .publish(r.siteId, { type: 'queue', itemId: r.itemId, change: 'routed' })
        .catch((err: unknown) => console.error('queue publish failed', err)),
    ),
  );
  return routed.length;
}
