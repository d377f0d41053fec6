import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import type { Suggestion } from '../api-types.ts';
import { validate } from '../middleware/validate.ts';
import { ApiError } from '../middleware/errors.ts';
import { ftsQuery } from '../domain/search.ts';
import { publicQuestion } from '../domain/public-posts.ts';
import { countDeflectionEvent } from '../db/community.ts';
import { searchQuestions } from '../db/questions.ts';
import { productParam } from './questions.ts';

const searchQuery = z.object({ q: z.string().max(500, 'invalid_input') });
const deflectionEvent = z.object({
  kind: z.enum(['suggestions_shown', 'suggestion_opened', 'question_posted', 'deflected', 'abandoned'], 'invalid_event'),
});

/** First line of an answer, short enough for a suggestion list. */
const firstLine = (s: string | null) => (s === null ? null : (s.split('\n')[0] ?? '').slice(0, 160));

/**
 * Search-before-ask (`suggestions`: up to 5 answered questions, this product first, then the
 * site), the Questions tab's search box (`search`: this product's questions and answers), and
 * the deflection funnel the widget reports (counts only, no personal data).
 */
export const searchRoutes = new Hono<AppEnv>()
  .get('/products/:product/suggestions', validate('param', productParam), validate('query', searchQuery), async (c) => {
    const { product } = c.req.valid('param');
    const match = ftsQuery(c.req.valid('query').q);
    if (!match) return c.json({ suggestions: [] satisfies Suggestion[] }, 200);
    const rows = await searchQuestions(c.env.DB, c.get('site').id, match, {
      productId: product,
      onlyProduct: false,
      onlyAnswered: true,
      limit: 5,
    });
    const viewer = c.get('viewer');
    const suggestions: Suggestion[] = rows.map((r) => ({ ...publicQuestion(r, viewer), topAnswer: firstLine(r.topAnswer) }));
    return c.json({ suggestions }, 200);
  })
  .get('/products/:product/search', validate('param', productParam), validate('query', searchQuery), async (c) => {
    const { product } = c.req.valid('param');
    const match = ftsQuery(c.req.valid('query').q);
    if (!match) return c.json({ questions: [] satisfies Suggestion[] }, 200);
    const rows = await searchQuestions(c.env.DB, c.get('site').id, match, {
      productId: product,
      onlyProduct: true,
      onlyAnswered: false,
      limit: 20,
    });
    const viewer = c.get('viewer');
    return c.json({ questions: rows.map((r) => ({ ...publicQuestion(r, viewer), topAnswer: firstLine(r.topAnswer) })) }, 200);
  })
  .post('/products/:product/deflection', validate('param', productParam), async (c) => {
    // Sent as text/plain with keepalive when the page is left, so it needs no preflight: parse it here.
    const raw = await c.req.text();
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new ApiError(400, 'invalid_event', 'Unknown event.');
    }
    const parsed = deflectionEvent.safeParse(json);
    if (!parsed.success) throw new ApiError(400, 'invalid_event', 'Unknown event.');
    await countDeflectionEvent(c.env.DB, c.get('site').id, c.req.valid('param').product, parsed.data.kind, Date.now());
    return c.body(null, 204);
  });
