import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { validate } from '../middleware/validate.ts';
import { ApiError } from '../middleware/errors.ts';
import { limits } from '../domain/input-errors.ts';
import { decodeCursor, encodeCursor } from '../domain/cursor.ts';
import { findQuestion, insertAnswer, insertQuestion, listAnswers, listQuestions } from '../db/questions.ts';

const productParam = z.object({
  site: z.string(),
  product: z.string().regex(/^[\w.:/-]{1,128}$/, 'invalid_product'),
});
const questionParam = z.object({ site: z.string(), question: z.uuid('invalid_input') });

/** Display names are optional; blank means anonymous. */
const authorName = z
  .string()
  .trim()
  .max(limits.authorName.max, 'name_too_long')
  .optional()
  .transform((s) => (s ? s : null));

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(limits.pageSize.max).default(limits.pageSize.default),
  cursor: z.string().max(200).optional(),
});

const newQuestion = z.object({
  text: z.string('question_too_short').trim().min(limits.question.min, 'question_too_short').max(limits.question.max, 'question_too_long'),
  authorName,
});

const newAnswer = z.object({
  text: z.string('answer_too_short').trim().min(limits.answer.min, 'answer_too_short').max(limits.answer.max, 'answer_too_long'),
  authorName,
});

/** Product questions and answers: `/api/v1/sites/:site/…`. */
export const questionRoutes = new Hono<AppEnv>()
  .get('/products/:product/questions', validate('param', productParam), validate('query', listQuery), async (c) => {
    const { product } = c.req.valid('param');
    const { limit, cursor } = c.req.valid('query');
    const after = cursor === undefined ? null : decodeCursor(cursor);
    if (cursor !== undefined && !after) throw new ApiError(400, 'invalid_cursor', 'The page cursor is not valid.');
    const page = await listQuestions(c.env.DB, c.get('site').id, product, limit, after);
    return c.json({ questions: page.questions, nextCursor: page.next ? encodeCursor(page.next) : null }, 200);
  })
  .post('/products/:product/questions', validate('param', productParam), validate('json', newQuestion), async (c) => {
    const { product } = c.req.valid('param');
    const { text, authorName } = c.req.valid('json');
    const question = await insertQuestion(c.env.DB, c.get('site').id, {
      id: crypto.randomUUID(),
      productId: product,
      body: text,
      authorName,
      createdAt: Date.now(),
    });
    return c.json({ question }, 201);
  })
  .get('/questions/:question/answers', validate('param', questionParam), async (c) => {
    const { question: questionId } = c.req.valid('param');
    const siteId = c.get('site').id;
    const question = await findQuestion(c.env.DB, siteId, questionId);
    if (!question) throw new ApiError(404, 'question_not_found', 'This question does not exist.');
    return c.json({ answers: await listAnswers(c.env.DB, siteId, questionId) }, 200);
  })
  .post('/questions/:question/answers', validate('param', questionParam), validate('json', newAnswer), async (c) => {
    const { question: questionId } = c.req.valid('param');
    const { text, authorName } = c.req.valid('json');
    const siteId = c.get('site').id;
    const question = await findQuestion(c.env.DB, siteId, questionId);
    if (!question) throw new ApiError(404, 'question_not_found', 'This question does not exist.');
    const answer = await insertAnswer(c.env.DB, siteId, {
      id: crypto.randomUUID(),
      questionId,
      body: text,
      authorName,
      createdAt: Date.now(),
    });
    return c.json({ answer }, 201);
  });
