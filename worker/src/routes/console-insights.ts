import { Hono } from 'hono';
import { z } from 'zod';
import { ApiError } from '../middleware/errors.ts';
import { staffSession, type ConsoleEnv } from '../middleware/staff-session.ts';
import { validate } from '../middleware/validate.ts';
import { inputErrorMessages } from '../domain/input-errors.ts';
import { MAX_PERIOD_DAYS, buildReport, defaultPeriod, parseDay } from '../domain/insights.ts';
import { rootCauses } from '../domain/root-causes.ts';
import {
  communityFigures,
  dailyMetrics,
  personalQuestionTexts,
  productDeflection,
  productExists,
  questionsByIds,
  siteProducts,
  staffFigures,
  topContributors,
  topProblemProducts,
  type InsightsScope,
} from '../db/insights.ts';
import type { InsightsReport } from '../insights-types.ts';

const day = z.string('invalid_date').refine((s) => parseDay(s) !== null, 'invalid_date');
const reportQuery = z
  .object({
    from: day.optional(),
    to: day.optional(),
    product: z.string().regex(/^[\w.:/-]{1,128}$/, 'invalid_product').optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || (parseDay(q.from) ?? 0) <= (parseDay(q.to) ?? 0), 'invalid_period')
  .refine(
    (q) => q.from === undefined || q.to === undefined || (parseDay(q.to) ?? 0) - (parseDay(q.from) ?? 0) + 1 <= MAX_PERIOD_DAYS,
    'period_too_long',
  );

const topicQuery = z.object({
  ids: z
    .string('invalid_input')
    .transform((s) => [...new Set(s.split(',').filter(Boolean))])
    .refine((ids) => ids.length >= 1 && ids.length <= 100 && ids.every((id) => /^[\w-]{1,64}$/.test(id)), 'invalid_input'),
});

/**
 * The site owner's analytics, `/api/v1/console/insights…`, for any signed-in staff member of the
 * session's site: the report for a period of UTC days (default: the last 30 days; one end given
 * alone extends 30 days from it) and optionally one product, and the products to pick from.
 */
export const consoleInsightRoutes = new Hono<ConsoleEnv>()
  .get('/insights/products', staffSession, async (c) => {
    const products = await siteProducts(c.env.DB, c.get('staff').siteId);
    return c.json({ products }, 200);
  })
  // The questions behind a root-cause topic (its `questionIds`); ids of other sites simply find nothing.
  .get('/insights/questions', staffSession, validate('query', topicQuery), async (c) => {
    const questions = await questionsByIds(c.env.DB, c.get('staff').siteId, c.req.valid('query').ids);
    return c.json({ questions }, 200);
  })
  .get('/insights', staffSession, validate('query', reportQuery), async (c) => {
    const started = Date.now();
    const q = c.req.valid('query');
    const fallback = defaultPeriod(started);
    let fromDay = q.from === undefined ? null : parseDay(q.from);
    let toDay = q.to === undefined ? null : parseDay(q.to);
    if (fromDay === null && toDay === null) ({ fromDay, toDay } = fallback);
    else if (fromDay === null) fromDay = (toDay ?? fallback.toDay) - 29;
    else if (toDay === null) toDay = fromDay + 29;
    if (fromDay === null || toDay === null) throw new ApiError(400, 'invalid_date', inputErrorMessages.invalid_date);

    const siteId = c.get('staff').siteId;
    const productId = q.product ?? null;
    const db = c.env.DB;
    if (productId !== null && !(await productExists(db, siteId, productId))) {
      throw new ApiError(400, 'unknown_product', inputErrorMessages.unknown_product);
    }
    const scope: InsightsScope = { siteId, productId, fromDay, toDay };
    const [metrics, deflection, community, staff, topProducts, texts, contributors] = await Promise.all([
      dailyMetrics(db, scope),
      productId === null ? Promise.resolve([]) : productDeflection(db, { ...scope, productId }),
      communityFigures(db, scope),
      staffFigures(db, scope),
      topProblemProducts(db, scope),
      personalQuestionTexts(db, scope),
      topContributors(db, scope),
    ]);
    const report: InsightsReport = buildReport({
      fromDay,
      toDay,
      productId,
      metrics: [...metrics.filter((m) => productId === null || !m.metric.startsWith('defl:')), ...deflection],
      community,
      staff,
      topProducts,
      rootCauses: rootCauses(texts),
      contributors,
      computedMs: 0,
    });
    report.computedMs = Date.now() - started;
    return c.json(report, 200);
  });
