import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import type { Me } from '../api-types.ts';
import { ApiError } from '../middleware/errors.ts';
import { eraseMember, upsertMemberStatement } from '../db/members.ts';
import { shopperExport } from '../domain/shopper-export.ts';
import type { Viewer } from '../domain/viewer.ts';

function requireMember(viewer: Viewer) {
  if (viewer.kind !== 'member') {
    throw new ApiError(401, 'sign_in_required', 'Sign in on the shop to see and manage your data.');
  }
  return viewer;
}

/** The caller's own identity, posts and data (GDPR export and erasure): `/api/v1/sites/:site/me…`. */
export const meRoutes = new Hono<AppEnv>()
  .get('/me', (c) => {
    const v = c.get('viewer');
    const me: Me =
      v.kind === 'member'
        ? // An ambassador the owner promoted gets the expert view of open questions, like an expert.
          { kind: 'member', name: v.name, role: v.ambassador ? 'expert' : v.role, products: v.products }
        : { kind: v.kind, name: null, role: null, products: [] };
    return c.json({ me }, 200);
  })
  .get('/me/export', async (c) => {
    const viewer = requireMember(c.get('viewer'));
    const site = c.get('site');
    await upsertMemberStatement(c.env.DB, site.id, viewer, Date.now()).run();
    const { data } = await shopperExport(c.env.DB, site.id, viewer.sub);
    return c.json(data, 200, { 'Content-Disposition': `attachment; filename="samen-${site.id}-my-data.json"` });
  })
  .delete('/me', async (c) => {
    const viewer = requireMember(c.get('viewer'));
    const site = c.get('site');
    const { attachmentKeys } = await eraseMember(c.env.DB, site.id, viewer.sub, site.eraseMode);
    if (attachmentKeys.length) c.executionCtx.waitUntil(c.env.ATTACHMENTS.delete(attachmentKeys));
    return c.json({ erased: true, mode: site.eraseMode }, 200);
  });
