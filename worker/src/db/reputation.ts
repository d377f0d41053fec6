/**
 * Member profiles (reputation cache, granted roles, influence), the site's points table and
 * levels, vote origins and view counters. Every statement is scoped by site_id. Counts are always
 * recounted from the source tables (answers, questions, reviews, votes, ideas), never incremented.
 */
import type {
  BadgeKey,
  CommunityMember,
  CommunityRole,
  InfluenceExplanation,
  LevelKey,
  ProfileCard,
  PublicReputation,
  QueueInfluence,
  ReputationSettings,
} from '../reputation-types.ts';
import { BADGE_KEYS, LEVEL_KEYS } from '../reputation-types.ts';
import { TOP_ANSWERER_MIN, levelName, parseSettings } from '../domain/reputation.ts';

/** One contributor's counts, as recounted from the source tables. */
export interface Contribution {
  memberKey: string;
  name: string | null;
  /** The role the owner granted (kept across recounts). */
  role: CommunityRole;
  /** The shop's token says expert (members.role). */
  tokenExpert: boolean;
  answers: number;
  accepted: number;
  /** Helpful votes received, without self-votes and capped per voter and per network. */
  helpfulVotes: number;
  reviews: number;
  ideas: number;
  ideasAdopted: number;
  ideaVotesReceived: number;
  views: number;
  complaints: number;
  removed: number;
  since: number | null;
  topAnswerer: boolean;
}

export interface ProfileUpdate extends Contribution {
  points: number;
  level: LevelKey;
  badges: BadgeKey[];
  /** Null: leave the stored influence as it is. */
  influence: InfluenceExplanation | null;
}

interface Fragment {
  sql: string;
  args: unknown[];
}

/** `'m:' || sub` for members, `'v:' || visitor` for visitors: how votes and staff items name people. */
const keyOf = (a: string) => `CASE WHEN ${a}.author_sub IS NOT NULL THEN 'm:' || ${a}.author_sub ELSE 'v:' || ${a}.author_visitor END`;
const authored = (a: string) => `(${a}.author_sub IS NOT NULL OR ${a}.author_visitor IS NOT NULL)`;

/** Narrows a source table to one contributor (using the by-member / by-visitor indexes). */
function onlyFilter(a: string, only: string | null): Fragment {
  if (!only) return { sql: '', args: [] };
  const id = only.slice(2);
  return only.startsWith('m:')
    ? { sql: ` AND ${a}.author_sub = ?`, args: [id] }
    : { sql: ` AND ${a}.author_sub IS NULL AND ${a}.author_visitor = ?`, args: [id] };
}

interface CountRow {
  k: string;
  n1: number | null;
  n2: number | null;
  n3: number | null;
  n4: number | null;
  first_at: number | null;
  name: string | null;
}

/**
 * Recounts every contributor of a site (or only `only`): answers, accepted answers (not on their
 * own question), capped helpful votes, reviews, ideas, views, complaints, removed posts, and who
 * was the top answerer of a product since `since` (this month).
 */
