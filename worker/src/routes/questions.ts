import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { validate } from '../middleware/validate.ts';
import { ApiError } from '../middleware/errors.ts';
import { enforceRateLimit } from '../middleware/rate-limit.ts';
import { limits } from '../domain/input-errors.ts';
import { decodeCursor, encodeCursor } from '../domain/cursor.ts';
import { authorshipOf } from '../domain/viewer.ts';
import { publicAnswer, publicQuestion } from '../domain/public-posts.ts';
import { upsertMemberStatement } from '../db/members.ts';
import { findQuestion, insertAnswer, insertQuestion, listAnswers, listQuestions } from '../db/questions.ts';

export const productId = z.string().regex(/^[\w.:/-]{1,128}$/, 'invalid_product');
const productParam = z.object({ site: z.string(), product: productId });
const questionParam = z.object({ site: z.string(), question: z.uuid('invalid_input') });

/** Display names are optional; blank means anonymous. Identified members always post under the shop's name for them. */
const authorName = z
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

const newQuestion = z.object({
  text: z
    .string('question_too_short')
    .trim()
    .min(limits.question.min, 'question_too_short')
    .max(limits.question.max, 'question_too_long'),
  authorName,
});

const newAnswer = z.object({
  text: z.string('answer_too_short').trim().min(limits.answer.min, 'answer_too_short').max(limits.answer.max, 'answer_too_long'),
  authorName,
});

/** Writes by an identified member refresh what we know of them, in the same transaction. */
function memberRefresh(c: Context<AppEnv>, now: number): D1PreparedStatement[] {
  const viewer = c.get('viewer');
  return viewer.kind === 'member' ? [upsertMemberStatement(c.env.DB, c.get('site').id, viewer, now)] : [];
}

async function questionOf(c: Context<AppEnv>, questionId: string) {
  const question = await findQuestion(c.env.DB, c.get('site').id, questionId);
  if (!question) throw new ApiError(404, 'question_not_found', 'This question does not exist.');
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
    const { text, authorName } = c.req.valid('json');
    await enforceRateLimit(c, 'question');
    const now = Date.now();
    const viewer = c.get('viewer');
    const question = await insertQuestion(
      c.env.DB,
      c.get('site').id,
      { id: crypto.randomUUID(), productId: product, body: text, createdAt: now, ...authorshipOf(viewer, authorName) },
      memberRefresh(c, now),
    );
    return c.json({ question: publicQuestion(question, viewer) }, 201);
  })
  .get('/questions/:question/answers', validate('param', questionParam), async (c) => {
    const { question: questionId } = c.req.valid('param');
    await questionOf(c, questionId);
    const viewer = c.get('viewer');
    const answers = await listAnswers(c.env.DB, c.get('site').id, questionId);
    return c.json({ answers: answers.map((a) => publicAnswer(a, viewer)) }, 200);
  })
  .post('/questions/:question/answers', validate('param', questionParam), validate('json', newAnswer), async (c) => {
    const { question: questionId } = c.req.valid('param');
    const { text, authorName } = c.req.valid('json');
    await questionOf(c, questionId);
    await enforceRateLimit(c, 'answer');
    const now = Date.now();
    const viewer = c.get('viewer');
    const answer = await insertAnswer(
      c.env.DB,
      c.get('site').id,
      { id: crypto.randomUUID(), questionId, body: text, createdAt: now, ...authorshipOf(viewer, authorName) },
      memberRefresh(c, now),
    );
    return c.json({ answer: publicAnswer(answer, viewer) }, 201);
  });
