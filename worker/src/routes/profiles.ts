import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import type { ProfileCard } from '../reputation-types.ts';
import { validate } from '../middleware/validate.ts';
import { ApiError } from '../middleware/errors.ts';
import { clientIp } from '../middleware/rate-limit.ts';
import { findProfileCard, recordVoteOrigin } from '../db/reputation.ts';
import { refreshReputation } from '../domain/influence.ts';
import { networkPrefix } from '../domain/reputation.ts';

const profileParam = z.object({ site: z.string(), profileId: z.string().regex(/^p_[0-9a-f]{20}$/, 'invalid_profile') });

/** The key reputation is counted under for a post's author; null for staff, anonymous or erased authors. */
export function authorKey(p: { authorSub: string | null; authorVisitor: string | null }): string | null {
  return p.authorSub ? `m:${p.authorSub}` : p.authorVisitor ? `v:${p.authorVisitor}` : null;
}

/**
 * Recounts an author's reputation after the request (a post, an acceptance, a vote): the cache
 * follows every contributing write without slowing it down; the nightly run recounts everything.
 */
export function refreshAfterWrite(c: Context<AppEnv>, author: { authorSub: string | null; authorVisitor: string | null }): void {
  const key = authorKey(author);
  if (!key) return;
  const siteId = c.get('site').id;
  c.executionCtx.waitUntil(
    refreshReputation(c.env.DB, siteId, key, Date.now()).catch((err: unknown) => console.error('reputation refresh failed', err)),
  );
}

/**
 * Notes the coarse network a helpful vote came from (an HMAC of its /24 or /48, never the
 * address), so votes from one network on one member are capped; then recounts the author.
 */
export async function afterHelpfulVote(
  c: Context<AppEnv>,
  vote: { targetType: 'answer' | 'review'; targetId: string; voter: string; helpful: boolean },
  author: { authorSub: string | null; authorVisitor: string | null },
): Promise<void> {
  const prefix = networkPrefix(c.req.header('CF-Connecting-IP') ?? clientIp(c));
  if (vote.helpful && prefix) await recordVoteOrigin(c.env.DB, c.get('site').id, vote, prefix);
  refreshAfterWrite(c, author);
}

/**
 * Public contributor profiles, `/api/v1/sites/:site/profiles/:profileId`: the small card behind an
 * author's name (level, badges, answered, accepted, reviews, member since). Members only; never
 * their ids, email or influence.
 */
export const profileRoutes = new Hono<AppEnv>().get('/profiles/:profileId', validate('param', profileParam), async (c) => {
  const profile: ProfileCard | null = await findProfileCard(c.env.DB, c.get('site').id, c.req.valid('param').profileId);
  if (!profile) throw new ApiError(404, 'profile_not_found', 'This profile does not exist.');
  return c.json({ profile }, 200);
});
