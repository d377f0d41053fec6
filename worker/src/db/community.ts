/**
 * Votes, "did not help" feedback, reports and the moderation log. Every statement is scoped by
 * site_id; counters are changed in the same transaction as the rows they count.
 */
import { toggleHelpfulVote } from './helpful-votes.ts';

export type TargetType = 'question' | 'answer' | 'review';
export type ReportReason = 'spam' | 'offensive' | 'off_topic' | 'personal_data';
export type ModerationAction = 'held' | 'hidden' | 'masked' | 'approved' | 'removed' | 'restored';

/** Adds or removes a helpful vote; returns whether the voter now finds it helpful, and the new count. */
export const toggleHelpful = (
  db: D1Database,
  siteId: string,
  answerId: string,
  voter: string,
  helpful: boolean,
  now: number,
): Promise<{ helpful: boolean; helpfulCount: number }> => toggleHelpfulVote(db, 'answer', siteId, answerId, voter, helpful, now);

/** The answer ids (of the given ones) this voter marked helpful. */
export async function votedHelpful(db: D1Database, siteId: string, voter: string, answerIds: string[]): Promise<Set<string>> {
  if (!answerIds.length) return new Set();
  const { results } = await db
    .prepare(
      `SELECT answer_id FROM answer_votes WHERE site_id = ? AND voter = ? AND answer_id IN (SELECT value FROM json_each(?))`,
    )
    .bind(siteId, voter, JSON.stringify(answerIds))
    .all<{ answer_id: string }>();
  return new Set(results.map((r) => r.answer_id));
}

