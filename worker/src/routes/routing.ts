/**
 * The shopper's side of routing to staff: asking at checkout, "No, ask the community" for a
 * question triage sent privately, and "Your questions" with the staff's replies.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import type { MyQuestion } from '../api-types.ts';
import { validate } from '../middleware/validate.ts';
import { ApiError } from '../middleware/errors.ts';
import { isMine } from '../domain/viewer.ts';
import { publicQuestion } from '../domain/public-posts.ts';
import { holdReason } from '../domain/screening.ts';
import { notify } from '../domain/community-events.ts';
import { armEscalation, publishQueueEvent } from '../domain/inbox.ts';
import { escalationDeadline, routingNotice, timePromise } from '../domain/routing.ts';
import { formatPromise } from '../domain/time-promise.ts';
import { findQuestion, listQuestionsBy } from '../db/questions.ts';
import { itemsForQuestions, listMessages } from '../db/routing.ts';
import { conversationQuestionIds } from '../db/conversations.ts';
import { askQuestion, audienceFields, audienceOf } from './ask.ts';
import { authorName, questionParam, questionText } from './questions.ts';

/** An order number as shops write them: "NK-1042", "1042", "2026/00042". */
export const ORDER_REF = /^[A-Za-z0-9][A-Za-z0-9._#/-]{0,63}$/;

const checkoutQuestion = z.object({
  text: questionText,
  orderRef: z.string('invalid_order_ref').trim().regex(ORDER_REF, 'invalid_order_ref'),
  authorName,
  ...audienceFields,
});

const audienceQuery = z.object(audienceFields);

/** Checkout questions are filed under this product id: they are about an order, not a product. */
export const CHECKOUT_PRODUCT = '_checkout';
/** Chats started on a page about no product or order (the shop's home page) are filed under this id. */
export const GENERAL_PRODUCT = '_general';

async function movedToCommunity(c: Context<AppEnv>, questionId: string, now: number): Promise<boolean> {
  const db = c.env.DB;
  const site = c.get('site');
  const question = await findQuestion(db, site.id, questionId);
  if (!question) return false;
  const status = holdReason(question.body, site.blocklist) ? 'held' : 'published';
  // One transaction: the item goes only if staff have not touched it, and the question becomes
  // public only if its item is gone; the item's routing event goes with it.
  const [removed] = await db.batch([
    db
      .prepare(
        `DELETE FROM staff_items WHERE site_id = ? AND question_id = ? AND status = 'new' AND assignee_id IS NULL AND first_response_at IS NULL
         RETURNING id`,
      )
      .bind(site.id, questionId),
    db
      .prepare(
        `UPDATE questions SET visibility = 'public', status = ?, escalate_at = ?
          WHERE site_id = ? AND id = ? AND visibility = 'private'
            AND NOT EXISTS (SELECT 1 FROM staff_items i WHERE i.site_id = questions.site_id AND i.question_id = questions.id)`,
      )
      .bind(status, escalationDeadline(site, now), site.id, questionId),
  ]);
  const itemIds = (removed?.results as { id: string }[] | undefined)?.map((r) => r.id) ?? [];
  if (!itemIds.length) return false;
  await db
    .prepare(`DELETE FROM staff_item_events WHERE site_id = ? AND item_id IN (SELECT value FROM json_each(?))`)
    .bind(site.id, JSON.stringify(itemIds))
    .run();
  for (const id of itemIds) publishQueueEvent(c.env, c.executionCtx, site.id, id, 'moved_to_community');
  return true;
}

export const routingRoutes = new Hono<AppEnv>()
  .post('/checkout/questions', validate('json', checkoutQuestion), async (c) => {
    const { text, orderRef, authorName: name, lang, timeZone } = c.req.valid('json');
    const asked = await askQuestion(c, {
      productId: CHECKOUT_PRODUCT,
      channel: 'checkout',
      orderRef,
      text,
      authorName: name,
      audience: audienceOf(c, { lang, timeZone }),
    });
    return c.json(asked, 201);
  })
  .post('/questions/:question/community', validate('param', questionParam), validate('json', z.object(audienceFields)), async (c) => {
    const { question: questionId } = c.req.valid('param');
    const site = c.get('site');
    const viewer = c.get('viewer');
    const question = await findQuestion(c.env.DB, site.id, questionId);
    if (!question || question.status === 'removed' || (question.visibility === 'private' && !isMine(viewer, question))) {
      throw new ApiError(404, 'question_not_found', 'This question does not exist.');
    }
    if (!isMine(viewer, question)) throw new ApiError(403, 'not_your_question', 'Only the person who asked can move a question.');
    if (question.visibility !== 'private') throw new ApiError(409, 'not_private', 'This question is already public.');
    if (question.channel === 'checkout') {
      throw new ApiError(409, 'checkout_question', 'Questions about an order stay with the brand\'s team.');
    }
    if ((await conversationQuestionIds(c.env.DB, site.id, [questionId])).size) {
      throw new ApiError(409, 'conversation_question', 'This question opened a live chat; it stays with the brand\'s team.');
    }
    const now = Date.now();
    if (!(await movedToCommunity(c, questionId, now))) {
      throw new ApiError(409, 'already_with_staff', 'The brand\'s team is already working on this question.');
    }
    const moved = (await findQuestion(c.env.DB, site.id, questionId))!;
    const escalateAt = escalationDeadline(site, now);
    const promise = await timePromise(c.env.DB, site, { productId: moved.productId, visibility: 'public', escalateAt }, audienceOf(c, c.req.valid('json')), now);
    const shown = publicQuestion(moved, viewer);
    if (moved.status === 'published') {
      notify(c, 'question.created', { question: shown });
      armEscalation(c.env, c.executionCtx, site.id, escalateAt);
    }
    return c.json(
      { question: shown, routing: routingNotice({ visibility: 'public', category: null, complaint: false }, 'product', promise) },
      200,
    );
  })
  .get('/me/questions', validate('query', audienceQuery), async (c) => {
    const viewer = c.get('viewer');
    if (viewer.kind === 'anonymous') return c.json({ questions: [] }, 200);
    const site = c.get('site');
    const audience = audienceOf(c, c.req.valid('query'));
    const questions = await listQuestionsBy(
      c.env.DB,
      site.id,
      { sub: viewer.kind === 'member' ? viewer.sub : null, visitorId: viewer.visitorId },
      50,
    );
    // A live chat's first message is stored as a question too; chats have their own list.
    const chats = await conversationQuestionIds(c.env.DB, site.id, questions.map((q) => q.id));
    const mine = questions.filter((q) => q.status !== 'removed' && !chats.has(q.id));
    const items = await itemsForQuestions(c.env.DB, site.id, mine.map((q) => q.id));
    const replies = await listMessages(c.env.DB, site.id, items.map((i) => i.id), true);
    const now = Date.now();
    const itemOf = new Map(items.map((i) => [i.questionId, i]));
    const shown: MyQuestion[] = mine.map((q) => {
      const item = itemOf.get(q.id);
      const itemReplies = item ? replies.filter((r) => r.itemId === item.id) : [];
      const status = !item ? null : item.status === 'resolved' ? 'resolved' : itemReplies.length ? 'answered' : 'sent';
      return {
        ...publicQuestion(q, viewer),
        visibility: q.visibility,
        channel: q.channel,
        orderRef: q.orderRef,
        staff:
          item && status
            ? {
                status,
                expected:
                  status === 'sent'
                    ? { at: item.slaDueAt, text: formatPromise(Math.max(item.slaDueAt, now), now, audience.lang, audience.timeZone).text }
                    : null,
                replies: itemReplies.map((r) => ({ id: r.id, body: r.body, staffName: r.staffName, createdAt: r.createdAt })),
              }
            : null,
      };
    });
    return c.json({ questions: shown }, 200);
  });
