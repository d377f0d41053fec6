/**
 * The staff queue in D1: items routed to staff, their event log, replies and notes, canned
 * responses, and the figures the time promise is computed from. Every statement is scoped by site_id.
 */
import type { QueueReason, QueueStatus } from '../routes/console-types.ts';

export interface NewStaffItem {
  id: string;
  questionId: string;
  productId: string;
  reason: QueueReason;
  category: string | null;
  priority: boolean;
  shopperKey: string | null;
  orderRef: string | null;
  relatedQuestionId: string | null;
  slaDueAt: number;
  routedAt: number;
}

/**
 * Routes a question to staff, at most once per question: the unique index on (site, question)
 * turns a second attempt (alarm, sweep and "did not help" racing) into a no-op, and the
 * `staff_items_routed` trigger writes the one routing event in the same statement.
 */
export function insertStaffItemStatement(db: D1Database, siteId: string, item: NewStaffItem): D1PreparedStatement {
  return db
    .prepare(
      `INSERT OR IGNORE INTO staff_items (site_id, id, question_id, product_id, reason, category, priority, status, shopper_key,
                                          order_ref, related_question_id, sla_due_at, routed_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      siteId,
      item.id,
      item.questionId,
      item.productId,
      item.reason,
      item.category,
      item.priority ? 1 : 0,
      item.shopperKey,
      item.orderRef,
      item.relatedQuestionId,
      item.slaDueAt,
      item.routedAt,
      item.routedAt,
    );
}

/** The question leaves the ambassador-first window (routed, or settled by the community). */
export function clearEscalationStatement(db: D1Database, siteId: string, questionId: string): D1PreparedStatement {
  return db.prepare('UPDATE questions SET escalate_at = NULL WHERE site_id = ? AND id = ?').bind(siteId, questionId);
}

/** The item of a question, if it was ever routed. */
export async function itemIdForQuestion(db: D1Database, siteId: string, questionId: string): Promise<string | null> {
  const row = await db
    .prepare('SELECT id FROM staff_items WHERE site_id = ? AND question_id = ?')
    .bind(siteId, questionId)
    .first<{ id: string }>();
  return row?.id ?? null;
}

/**
 * The same shopper's latest other question about the same product or order since `since`
 * (a second contact), or null.
 */
export async function findEarlierContact(
  db: D1Database,
  siteId: string,
  author: { sub: string | null; visitorId: string | null },
  about: { productId: string; orderRef: string | null },
  since: number,
  excludeQuestionId: string,
): Promise<string | null> {
  if (!author.sub && !author.visitorId) return null;
  const row = await db
    .prepare(
      `SELECT id FROM questions
        WHERE site_id = ?1 AND ((?2 IS NOT NULL AND author_sub = ?2) OR (?3 IS NOT NULL AND author_visitor = ?3))
          AND created_at >= ?4 AND id <> ?5 AND status <> 'removed'
          AND ((channel = 'product' AND product_id = ?6) OR (?7 IS NOT NULL AND order_ref = ?7))
        ORDER BY created_at DESC LIMIT 1`,
    )
    .bind(siteId, author.sub, author.visitorId, since, excludeQuestionId, about.productId, about.orderRef)
    .first<{ id: string }>();
  return row?.id ?? null;
}

/** Items staff have not replied to yet: the queue ahead of a new one. */
export async function countWaitingItems(db: D1Database, siteId: string): Promise<number> {
  const row = await db
    .prepare(`SELECT count(*) AS n FROM staff_items WHERE site_id = ? AND status IN ('new', 'open')`)
    .bind(siteId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/**
 * Delays from posting to the first published answer of public questions asked since `since`
 * (on one product, or the whole site when `productId` is null); at most 500, newest first.
 */
export async function firstAnswerDelays(db: D1Database, siteId: string, productId: string | null, since: number): Promise<number[]> {
  const { results } = await db
    .prepare(
      `SELECT (SELECT min(a.created_at) FROM answers a WHERE a.site_id = q.site_id AND a.question_id = q.id AND a.status = 'published')
              - q.created_at AS delay
         FROM questions q
        WHERE q.site_id = ?1 AND (?2 IS NULL OR q.product_id = ?2) AND q.created_at >= ?3
          AND q.answer_count > 0 AND q.visibility = 'public' AND q.status = 'published'
        ORDER BY q.created_at DESC LIMIT 500`,
    )
    .bind(siteId, productId, since)
    .all<{ delay: number | null }>();
  return results.flatMap((r) => (r.delay === null ? [] : [r.delay]));
}

export interface DueEscalation {
  siteId: string;
  questionId: string;
  productId: string;
  status: string;
  visibility: string;
  acceptedAnswerId: string | null;
  authorSub: string | null;
  authorVisitor: string | null;
  orderRef: string | null;
}

/** Questions whose ambassador-first window has ended, oldest deadline first (one site, or all). */
export async function dueEscalations(db: D1Database, siteId: string | null, now: number, limit: number): Promise<DueEscalation[]> {
  const { results } = await db
    .prepare(
      `SELECT site_id AS siteId, id AS questionId, product_id AS productId, status, visibility,
              accepted_answer_id AS acceptedAnswerId, author_sub AS authorSub, author_visitor AS authorVisitor, order_ref AS orderRef
         FROM questions
        WHERE escalate_at IS NOT NULL AND escalate_at <= ?1 AND (?2 IS NULL OR site_id = ?2)
        ORDER BY escalate_at LIMIT ?3`,
    )
    .bind(now, siteId, limit)
    .all<DueEscalation>();
  return results;
}

/** The site's next ambassador-first deadline, for the inbox alarm. */
export async function nextEscalationAt(db: D1Database, siteId: string): Promise<number | null> {
  const row = await db
    .prepare('SELECT min(escalate_at) AS at FROM questions WHERE site_id = ? AND escalate_at IS NOT NULL')
    .bind(siteId)
    .first<{ at: number | null }>();
  return row?.at ?? null;
}

// ── The queue as staff see it ──────────────────────────────────────────────────────────────

export interface StoredItem {
  id: string;
  questionId: string;
  productId: string;
  reason: QueueReason;
  category: string | null;
  priority: boolean;
  status: QueueStatus;
  assigneeId: string | null;
  assigneeName: string | null;
  shopperKey: string | null;
  orderRef: string | null;
  relatedQuestionId: string | null;
  slaDueAt: number;
  routedAt: number;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  /** The question: the text as written (unmasked) for staff. */
  body: string;
  publicBody: string;
  visibility: 'public' | 'private';
  channel: 'product' | 'checkout';
  complaint: boolean;
  triageMatched: string;
  authorName: string | null;
  authorSub: string | null;
  authorVisitor: string | null;
  askedAt: number;
  acceptedAnswerId: string | null;
  conversationId: string | null;
}

interface ItemRow {
  id: string;
  question_id: string;
  product_id: string;
  reason: QueueReason;
  category: string | null;
  priority: number;
  status: QueueStatus;
  assignee_id: string | null;
  assignee_name: string | null;
  shopper_key: string | null;
  order_ref: string | null;
  related_question_id: string | null;
  sla_due_at: number;
  routed_at: number;
  first_response_at: number | null;
  resolved_at: number | null;
  staff_body: string | null;
  body: string;
  visibility: 'public' | 'private';
  channel: 'product' | 'checkout';
  complaint: number;
  triage_matched: string;
  author_name: string | null;
  author_sub: string | null;
  author_visitor: string | null;
  created_at: number;
  accepted_answer_id: string | null;
  conversation_id: string | null;
}

const ITEM_SELECT = `SELECT i.id, i.question_id, i.product_id, i.reason, i.category, i.priority, i.status, i.assignee_id,
       s.name AS assignee_name, i.shopper_key, i.order_ref, i.related_question_id, i.sla_due_at, i.routed_at,
       i.first_response_at, i.resolved_at, q.staff_body, q.body, q.visibility, q.channel, q.complaint, q.triage_matched,
       CASE WHEN q.author_erased = 1 THEN NULL ELSE q.author_name END AS author_name,
       CASE WHEN q.author_erased = 1 THEN NULL ELSE q.author_sub END AS author_sub,
       q.author_visitor, q.created_at, q.accepted_answer_id, q.conversation_id
  FROM staff_items i
  JOIN questions q ON q.site_id = i.site_id AND q.id = i.question_id
  LEFT JOIN staff s ON s.site_id = i.site_id AND s.id = i.assignee_id`;

const toItem = (r: ItemRow): StoredItem => ({
  id: r.id,
  questionId: r.question_id,
  productId: r.product_id,
  reason: r.reason,
  category: r.category,
  priority: r.priority === 1,
  status: r.status,
  assigneeId: r.assignee_id,
  assigneeName: r.assignee_name,
  shopperKey: r.shopper_key,
  orderRef: r.order_ref,
  relatedQuestionId: r.related_question_id,
  slaDueAt: r.sla_due_at,
  routedAt: r.routed_at,
  firstResponseAt: r.first_response_at,
  resolvedAt: r.resolved_at,
  body: r.staff_body ?? r.body,
  publicBody: r.body,
  visibility: r.visibility,
  channel: r.channel,
  complaint: r.complaint === 1,
  triageMatched: r.triage_matched,
  authorName: r.author_name,
  authorSub: r.author_sub,
  authorVisitor: r.author_visitor,
  askedAt: r.created_at,
  acceptedAnswerId: r.accepted_answer_id,
  conversationId: r.conversation_id,
});

export interface QueueFilter {
  statuses: QueueStatus[];
  productId: string | null;
  category: string | null;
  /** A staff id, or '' for unassigned; null for anyone. */
  assigneeId: string | null;
}

/**
 * The queue: breached and near-breach items (not yet answered) first, then priority, then the SLA due time.
 * Resolved items (when asked for) most recently resolved first.
 */
export async function listQueue(db: D1Database, siteId: string, f: QueueFilter, nearBreachAt: number, limit: number): Promise<StoredItem[]> {
  const { results } = await db
    .prepare(
      `${ITEM_SELECT}
        WHERE i.site_id = ?1 AND i.status IN (SELECT value FROM json_each(?2))
          AND (?3 IS NULL OR i.product_id = ?3) AND (?4 IS NULL OR i.category = ?4)
          AND (?5 IS NULL OR (?5 = '' AND i.assignee_id IS NULL) OR i.assignee_id = ?5)
        ORDER BY (i.status = 'resolved') ASC, (i.status <> 'resolved' AND i.first_response_at IS NULL AND i.sla_due_at <= ?6) DESC, i.priority DESC,
                 CASE WHEN i.status = 'resolved' THEN -i.resolved_at ELSE i.sla_due_at END ASC, i.routed_at ASC
        LIMIT ?7`,
    )
    .bind(siteId, JSON.stringify(f.statuses), f.productId, f.category, f.assigneeId, nearBreachAt, limit)
    .all<ItemRow>();
  return results.map(toItem);
}

export async function countQueue(db: D1Database, siteId: string): Promise<Record<QueueStatus, number>> {
  const { results } = await db
    .prepare('SELECT status, count(*) AS n FROM staff_items WHERE site_id = ? GROUP BY status')
    .bind(siteId)
    .all<{ status: QueueStatus; n: number }>();
  const counts: Record<QueueStatus, number> = { new: 0, open: 0, waiting: 0, resolved: 0 };
  for (const r of results) counts[r.status] = r.n;
  return counts;
}

export async function findItem(db: D1Database, siteId: string, itemId: string): Promise<StoredItem | null> {
  const row = await db.prepare(`${ITEM_SELECT} WHERE i.site_id = ? AND i.id = ?`).bind(siteId, itemId).first<ItemRow>();
  return row ? toItem(row) : null;
}

/** Items of the given questions (the shopper's "Your questions"). */
export async function itemsForQuestions(db: D1Database, siteId: string, questionIds: string[]): Promise<StoredItem[]> {
  if (!questionIds.length) return [];
  const { results } = await db
    .prepare(`${ITEM_SELECT} WHERE i.site_id = ? AND i.question_id IN (SELECT value FROM json_each(?))`)
    .bind(siteId, JSON.stringify(questionIds))
    .all<ItemRow>();
  return results.map(toItem);
}

export type ItemEventKind = 'claimed' | 'replied' | 'noted' | 'resolved' | 'reopened' | 'published';

export function itemEventStatement(
  db: D1Database,
  siteId: string,
  e: { itemId: string; kind: ItemEventKind; actor: string; detail: string | null },
  now: number,
): D1PreparedStatement {
  return db
    .prepare('INSERT INTO staff_item_events (site_id, id, item_id, kind, actor, detail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .bind(siteId, crypto.randomUUID(), e.itemId, e.kind, e.actor, e.detail, now);
}

/**
 * Changes an item's status and assignee only when it is still in one of `from` (and, when given,
 * unassigned or assigned to `unlessAssignedOtherThan`), so two staff acting at once cannot both win.
 * Returns whether the change happened; the event is written in the same transaction.
 */
export async function transitionItem(
  db: D1Database,
  siteId: string,
  itemId: string,
  change: {
    from: QueueStatus[];
    to: QueueStatus;
    assigneeId?: string | null;
    /** Refuse when someone else holds the item. */
    onlyIfFreeFor?: string;
    firstResponse?: boolean;
    event: { kind: ItemEventKind; actor: string; detail: string | null };
    extra?: D1PreparedStatement[];
  },
  now: number,
): Promise<boolean> {
  const update = db
    .prepare(
      `UPDATE staff_items
          SET status = ?1,
              assignee_id = CASE WHEN ?2 = 1 THEN ?3 ELSE assignee_id END,
              first_response_at = CASE WHEN ?4 = 1 THEN coalesce(first_response_at, ?5) ELSE first_response_at END,
              resolved_at = CASE WHEN ?1 = 'resolved' THEN ?5 ELSE NULL END,
              updated_at = ?5
        WHERE site_id = ?6 AND id = ?7 AND status IN (SELECT value FROM json_each(?8))
          AND (?9 IS NULL OR assignee_id IS NULL OR assignee_id = ?9)
        RETURNING id`,
    )
    .bind(
      change.to,
      change.assigneeId === undefined ? 0 : 1,
      change.assigneeId ?? null,
      change.firstResponse ? 1 : 0,
      now,
      siteId,
      itemId,
      JSON.stringify(change.from),
      change.onlyIfFreeFor ?? null,
    );
  // The event and any extra statements are written only if the update matched: each is guarded by
  // the item's new `updated_at`, which only this transition set.
  const guarded = db
    .prepare(
      `INSERT INTO staff_item_events (site_id, id, item_id, kind, actor, detail, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE EXISTS (SELECT 1 FROM staff_items WHERE site_id = ?1 AND id = ?3 AND updated_at = ?7 AND status = ?8)`,
    )
    .bind(siteId, crypto.randomUUID(), itemId, change.event.kind, change.event.actor, change.event.detail, now, change.to);
  const [res] = await db.batch<{ id: string }>([update, guarded, ...(change.extra ?? [])]);
  return (res?.results.length ?? 0) > 0;
}

// ── Messages, events, history ──────────────────────────────────────────────────────────────

export interface StoredMessage {
  id: string;
  itemId: string;
  kind: 'reply' | 'note';
  staffId: string;
  staffName: string;
  body: string;
  createdAt: number;
}

export function insertMessageStatement(db: D1Database, siteId: string, m: StoredMessage): D1PreparedStatement {
  return db
    .prepare('INSERT INTO staff_messages (site_id, id, item_id, kind, staff_id, staff_name, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .bind(siteId, m.id, m.itemId, m.kind, m.staffId, m.staffName, m.body, m.createdAt);
}

/** Messages of some items, oldest first; `onlyReplies` for what the shopper may see. */
export async function listMessages(db: D1Database, siteId: string, itemIds: string[], onlyReplies: boolean): Promise<StoredMessage[]> {
  if (!itemIds.length) return [];
  const { results } = await db
    .prepare(
      `SELECT id, item_id AS itemId, kind, staff_id AS staffId, staff_name AS staffName, body, created_at AS createdAt
         FROM staff_messages WHERE site_id = ? AND item_id IN (SELECT value FROM json_each(?)) AND (? = 0 OR kind = 'reply')
        ORDER BY created_at, id`,
    )
    .bind(siteId, JSON.stringify(itemIds), onlyReplies ? 1 : 0)
    .all<StoredMessage>();
  return results;
}

export interface StoredEvent {
  kind: 'routed' | ItemEventKind;
  actor: string;
  actorName: string | null;
  detail: string | null;
  createdAt: number;
}

export async function listEvents(db: D1Database, siteId: string, itemId: string): Promise<StoredEvent[]> {
  const { results } = await db
    .prepare(
      `SELECT e.kind, e.actor, s.name AS actorName, e.detail, e.created_at AS createdAt
         FROM staff_item_events e LEFT JOIN staff s ON s.site_id = e.site_id AND s.id = e.actor
        WHERE e.site_id = ? AND e.item_id = ? ORDER BY e.created_at, e.rowid`,
    )
    .bind(siteId, itemId)
    .all<StoredEvent>();
  return results;
}

export interface HistoryEntry {
  questionId: string;
  productId: string;
  body: string;
  visibility: 'public' | 'private';
  orderRef: string | null;
  itemId: string | null;
  status: QueueStatus | null;
  askedAt: number;
}

/** The shopper's questions on this site (newest first), with their queue items. */
export async function shopperHistory(
  db: D1Database,
  siteId: string,
  author: { sub: string | null; visitorId: string | null },
  limit: number,
): Promise<HistoryEntry[]> {
  if (!author.sub && !author.visitorId) return [];
  const { results } = await db
    .prepare(
      `SELECT q.id AS questionId, q.product_id AS productId, coalesce(q.staff_body, q.body) AS body, q.visibility,
              q.order_ref AS orderRef, i.id AS itemId, i.status, q.created_at AS askedAt
         FROM questions q LEFT JOIN staff_items i ON i.site_id = q.site_id AND i.question_id = q.id
        WHERE q.site_id = ?1 AND ((?2 IS NOT NULL AND q.author_sub = ?2) OR (?3 IS NOT NULL AND q.author_visitor = ?3))
        ORDER BY q.created_at DESC LIMIT ?4`,
    )
    .bind(siteId, author.sub, author.visitorId, limit)
    .all<HistoryEntry>();
  return results;
}

// ── Canned responses ───────────────────────────────────────────────────────────────────────

export interface StoredCanned {
  id: string;
  title: string;
  body: string;
  createdAt: number;
}

export async function listCanned(db: D1Database, siteId: string): Promise<StoredCanned[]> {
  const { results } = await db
    .prepare('SELECT id, title, body, created_at AS createdAt FROM canned_responses WHERE site_id = ? ORDER BY title COLLATE NOCASE, id')
    .bind(siteId)
    .all<StoredCanned>();
  return results;
}

/** Adds a canned response unless the site already has `max`; false when full. */
export async function insertCannedWithin(db: D1Database, siteId: string, c: StoredCanned, max: number): Promise<boolean> {
  const res = await db
    .prepare(
      `INSERT INTO canned_responses (site_id, id, title, body, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5 WHERE (SELECT count(*) FROM canned_responses WHERE site_id = ?1) < ?6`,
    )
    .bind(siteId, c.id, c.title, c.body, c.createdAt, max)
    .run();
  return res.meta.changes > 0;
}

export async function deleteCanned(db: D1Database, siteId: string, id: string): Promise<boolean> {
  const res = await db.prepare('DELETE FROM canned_responses WHERE site_id = ? AND id = ?').bind(siteId, id).run();
  return res.meta.changes > 0;
}
