import { Hono } from 'hono';
import { z } from 'zod';
import { validate } from '../middleware/validate.ts';
import { ApiError } from '../middleware/errors.ts';
import { staffSession, type ConsoleEnv } from '../middleware/staff-session.ts';
import { decodeCursor, encodeCursor } from '../domain/cursor.ts';
import { listRecentQuestions } from '../db/staff.ts';
import type { ConsoleQuestion, ConsoleQuestionPage } from './console-types.ts';

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().max(200).optional(),
});

/** The site's questions for staff (owners and agents): `/api/v1/console/questions`. */
export const consoleQuestionRoutes = new Hono<ConsoleEnv>().get(
  '/questions',
  staffSession,
  validate('query', listQuery),
  async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const after = cursor === undefined ? null : decodeCursor(cursor);
    if (cursor !== undefined && !after) throw new ApiError(400, 'invalid_cursor', 'The page cursor is not valid.');
    const page = await listRecentQuestions(c.env.DB, c.get('staff').siteId, limit, after);
    const body: ConsoleQuestionPage = {
      questions: page.questions.map(
        (q): ConsoleQuestion => ({
          id: q.id,
          productId: q.productId,
          body: q.body,
          answerCount: q.answerCount,
          createdAt: q.createdAt,
          authorName: q.authorName,
          authorRole: q.authorRole,
          authorSub: q.authorSub,
          formerMember: q.formerMember,
        }),
      ),
      nextCursor: page.next ? encodeCursor(page.next) : null,
    };
    return c.json(body, 200);
  },
);