export async function loadContributions(
  db: D1Database,
  siteId: string,
  { only, since, voteCap }: { only: string | null; since: number; voteCap: number },
): Promise<Contribution[]> {
  const fa = onlyFilter('a', only);
  const fr = onlyFilter('r', only);
  const fq = onlyFilter('q', only);
  const fi = onlyFilter('i', only);
  const notStaff = `coalesce(a.author_role, '') <> 'staff'`;
  const askerKey = `CASE WHEN q.author_sub IS NOT NULL THEN 'm:' || q.author_sub WHEN q.author_visitor IS NOT NULL THEN 'v:' || q.author_visitor ELSE '' END`;
  const stmt = (sql: string, args: unknown[]) => db.prepare(sql).bind(...args);

  const answers = stmt(
    `SELECT k, sum(status = 'published') AS n1, sum(status = 'published' AND accepted) AS n2,
            sum(CASE WHEN status = 'published' THEN views ELSE 0 END) AS n3, sum(status = 'removed') AS n4,
            min(created_at) AS first_at, max(name) AS name
       FROM (SELECT ${keyOf('a')} AS k, a.status, a.created_at, a.author_name AS name, q.view_count AS views,
                    coalesce(q.accepted_answer_id = a.id AND ${askerKey} <> ${keyOf('a')}, 0) AS accepted
               FROM answers a JOIN questions q ON q.site_id = a.site_id AND q.id = a.question_id
              WHERE a.site_id = ? AND ${authored('a')} AND ${notStaff}${fa.sql})
      GROUP BY k`,
    [siteId, ...fa.args],
  );
  const reviews = stmt(
    `SELECT ${keyOf('r')} AS k, sum(r.status = 'published') AS n1,
            sum(CASE WHEN r.status = 'published' THEN r.view_count ELSE 0 END) AS n3, sum(r.status = 'removed') AS n4,
            NULL AS n2, min(r.created_at) AS first_at, max(r.author_name) AS name
       FROM reviews r WHERE r.site_id = ? AND ${authored('r')}${fr.sql} GROUP BY k`,
    [siteId, ...fr.args],
  );
  const questions = stmt(
    `SELECT ${keyOf('q')} AS k, count(*) AS n1, sum(q.complaint) AS n2, NULL AS n3, sum(q.status = 'removed') AS n4,
            min(q.created_at) AS first_at, max(q.author_name) AS name
       FROM questions q WHERE q.site_id = ? AND ${authored('q')}${fq.sql} GROUP BY k`,
    [siteId, ...fq.args],
  );
  // Each voter, and each network (vote_origins), counts at most `voteCap` votes on one member, the
  // earliest first; a vote for your own post never counts.
  const votes = stmt(
    `WITH v AS (
       SELECT ${keyOf('a')} AS k, av.voter, coalesce(o.ip_cluster, av.voter) AS cluster, av.created_at
         FROM answers a
         JOIN answer_votes av ON av.site_id = a.site_id AND av.answer_id = a.id
         LEFT JOIN vote_origins o ON o.site_id = av.site_id AND o.target_type = 'answer' AND o.target_id = av.answer_id AND o.voter = av.voter
        WHERE a.site_id = ? AND a.status = 'published' AND ${authored('a')}${fa.sql}
       UNION ALL
       SELECT ${keyOf('r')}, rv.voter, coalesce(o.ip_cluster, rv.voter), rv.created_at
         FROM reviews r
         JOIN review_votes rv ON rv.site_id = r.site_id AND rv.review_id = r.id
         LEFT JOIN vote_origins o ON o.site_id = rv.site_id AND o.target_type = 'review' AND o.target_id = rv.review_id AND o.voter = rv.voter
        WHERE r.site_id = ? AND r.status = 'published' AND ${authored('r')}${fr.sql}
     ), ranked AS (
       SELECT k, row_number() OVER (PARTITION BY k, voter ORDER BY created_at, voter) AS nv,
                 row_number() OVER (PARTITION BY k, cluster ORDER BY created_at, voter) AS nc
         FROM v WHERE voter <> k
     )
     SELECT k, sum(nv <= ? AND nc <= ?) AS n1, count(*) AS n2, NULL AS n3, NULL AS n4, NULL AS first_at, NULL AS name
       FROM ranked GROUP BY k`,
    [siteId, ...fa.args, siteId, ...fr.args, voteCap, voteCap],
  );
  const top = stmt(
    `SELECT q.product_id AS product, ${keyOf('a')} AS k, count(*) AS n
       FROM answers a JOIN questions q ON q.site_id = a.site_id AND q.id = a.question_id
      WHERE a.site_id = ? AND a.status = 'published' AND a.created_at >= ? AND ${authored('a')} AND ${notStaff}
        ${only ? `AND q.product_id IN (SELECT q2.product_id FROM answers a JOIN questions q2 ON q2.site_id = a.site_id AND q2.id = a.question_id
                                        WHERE a.site_id = ? AND a.created_at >= ?${fa.sql})` : ''}
      GROUP BY q.product_id, k`,
    [siteId, since, ...(only ? [siteId, since, ...fa.args] : [])],
  );
  const memberFilter = only ? (only.startsWith('m:') ? ' AND m.sub = ?' : ' AND 0') : '';
  const members = stmt(
    `SELECT 'm:' || m.sub AS k, m.name, m.role, m.first_seen_at FROM members m WHERE m.site_id = ?${memberFilter}`,
    [siteId, ...(only?.startsWith('m:') ? [only.slice(2)] : [])],
  );
  const profiles = stmt(
    `SELECT member_key, role FROM member_profiles WHERE site_id = ?${only ? ' AND member_key = ?' : ''}`,
    [siteId, ...(only ? [only] : [])],
  );
  const [ra, rr, rq, rv, rt, rm, rp] = await db.batch<Record<string, unknown>>([answers, reviews, questions, votes, top, members, profiles]);
  // The idea board is another helper's table: a site without it (or an older schema) simply has no ideas.
  let ideaRows: CountRow[] = [];
  try {
    ideaRows = (
      await stmt(
        `SELECT ${keyOf('i')} AS k, sum(i.moderation = 'published') AS n1,
                sum(i.moderation = 'published' AND i.status IN ('planned', 'done')) AS n2,
                sum(CASE WHEN i.moderation = 'published' THEN i.vote_count ELSE 0 END) AS n3, sum(i.moderation = 'removed') AS n4,
                min(i.created_at) AS first_at, max(i.author_name) AS name
           FROM ideas i WHERE i.site_id = ? AND ${authored('i')}${fi.sql} GROUP BY k`,
        [siteId, ...fi.args],
      ).all<CountRow>()
    ).results;
  } catch (err) {
    if (!/no such (table|column)/.test(String(err))) throw err;
  }

  const all = new Map<string, Contribution>();
  const at = (k: string): Contribution => {
    let c = all.get(k);
    if (!c) {
      c = {
        memberKey: k,
        name: null,
        role: 'shopper',
        tokenExpert: false,
        answers: 0,
        accepted: 0,
        helpfulVotes: 0,
        reviews: 0,
        ideas: 0,
        ideasAdopted: 0,
        ideaVotesReceived: 0,
        views: 0,
        complaints: 0,
        removed: 0,
        since: null,
        topAnswerer: false,
      };
      all.set(k, c);
    }
    return c;
  };
  const seen = (c: Contribution, r: CountRow) => {
    if (r.first_at !== null && (c.since === null || r.first_at < c.since)) c.since = r.first_at;
    if (r.name && !c.name) c.name = r.name;
  };
  for (const r of (ra?.results ?? []) as unknown as CountRow[]) {
    const c = at(r.k);
    c.answers = r.n1 ?? 0;
    c.accepted = r.n2 ?? 0;
    c.views += r.n3 ?? 0;
    c.removed += r.n4 ?? 0;
    seen(c, r);
  }
  for (const r of (rr?.results ?? []) as unknown as CountRow[]) {
    const c = at(r.k);
    c.reviews = r.n1 ?? 0;
    c.views += r.n3 ?? 0;
    c.removed += r.n4 ?? 0;
    seen(c, r);
  }
  for (const r of (rq?.results ?? []) as unknown as CountRow[]) {
    const c = at(r.k);
    c.complaints = r.n2 ?? 0;
    c.removed += r.n4 ?? 0;
    seen(c, r);
  }
  for (const r of ideaRows) {
    const c = at(r.k);
    c.ideas = r.n1 ?? 0;
    c.ideasAdopted = r.n2 ?? 0;
    c.ideaVotesReceived = r.n3 ?? 0;
    c.removed += r.n4 ?? 0;
    seen(c, r);
  }
  for (const r of (rv?.results ?? []) as unknown as CountRow[]) {
    // Votes alone (on posts since removed) make no contributor.
    const c = all.get(r.k);
    if (c) c.helpfulVotes = r.n1 ?? 0;
  }
  const best = new Map<string, { n: number; keys: string[] }>();
  for (const r of (rt?.results ?? []) as unknown as { product: string; k: string; n: number }[]) {
    const b = best.get(r.product);
    if (!b || r.n > b.n) best.set(r.product, { n: r.n, keys: [r.k] });
    else if (r.n === b.n) b.keys.push(r.k);
  }
  for (const b of best.values()) if (b.n >= TOP_ANSWERER_MIN) for (const k of b.keys) if (all.has(k)) at(k).topAnswerer = true;
  for (const r of (rm?.results ?? []) as unknown as { k: string; name: string; role: string; first_seen_at: number }[]) {
    const c = at(r.k);
    c.name = r.name;
    c.tokenExpert = r.role === 'expert';
    if (c.since === null || r.first_seen_at < c.since) c.since = r.first_seen_at;
  }
  for (const r of (rp?.results ?? []) as unknown as { member_key: string; role: CommunityRole }[]) at(r.member_key).role = r.role;
  return [...all.values()];
}

