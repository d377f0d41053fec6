import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { countHits, pruneHits } from '../db/rate-limits.ts';
import { actorKey, bucketsFor, type LimitedAction } from '../domain/rate-limits.ts';
import { ApiError } from './errors.ts';

const DAY = 24 * 3600e3;

/** The caller's IP as Cloudflare reports it; locally there is none, so all local calls share one. */
export const clientIp = (c: Context): string => c.req.header('CF-Connecting-IP') ?? 'local';

/** Counts one attempt of `action`; throws 429 with Retry-After when any bucket is over its limit. */
export async function enforceRateLimit(c: Context<AppEnv>, action: LimitedAction, actor?: string | null): Promise<void> {
  const site = c.get('site');
  const now = Date.now();
  const counts = await countHits(c.env.DB, site.id, bucketsFor(action, actor ?? actorKey(c.get('viewer')), clientIp(c)), now);
  const over = counts.filter((h) => h.count > h.bucket.limit);
  // Now and then, forget windows that ended a day ago; never on the request's critical path.
  if (Math.random() < 0.01) c.executionCtx.waitUntil(pruneHits(c.env.DB, site.id, now - DAY));
  if (!over.length) return;
  const retryAfter = Math.max(1, Math.ceil((Math.max(...over.map((h) => h.windowEnd)) - now) / 1000));
  throw new ApiError(429, 'rate_limited', `Too many attempts. Try again in ${retryAfter} seconds.`, {
    'Retry-After': String(retryAfter),
  });
}
