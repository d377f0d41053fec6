import { Hono } from 'hono';
import { z } from 'zod';
import { validate } from '../middleware/validate.ts';
import { ApiError } from '../middleware/errors.ts';
import { ownerOnly, staffSession, type ConsoleEnv } from '../middleware/staff-session.ts';
import { eraseMember, findMember } from '../db/members.ts';
import { listAnswersBy, listQuestionsBy } from '../db/questions.ts';
import { findSite } from '../db/sites.ts';
import type { ShopperExport } from './console-types.ts';

/** The shop's own customer id, as its tokens carry it in `sub`. */
const subParam = z.object({ sub: z.string().min(1).max(128) });

const shopperNotFound = () =>
  new ApiError(404, 'shopper_not_found', 'Samen holds no data for this shopper id on your site.');

/** Everything the site holds about one member: their row, questions and answers. */
async function shopperData(db: D1Database, siteId: string, sub: string) {
  const [member, questions, answers] = await Promise.all([
    findMember(db, siteId, sub),
    listQuestionsBy(db, siteId, { sub, visitorId: null }, 10_000),
    listAnswersBy(db, siteId, sub),
  ]);
  return { member, questions, answers, found: member !== null || questions.length > 0 || answers.length > 0 };
}

/**
 * A shopper's data rights, exercised by the site owner on their behalf (a request by email,
 * say): `/api/v1/console/shoppers/:sub…`. Owners only; scoped to the session's site.
 */
export const consoleShopperRoutes = new Hono<ConsoleEnv>()
  .get('/shoppers/:sub/export', staffSession, ownerOnly, validate('param', subParam), async (c) => {
    const { sub } = c.req.valid('param');
    const siteId = c.get('staff').siteId;
    const data = await shopperData(c.env.DB, siteId, sub);
    if (!data.found) throw shopperNotFound();
    const body: ShopperExport = {
      exportedAt: Date.now(),
      site: siteId,
      member: data.member,
      questions: data.questions.map((q) => ({
        id: q.id,
        productId: q.productId,
        body: q.body,
        authorName: q.authorName,
        answerCount: q.answerCount,
        createdAt: q.createdAt,
      })),
      answers: data.answers.map((a) => ({
        id: a.id,
        questionId: a.questionId,
        body: a.body,
        authorName: a.authorName,
        createdAt: a.createdAt,
      })),
    };
    // The file name holds no part of the sub: it is the shop's data and could hold any character.
    return c.json(body, 200, { 'Content-Disposition': `attachment; filename="samen-${siteId}-shopper-export.json"` });
  })
  .delete('/shoppers/:sub', staffSession, ownerOnly, validate('param', subParam), async (c) => {
    const { sub } = c.req.valid('param');
    const siteId = c.get('staff').siteId;
    const [site, data] = await Promise.all([findSite(c.env.DB, siteId), shopperData(c.env.DB, siteId, sub)]);
    if (!site) throw new ApiError(404, 'site_not_found', 'This site no longer exists.');
    if (!data.found) throw shopperNotFound();
    await eraseMember(c.env.DB, siteId, sub, site.eraseMode);
    return c.json({ erased: true, mode: site.eraseMode }, 200);
  });