const newPublicId = (): string => `p_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`;

/** Writes recounted profiles (new ones get a random public id); role and products are the owner's and stay. */
export async function saveProfiles(db: D1Database, siteId: string, updates: ProfileUpdate[], now: number): Promise<void> {
  const statements = updates.map((u) =>
    db
      .prepare(
        `INSERT INTO member_profiles (site_id, member_key, public_id, name, points, level, badges, answer_count, accepted_count,
                                      review_count, helpful_count, idea_count, adopted_count, since, influence, influence_factors,
                                      influence_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (site_id, member_key) DO UPDATE SET
           name = excluded.name, points = excluded.points, level = excluded.level, badges = excluded.badges,
           answer_count = excluded.answer_count, accepted_count = excluded.accepted_count, review_count = excluded.review_count,
           helpful_count = excluded.helpful_count, idea_count = excluded.idea_count, adopted_count = excluded.adopted_count,
           since = excluded.since,
           influence = CASE WHEN excluded.influence_at IS NULL THEN member_profiles.influence ELSE excluded.influence END,
           influence_factors = CASE WHEN excluded.influence_at IS NULL THEN member_profiles.influence_factors ELSE excluded.influence_factors END,
           influence_at = coalesce(excluded.influence_at, member_profiles.influence_at),
           updated_at = excluded.updated_at`,
      )
      .bind(
        siteId,
        u.memberKey,
        newPublicId(),
        u.name,
        u.points,
        u.level,
        JSON.stringify(u.badges),
        u.answers,
        u.accepted,
        u.reviews,
        u.helpfulVotes,
        u.ideas,
        u.ideasAdopted,
        u.since,
        u.influence?.score ?? null,
        u.influence ? JSON.stringify(u.influence) : null,
        u.influence ? now : null,
        now,
      ),
  );
  for (let i = 0; i < statements.length; i += 50) await db.batch(statements.slice(i, i + 50));
}