export async function recordNotHelpful(
  db: D1Database,
  siteId: string,
  f: { answerId: string; questionId: string; voter: string },
  now: number,
): Promise<void> {
  await db
    .prepare(
      'INSERT INTO answer_feedback (site_id, answer_id, question_id, voter, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    )
    .bind(siteId, f.answerId, f.questionId, f.voter, now)
    .run();
}

export async function notHelpedAnswers(db: D1Database, siteId: string, questionId: string): Promise<Set<string>> {
  const { results } = await db
    .prepare('SELECT answer_id FROM answer_feedback WHERE site_id = ? AND question_id = ?')
    .bind(siteId, questionId)
    .all<{ answer_id: string }>();
  return new Set(results.map((r) => r.answer_id));
}

export async function setAcceptedAnswer(db: D1Database, siteId: string, questionId: string, answerId: string | null): Promise<void> {
  await db
    .prepare('UPDATE questions SET accepted_answer_id = ? WHERE site_id = ? AND id = ?')
    .bind(answerId, siteId, questionId)
    .run();
}

const table = (t: TargetType) => (t === 'question' ? 'questions' : t === 'answer' ? 'answers' : 'reviews');

export function logModerationStatement(
  db: D1Database,
  siteId: string,
  e: { targetType: TargetType; targetId: string; action: ModerationAction; actor: string; reason: string },
  now: number,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO moderation_log (site_id, id, target_type, target_id, action, actor, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(siteId, crypto.randomUUID(), e.targetType, e.targetId, e.action, e.actor, e.reason, now);
}

/**
 * Files one report per reporter; when the count reaches the site's threshold the item is hidden
 * pending review, with an audit row. Returns whether this report was new and whether the item is now hidden.
 */
export async function fileReport(
  db: D1Database,
  siteId: string,
  r: { targetType: TargetType; targetId: string; reporter: string; reason: ReportReason },
  threshold: number,
  now: number,
): Promise<{ counted: boolean; hidden: boolean }> {
  const t = table(r.targetType);
  const results = await db.batch<{ report_count: number; status: string; changes?: number }>([
    db
      .prepare(
        'INSERT INTO reports (site_id, target_type, target_id, reporter, reason, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      )
      .bind(siteId, r.targetType, r.targetId, r.reporter, r.reason, now),
    db
      .prepare(
        // Only reports since staff last approved or restored the item count: an approval answers
        // the earlier ones, so one new report must not hide it again at once.
        `UPDATE ${t} SET report_count = (
           SELECT count(*) FROM reports x
            WHERE x.site_id = ${t}.site_id AND x.target_type = ?1 AND x.target_id = ${t}.id
              AND x.created_at > coalesce((SELECT max(l.created_at) FROM moderation_log l
                                            WHERE l.site_id = x.site_id AND l.target_type = ?1 AND l.target_id = x.target_id
                                              AND l.action IN ('approved', 'restored')), -1))
          WHERE site_id = ?2 AND id = ?3`,
      )
      .bind(r.targetType, siteId, r.targetId),
    db
      .prepare(
        `INSERT INTO moderation_log (site_id, id, target_type, target_id, action, actor, reason, created_at)
         SELECT ?, ?, ?, ?, 'hidden', 'system', 'reported by ' || report_count || ' shoppers', ?
           FROM ${t} WHERE site_id = ? AND id = ? AND status = 'published' AND report_count >= ?`,
      )
      .bind(siteId, crypto.randomUUID(), r.targetType, r.targetId, now, siteId, r.targetId, threshold),
    db
      .prepare(`UPDATE ${t} SET status = 'hidden' WHERE site_id = ? AND id = ? AND status = 'published' AND report_count >= ?`)
      .bind(siteId, r.targetId, threshold),
    db.prepare(`SELECT report_count, status FROM ${t} WHERE site_id = ? AND id = ?`).bind(siteId, r.targetId),
    // A hidden answer no longer counts towards its question's answers.
    ...(r.targetType === 'answer' ? [recountAnswersStatement(db, siteId, r.targetId)] : []),
  ]);
  const counted = (results[0]?.meta.changes ?? 0) > 0;
  return { counted, hidden: results[4]?.results[0]?.status === 'hidden' };
}

/**
 * Sets the answer count of the question `answerId` belongs to from its published answers, so
 * holding, hiding, removing, approving or restoring an answer can never drift the number.
 */
function recountAnswersStatement(db: D1Database, siteId: string, answerId: string): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE questions SET answer_count = (SELECT count(*) FROM answers a
                                             WHERE a.site_id = questions.site_id AND a.question_id = questions.id AND a.status = 'published')
        WHERE site_id = ?1 AND id = (SELECT question_id FROM answers WHERE site_id = ?1 AND id = ?2)`,
    )
    .bind(siteId, answerId);
}

/** Staff decisions on a held, hidden or removed item, always with an audit row. */
export async function moderate(
  db: D1Database,
  siteId: string,
  m: { targetType: TargetType; targetId: string; action: 'approved' | 'removed' | 'restored'; actor: string; reason: string },
  now: number,
): Promise<boolean> {
  const status = m.action === 'removed' ? 'removed' : 'published';
  const t = table(m.targetType);
  const [update] = await db.batch([
    db.prepare(`UPDATE ${t} SET status = ?, report_count = CASE WHEN ? = 'published' THEN 0 ELSE report_count END WHERE site_id = ? AND id = ?`).bind(status, status, siteId, m.targetId),
    logModerationStatement(db, siteId, m, now),
    // In the same transaction: the question's answer count follows its published answers.
    ...(m.targetType === 'answer' ? [recountAnswersStatement(db, siteId, m.targetId)] : []),
    // A removed answer cannot stay the accepted one.
    ...(m.targetType === 'answer' && status === 'removed'
      ? [
          db
            .prepare('UPDATE questions SET accepted_answer_id = NULL WHERE site_id = ? AND accepted_answer_id = ?')
            .bind(siteId, m.targetId),
        ]
      : []),
  ]);
  return (update?.meta.changes ?? 0) > 0;
}

export interface ModerationLogEntry {
  action: ModerationAction;
  actor: string;
  /** Name of the console account when `actor` is `staff:<id>` of this site and the account still exists. */
  actorName: string | null;
  reason: string;
  createdAt: number;
}

/** The audit rows of one item, oldest first. */
export async function listModerationLog(
  db: D1Database,
  siteId: string,
  targetType: TargetType,
  targetId: string,
): Promise<ModerationLogEntry[]> {
  const { results } = await db
    .prepare(
      `SELECT l.action, l.actor, l.reason, l.created_at, s.name AS actor_name
         FROM moderation_log l
         LEFT JOIN staff s ON s.site_id = l.site_id AND l.actor = 'staff:' || s.id
        WHERE l.site_id = ? AND l.target_type = ? AND l.target_id = ?
        ORDER BY l.created_at, l.rowid
        LIMIT 500`,
    )
    .bind(siteId, targetType, targetId)
    .all<{ action: ModerationAction; actor: string; reason: string; created_at: number; actor_name: string | null }>();
  return results.map((r) => ({ action: r.action, actor: r.actor, actorName: r.actor_name, reason: r.reason, createdAt: r.created_at }));
}

export interface ModerationItem {
  targetType: TargetType;
  id: string;
  /** The question itself, the question an answer belongs to, or for a review the review's own id. */
  questionId: string;
  productId: string;
  body: string;
  authorName: string | null;
  status: 'held' | 'hidden' | 'removed';
  reportCount: number;
  createdAt: number;
  lastReason: string | null;
}

/** The console's moderation queue: everything not published, newest first. */
export async function listModerationQueue(db: D1Database, siteId: string, limit: number): Promise<ModerationItem[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM (
         SELECT 'question' AS target_type, q.id, q.id AS question_id, q.product_id, q.body, q.author_name, q.status, q.report_count, q.created_at,
                (SELECT reason FROM moderation_log l WHERE l.site_id = q.site_id AND l.target_type = 'question' AND l.target_id = q.id ORDER BY created_at DESC LIMIT 1) AS last_reason
           FROM questions q WHERE q.site_id = ?1 AND q.status <> 'published'
         UNION ALL
         SELECT 'answer', a.id, a.question_id, q.product_id, a.body, a.author_name, a.status, a.report_count, a.created_at,
                (SELECT reason FROM moderation_log l WHERE l.site_id = a.site_id AND l.target_type = 'answer' AND l.target_id = a.id ORDER BY created_at DESC LIMIT 1)
           FROM answers a JOIN questions q ON q.site_id = a.site_id AND q.id = a.question_id
          WHERE a.site_id = ?1 AND a.status <> 'published'
         UNION ALL
         -- A review has no question: its own id stands in, and its title leads its text.
         SELECT 'review', r.id, r.id, r.product_id, r.title || char(10) || r.body, r.author_name, r.status, r.report_count, r.created_at,
                (SELECT reason FROM moderation_log l WHERE l.site_id = r.site_id AND l.target_type = 'review' AND l.target_id = r.id ORDER BY created_at DESC LIMIT 1)
           FROM reviews r WHERE r.site_id = ?1 AND r.status <> 'published'
       ) ORDER BY created_at DESC LIMIT ?2`,
    )
    .bind(siteId, limit)
    .all<{
      target_type: TargetType;
      id: string;
      question_id: string;
      product_id: string;
      body: string;
      author_name: string | null;
      status: ModerationItem['status'];
      report_count: number;
      created_at: number;
      last_reason: string | null;
    }>();
  return results.map((r) => ({
    targetType: r.target_type,
    id: r.id,
    questionId: r.question_id,
    productId: r.product_id,
    body: r.body,
    authorName: r.author_name,
    status: r.status,
    reportCount: r.report_count,
    createdAt: r.created_at,
    lastReason: r.last_reason,
  }));
}

/** Adds one to a deflection funnel counter for a product and day. */
export async function countDeflectionEvent(db: D1Database, siteId: string, productId: string, kind: string, now: number): Promise<void> {
  await db
    .prepare(
      `INSERT INTO deflection_events (site_id, product_id, day, kind, count) VALUES (?, ?, ?, ?, 1)
       ON CONFLICT (site_id, product_id, day, kind) DO UPDATE SET count = count + 1`,
    )
    .bind(siteId, productId, Math.floor(now / 86_400_000), kind)
    .run();
}
