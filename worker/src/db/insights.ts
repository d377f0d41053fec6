/**
 * The SQL behind the console's Insights report. Countable figures come from the daily rollups
 * (`daily_stats`, kept exact by the triggers of migration 0011); medians, rates and the rest are
 * read from the rows through covering indexes. Every statement is scoped by site_id, and a
 * period is a half-open range of UTC milliseconds [fromMs, toMs) or of UTC days [fromDay, toDay].
 */

/** The rollups' product key for "all products". */
export const ALL_PRODUCTS = '*';

export interface InsightsScope {
  siteId: string;
  productId: string | null;
  fromDay: number;
  /** Inclusive. */
  toDay: number;
}

const DAY_MS = 86_400_000;
const fromMs = (s: InsightsScope) => s.fromDay * DAY_MS;
const toMs = (s: InsightsScope) => (s.toDay + 1) * DAY_MS;

export interface DailyMetric {
  day: number;
  metric: string;
  value: number;
}

/** Rollup sums per day and metric for the scope (the whole site under product '*'). */
export async function dailyMetrics(db: D1Database, s: InsightsScope): Promise<DailyMetric[]> {
  const { results } = await db
    .prepare(
      `SELECT day, metric, value FROM daily_stats
        WHERE site_id = ? AND product_id = ? AND day BETWEEN ? AND ? AND value <> 0`,
    )
    .bind(s.siteId, s.productId ?? ALL_PRODUCTS, s.fromDay, s.toDay)
    .all<DailyMetric>();
  return results;
}

/** One product's deflection counters per day (the site-wide ones are in the rollups). */
export async function productDeflection(db: D1Database, s: InsightsScope & { productId: string }): Promise<DailyMetric[]> {
  const { results } = await db
    .prepare(
      `SELECT day, 'defl:' || kind AS metric, count AS value FROM deflection_events
        WHERE site_id = ? AND product_id = ? AND day BETWEEN ? AND ?`,
    )
    .bind(s.siteId, s.productId, s.fromDay, s.toDay)
    .all<DailyMetric>();
  return results;
}

/**
 * The median of `expr` over the rows of `from` (a FROM … WHERE … fragment) that have a value;
 * `n` is how many have one. SQLite has no median: sort through the index and take the middle one
 * or two.
 */
async function median(db: D1Database, expr: string, from: string, binds: unknown[], n: number): Promise<number | null> {
  if (n === 0) return null;
  const { results } = await db
    .prepare(`SELECT ${expr} AS v ${from} AND ${expr} IS NOT NULL ORDER BY v LIMIT ? OFFSET ?`)
    .bind(...binds, n % 2 ? 1 : 2, Math.floor((n - 1) / 2))
    .all<{ v: number }>();
  if (!results.length) return null;
  return results.reduce((sum, r) => sum + r.v, 0) / results.length;
}

export interface CommunityFigures {
  questions: number;
  answered: number;
  medianFirstAnswerMs: number | null;
}

/**
 * Public questions asked in the period (not removed by moderation), how many have a published
 * answer by anyone but staff (at any time since), and the median wait for that first answer.
 */
export async function communityFigures(db: D1Database, s: InsightsScope): Promise<CommunityFigures> {
  const from = `FROM questions WHERE site_id = ? AND created_at >= ? AND created_at < ? AND visibility = 'public' AND status <> 'removed'
                ${s.productId === null ? '' : 'AND product_id = ?'}`;
  const binds = [s.siteId, fromMs(s), toMs(s), ...(s.productId === null ? [] : [s.productId])];
  const counts = await db
    .prepare(`SELECT count(*) AS questions, count(first_community_answer_at) AS answered ${from}`)
    .bind(...binds)
    .first<{ questions: number; answered: number }>();
  const questions = counts?.questions ?? 0;
  const answered = counts?.answered ?? 0;
  return { questions, answered, medianFirstAnswerMs: await median(db, 'first_community_answer_at - created_at', from, binds, answered) };
}

export interface StaffFigures {
  routed: number;
  responded: number;
  resolved: number;
  withinSla: number;
  medianFirstResponseMs: number | null;
  medianResolutionMs: number | null;
}