export async function readSettings(db: D1Database, siteId: string): Promise<ReputationSettings> {
  const row = await db
    .prepare('SELECT reputation_points, reputation_levels FROM sites WHERE id = ?')
    .bind(siteId)
    .first<{ reputation_points: string; reputation_levels: string }>();
  return parseSettings(row?.reputation_points ?? null, row?.reputation_levels ?? null);
}

export async function writeSettings(db: D1Database, siteId: string, s: ReputationSettings): Promise<void> {
  await db
    .prepare('UPDATE sites SET reputation_points = ?, reputation_levels = ? WHERE id = ?')
    .bind(JSON.stringify(s.points), JSON.stringify(s.levels), siteId)
    .run();
}

const parseBadges = (json: string): BadgeKey[] => {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((b): b is BadgeKey => (BADGE_KEYS as readonly unknown[]).includes(b)) : [];
  } catch {
    return [];
  }
};
const asLevel = (l: string): LevelKey => ((LEVEL_KEYS as readonly string[]).includes(l) ? (l as LevelKey) : 'newcomer');
const parseStrings = (json: string): string[] => {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
};
function parseWhy(json: string | null): InfluenceExplanation | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as InfluenceExplanation;
  } catch {
    return null;
  }
}

/**
 * Reputation shown next to identified members' names, by sub. Visitors get none: one public
 * profile would link their anonymous posts to each other.
 */
export async function publicReputations(db: D1Database, siteId: string, subs: string[]): Promise<Map<string, PublicReputation>> {
  const unique = [...new Set(subs)];
  if (!unique.length) return new Map();
  const [profiles, site] = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `SELECT member_key, public_id, level, badges FROM member_profiles
          WHERE site_id = ? AND member_key IN (SELECT 'm:' || value FROM json_each(?))`,
      )
      .bind(siteId, JSON.stringify(unique)),
    db.prepare('SELECT reputation_points, reputation_levels FROM sites WHERE id = ?').bind(siteId),
  ]);
  const siteRow = site?.results[0] as { reputation_points: string; reputation_levels: string } | undefined;
  const { levels } = parseSettings(siteRow?.reputation_points ?? null, siteRow?.reputation_levels ?? null);
  const map = new Map<string, PublicReputation>();
  for (const r of (profiles?.results ?? []) as unknown as { member_key: string; public_id: string; level: string; badges: string }[]) {
    const level = asLevel(r.level);
    map.set(r.member_key.slice(2), { profileId: r.public_id, level, levelName: levelName(levels, level), badges: parseBadges(r.badges) });
  }
  return map;
}

interface ProfileRow {
  member_key: string;
  public_id: string;
  name: string | null;
  member_name: string | null;
  member_role: string | null;
  role: CommunityRole;
  products: string;
  points: number;
  level: string;
  badges: string;
  answer_count: number;
  accepted_count: number;
  review_count: number;
  helpful_count: number;
  idea_count: number;
  adopted_count: number;
  since: number | null;
  influence: number | null;
  influence_factors: string | null;
  influence_at: number | null;
}

