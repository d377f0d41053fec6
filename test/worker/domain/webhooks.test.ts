/**
 * Webhooks: signed deliveries to a local receiver, retries with backoff, a delivery log, and
 * the scheduled "question.unanswered" notice.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { emitWebhookEvent, retryDueDeliveries, signPayload, backoffMs, MAX_ATTEMPTS } from '../../../worker/src/domain/webhooks.ts';
import { insertWebhook, listDeliveries } from '../../../worker/src/db/webhooks.ts';
import { runScheduledWork, UNANSWERED_AFTER_MS } from '../../../worker/src/scheduled.ts';
import { aQuestion, aSite } from '../../fixtures/rows.ts';

/**
 * A receiver that records requests and answers with the statuses it is given, in turn. With `siteId`
 * it only counts deliveries of that site: the retry job serves every site, and other tests' pending
 * deliveries share the database.
 */
function receiver(statuses: number[], siteId?: string) {
  const received: { event: string | null; signature: string | null; body: string }[] = [];
  let i = 0;
  const fetcher = async (req: Request) => {
    const body = await req.text();
    if (siteId && !body.includes(`"site":"${siteId}"`)) return new Response('ok', { status: 200 });
    received.push({ event: req.headers.get('Samen-Event'), signature: req.headers.get('Samen-Signature'), body });
    return new Response('ok', { status: statuses[Math.min(i++, statuses.length - 1)] ?? 200 });
  };
  return { received, fetcher };
}

async function aWebhook(siteId: string, events: ('question.created' | 'answer.created' | 'question.unanswered')[]) {
  const hook = { id: crypto.randomUUID(), url: 'https://hooks.shop.example/samen', events, secret: 'whsec-test-0123456789', createdAt: Date.now() };
  await insertWebhook(env.DB, siteId, hook);
  return hook;
}

describe('webhooks', () => {
  it('delivers a signed event that the receiver can verify', async () => {
    const site = await aSite(env.DB);
    const hook = await aWebhook(site.id, ['question.created']);
    await aWebhook(site.id, ['answer.created']);
    const { received, fetcher } = receiver([200]);
    const now = Date.now();
    await emitWebhookEvent(env.DB, site.id, 'question.created', { question: { id: 'q1' } }, fetcher, now);
    expect(received).toHaveLength(1);
    const [got] = received;
    expect(got?.event).toBe('question.created');
    const t = Number(/t=(\d+)/.exec(got?.signature ?? '')?.[1]);
    expect(got?.signature).toBe(await signPayload(hook.secret, t, got?.body ?? ''));
    expect(JSON.parse(got?.body ?? '{}')).toMatchObject({ event: 'question.created', site: site.id, data: { question: { id: 'q1' } } });
    const log = await listDeliveries(env.DB, site.id, 10);
    expect(log).toMatchObject([{ status: 'delivered', attempts: 1, lastStatus: 200 }]);
  });

  it('retries failures with backoff and gives up after the last attempt, logging each', async () => {
    const site = await aSite(env.DB);
    await aWebhook(site.id, ['answer.created']);
    const { received, fetcher } = receiver([500, 503, 200], site.id);
    let now = Date.now();
    await emitWebhookEvent(env.DB, site.id, 'answer.created', { answer: { id: 'a1' } }, fetcher, now);
    let [d] = await listDeliveries(env.DB, site.id, 10);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500, nextAttemptAt: now + backoffMs(1) });
    // Not due yet: nothing happens.
    await retryDueDeliveries(env.DB, fetcher, now + 1000);
    expect(received).toHaveLength(1);
    now += backoffMs(1);
    await retryDueDeliveries(env.DB, fetcher, now);
    now += backoffMs(2);
    await retryDueDeliveries(env.DB, fetcher, now);
    [d] = await listDeliveries(env.DB, site.id, 10);
    expect(d).toMatchObject({ status: 'delivered', attempts: 3, lastStatus: 200 });
    expect(received).toHaveLength(3);

    const other = await aSite(env.DB);
    const failing = receiver([500], other.id);
    await aWebhook(other.id, ['answer.created']);
    let t = Date.now();
    await emitWebhookEvent(env.DB, other.id, 'answer.created', {}, failing.fetcher, t);
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      t += backoffMs(attempt);
      await retryDueDeliveries(env.DB, failing.fetcher, t);
    }
    expect(await listDeliveries(env.DB, other.id, 10)).toMatchObject([{ status: 'failed', attempts: MAX_ATTEMPTS }]);
    expect(failing.received).toHaveLength(MAX_ATTEMPTS);
  });

  it('announces each question still unanswered after the community window once', async () => {
    const site = await aSite(env.DB);
    await aWebhook(site.id, ['question.unanswered']);
    const now = Date.now();
    const old = await aQuestion(env.DB, { site, text: 'Nobody answered me yet', createdAt: now - UNANSWERED_AFTER_MS - 1000 });
    await aQuestion(env.DB, { site, text: 'Asked a minute ago', createdAt: now - 60_000 });
    const { received, fetcher } = receiver([200]);
    await runScheduledWork(env, fetcher, now);
    await runScheduledWork(env, fetcher, now + 60_000);
    const mine = received.filter((r) => r.body.includes(site.id));
    expect(mine).toHaveLength(1);
    expect(JSON.parse(mine[0]?.body ?? '{}')).toMatchObject({ event: 'question.unanswered', data: { question: { id: old.id } } });
  });
});
