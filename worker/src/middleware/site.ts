import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { findSite } from '../db/sites.ts';
import { ApiError } from './errors.ts';

const SITE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const ALLOWED_HEADERS = 'Content-Type, Authorization, X-Samen-Visitor, X-File-Name';

/**
 * Resolves `:site` from the URL and decides whether the calling page may use it.
 * Origins are compared as exact strings: no suffix, case or wildcard matching, so
 * `https://evil-demo.example` never passes for `https://demo.example`.
 * Requests without an Origin header (server-to-server, same-origin GET) are allowed;
 * a browser always sends one on cross-origin calls.
 */
export const siteFromPath = createMiddleware<AppEnv>(async (c, next) => {
  const siteId = c.req.param('site') ?? '';
  if (!SITE_ID.test(siteId)) throw new ApiError(404, 'site_not_found', 'This site is not registered with Samen.');
  const site = await findSite(c.env.DB, siteId);
  if (!site) throw new ApiError(404, 'site_not_found', 'This site is not registered with Samen.');

  const origin = c.req.header('Origin');
  if (origin !== undefined && !site.origins.includes(origin)) {
    throw new ApiError(403, 'origin_not_allowed', 'Samen is not enabled for this website.');
  }
  c.set('site', site);

  if (c.req.method === 'OPTIONS') {
    const headers: Record<string, string> = {
      'Access-Control-Allow-Methods': ALLOWED_METHODS,
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    };
    if (origin !== undefined) headers['Access-Control-Allow-Origin'] = origin;
    return new Response(null, { status: 204, headers });
  }
  await next();
  if (origin !== undefined) {
    c.res.headers.set('Access-Control-Allow-Origin', origin);
    c.res.headers.append('Vary', 'Origin');
  }
});
