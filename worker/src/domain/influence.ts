/**
 * The influence score 1–5 per customer (staff only), and `refreshEngagement`, the recount the
 * nightly cron and the console's "Recompute" run. The formula is documented in the README
 * ("Reputation and influence"); every factor is kept so the console can say why.
 */
import type { InfluenceExplanation, InfluenceFactor } from '../reputation-types.ts';
import { loadContributions, readSettings, saveProfiles, type ProfileUpdate } from '../db/reputation.ts';
import { badgesFor, levelFor, monthStart, pointsFor } from './reputation.ts';

const DAY = 24 * 3600e3;

/** Each factor counts up to its target (share = min(1, value / target)), then by its weight; the weights add up to 1. */
export const INFLUENCE_FACTORS: Record<InfluenceFactor['key'], { weight: number; target: number }> = {
  reach: { weight: 0.2, target: 1000 },
  helpful: { weight: 0.2, target: 20 },
  accepted: { weight: 0.2, target: 10 },
  reviews: { weight: 0.15, target: 5 },
  ideas: { weight: 0.1, target: 20 },
  tenure: { weight: 0.15, target: 365 },
};

/** Each complaint filed costs 0.1, each post staff removed 0.2, together at most 0.5. */
export const COMPLAINT_PENALTY = 0.1;
export const REMOVED_PENALTY = 0.2;
export const MAX_PENALTY = 0.5;

/** What the score is computed from (one customer on one site). */
export interface InfluenceInputs {
  /** Views of the questions they answered and of their reviews. */
  views: number;
  /** Helpful votes received on answers and reviews (self-votes out, farming capped). */
  helpfulVotes: number;
  accepted: number;
  reviews: number;
  /** Ideas submitted plus the votes those ideas received. */
  ideaActivity: number;
  /** First contribution or first sign-in; null: none. */
  since: number | null;
  complaints: number;
  removed: number;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

export function influenceFor(i: InfluenceInputs, now: number): InfluenceExplanation {
  const values: Record<InfluenceFactor['key'], number> = {
    reach: i.views,
    helpful: i.helpfulVotes,
    accepted: i.accepted,
    reviews: i.reviews,
    ideas: i.ideaActivity,
    tenure: i.since === null ? 0 : Math.max(0, Math.floor((now - i.since) / DAY)),
  };
  const factors = (Object.keys(INFLUENCE_FACTORS) as InfluenceFactor['key'][]).map((key): InfluenceFactor => {
    const { weight, target } = INFLUENCE_FACTORS[key];
    return { key, value: values[key], share: round3(Math.min(1, values[key] / target)), weight, target };
  });
  const penalty = round3(Math.min(MAX_PENALTY, i.complaints * COMPLAINT_PENALTY + i.removed * REMOVED_PENALTY));
  const sum = factors.reduce((s, f) => s + f.weight * Math.min(1, f.value / f.target), 0);
  const raw = round3(Math.min(1, Math.max(0, sum - penalty)));
  return {
    factors,
    negative: { complaints: i.complaints, removed: i.removed, penalty },
    raw,
    score: Math.min(5, Math.max(1, 1 + Math.round(4 * raw))),
  };
}

/**
 * Recomputes reputation (points, level, badges, counts) and influence for every contributor of
 * a site from the source tables; what the nightly cron and the console's "Recompute" run.
 */
export async function refreshEngagement(db: D1Database, siteId: string, now: number): Promise<void> {
  await recount(db, siteId, null, true, now);
}

/**
 * Recounts one contributor's reputation after they wrote or received something (influence waits
 * for the night or the console's "Recompute"). `memberKey` is 'm:<sub>' or 'v:<visitor id>'.
 */
export async function refreshReputation(db: D1Database, siteId: string, memberKey: string, now: number): Promise<void> {
  await recount(db, siteId, memberKey, false, now);
}

/** Number of profiles written. */
async function recount(db: D1Database, siteId: string, only: string | null, influence: boolean, now: number): Promise<number> {
  const settings = await readSettings(db, siteId);
  const all = await loadContributions(db, siteId, { only, since: monthStart(now), voteCap: settings.points.voteCap });
  const updates: ProfileUpdate[] = all.map((c) => {
    const points = pointsFor(
      { answers: c.answers, accepted: c.accepted, helpfulVotes: c.helpfulVotes, reviews: c.reviews, ideasAdopted: c.ideasAdopted },
      settings.points,
    );
    const why = influence
      ? influenceFor(
          {
            views: c.views,
            helpfulVotes: c.helpfulVotes,
            accepted: c.accepted,
            reviews: c.reviews,
            ideaActivity: c.ideas + c.ideaVotesReceived,
            since: c.since,
            complaints: c.complaints,
            removed: c.removed,
          },
          now,
        )
      : null;
    return {
      ...c,
      points,
      level: levelFor(points, settings.levels).key,
      badges: badgesFor(c, { topAnswerer: c.topAnswerer, verifiedExpert: c.tokenExpert || c.role === 'expert', ambassador: c.role === 'ambassador' }),
      influence: why,
    };
  });
  await saveProfiles(db, siteId, updates, now);
  return updates.length;
}

/** The console's "Recompute": like the nightly run, for one site; returns how many profiles it wrote. */
export const recomputeSite = (db: D1Database, siteId: string, now: number): Promise<number> => recount(db, siteId, null, true, now);