const PROFILE_COLS = `p.member_key, p.public_id, p.name, m.name AS member_name, m.role AS member_role, p.role, p.products, p.points,
  p.level, p.badges, p.answer_count, p.accepted_count, p.review_count, p.helpful_count, p.idea_count, p.adopted_count, p.since,
  p.influence, p.influence_factors, p.influence_at`;
const PROFILE_FROM = `member_profiles p LEFT JOIN members m ON m.site_id = p.site_id AND p.member_key = 'm:' || m.sub`;

/** A member's public card (members only); null for an unknown id, a visitor's or another site's profile. */
export async function findProfileCard(db: D1Database, siteId: string, publicId: string): Promise<ProfileCard | null> {
  const [row, settings] = await Promise.all([
    db
      .prepare(`SELECT ${PROFILE_COLS} FROM ${PROFILE_FROM} WHERE p.site_id = ? AND p.public_id = ? AND p.member_key LIKE 'm:%'`)
      .bind(siteId, publicId)
      .first<ProfileRow>(),
    readSettings(db, siteId),
  ]);
  if (!row) return null;
  const level = asLevel(row.level);
  return {
    profileId: row.public_id,
    level,
    levelName: levelName(settings.levels, level),
    badges: parseBadges(row.badges),
    name: row.member_name ?? row.name,
    role: row.member_role === 'expert' && row.role === 'shopper' ? 'expert' : row.role,
    answerCount: row.answer_count,
    acceptedCount: row.accepted_count,
    reviewCount: row.review_count,
    memberSince: row.since,
  };
}

function communityMember(row: ProfileRow, settings: ReputationSettings): CommunityMember {
  const level = asLevel(row.level);
  const tokenExpert = row.member_role === 'expert';
  return {
    profileId: row.public_id,
    level,
    levelName: levelName(settings.levels, level),
    badges: parseBadges(row.badges),
    name: row.member_name ?? row.name,
    kind: row.member_key.startsWith('m:') ? 'member' : 'visitor',
    role: tokenExpert && row.role === 'shopper' ? 'expert' : row.role,
    tokenExpert,
    products: parseStrings(row.products),
    points: row.points,
    answerCount: row.answer_count,
    acceptedCount: row.accepted_count,
    reviewCount: row.review_count,
    helpfulCount: row.helpful_count,
    ideaCount: row.idea_count,
    adoptedCount: row.adopted_count,
    since: row.since,
    influence: row.influence,
    influenceWhy: parseWhy(row.influence_factors),
    influenceAt: row.influence_at,
  };
}

/** The console's Community list: contributors by points (or influence), best first. */
export async function listCommunity(
  db: D1Database,
  siteId: string,
  { sort, limit }: { sort: 'points' | 'influence'; limit: number },
): Promise<CommunityMember[]> {
  const order = sort === 'influence' ? 'p.influence DESC NULLS LAST, p.points DESC' : 'p.points DESC, p.influence DESC NULLS LAST';
  const [{ results }, settings] = await Promise.all([
    db
      .prepare(`SELECT ${PROFILE_COLS} FROM ${PROFILE_FROM} WHERE p.site_id = ? ORDER BY ${order}, p.public_id LIMIT ?`)
      .bind(siteId, limit)
      .all<ProfileRow>(),
    readSettings(db, siteId),
  ]);
  return results.map((r) => communityMember(r, settings));
}

export async function findCommunityMember(
  db: D1Database,
  siteId: string,
  publicId: string,
): Promise<{ member: CommunityMember; memberKey: string } | null> {
  const [row, settings] = await Promise.all([
    db.prepare(`SELECT ${PROFILE_COLS} FROM ${PROFILE_FROM} WHERE p.site_id = ? AND p.public_id = ?`).bind(siteId, publicId).first<ProfileRow>(),
    readSettings(db, siteId),
  ]);
  return row ? { member: communityMember(row, settings), memberKey: row.member_key } : null;
}

