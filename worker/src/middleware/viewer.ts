import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { TokenError, verifyShopToken } from '../domain/shop-tokens.ts';
import { VISITOR_ID, type Viewer } from '../domain/viewer.ts';
import { ApiError } from './errors.ts';
import { findGrant } from '../db/reputation.ts';

export const VISITOR_HEADER = 'X-Samen-Visitor';

/**
 * Works out who calls: a member from a shop-signed Bearer token (verified against the site's
 * secret), else an anonymous visitor id, else nobody in particular. A bad token is refused with
 * 401 and a precise code; the widget then carries on anonymously.
 */
export const viewerFromRequest = createMiddleware<AppEnv>(async (c, next) => {
  const site = c.get('site');
  const visitorHeader = c.req.header(VISITOR_HEADER);
  if (visitorHeader !== undefined && !VISITOR_ID.test(visitorHeader)) {
    throw new ApiError(400, 'invalid_visitor', 'The visitor id is not valid.');
  }
  const visitorId = visitorHeader ?? null;
  const authorization = c.req.header('Authorization');
  let viewer: Viewer = visitorId ? { kind: 'visitor', visitorId } : { kind: 'anonymous', visitorId: null };
  if (authorization !== undefined) {
    const match = /^Bearer (\S+)$/.exec(authorization);
    if (!match?.[1]) throw new ApiError(401, 'token_malformed', 'Use “Authorization: Bearer <token>”.');
    try {
      const identity = await verifyShopToken(match[1], site.id, site.tokenSecret);
      viewer = { kind: 'member', visitorId, ...identity };
      // What the owner granted in the console adds to the token: the role, and the products it covers.
      const grant = await findGrant(c.env.DB, site.id, identity.sub);
      if (grant) {
        const products = [...new Set([...identity.products, ...grant.products])];
        viewer =
          grant.role === 'expert' || identity.role === 'expert'
            ? { ...viewer, role: 'expert', tokenRole: identity.role, products }
            : { ...viewer, ambassador: true, products };
      }
    } catch (err) {
      if (err instanceof TokenError) throw new ApiError(401, err.code, err.message);
      throw err;
    }
  }
  c.set('viewer', viewer);
  await next();
});