/** Staff items routed in the period; their first response and resolution, whenever they came. */
export async function staffFigures(db: D1Database, s: InsightsScope): Promise<StaffFigures> {
  const from = `FROM staff_items WHERE site_id = ? AND routed_at >= ? AND routed_at < ? ${s.productId === null ? '' : 'AND product_id = ?'}`;
  const binds = [s.siteId, fromMs(s), toMs(s), ...(s.productId === null ? [] : [s.productId])];
  const c = await db
    .prepare(
      `SELECT count(*) AS routed, count(first_response_at) AS responded, count(resolved_at) AS resolved,
              coalesce(sum(first_response_at <= sla_due_at), 0) AS within_sla ${from}`,
    )
    .bind(...binds)
    .first<{ routed: number; responded: number; resolved: number; within_sla: number }>();
  const routed = c?.routed ?? 0;
  const responded = c?.responded ?? 0;
  const resolved = c?.resolved ?? 0;
  const [medianFirstResponseMs, medianResolutionMs] = await Promise.all([
    median(db, 'first_response_at - routed_at', from, binds, responded),
    median(db, 'resolved_at - routed_at', from, binds, resolved),
  ]);
  return { routed, responded, resolved, withinSla: c?.within_sla ?? 0, medianFirstResponseMs, medianResolutionMs };
}

export interface ProblemProduct {
  productId: string;
  name: string | null;
  contacts: number;
  complaints: number;
}

/** Products with the most questions routed to staff in the period (and their complaints), from the rollups. */
export async function topProblemProducts(db: D1Database, s: InsightsScope, limit = 10): Promise<ProblemProduct[]> {
  const { results } = await db
    .prepare(
      `SELECT t.product_id, p.name, t.contacts, t.complaints FROM (
         SELECT product_id, sum(CASE WHEN metric = 'complaint' THEN 0 ELSE value END) AS contacts,
                sum(CASE WHEN metric = 'complaint' THEN value ELSE 0 END) AS complaints
           FROM daily_stats
          WHERE site_id = ? AND day BETWEEN ? AND ? AND (metric >= 'routed:' AND metric < 'routed;' OR metric = 'complaint')
            AND product_id NOT IN ('*', '') ${s.productId === null ? '' : 'AND product_id = ?'}
          GROUP BY product_id) t
       LEFT JOIN products p ON p.site_id = ? AND p.id = t.product_id
       WHERE t.contacts > 0
       ORDER BY t.contacts DESC, t.complaints DESC, t.product_id LIMIT ?`,
    )
    .bind(s.siteId, s.fromDay, s.toDay, ...(s.productId === null ? [] : [s.productId]), s.siteId, limit)
    .all<{ product_id: string; name: string | null; contacts: number; complaints: number }>();
  return results.map((r) => ({ productId: r.product_id, name: r.name, contacts: r.contacts, complaints: r.complaints }));
}

/** How many of the newest personal questions and complaints root causes are drawn from. */
export const ROOT_CAUSE_SAMPLE = 5000;

/**
 * The masked text (never `staff_body`) of the period's private questions and complaints,
 * newest first, at most {@link ROOT_CAUSE_SAMPLE}.
 */
export async function personalQuestionTexts(db: D1Database, s: InsightsScope): Promise<{ id: string; body: string }[]> {
  const { results } = await db
    .prepare(
      `SELECT id, body FROM questions
        WHERE site_id = ? AND created_at >= ? AND created_at < ? AND (visibility = 'private' OR complaint = 1)
              ${s.productId === null ? '' : 'AND product_id = ?'}
        ORDER BY created_at DESC, id DESC LIMIT ?`,
    )
    .bind(s.siteId, fromMs(s), toMs(s), ...(s.productId === null ? [] : [s.productId]), ROOT_CAUSE_SAMPLE)
    .all<{ id: string; body: string }>();
  return results;
}

export interface Contributor {
  memberKey: string;
  memberId: string | null;
  name: string | null;
  answers: number;
  accepted: number;
  points: number;
  influence: number | null;
}

/**
 * Members (identified or anonymous visitors) with the most accepted, then published, answers in
 * the period, from the member_daily rollup; staff answers and erased authors do not count.
 * Reputation comes from member_profiles when the member has one, the name otherwise from their answers.
 */
