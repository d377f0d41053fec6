import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { validate } from '../middleware/validate.ts';
import { ApiError } from '../middleware/errors.ts';
import { staffSession, type ConsoleEnv } from '../middleware/staff-session.ts';
import { publishQueueEvent, siteInbox } from '../domain/inbox.ts';
import { maskPersonalData } from '../domain/screening.ts';
import { emitWebhookEvent } from '../domain/webhooks.ts';
import { findMember } from '../db/members.ts';
import { influenceByKey } from '../db/reputation.ts';
import type { QueueInfluence } from '../reputation-types.ts';
import { findSite } from '../db/sites.ts';
import { insertAnswer, listAnswers } from '../db/questions.ts';
import {
  countQueue,
  findItem,
  insertMessageStatement,
  listEvents,
  listMessages,
  listQueue,
  shopperHistory,
  transitionItem,
  type StoredItem,
} from '../db/routing.ts';
import {
  NEAR_BREACH_MS,
  QUEUE_CATEGORIES,
  QUEUE_STATUSES,
  STAFF_MESSAGE_MAX,
  type QueueCategory,
  type QueueItem,
  type QueueItemDetail,
  type QueueLiveEvent,
  type QueueStatus,
} from './console-types.ts';

const QUEUE_PAGE = 200;
const HISTORY_SIZE = 50;

const queueQuery = z.object({
  status: z.enum(['active', ...QUEUE_STATUSES], 'invalid_status').default('active'),
  product: z.string().max(128).optional(),
  category: z.enum(QUEUE_CATEGORIES, 'invalid_category').optional(),
  assignee: z.string().max(64).optional(),
});
const itemParam = z.object({ item: z.uuid('invalid_input') });
const messageBody = z.object({
  text: z.string('message_too_short').trim().min(1, 'message_too_short').max(STAFF_MESSAGE_MAX, 'message_too_long'),
});
const claimBody = z.object({ force: z.boolean().optional() }).optional();

type QueueContext = Context<ConsoleEnv>;

function shownItem(i: StoredItem, now: number): QueueItem {
  // The SLA is a first-response target: once staff have answered, the item is no longer at risk.
  const sla: QueueItem['sla'] =
    i.status === 'resolved' || i.firstResponseAt !== null
      ? 'ok'
      : i.slaDueAt <= now
        ? 'breached'
        : i.slaDueAt <= now + NEAR_BREACH_MS
          ? 'near'
          : 'ok';
  return {
    id: i.id,
    questionId: i.questionId,
    productId: i.productId,
    body: i.body,
    reason: i.reason,
    category: i.category as QueueCategory | null,
    complaint: i.complaint,
    priority: i.priority,
    status: i.status,
    visibility: i.visibility,
    channel: i.channel,
    orderRef: i.orderRef,
    assignee: i.assigneeId ? { id: i.assigneeId, name: i.assigneeName ?? '' } : null,
    shopper: { name: i.authorName, sub: i.authorSub },
    relatedQuestionId: i.relatedQuestionId,
    slaDueAt: i.slaDueAt,
    sla,
    routedAt: i.routedAt,
    firstResponseAt: i.firstResponseAt,
    resolvedAt: i.resolvedAt,
    askedAt: i.askedAt,
    conversationId: i.conversationId,
  };
}

/** Staff see who they are talking to: the shopper's influence score, never shown to the shopper. */
const withInfluence = (shown: QueueItem, i: StoredItem, scores: Map<string, QueueInfluence>): QueueItem => {
  const influence = i.shopperKey ? scores.get(i.shopperKey) : undefined;
  return influence ? { ...shown, influence } : shown;
};

async function itemOf(c: QueueContext, itemId: string): Promise<StoredItem> {
  const item = await findItem(c.env.DB, c.get('staff').siteId, itemId);
  if (!item) throw new ApiError(404, 'item_not_found', 'This queue item does not exist.');
  return item;
}