/** Sets the role the owner grants a member, with the products it covers. */
export async function grantRole(
  db: D1Database,
  siteId: string,
  memberKey: string,
  grant: { role: CommunityRole; products: string[]; by: string },
  now: number,
): Promise<void> {
  await db
    .prepare(
      `UPDATE member_profiles SET role = ?, products = ?, role_granted_by = ?, role_granted_at = ?, updated_at = ?
        WHERE site_id = ? AND member_key = ?`,
    )
    .bind(grant.role, JSON.stringify(grant.role === 'shopper' ? [] : grant.products), grant.by, now, now, siteId, memberKey)
    .run();
}

/** What the owner granted a member in the console (null: nothing beyond their token). */
export async function findGrant(db: D1Database, siteId: string, sub: string): Promise<{ role: 'ambassador' | 'expert'; products: string[] } | null> {
  const row = await db
    .prepare(`SELECT role, products FROM member_profiles WHERE site_id = ? AND member_key = ? AND role <> 'shopper'`)
    .bind(siteId, `m:${sub}`)
    .first<{ role: 'ambassador' | 'expert'; products: string }>();
  return row ? { role: row.role, products: parseStrings(row.products) } : null;
}

/** Influence scores (with their explanation) by member key, for the staff queue. */
export async function influenceByKey(db: D1Database, siteId: string, keys: string[]): Promise<Map<string, QueueInfluence>> {
  const unique = [...new Set(keys)];
  if (!unique.length) return new Map();
  const { results } = await db
    .prepare(
      `SELECT member_key, influence, influence_factors FROM member_profiles
        WHERE site_id = ? AND influence IS NOT NULL AND member_key IN (SELECT value FROM json_each(?))`,
    )
    .bind(siteId, JSON.stringify(unique))
    .all<{ member_key: string; influence: number; influence_factors: string | null }>();
  return new Map(results.map((r) => [r.member_key, { score: r.influence, why: parseWhy(r.influence_factors) }]));
}

/** The site's random key for hashing network prefixes, created on first use. */
async function ipClusterKey(db: D1Database, siteId: string): Promise<string | null> {
  const fresh = [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const [, row] = await db.batch<{ ip_cluster_key: string | null }>([
    db.prepare('UPDATE sites SET ip_cluster_key = ? WHERE id = ? AND ip_cluster_key IS NULL').bind(fresh, siteId),
    db.prepare('SELECT ip_cluster_key FROM sites WHERE id = ?').bind(siteId),
  ]);
  return row?.results[0]?.ip_cluster_key ?? null;
}

/** Records the (hashed) network a helpful vote came from; a repeated vote keeps its first origin. */
export async function recordVoteOrigin(
  db: D1Database,
  siteId: string,
  vote: { targetType: 'answer' | 'review'; targetId: string; voter: string },
  prefix: string,
): Promise<void> {
  const key = await ipClusterKey(db, siteId);
  if (!key) return;
  const hmacKey = await crypto.subtle.importKey('raw', new TextEncoder().encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, new TextEncoder().encode(prefix)));
  const cluster = [...mac.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  await db
    .prepare(
      `INSERT INTO vote_origins (site_id, target_type, target_id, voter, ip_cluster)
       SELECT ?1, ?2, ?3, ?4, ?5
        WHERE EXISTS (SELECT 1 FROM answer_votes WHERE ?2 = 'answer' AND site_id = ?1 AND answer_id = ?3 AND voter = ?4)
           OR EXISTS (SELECT 1 FROM review_votes WHERE ?2 = 'review' AND site_id = ?1 AND review_id = ?3 AND voter = ?4)
       ON CONFLICT DO NOTHING`,
    )
    .bind(siteId, vote.targetType, vote.targetId, vote.voter, cluster)
    .run();
}

/** Reach: one more view of a question's answers. */
export async function countQuestionView(db: D1Database, siteId: string, questionId: string): Promise<void> {
  await db.prepare('UPDATE questions SET view_count = view_count + 1 WHERE site_id = ? AND id = ?').bind(siteId, questionId).run();
}

/** Reach: one more view of each review listed. */
export async function countReviewViews(db: D1Database, siteId: string, reviewIds: string[]): Promise<void> {
  if (!reviewIds.length) return;
  await db
    .prepare('UPDATE reviews SET view_count = view_count + 1 WHERE site_id = ? AND id IN (SELECT value FROM json_each(?))')
    .bind(siteId, JSON.stringify(reviewIds))
    .run();
}

/** Site ids, for the nightly run over every site. */
export async function listSiteIds(db: D1Database): Promise<string[]> {
  const { results } = await db.prepare('SELECT id FROM sites ORDER BY id').all<{ id: string }>();
  return results.map((r) => r.id);
}
