import { Hono } from 'hono';
import { z } from 'zod';
import { validate } from '../middleware/validate.ts';
import { ApiError } from '../middleware/errors.ts';
import { ownerOnly, staffSession, type ConsoleEnv } from '../middleware/staff-session.ts';
import { eraseMember } from '../db/members.ts';
import { findSite } from '../db/sites.ts';
import { shopperExport } from '../domain/shopper-export.ts';

/** The shop's own customer id, as its tokens carry it in `sub`. */
const subParam = z.object({ sub: z.string().min(1).max(128) });

const shopperNotFound = () =>
  new ApiError(404, 'shopper_not_found', 'Samen holds no data for this shopper id on your site.');

/**
 * A shopper's data rights, exercised by the site owner on their behalf (a request by email,
 * say): `/api/v1/console/shoppers/:sub…`. Owners only; scoped to the session's site.
 */
export const consoleShopperRoutes = new Hono<ConsoleEnv>()
  .get('/shoppers/:sub/export', staffSession, ownerOnly, validate('param', subParam), async (c) => {
    const { sub } = c.req.valid('param');
    const siteId = c.get('staff').siteId;
    const { data, found } = await shopperExport(c.env.DB, siteId, sub);
    if (!found) throw shopperNotFound();
    // The file name holds no part of the sub: it is the shop's data and could hold any character.
    return c.json(data, 200, { 'Content-Disposition': `attachment; filename="samen-${siteId}-shopper-export.json"` });
  })
  .delete('/shoppers/:sub', staffSession, ownerOnly, validate('param', subParam), async (c) => {
    const { sub } = c.req.valid('param');
    const siteId = c.get('staff').siteId;
    const [site, data] = await Promise.all([findSite(c.env.DB, siteId), shopperExport(c.env.DB, siteId, sub)]);
    if (!site) throw new ApiError(404, 'site_not_found', 'This site no longer exists.');
    if (!data.found) throw shopperNotFound();
    const { attachmentKeys } = await eraseMember(c.env.DB, siteId, sub, site.eraseMode);
    if (attachmentKeys.length) c.executionCtx.waitUntil(c.env.ATTACHMENTS.delete(attachmentKeys));
    return c.json({ erased: true, mode: site.eraseMode }, 200);
  });
