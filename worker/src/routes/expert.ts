import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import type { OpenQuestion } from '../api-types.ts';
import { validate } from '../middleware/validate.ts';
import { ApiError } from '../middleware/errors.ts';
import { publicQuestion } from '../domain/public-posts.ts';
import { listOpenQuestions } from '../db/questions.ts';
import { productId } from './questions.ts';

const openQuery = z.object({ product: productId.optional() });

/**
 * The expert's "Open questions": unanswered or unresolved questions on the product they are
 * looking at and on the products their token lists, longest waiting first.
 */
export const expertRoutes = new Hono<AppEnv>().get('/open-questions', validate('query', openQuery), async (c) => {
  const viewer = c.get('viewer');
  if (viewer.kind !== 'member' || (viewer.role !== 'expert' && !viewer.ambassador)) {
    throw new ApiError(403, 'experts_only', 'Open questions are for the brand’s experts.');
  }
  const { product } = c.req.valid('query');
  const products = [...new Set([...(product ? [product] : []), ...viewer.products])].slice(0, 500);
  const now = Date.now();
  const rows = products.length ? await listOpenQuestions(c.env.DB, c.get('site').id, products, 50) : [];
  const questions: OpenQuestion[] = rows.map((q) => ({ ...publicQuestion(q, viewer), waitingMs: now - q.createdAt }));
  return c.json({ questions }, 200);
});
