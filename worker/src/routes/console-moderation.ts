import { Hono } from 'hono';
import { z } from 'zod';
import { validate } from '../middleware/validate.ts';
import { ApiError } from '../middleware/errors.ts';
import { staffSession, type ConsoleEnv } from '../middleware/staff-session.ts';
import { listModerationLog, listModerationQueue, moderate, type TargetType } from '../db/community.ts';
import { findAnswer, findQuestion, type PostStatus } from '../db/questions.ts';
import { findReview } from '../db/reviews.ts';
import { emitWebhookEvent } from '../domain/webhooks.ts';
import {
  MODERATION_DECISIONS,
  MODERATION_REASON_MAX,
  type ConsoleModerationItem,
  type ConsoleModerationLogEntry,
  type ConsoleModerationResult,
  type ModerationDecision,
} from './console-types.ts';

/** The queue shows at most this many items, newest first. */
const QUEUE_SIZE = 100;

const targetParam = z.object({
  type: z.enum(['question', 'answer', 'review'], 'invalid_input'),
  id: z.string().min(1).max(128),
});

const decisionBody = z.object({
  action: z.enum(MODERATION_DECISIONS, 'invalid_moderation_action'),
  reason: z
    .string('invalid_input')
    .trim()
    .max(MODERATION_REASON_MAX, 'moderation_reason_too_long')
    .optional(),
});

/** Each decision: the statuses it applies to, what it leads to, its audit action and default reason. */
const DECISIONS: Record<
  ModerationDecision,
  { from: readonly PostStatus[]; to: ConsoleModerationResult['status']; action: 'approved' | 'removed' | 'restored'; reason: string }
> = {
  approve: { from: ['held', 'hidden'], to: 'published', action: 'approved', reason: 'Approved by staff.' },
  remove: { from: ['published', 'held', 'hidden'], to: 'removed', action: 'removed', reason: 'Removed by staff.' },
  restore: { from: ['removed'], to: 'published', action: 'restored', reason: 'Restored by staff.' },
};

const notFound = (type: TargetType) => new ApiError(404, `${type}_not_found`, `There is no such ${type} on your site.`);

/** The item's current status on the session's site, or 404 (another site's item looks exactly like a missing one). */
async function currentStatus(db: D1Database, siteId: string, type: TargetType, id: string): Promise<PostStatus> {
  const item =
    type === 'question' ? await findQuestion(db, siteId, id) : type === 'answer' ? await findAnswer(db, siteId, id) : await findReview(db, siteId, id);
  if (!item) throw notFound(type);
  return item.status;
}

/**
 * The moderation queue for staff (owners and agents): `/api/v1/console/moderation…`. Nothing is
 * deleted: a removed item stays with status `removed`, and every decision writes an audit row
 * with the staff member as actor (`staff:<id>`) and their reason.
 */
export const consoleModerationRoutes = new Hono<ConsoleEnv>()
  .get('/moderation', staffSession, async (c) => {
    const queue = await listModerationQueue(c.env.DB, c.get('staff').siteId, QUEUE_SIZE);
    const items = queue.map(
      (i): ConsoleModerationItem => ({
        targetType: i.targetType,
        id: i.id,
        questionId: i.questionId,
        productId: i.productId,
        body: i.body,
        authorName: i.authorName,
        status: i.status,
        reportCount: i.reportCount,
        createdAt: i.createdAt,
        lastReason: i.lastReason,
      }),
    );
    return c.json({ items }, 200);
  })
  .post('/moderation/:type/:id', staffSession, validate('param', targetParam), validate('json', decisionBody), async (c) => {
    const { type, id } = c.req.valid('param');
    const { action, reason } = c.req.valid('json');
    const staff = c.get('staff');
    const decision = DECISIONS[action];
    const status = await currentStatus(c.env.DB, staff.siteId, type, id);
    if (!decision.from.includes(status)) {
      // Usually two staff members deciding at once, or a stale list: say what the item is now.
      throw new ApiError(409, 'moderation_conflict', `This ${type} is ${status === 'published' ? 'already published' : status}, so it cannot be ${decision.action} now.`);
    }
    await moderate(
      c.env.DB,
      staff.siteId,
      { targetType: type, targetId: id, action: decision.action, actor: `staff:${staff.staffId}`, reason: reason || decision.reason },
      Date.now(),
    );
    // A held post was never announced: approving publishes it for the first time, so tell the webhooks now.
    if (action === 'approve' && status === 'held' && type !== 'review') {
      const db = c.env.DB;
      const event = type === 'question' ? 'question.created' : 'answer.created';
      const post = type === 'question' ? await findQuestion(db, staff.siteId, id) : await findAnswer(db, staff.siteId, id);
      if (post) {
        const data = { [type]: { id: post.id, body: post.body, authorName: post.authorErased ? null : post.authorName, createdAt: post.createdAt } };
        c.executionCtx.waitUntil(
          emitWebhookEvent(db, staff.siteId, event, data, (req) => fetch(req)).catch((err: unknown) => console.error('webhook emit failed', err)),
        );
      }
    }
    const body: ConsoleModerationResult = { status: decision.to };
    return c.json(body, 200);
  })
  .get('/moderation/:type/:id/log', staffSession, validate('param', targetParam), async (c) => {
    const { type, id } = c.req.valid('param');
    const siteId = c.get('staff').siteId;
    await currentStatus(c.env.DB, siteId, type, id);
    const rows = await listModerationLog(c.env.DB, siteId, type, id);
    const log = rows.map(
      (r): ConsoleModerationLogEntry => ({ action: r.action, actor: r.actor, actorName: r.actorName, reason: r.reason, createdAt: r.createdAt }),
    );
    return c.json({ log }, 200);
  });
