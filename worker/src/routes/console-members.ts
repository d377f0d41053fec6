import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { validate } from '../middleware/validate.ts';
import { ApiError } from '../middleware/errors.ts';
import { ownerOnly, staffSession, type ConsoleEnv } from '../middleware/staff-session.ts';
import { LEVEL_KEYS, type CommunityMember, type ReputationSettings } from '../reputation-types.ts';
import { LEVEL_MIN_MAX, LEVEL_NAME_MAX, POINTS_MAX, VOTE_CAP_MAX, validLevels } from '../domain/reputation.ts';
import { recomputeSite, refreshReputation } from '../domain/influence.ts';
import { findCommunityMember, grantRole, listCommunity, readSettings, writeSettings } from '../db/reputation.ts';

const MEMBER_PAGE = 200;

const memberParam = z.object({ profileId: z.string().regex(/^p_[0-9a-f]{20}$/, 'invalid_profile') });
const listQuery = z.object({ sort: z.enum(['points', 'influence'], 'invalid_member_sort').default('points') });
const roleBody = z.object({
  role: z.enum(['shopper', 'ambassador', 'expert'], 'invalid_member_role'),
  products: z
    .array(z.string('invalid_products').regex(/^[\w.:/-]{1,128}$/, 'invalid_products'), 'invalid_products')
    .max(500, 'invalid_products')
    .default([])
    .transform((p) => [...new Set(p)]),
});
const points = z.number('invalid_points').int('invalid_points').min(0, 'invalid_points').max(POINTS_MAX, 'invalid_points');
const settingsBody = z
  .object({
    points: z
      .object(
        {
          answer: points,
          accepted: points,
          helpfulVote: points,
          review: points,
          ideaAdopted: points,
          voteCap: z.number('invalid_points').int('invalid_points').min(1, 'invalid_points').max(VOTE_CAP_MAX, 'invalid_points'),
        },
        'invalid_points',
      )
      .optional(),
    levels: z
      .array(
        z.object(
          {
            key: z.enum(LEVEL_KEYS, 'invalid_levels'),
            min: z.number('invalid_levels').int('invalid_levels').min(0, 'invalid_levels').max(LEVEL_MIN_MAX, 'invalid_levels'),
            name: z
              .string('invalid_levels')
              .trim()
              .max(LEVEL_NAME_MAX, 'invalid_levels')
              .nullable()
              .transform((n) => n || null),
          },
          'invalid_levels',
        ),
        'invalid_levels',
      )
      .refine(validLevels, 'invalid_levels')
      .optional(),
  })
  .refine((s) => s.points !== undefined || s.levels !== undefined, 'nothing_to_change');

async function memberOf(c: Context<ConsoleEnv>, profileId: string) {
  const found = await findCommunityMember(c.env.DB, c.get('staff').siteId, profileId);
  if (!found) throw new ApiError(404, 'member_not_found', 'This member does not exist.');
  return found;
}

/**
 * The community's members, `/api/v1/console/…`: reputation and influence (any staff may read),
 * promotion to ambassador or expert for chosen products, the points table and level names, and
 * "Recompute" (owners only). Every row is scoped by the session's site; another site's member is 404.
 */
export const consoleMemberRoutes = new Hono<ConsoleEnv>()
  .get('/members', staffSession, validate('query', listQuery), async (c) => {
    const members: CommunityMember[] = await listCommunity(c.env.DB, c.get('staff').siteId, {
      sort: c.req.valid('query').sort,
      limit: MEMBER_PAGE,
    });
    return c.json({ members }, 200);
  })
  .post('/members/recompute', staffSession, ownerOnly, async (c) => {
    const profiles = await recomputeSite(c.env.DB, c.get('staff').siteId, Date.now());
    return c.json({ profiles }, 200);
  })
  .get('/members/:profileId', staffSession, validate('param', memberParam), async (c) => {
    const { member } = await memberOf(c, c.req.valid('param').profileId);
    return c.json({ member }, 200);
  })
  .put('/members/:profileId/role', staffSession, ownerOnly, validate('param', memberParam), validate('json', roleBody), async (c) => {
    const siteId = c.get('staff').siteId;
    const { memberKey } = await memberOf(c, c.req.valid('param').profileId);
    // Only people the shop identified can be promoted: a visitor id is no one the brand can vouch for.
    if (!memberKey.startsWith('m:')) {
      throw new ApiError(409, 'not_a_member', 'Only shoppers signed in through the shop can be promoted.');
    }
    const grant = c.req.valid('json');
    const now = Date.now();
    await grantRole(c.env.DB, siteId, memberKey, { ...grant, by: `staff:${c.get('staff').staffId}` }, now);
    // Badges (verified expert, ambassador) follow the role at once.
    await refreshReputation(c.env.DB, siteId, memberKey, now);
    const { member } = await memberOf(c, c.req.valid('param').profileId);
    return c.json({ member }, 200);
  })
  .get('/reputation/settings', staffSession, async (c) => {
    const settings: ReputationSettings = await readSettings(c.env.DB, c.get('staff').siteId);
    return c.json({ settings }, 200);
  })
  .put('/reputation/settings', staffSession, ownerOnly, validate('json', settingsBody), async (c) => {
    const siteId = c.get('staff').siteId;
    const change = c.req.valid('json');
    const current = await readSettings(c.env.DB, siteId);
    const settings: ReputationSettings = { points: change.points ?? current.points, levels: change.levels ?? current.levels };
    await writeSettings(c.env.DB, siteId, settings);
    // New points and thresholds apply to everyone now, not tomorrow night.
    await recomputeSite(c.env.DB, siteId, Date.now());
    return c.json({ settings }, 200);
  });
