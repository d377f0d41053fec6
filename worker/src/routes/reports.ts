import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { validate } from '../middleware/validate.ts';
import { ApiError } from '../middleware/errors.ts';
import { fileReport } from '../db/community.ts';
import { findAnswer, findQuestion } from '../db/questions.ts';
import { findReview } from '../db/reviews.ts';
import { requireVoter } from './answers.ts';
import { enforceRateLimit } from '../middleware/rate-limit.ts';

const reportParam = z.object({ site: z.string(), type: z.enum(['questions', 'answers', 'reviews']), id: z.uuid('invalid_input') });
const reportBody = z.object({ reason: z.enum(['spam', 'offensive', 'off_topic', 'personal_data'], 'invalid_reason') });

/**
 * "Report" on any question, answer or review, once per reporter. At the site's threshold the item is
 * hidden pending review in the console's moderation queue.
 */
export const reportRoutes = new Hono<AppEnv>().post(
  '/:type/:id/report',
  validate('param', reportParam),
  validate('json', reportBody),
  async (c) => {
    const { type, id } = c.req.valid('param');
    const reporter = requireVoter(c);
    const site = c.get('site');
    const targetType = type === 'questions' ? 'question' : type === 'answers' ? 'answer' : 'review';
    const target =
      targetType === 'question'
        ? await findQuestion(c.env.DB, site.id, id)
        : targetType === 'answer'
          ? await findAnswer(c.env.DB, site.id, id)
          : await findReview(c.env.DB, site.id, id);
    if (!target || target.status !== 'published' || ('visibility' in target && target.visibility === 'private')) throw new ApiError(404, `${targetType}_not_found`, 'Nothing to report here.');
    await enforceRateLimit(c, 'vote');
    const result = await fileReport(
      c.env.DB,
      site.id,
      { targetType, targetId: id, reporter, reason: c.req.valid('json').reason },
      site.reportThreshold,
      Date.now(),
    );
    return c.json({ reported: true, hidden: result.hidden }, 200);
  },
);