/** The item after a change, told to every open console of the site. */
async function changed(c: QueueContext, itemId: string, change: QueueLiveEvent['change']): Promise<QueueItem> {
  const siteId = c.get('staff').siteId;
  publishQueueEvent(c.env, c.executionCtx, siteId, itemId, change);
  return shownItem(await itemOf(c, itemId), Date.now());
}

function parseMatched(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The staff queue: `/api/v1/console/queue…` for agents and owners. Staff see the shopper's text
 * unmasked; every row is scoped by the session's site.
 */
export const consoleQueueRoutes = new Hono<ConsoleEnv>()
  .get('/queue/live', staffSession, async (c) => {
    // Browsers send cookies on cross-site WebSocket handshakes, so the origin is checked here
    // as strictly as on writes (cross-site WebSocket hijacking).
    if (c.req.header('Origin') !== new URL(c.req.url).origin) {
      throw new ApiError(403, 'csrf_refused', 'This request did not come from the Samen console, so it was refused.');
    }
    if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') {
      throw new ApiError(426, 'websocket_required', 'Connect with a WebSocket.');
    }
    const siteId = c.get('staff').siteId;
    const headers = new Headers({ Upgrade: 'websocket', 'X-Samen-Site': siteId });
    const res = await siteInbox(c.env, siteId).fetch(new Request('https://inbox/live', { headers }));
    // A fresh response: the console guard adds headers after us, and a forwarded one is immutable.
    return new Response(null, { status: res.status, webSocket: res.webSocket });
  })
  .get('/queue', staffSession, validate('query', queueQuery), async (c) => {
    const staff = c.get('staff');
    const q = c.req.valid('query');
    const statuses: QueueStatus[] = q.status === 'active' ? ['new', 'open', 'waiting'] : [q.status];
    const assigneeId = q.assignee === undefined || q.assignee === '' ? null : q.assignee === 'me' ? staff.staffId : q.assignee === 'none' ? '' : q.assignee;
    const now = Date.now();
    const [items, counts] = await Promise.all([
      listQueue(c.env.DB, staff.siteId, { statuses, productId: q.product || null, category: q.category ?? null, assigneeId }, now + NEAR_BREACH_MS, QUEUE_PAGE),
      countQueue(c.env.DB, staff.siteId),
    ]);
    const influence = await influenceByKey(c.env.DB, staff.siteId, items.flatMap((i) => (i.shopperKey ? [i.shopperKey] : [])));
    return c.json({ items: items.map((i) => withInfluence(shownItem(i, now), i, influence)), counts }, 200);
  })
  .get('/queue/:item', staffSession, validate('param', itemParam), async (c) => {
    const siteId = c.get('staff').siteId;
    const item = await itemOf(c, c.req.valid('param').item);
    const db = c.env.DB;
    const author = { sub: item.authorSub, visitorId: item.authorVisitor };
    const [messages, events, answers, history, influence] = await Promise.all([
      listMessages(db, siteId, [item.id], false),
      listEvents(db, siteId, item.id),
      listAnswers(db, siteId, item.questionId),
      shopperHistory(db, siteId, author, HISTORY_SIZE),
      influenceByKey(db, siteId, item.shopperKey ? [item.shopperKey] : []),
    ]);
    const others = history.filter((h) => h.questionId !== item.questionId);
    const detail: QueueItemDetail = {
      item: withInfluence(shownItem(item, Date.now()), item, influence),
      triage: parseMatched(item.triageMatched),
      messages: messages.map((m) => ({ id: m.id, kind: m.kind, body: m.body, staffId: m.staffId, staffName: m.staffName, createdAt: m.createdAt })),
      events: events.map((e) => ({
        kind: e.kind,
        actor: e.actor === 'system' || e.actor === 'shopper' ? e.actor : (e.actorName ?? 'former staff'),
        detail: e.detail,
        createdAt: e.createdAt,
      })),
      answers: answers.map((a) => ({
        id: a.id,
        body: a.body,
        authorName: a.authorErased ? null : a.authorName,
        authorRole: a.authorErased ? null : a.authorRole,
        accepted: a.id === item.acceptedAnswerId,
        helpfulCount: a.helpfulCount,
        createdAt: a.createdAt,
      })),
      history: others,
      orders: [...new Set([item.orderRef, ...history.map((h) => h.orderRef)].filter((o): o is string => !!o))],
    };
    return c.json(detail, 200);
  })
  .post('/queue/:item/claim', staffSession, validate('param', itemParam), validate('json', claimBody), async (c) => {
    const staff = c.get('staff');
    const item = await itemOf(c, c.req.valid('param').item);
    const force = c.req.valid('json')?.force === true;
    if (item.assigneeId === staff.staffId) return c.json({ item: shownItem(item, Date.now()) }, 200);
    if (item.assigneeId && !force) {
      throw new ApiError(409, 'already_claimed', `${item.assigneeName ?? 'Someone else'} is already working on this.`);
    }
    const to: QueueStatus = item.status === 'new' ? 'open' : item.status;
    const ok = await transitionItem(
      c.env.DB,
      staff.siteId,
      item.id,
      {
        from: [item.status],
        to,
        assigneeId: staff.staffId,
        ...(force ? {} : { onlyIfFreeFor: staff.staffId }),
        event: { kind: 'claimed', actor: staff.staffId, detail: force && item.assigneeName ? `taken over from ${item.assigneeName}` : null },
      },
      Date.now(),
    );
    if (!ok) throw new ApiError(409, 'already_claimed', 'Someone else claimed this item just now.');
    return c.json({ item: await changed(c, item.id, 'claimed') }, 200);
  })
  .post('/queue/:item/replies', staffSession, validate('param', itemParam), validate('json', messageBody), async (c) => {
    const staff = c.get('staff');
    const item = await itemOf(c, c.req.valid('param').item);
    const now = Date.now();
    const message = {
      id: crypto.randomUUID(),
      itemId: item.id,
      kind: 'reply' as const,
      staffId: staff.staffId,
      staffName: staff.name,
      body: c.req.valid('json').text,
      createdAt: now,
    };
    // Replying claims an unclaimed item and waits on the shopper; the reply is stored in the same transaction.
    await transitionItem(
      c.env.DB,
      staff.siteId,
      item.id,
      {
        from: ['new', 'open', 'waiting', 'resolved'],
        to: 'waiting',
        assigneeId: item.assigneeId ?? staff.staffId,
        firstResponse: true,
        event: { kind: 'replied', actor: staff.staffId, detail: null },
        extra: [insertMessageStatement(c.env.DB, staff.siteId, message)],
      },
      now,
    );
    c.executionCtx.waitUntil(announceReply(c, item, message.body, now).catch((err: unknown) => console.error('staff.replied webhook failed', err)));
    return c.json({ message: { ...message, itemId: undefined }, item: await changed(c, item.id, 'replied') }, 201);
  })
  .post('/queue/:item/notes', staffSession, validate('param', itemParam), validate('json', messageBody), async (c) => {
    const staff = c.get('staff');
    const item = await itemOf(c, c.req.valid('param').item);
    const now = Date.now();
    const message = {
      id: crypto.randomUUID(),
      itemId: item.id,
      kind: 'note' as const,
      staffId: staff.staffId,
      staffName: staff.name,
      body: c.req.valid('json').text,
      createdAt: now,
    };
    await c.env.DB.batch([
      insertMessageStatement(c.env.DB, staff.siteId, message),
      c.env.DB
        .prepare(`INSERT INTO staff_item_events (site_id, id, item_id, kind, actor, detail, created_at) VALUES (?, ?, ?, 'noted', ?, NULL, ?)`)
        .bind(staff.siteId, crypto.randomUUID(), item.id, staff.staffId, now),
    ]);
    return c.json({ message: { ...message, itemId: undefined }, item: await changed(c, item.id, 'noted') }, 201);
  })
  .post('/queue/:item/resolve', staffSession, validate('param', itemParam), async (c) => {
    const staff = c.get('staff');
    const item = await itemOf(c, c.req.valid('param').item);
    if (item.status === 'resolved') throw new ApiError(409, 'already_resolved', 'This item is already resolved.');
    const ok = await transitionItem(
      c.env.DB,
      staff.siteId,
      item.id,
      { from: ['new', 'open', 'waiting'], to: 'resolved', event: { kind: 'resolved', actor: staff.staffId, detail: null } },
      Date.now(),
    );
    if (!ok) throw new ApiError(409, 'already_resolved', 'This item is already resolved.');
    return c.json({ item: await changed(c, item.id, 'resolved') }, 200);
  })
  .post('/queue/:item/reopen', staffSession, validate('param', itemParam), async (c) => {
    const staff = c.get('staff');
    const item = await itemOf(c, c.req.valid('param').item);
    if (item.status !== 'resolved') throw new ApiError(409, 'not_resolved', 'This item is not resolved.');
    const ok = await transitionItem(
      c.env.DB,
      staff.siteId,
      item.id,
      { from: ['resolved'], to: 'open', event: { kind: 'reopened', actor: staff.staffId, detail: null } },
      Date.now(),
    );
    if (!ok) throw new ApiError(409, 'not_resolved', 'This item is not resolved.');
    return c.json({ item: await changed(c, item.id, 'reopened') }, 200);
  })
  .post('/queue/:item/publish', staffSession, validate('param', itemParam), validate('json', messageBody), async (c) => {
    const staff = c.get('staff');
    const item = await itemOf(c, c.req.valid('param').item);
    if (item.visibility === 'private') {
      throw new ApiError(409, 'private_question', 'This question is private: reply to the shopper instead of publishing.');
    }
    const now = Date.now();
    const answerId = crypto.randomUUID();
    // Staff text is trusted, but a shopper's order or phone number pasted into a public answer is not.
    const { body } = maskPersonalData(c.req.valid('json').text);
    await insertAnswer(
      c.env.DB,
      staff.siteId,
      { id: answerId, questionId: item.questionId, body, status: 'published', createdAt: now, authorName: staff.name, authorRole: 'staff', authorSub: null, authorVisitor: null },
      [
        c.env.DB
          .prepare(`INSERT INTO staff_item_events (site_id, id, item_id, kind, actor, detail, created_at) VALUES (?, ?, ?, 'published', ?, ?, ?)`)
          .bind(staff.siteId, crypto.randomUUID(), item.id, staff.staffId, answerId, now),
        c.env.DB
          // Publishing is a first response: the item is claimed by whoever published, if nobody had it.
          .prepare(
            `UPDATE staff_items SET first_response_at = coalesce(first_response_at, ?1), updated_at = ?1,
                    assignee_id = coalesce(assignee_id, ?2), status = CASE WHEN status = 'new' THEN 'open' ELSE status END
              WHERE site_id = ?3 AND id = ?4`,
          )
          .bind(now, staff.staffId, staff.siteId, item.id),
      ],
    );
    return c.json({ answerId, item: await changed(c, item.id, 'published') }, 201);
  });

/** `staff.replied` for the site's email system: who to write to, and what staff said. */
async function announceReply(c: QueueContext, item: StoredItem, reply: string, now: number): Promise<void> {
  const staff = c.get('staff');
  const [site, member] = await Promise.all([
    findSite(c.env.DB, staff.siteId),
    item.authorSub ? findMember(c.env.DB, staff.siteId, item.authorSub) : Promise.resolve(null),
  ]);
  if (!site) return;
  await emitWebhookEvent(
    c.env.DB,
    site.id,
    'staff.replied',
    {
      item: { id: item.id, questionId: item.questionId, productId: item.productId, orderRef: item.orderRef, channel: item.channel },
      question: item.body,
      reply: { body: reply, staffName: staff.name, createdAt: now },
      shopper: { sub: item.authorSub, name: item.authorName, email: member?.email ?? null },
    },
    (req) => fetch(req),
    now,
  );
}
