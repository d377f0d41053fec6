import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { validate } from '../middleware/validate.ts';
import { ApiError } from '../middleware/errors.ts';
import { enforceRateLimit } from '../middleware/rate-limit.ts';
import { limits } from '../domain/input-errors.ts';
import { decodeCursor, encodeCursor } from '../domain/cursor.ts';
import { authorshipOf, isMine, voterKey } from '../domain/viewer.ts';
import { publicAnswer, publicQuestion } from '../domain/public-posts.ts';
import { notify } from '../domain/community-events.ts';
import { askQuestion, audienceFields, audienceOf, memberRefresh, screen } from './ask.ts';
import { notHelpedAnswers, setAcceptedAnswer, votedHelpful } from '../db/community.ts';
import {
  findAnswer,
  findQuestion,
  insertAnswer,
  listAnswers,
  listQuestions,
} from '../db/questions.ts';
import { countQuestionView, publicReputations } from '../db/reputation.ts';
import { refreshAfterWrite } from './profiles.ts';

export const productId = z.string().regex(/^[\w.:/-]{1,128}$/, 'invalid_product');
export const productParam = z.object({ site: z.string(), product: productId });
export const questionParam = z.object({ site: z.string(), question: z.uuid('invalid_input') });

/** Display names are optional; blank means anonymous. Identified members always post under the shop's name for them. */
export const authorName = z
  .string()
  .trim()
  .max(limits.authorName.max, 'name_too_long')
  .nullable()
  .optional()
  .transform((s) => (s ? s : null));

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(limits.pageSize.max).default(limits.pageSize.default),
  cursor: z.string().max(200).optional(),
});

export const questionText = z
  .string('question_too_short')
  .trim()
  .min(limits.question.min, 'question_too_short')
  .max(limits.question.max, 'question_too_long');

const newQuestion = z.object({ text: questionText, authorName, ...audienceFields });

const newAnswer = z.object({
  text: z.string('answer_too_short').trim().min(limits.answer.min, 'answer_too_short').max(limits.answer.max, 'answer_too_long'),
  authorName,
});

const acceptBody = z.object({ answerId: z.uuid('invalid_input').nullable() });

export async function questionOf(c: Context<AppEnv>, questionId: string) {
  const question = await findQuestion(c.env.DB, c.get('site').id, questionId);
  // A private question exists only for its asker (and staff, in the console).
  if (!question || question.status === 'removed' || (question.visibility === 'private' && !isMine(c.get('viewer'), question))) {
    throw new ApiError(404, 'question_not_found', 'This question does not exist.');
  }
  return question;
}

