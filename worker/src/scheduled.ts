/**
 * The minute-by-minute job (Cron Trigger): retries webhook deliveries that are due, and tells
 * sites' webhooks about questions that stayed unanswered past the community window.
 */
import { claimUnansweredQuestions } from './db/questions.ts';
import { emitWebhookEvent, retryDueDeliveries, type Fetcher } from './domain/webhooks.ts';

/** How long the community has before a question counts as unanswered (the routing issue makes this per site). */
export const UNANSWERED_AFTER_MS = 4 * 3600e3;

export async function runScheduledWork(env: Env, fetcher: Fetcher = (req) => fetch(req), now = Date.now()): Promise<void> {
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