export async function topContributors(db: D1Database, s: InsightsScope, limit = 10): Promise<Contributor[]> {
  const { results } = await db
    .prepare(
      `WITH top AS (
         SELECT member_key, sum(answers) AS answers, sum(accepted) AS accepted FROM member_daily
          WHERE site_id = ? AND product_id = ? AND day BETWEEN ? AND ?
          GROUP BY member_key HAVING sum(answers) > 0
          ORDER BY accepted DESC, answers DESC, member_key LIMIT ?)
       SELECT top.member_key, top.answers, top.accepted, mp.public_id, mp.name, mp.points, mp.influence
         FROM top LEFT JOIN member_profiles mp ON mp.site_id = ? AND mp.member_key = top.member_key
        ORDER BY top.accepted DESC, top.answers DESC, top.member_key`,
    )
    .bind(s.siteId, s.productId ?? ALL_PRODUCTS, s.fromDay, s.toDay, limit, s.siteId)
    .all<{
      member_key: string;
      answers: number;
      accepted: number;
      public_id: string | null;
      name: string | null;
      points: number | null;
      influence: number | null;
    }>();
  const unnamed = results.filter((r) => r.name === null).map((r) => r.member_key);
  const names = new Map<string, string>();
  const subs = unnamed.filter((k) => k.startsWith('m:')).map((k) => k.slice(2));
  const visitors = unnamed.filter((k) => k.startsWith('v:')).map((k) => k.slice(2));
  // The name each last wrote under (anonymous visitors may have given one); SQLite takes the
  // bare column from the row of max().
  const [bySub, byVisitor] = await Promise.all([
    subs.length
      ? db
          .prepare(
            `SELECT 'm:' || author_sub AS member_key, author_name AS name, max(created_at) FROM answers
              WHERE site_id = ? AND author_sub IN (SELECT value FROM json_each(?)) AND author_name IS NOT NULL GROUP BY author_sub`,
          )
          .bind(s.siteId, JSON.stringify(subs))
          .all<{ member_key: string; name: string }>()
      : null,
    visitors.length
      ? db
          .prepare(
            `SELECT 'v:' || author_visitor AS member_key, author_name AS name, max(created_at) FROM answers
              WHERE site_id = ? AND author_visitor IN (SELECT value FROM json_each(?)) AND author_sub IS NULL AND author_name IS NOT NULL
              GROUP BY author_visitor`,
          )
          .bind(s.siteId, JSON.stringify(visitors))
          .all<{ member_key: string; name: string }>()
      : null,
  ]);
  for (const f of [...(bySub?.results ?? []), ...(byVisitor?.results ?? [])]) names.set(f.member_key, f.name);
  return results.map((r) => ({
    memberKey: r.member_key,
    memberId: r.public_id,
    name: r.name ?? names.get(r.member_key) ?? null,
    answers: r.answers,
    accepted: r.accepted,
    points: r.points ?? 0,
    influence: r.influence,
  }));
}

/** Whether the site has this product. */
export async function productExists(db: D1Database, siteId: string, productId: string): Promise<boolean> {
  const row = await db.prepare('SELECT 1 AS yes FROM products WHERE site_id = ? AND id = ?').bind(siteId, productId).first();
  return row !== null;
}

/** The site's products for the picker, by name then id. */
export async function siteProducts(db: D1Database, siteId: string, limit = 2000): Promise<{ id: string; name: string | null }[]> {
  const { results } = await db
    .prepare('SELECT id, name FROM products WHERE site_id = ? ORDER BY coalesce(name, id), id LIMIT ?')
    .bind(siteId, limit)
    .all<{ id: string; name: string | null }>();
  return results;
}

/** The questions behind a root-cause topic, as the topic saw them (masked text), newest first. */
export async function questionsByIds(
  db: D1Database,
  siteId: string,
  ids: readonly string[],
): Promise<{ id: string; productId: string; body: string; createdAt: number }[]> {
  if (ids.length === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT id, product_id AS productId, body, created_at AS createdAt FROM questions
        WHERE site_id = ? AND id IN (SELECT value FROM json_each(?))
        ORDER BY created_at DESC, id DESC`,
    )
    .bind(siteId, JSON.stringify(ids))
    .all<{ id: string; productId: string; body: string; createdAt: number }>();
  return results;
}