/** Product questions and answers: `/api/v1/sites/:site/…`. */
export const questionRoutes = new Hono<AppEnv>()
  .get('/products/:product/questions', validate('param', productParam), validate('query', listQuery), async (c) => {
    const { product } = c.req.valid('param');
    const { limit, cursor } = c.req.valid('query');
    const after = cursor === undefined ? null : decodeCursor(cursor);
    if (cursor !== undefined && !after) throw new ApiError(400, 'invalid_cursor', 'The page cursor is not valid.');
    const page = await listQuestions(c.env.DB, c.get('site').id, product, limit, after);
    const viewer = c.get('viewer');
    return c.json(
      {
        questions: page.questions.map((q) => publicQuestion(q, viewer)),
        nextCursor: page.next ? encodeCursor(page.next) : null,
      },
      200,
    );
  })
  .post('/products/:product/questions', validate('param', productParam), validate('json', newQuestion), async (c) => {
    const { product } = c.req.valid('param');
    const { text, authorName, lang, timeZone } = c.req.valid('json');
    const asked = await askQuestion(c, {
      productId: product,
      channel: 'product',
      orderRef: null,
      text,
      authorName,
      audience: audienceOf(c, { lang, timeZone }),
    });
    return c.json(asked, 201);
  })
  .get('/questions/:question/answers', validate('param', questionParam), async (c) => {
    const { question: questionId } = c.req.valid('param');
    const question = await questionOf(c, questionId);
    const viewer = c.get('viewer');
    const siteId = c.get('site').id;
    const answers = await listAnswers(c.env.DB, siteId, questionId);
    const voter = voterKey(viewer);
    const [voted, notHelped, reputations] = await Promise.all([
      voter ? votedHelpful(c.env.DB, siteId, voter, answers.map((a) => a.id)) : Promise.resolve(new Set<string>()),
      isMine(viewer, question) ? notHelpedAnswers(c.env.DB, siteId, questionId) : Promise.resolve(new Set<string>()),
      publicReputations(c.env.DB, siteId, answers.flatMap((a) => (a.authorSub && !a.authorErased ? [a.authorSub] : []))),
    ]);
    // Reach for the influence score: the answers were seen once more.
    c.executionCtx.waitUntil(countQuestionView(c.env.DB, siteId, questionId).catch((err: unknown) => console.error('view count failed', err)));
    const ctx = { acceptedAnswerId: question.acceptedAnswerId, votedHelpful: voted, didNotHelp: notHelped };
    return c.json(
      {
        answers: answers.map((a) => {
          const reputation = a.authorSub ? reputations.get(a.authorSub) : undefined;
          return reputation ? { ...publicAnswer(a, viewer, ctx), reputation } : publicAnswer(a, viewer, ctx);
        }),
      },
      200,
    );
  })
  .post('/questions/:question/answers', validate('param', questionParam), validate('json', newAnswer), async (c) => {
    const { question: questionId } = c.req.valid('param');
    const { text, authorName } = c.req.valid('json');
    const question = await questionOf(c, questionId);
    if (question.visibility === 'private') throw new ApiError(409, 'private_question', 'This question went privately to the brand\'s team.');
    await enforceRateLimit(c, 'answer');
    const now = Date.now();
    const viewer = c.get('viewer');
    const id = crypto.randomUUID();
    const screened = screen(c, text, 'answer', id, now);
    const answer = await insertAnswer(
      c.env.DB,
      c.get('site').id,
      { id, questionId, body: screened.body, status: screened.status, createdAt: now, ...authorshipOf(viewer, authorName) },
      [...memberRefresh(c, now), ...screened.audit],
    );
    const shown = publicAnswer(answer, viewer);
    refreshAfterWrite(c, answer);
    if (screened.status === 'published') {
      notify(c, 'answer.created', { answer: shown, question: publicQuestion(question, viewer) });
    }
    return c.json({ answer: shown, notice: screened.notice }, 201);
  })
  .post('/questions/:question/accept', validate('param', questionParam), validate('json', acceptBody), async (c) => {
    const { question: questionId } = c.req.valid('param');
    const { answerId } = c.req.valid('json');
    const question = await questionOf(c, questionId);
    if (!isMine(c.get('viewer'), question)) {
      throw new ApiError(403, 'not_your_question', 'Only the person who asked can accept an answer.');
    }
    await enforceRateLimit(c, 'vote');
    if (answerId) {
      const answer = await findAnswer(c.env.DB, c.get('site').id, answerId);
      if (!answer || answer.questionId !== questionId || answer.status !== 'published') {
        throw new ApiError(404, 'answer_not_found', 'This answer does not exist.');
      }
    }
    const before = question.acceptedAnswerId ? await findAnswer(c.env.DB, c.get('site').id, question.acceptedAnswerId) : null;
    await setAcceptedAnswer(c.env.DB, c.get('site').id, questionId, answerId);
    // Acceptance moves points: to the newly accepted answer's author, away from the previous one's.
    if (answerId) {
      const accepted = await findAnswer(c.env.DB, c.get('site').id, answerId);
      if (accepted) refreshAfterWrite(c, accepted);
    }
    if (before && before.id !== answerId) refreshAfterWrite(c, before);
    return c.json({ acceptedAnswerId: answerId }, 200);
  });
