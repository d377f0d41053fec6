/** Webhook endpoints of a site and the log of every delivery attempt. */

export type WebhookEvent = 'question.created' | 'answer.created' | 'question.unanswered' | 'staff.replied' | 'review.question_asked' | 'idea.created' | 'idea.status_changed';
export const WEBHOOK_EVENTS: readonly WebhookEvent[] = ['question.created', 'answer.created', 'question.unanswered', 'staff.replied', 'review.question_asked', 'idea.created', 'idea.status_changed'];

export interface Webhook {
  id: string;
  url: string;
  events: WebhookEvent[];
  secret: string;
  createdAt: number;
}

export interface Delivery {
  siteId: string;
  id: string;
  webhookId: string;
  event: WebhookEvent;
  payload: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: number | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
}

interface WebhookRow {
  id: string;
  url: string;
  events: string;
  secret: string;
  created_at: number;
}

interface DeliveryRow {
  site_id: string;
  id: string;
  webhook_id: string;
  event: WebhookEvent;
  payload: string;
  status: Delivery['status'];
  attempts: number;
  next_attempt_at: number | null;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}

const toWebhook = (r: WebhookRow): Webhook => ({
  id: r.id,
  url: r.url,
  events: (JSON.parse(r.events) as string[]).filter((e): e is WebhookEvent => (WEBHOOK_EVENTS as string[]).includes(e)),
  secret: r.secret,
  createdAt: r.created_at,
});

const toDelivery = (r: DeliveryRow): Delivery => ({
  siteId: r.site_id,
  id: r.id,
  webhookId: r.webhook_id,
  event: r.event,
  payload: r.payload,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastStatus: r.last_status,
  lastError: r.last_error,
  createdAt: r.created_at,
  deliveredAt: r.delivered_at,
});

const DELIVERY_COLS =
  'site_id, id, webhook_id, event, payload, status, attempts, next_attempt_at, last_status, last_error, created_at, delivered_at';

export async function listWebhooks(db: D1Database, siteId: string): Promise<Webhook[]> {
  const { results } = await db
    .prepare('SELECT id, url, events, secret, created_at FROM webhooks WHERE site_id = ? ORDER BY created_at')
    .bind(siteId)
    .all<WebhookRow>();
  return results.map(toWebhook);
}

export async function insertWebhook(db: D1Database, siteId: string, w: Webhook): Promise<void> {
  await db
    .prepare('INSERT INTO webhooks (site_id, id, url, events, secret, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .bind(siteId, w.id, w.url, JSON.stringify(w.events), w.secret, w.createdAt)
    .run();
}

/**
 * Inserts the webhook only while the site has fewer than `max`; one statement, so two owners
 * adding at the same moment cannot pass the limit together. Returns whether it was added.
 */
export async function insertWebhookWithin(db: D1Database, siteId: string, w: Webhook, max: number): Promise<boolean> {
  const r = await db
    .prepare(
      `INSERT INTO webhooks (site_id, id, url, events, secret, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE (SELECT count(*) FROM webhooks WHERE site_id = ?1) < ?7`,
    )
    .bind(siteId, w.id, w.url, JSON.stringify(w.events), w.secret, w.createdAt, max)
    .run();
  return r.meta.changes > 0;
}

export async function deleteWebhook(db: D1Database, siteId: string, id: string): Promise<boolean> {
  const r = await db.prepare('DELETE FROM webhooks WHERE site_id = ? AND id = ?').bind(siteId, id).run();
  return r.meta.changes > 0;
}

/** One pending delivery per subscribed webhook; returns them for an immediate first attempt. */
export async function queueDeliveries(
  db: D1Database,
  siteId: string,
  event: WebhookEvent,
  payload: string,
  now: number,
): Promise<Delivery[]> {
  const hooks = (await listWebhooks(db, siteId)).filter((w) => w.events.includes(event));
  if (!hooks.length) return [];
  const deliveries: Delivery[] = hooks.map((w) => ({
    siteId,
    id: crypto.randomUUID(),
    webhookId: w.id,
    event,
    payload,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    lastStatus: null,
    lastError: null,
    createdAt: now,
    deliveredAt: null,
  }));
  await db.batch(
    deliveries.map((d) =>
      db
        .prepare(
          `INSERT INTO webhook_deliveries (site_id, id, webhook_id, event, payload, status, attempts, next_attempt_at, created_at)
           VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
        )
        .bind(siteId, d.id, d.webhookId, d.event, d.payload, d.nextAttemptAt, d.createdAt),
    ),
  );
  return deliveries;
}

export async function findWebhook(db: D1Database, siteId: string, id: string): Promise<Webhook | null> {
  const row = await db
    .prepare('SELECT id, url, events, secret, created_at FROM webhooks WHERE site_id = ? AND id = ?')
    .bind(siteId, id)
    .first<WebhookRow>();
  return row ? toWebhook(row) : null;
}

export async function recordAttempt(
  db: D1Database,
  d: Delivery,
  outcome: { status: Delivery['status']; httpStatus: number | null; error: string | null; nextAttemptAt: number | null },
  now: number,
): Promise<void> {
  await db
    .prepare(
      `UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, next_attempt_at = ?, last_status = ?, last_error = ?,
              delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END
        WHERE site_id = ? AND id = ?`,
    )
    .bind(outcome.status, outcome.nextAttemptAt, outcome.httpStatus, outcome.error, outcome.status, now, d.siteId, d.id)
    .run();
}

/** Deliveries whose next attempt is due, across sites (the retry job runs for all sites). */
export async function dueDeliveries(db: D1Database, now: number, limit: number): Promise<Delivery[]> {
  const { results } = await db
    .prepare(`SELECT ${DELIVERY_COLS} FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?`)
    .bind(now, limit)
    .all<DeliveryRow>();
  return results.map(toDelivery);
}

/** The console's delivery log, newest first. */
export async function listDeliveries(db: D1Database, siteId: string, limit: number): Promise<Delivery[]> {
  const { results } = await db
    .prepare(`SELECT ${DELIVERY_COLS} FROM webhook_deliveries WHERE site_id = ? ORDER BY created_at DESC LIMIT ?`)
    .bind(siteId, limit)
    .all<DeliveryRow>();
  return results.map(toDelivery);
}
