/**
 * Signed webhook deliveries with retries. Each request carries
 * `Samen-Signature: t=<unix seconds>,v1=<hex HMAC-SHA-256 of "<t>.<body>">` with the webhook's
 * secret, so a receiver can check origin and freshness. Failures are retried with exponential
 * backoff (1 min, 2, 4, … up to 6 attempts) by the scheduled job; every attempt is logged.
 */
import {
  dueDeliveries,
  findWebhook,
  queueDeliveries,
  recordAttempt,
  type Delivery,
  type WebhookEvent,
} from '../db/webhooks.ts';

export const MAX_ATTEMPTS = 6;
const BASE_BACKOFF_MS = 60_000;
const TIMEOUT_MS = 10_000;

export type Fetcher = (req: Request) => Promise<Response>;

const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

export async function signPayload(secret: string, timestamp: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${timestamp}.${body}`));
  return `t=${timestamp},v1=${hex(mac)}`;
}

export const backoffMs = (attempt: number): number => BASE_BACKOFF_MS * 2 ** Math.max(0, attempt - 1);

/** One attempt at one delivery; records the outcome and schedules the next try if it failed. */
export async function attemptDelivery(db: D1Database, d: Delivery, fetcher: Fetcher, now = Date.now()): Promise<Delivery['status']> {
  const hook = await findWebhook(db, d.siteId, d.webhookId);
  if (!hook) {
    await recordAttempt(db, d, { status: 'failed', httpStatus: null, error: 'webhook removed', nextAttemptAt: null }, now);
    return 'failed';
  }
  let httpStatus: number | null = null;
  let error: string | null = null;
  try {
    const req = new Request(hook.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Samen-Webhooks/1',
        'Samen-Event': d.event,
        'Samen-Delivery': d.id,
        'Samen-Signature': await signPayload(hook.secret, Math.floor(now / 1000), d.payload),
      },
      body: d.payload,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const res = await fetcher(req);
    httpStatus = res.status;
    await res.body?.cancel();
    if (res.ok) {
      await recordAttempt(db, d, { status: 'delivered', httpStatus, error: null, nextAttemptAt: null }, now);
      return 'delivered';
    }
    error = `HTTP ${res.status}`;
  } catch (err) {
    error = err instanceof Error ? err.message.slice(0, 200) : 'request failed';
  }
  const attempts = d.attempts + 1;
  const done = attempts >= MAX_ATTEMPTS;
  await recordAttempt(
    db,
    d,
    { status: done ? 'failed' : 'pending', httpStatus, error, nextAttemptAt: done ? null : now + backoffMs(attempts) },
    now,
  );
  return done ? 'failed' : 'pending';
}

/** Queues an event for every subscribed webhook of the site and makes the first attempt. */
export async function emitWebhookEvent(
  db: D1Database,
  siteId: string,
  event: WebhookEvent,
  data: unknown,
  fetcher: Fetcher,
  now = Date.now(),
): Promise<void> {
  const payload = JSON.stringify({ event, site: siteId, createdAt: now, data });
  const deliveries = await queueDeliveries(db, siteId, event, payload, now);
  await Promise.all(deliveries.map((d) => attemptDelivery(db, d, fetcher, now)));
}

/** The scheduled retry job: attempts every delivery that is due. */
export async function retryDueDeliveries(db: D1Database, fetcher: Fetcher, now = Date.now()): Promise<number> {
  const due = await dueDeliveries(db, now, 100);
  for (const d of due) await attemptDelivery(db, d, fetcher, now);
  return due.length;
}
