/**
 * Reputation rules: points per contribution from the site's table, levels from thresholds, and
 * badges. Pure functions over counts that db/reputation.ts recounts from the source tables, so a
 * recount always gives the same answer.
 */
import {
  LEVEL_KEYS,
  type BadgeKey,
  type LevelKey,
  type LevelSetting,
  type PointsTable,
  type ReputationSettings,
} from '../reputation-types.ts';

/**
 * The default points table (README "Reputation and influence"). An accepted answer is worth most:
 * it solved someone's problem. Helpful votes are worth little each and are capped per voter and
 * per network, so they cannot be farmed.
 */
export const DEFAULT_POINTS: PointsTable = {
  answer: 2,
  accepted: 15,
  helpfulVote: 1,
  review: 5,
  ideaAdopted: 10,
  voteCap: 3,
};

export const DEFAULT_LEVELS: LevelSetting[] = [
  { key: 'newcomer', min: 0, name: null },
  { key: 'regular', min: 25, name: null },
  { key: 'ambassador', min: 100, name: null },
];

/** Limits on what an owner may set. */
export const POINTS_MAX = 1000;
export const VOTE_CAP_MAX = 100;
export const LEVEL_NAME_MAX = 40;
export const LEVEL_MIN_MAX = 1_000_000;

/** Ten accepted answers earn "accepted_10". */
export const ACCEPTED_BADGE_AT = 10;
/** The top answerer of a product this month needs at least this many answers there. */
export const TOP_ANSWERER_MIN = 2;

/** Counts one member's points are made of (votes already capped and without self-votes). */
export interface ContributionCounts {
  answers: number;
  accepted: number;
  helpfulVotes: number;
  reviews: number;
  ideasAdopted: number;
}

export function pointsFor(c: ContributionCounts, t: PointsTable): number {
  return (
    c.answers * t.answer + c.accepted * t.accepted + c.helpfulVotes * t.helpfulVote + c.reviews * t.review + c.ideasAdopted * t.ideaAdopted
  );
}

/** The highest level whose threshold the points reach. */
export function levelFor(points: number, levels: LevelSetting[]): LevelSetting {
  let reached = levels[0] ?? DEFAULT_LEVELS[0]!;
  for (const l of levels) if (points >= l.min) reached = l;
  return reached;
}

export function badgesFor(
  c: { answers: number; accepted: number },
  f: { topAnswerer: boolean; verifiedExpert: boolean; ambassador: boolean },
): BadgeKey[] {
  const badges: BadgeKey[] = [];
  if (f.verifiedExpert) badges.push('verified_expert');
  if (f.ambassador) badges.push('ambassador');
  if (f.topAnswerer) badges.push('top_answerer');
  if (c.accepted >= ACCEPTED_BADGE_AT) badges.push('accepted_10');
  if (c.answers >= 1) badges.push('first_answer');
  return badges;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function parseJson(json: string | null): unknown {
  try {
    return json ? (JSON.parse(json) as unknown) : null;
  } catch {
    return null;
  }
}

/** The site's points table: stored overrides on the defaults (anything malformed falls back). */
export function parsePoints(json: string | null): PointsTable {
  const stored = parseJson(json);
  const table = { ...DEFAULT_POINTS };
  if (isRecord(stored)) {
    for (const key of Object.keys(DEFAULT_POINTS) as (keyof PointsTable)[]) {
      const v = stored[key];
      if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= (key === 'voteCap' ? VOTE_CAP_MAX : POINTS_MAX)) table[key] = v;
    }
  }
  if (table.voteCap < 1) table.voteCap = 1;
  return table;
}

/** The site's levels, always the three keys in order, the first from 0. */
export function parseLevels(json: string | null): LevelSetting[] {
  const stored = parseJson(json);
  const byKey = new Map<string, Record<string, unknown>>();
  if (Array.isArray(stored)) for (const l of stored) if (isRecord(l) && typeof l.key === 'string') byKey.set(l.key, l);
  return DEFAULT_LEVELS.map((d, i) => {
    const s = byKey.get(d.key);
    const min = i === 0 ? 0 : typeof s?.min === 'number' && Number.isInteger(s.min) && s.min >= 0 ? s.min : d.min;
    const name = typeof s?.name === 'string' && s.name.trim() ? s.name.trim().slice(0, LEVEL_NAME_MAX) : null;
    return { key: d.key, min, name };
  });
}

/** Levels an owner sent are valid when they are the three keys, in order, with rising thresholds from 0. */
export function validLevels(levels: LevelSetting[]): boolean {
  return (
    levels.length === LEVEL_KEYS.length &&
    levels.every((l, i) => l.key === LEVEL_KEYS[i] && (i === 0 ? l.min === 0 : l.min > (levels[i - 1]?.min ?? 0)))
  );
}

export function parseSettings(pointsJson: string | null, levelsJson: string | null): ReputationSettings {
  return { points: parsePoints(pointsJson), levels: parseLevels(levelsJson) };
}

export function levelName(levels: LevelSetting[], key: LevelKey): string | null {
  return levels.find((l) => l.key === key)?.name ?? null;
}

/** The first moment of the UTC calendar month `now` is in ("this month" for top answerers). */
export function monthStart(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/**
 * The coarse network a vote came from: the /24 of an IPv4 address, the /48 of an IPv6 address
 * (what one home or office usually has). Null for anything else (no address known locally).
 * Only an HMAC of this is ever stored.
 */
export function networkPrefix(ip: string | undefined): string | null {
  if (!ip) return null;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (v4) return v4.slice(1).every((p) => Number(p) <= 255) ? `4:${v4[1]}.${v4[2]}.${v4[3]}` : null;
  if (!/^[0-9a-fA-F:]+$/.test(ip) || !ip.includes(':')) return null;
  const [head = '', tail] = ip.split('::');
  if (ip.split('::').length > 2) return null;
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? left.length !== 8 : missing < 1) return null;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  return `6:${groups.slice(0, 3).map((g) => parseInt(g, 16).toString(16)).join(':')}`;
}
