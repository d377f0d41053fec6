import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { validate } from '../middleware/validate.ts';
import { ApiError } from '../middleware/errors.ts';
import { isMine, voterKey } from '../domain/viewer.ts';
import { enforceRateLimit } from '../middleware/rate-limit.ts';
import { recordNotHelpful, toggleHelpful } from '../db/community.ts';
import { findAnswer, findQuestion } from '../db/questions.ts';
import { routeExistingQuestion } from '../domain/routing.ts';
import { publishQueueEvent } from '../domain/inbox.ts';
import { afterHelpfulVote } from './profiles.ts';

const answerParam = z.object({ site: z.string(), answer: z.uuid('invalid_input') });
const helpfulBody = z.object({ helpful: z.boolean('invalid_input') });

/** Votes need someone to count them for: a member or a visitor id (the widget creates one on first use). */
export function requireVoter(c: Context<AppEnv>): string {
  const voter = voterKey(c.get('viewer'));
  if (!voter) throw new ApiError(400, 'visitor_required', 'Send your visitor id (X-Samen-Visitor) or a shop token.');
  return voter;
}

async function publishedAnswer(c: Context<AppEnv>, answerId: string) {
  const answer = await findAnswer(c.env.DB, c.get('site').id, answerId);
  if (!answer || answer.status !== 'published') throw new ApiError(404, 'answer_not_found', 'This answer does not exist.');
  return answer;
}

/** Helpful votes and the asker's "this did not help": `/api/v1/sites/:site/answers/:answer/…`. */
export const answerRoutes = new Hono<AppEnv>()
  .put('/answers/:answer/helpful', validate('param', answerParam), validate('json', helpfulBody), async (c) => {
    const { answer: answerId } = c.req.valid('param');
    const voter = requireVoter(c);
    const answer = await publishedAnswer(c, answerId);
    await enforceRateLimit(c, 'vote');
    // Voting for your own answer does not count.
    if (isMine(c.get('viewer'), answer)) throw new ApiError(403, 'own_answer', 'You cannot vote for your own answer.');
    const result = await toggleHelpful(c.env.DB, c.get('site').id, answerId, voter, c.req.valid('json').helpful, Date.now());
    await afterHelpfulVote(c, { targetType: 'answer', targetId: answerId, voter, helpful: result.helpful }, answer);
    return c.json(result, 200);
  })
  .post('/answers/:answer/not-helpful', validate('param', answerParam), async (c) => {
    const { answer: answerId } = c.req.valid('param');
    const voter = requireVoter(c);
    const answer = await publishedAnswer(c, answerId);
    const question = await findQuestion(c.env.DB, c.get('site').id, answer.questionId);
    if (!question || !isMine(c.get('viewer'), question)) {
      throw new ApiError(403, 'not_your_question', 'Only the person who asked can say an answer did not help.');
    }
    await enforceRateLimit(c, 'vote');
    const now = Date.now();
    const site = c.get('site');
    await recordNotHelpful(c.env.DB, site.id, { answerId, questionId: question.id, voter }, now);
    // The community's answer did not do it: the brand's team takes over (once per question).
    if (question.visibility === 'public') {
      const itemId = await routeExistingQuestion(c.env.DB, site, question, 'not_helpful', now);
      if (itemId) publishQueueEvent(c.env, c.executionCtx, site.id, itemId, 'routed');
    }
    return c.json({ didNotHelp: true }, 200);
  });
