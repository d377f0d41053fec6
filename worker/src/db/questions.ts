/** Product questions and their answers. Every statement is scoped by site_id. */
import type { Authorship } from '../domain/viewer.ts';

interface StoredAuthor extends Authorship {
  authorErased: boolean;
}

export type PostStatus = 'published' | 'held' | 'hidden' | 'removed';

export type Visibility = 'public' | 'private';
export type Channel = 'product' | 'checkout';

export interface StoredQuestion extends StoredAuthor {
  id: string;
  productId: string;
  /** As shown to the community and the asker: personal data masked. */
  body: string;
  answerCount: number;
  acceptedAnswerId: string | null;
  status: PostStatus;
  createdAt: number;
  /** Private questions are seen only by the asker and staff. */
  visibility: Visibility;
  channel: Channel;
  orderRef: string | null;
}

export interface StoredAnswer extends StoredAuthor {
  id: string;
  questionId: string;
  body: string;
  helpfulCount: number;
  status: PostStatus;
  createdAt: number;
}

interface AuthorColumns {
  author_name: string | null;
  author_sub: string | null;
  author_visitor: string | null;
  author_role: 'shopper' | 'expert' | 'staff' | null;
  author_erased: number;
}

interface QuestionRow extends AuthorColumns {
  id: string;
  product_id: string;
  body: string;
  answer_count: number;
  accepted_answer_id: string | null;
  status: PostStatus;
  created_at: number;
  visibility: Visibility;
  channel: Channel;
  order_ref: string | null;
}

interface AnswerRow extends AuthorColumns {
  id: string;
  question_id: string;
  body: string;
  helpful_count: number;
  status: PostStatus;
  created_at: number;
}

const AUTHOR_COLS = 'author_name, author_sub, author_visitor, author_role, author_erased';
const QUESTION_COLS = `id, product_id, body, answer_count, accepted_answer_id, status, created_at, visibility, channel, order_ref, ${AUTHOR_COLS}`;
const ANSWER_COLS = `id, question_id, body, helpful_count, status, created_at, ${AUTHOR_COLS}`;
/** Trusted first: the accepted answer, then experts, then the most helpful, then the oldest. */
const ANSWER_ORDER = `(id = (SELECT accepted_answer_id FROM questions q WHERE q.site_id = answers.site_id AND q.id = answers.question_id)) DESC,
  (author_role = 'expert') DESC, helpful_count DESC, created_at ASC, id ASC`;

const toAuthor = (r: AuthorColumns): StoredAuthor => ({
  authorName: r.author_name,
  authorSub: r.author_sub,
  authorVisitor: r.author_visitor,
  authorRole: r.author_role,
  authorErased: r.author_erased === 1,
});

const toQuestion = (r: QuestionRow): StoredQuestion => ({
  id: r.id,
  productId: r.product_id,
  body: r.body,
  answerCount: r.answer_count,
  acceptedAnswerId: r.accepted_answer_id,
  status: r.status,
  createdAt: r.created_at,
  visibility: r.visibility,
  channel: r.channel,
  orderRef: r.order_ref,
  ...toAuthor(r),
});

const toAnswer = (r: AnswerRow): StoredAnswer => ({
  id: r.id,
  questionId: r.question_id,
  body: r.body,
  helpfulCount: r.helpful_count,
  status: r.status,
  createdAt: r.created_at,
  ...toAuthor(r),
});

/** Position in a newest-first list: the last item a page ended on. */
export interface QuestionCursor {
  createdAt: number;
  id: string;
}

/** Newest first; `limit + 1` rows are read so the caller knows whether another page exists. */
export async function listQuestions(
  db: D1Database,
  siteId: string,
  productId: string,
  limit: number,
  after: QuestionCursor | null,
): Promise<{ questions: StoredQuestion[]; next: QuestionCursor | null }> {
  const stmt = after
    ? db
        .prepare(
          `SELECT ${QUESTION_COLS} FROM questions
            WHERE site_id = ? AND product_id = ? AND status = 'published' AND visibility = 'public' AND (created_at < ? OR (created_at = ? AND id < ?))
            ORDER BY created_at DESC, id DESC LIMIT ?`,
        )
        .bind(siteId, productId, after.createdAt, after.createdAt, after.id, limit + 1)
    : db
        .prepare(
          `SELECT ${QUESTION_COLS} FROM questions WHERE site_id = ? AND product_id = ? AND status = 'published' AND visibility = 'public'
            ORDER BY created_at DESC, id DESC LIMIT ?`,
        )
        .bind(siteId, productId, limit + 1);
  const { results } = await stmt.all<QuestionRow>();
  const questions = results.slice(0, limit).map(toQuestion);
  const last = questions.at(-1);
  const next = results.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null;
  return { questions, next };
}

/** A member's or visitor's own questions across the whole site, newest first. */
export async function listQuestionsBy(
  db: D1Database,
  siteId: string,
  author: { sub: string | null; visitorId: string | null },
  limit: number,
): Promise<StoredQuestion[]> {
  const { results } = await db
    .prepare(
      `SELECT ${QUESTION_COLS} FROM questions
        WHERE site_id = ?1 AND ((?2 IS NOT NULL AND author_sub = ?2) OR (?3 IS NOT NULL AND author_visitor = ?3))
        ORDER BY created_at DESC, id DESC LIMIT ?4`,
    )
    .bind(siteId, author.sub, author.visitorId, limit)
    .all<QuestionRow>();
  return results.map(toQuestion);
}

/** All answers a member wrote (for their data export). */
export async function listAnswersBy(db: D1Database, siteId: string, sub: string): Promise<StoredAnswer[]> {
  const { results } = await db
    .prepare(`SELECT ${ANSWER_COLS} FROM answers WHERE site_id = ? AND author_sub = ? ORDER BY created_at`)
    .bind(siteId, sub)
    .all<AnswerRow>();
  return results.map(toAnswer);
}

export async function findQuestion(db: D1Database, siteId: string, questionId: string): Promise<StoredQuestion | null> {
  const row = await db
    .prepare(`SELECT ${QUESTION_COLS} FROM questions WHERE site_id = ? AND id = ?`)
    .bind(siteId, questionId)
    .first<QuestionRow>();
  return row ? toQuestion(row) : null;
}

export async function findAnswer(db: D1Database, siteId: string, answerId: string): Promise<StoredAnswer | null> {
  const row = await db
    .prepare(`SELECT ${ANSWER_COLS} FROM answers WHERE site_id = ? AND id = ?`)
    .bind(siteId, answerId)
    .first<AnswerRow>();
  return row ? toAnswer(row) : null;
}

export interface NewPost extends Authorship {
  id: string;
  body: string;
  status: PostStatus;
  createdAt: number;
}

/** How a new question was triaged and where it goes. */
export interface QuestionRouting {
  visibility: Visibility;
  channel: Channel;
  orderRef: string | null;
  category: string | null;
  complaint: boolean;
  triageMatched: string[];
  /** The text as written, when screening masked `body` (staff only). */
  staffBody: string | null;
  /** End of the ambassador-first window (public questions). */
  escalateAt: number | null;
}

/** Stores a question, creating the product on first sight, in one transaction. */
export async function insertQuestion(
  db: D1Database,
  siteId: string,
  q: NewPost & { productId: string },
  routing: QuestionRouting,
  extra: D1PreparedStatement[] = [],
  after: D1PreparedStatement[] = [],
): Promise<StoredQuestion> {
  await db.batch([
    ...extra,
    db
      .prepare('INSERT INTO products (site_id, id, first_seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
      .bind(siteId, q.productId, q.createdAt),
    db
      .prepare(
        `INSERT INTO questions (site_id, id, product_id, body, answer_count, status, created_at, ${AUTHOR_COLS},
                                visibility, channel, order_ref, category, complaint, triage_matched, staff_body, escalate_at)
         VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        siteId, q.id, q.productId, q.body, q.status, q.createdAt, q.authorName, q.authorSub, q.authorVisitor, q.authorRole,
        routing.visibility, routing.channel, routing.orderRef, routing.category, routing.complaint ? 1 : 0,
        JSON.stringify(routing.triageMatched), routing.staffBody, routing.escalateAt,
      ),
    ...after,
  ]);
  return {
    ...q,
    answerCount: 0,
    acceptedAnswerId: null,
    authorErased: false,
    visibility: routing.visibility,
    channel: routing.channel,
    orderRef: routing.orderRef,
  };
}

/** Published answers, most trusted first. */
export async function listAnswers(db: D1Database, siteId: string, questionId: string): Promise<StoredAnswer[]> {
  const { results } = await db
    .prepare(
      `SELECT ${ANSWER_COLS} FROM answers WHERE site_id = ? AND question_id = ? AND status = 'published'
        ORDER BY ${ANSWER_ORDER} LIMIT 200`,
    )
    .bind(siteId, questionId)
    .all<AnswerRow>();
  return results.map(toAnswer);
}

/** Stores an answer and bumps the question's count in one transaction, so the count never drifts. */
export async function insertAnswer(
  db: D1Database,
  siteId: string,
  a: NewPost & { questionId: string },
  extra: D1PreparedStatement[] = [],
): Promise<StoredAnswer> {
  await db.batch([
    ...extra,
    db
      .prepare(
        `INSERT INTO answers (site_id, id, question_id, body, status, created_at, ${AUTHOR_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
      )
      .bind(siteId, a.id, a.questionId, a.body, a.status, a.createdAt, a.authorName, a.authorSub, a.authorVisitor, a.authorRole),
    // Only published answers count: a held answer is not visible yet.
    db
      .prepare('UPDATE questions SET answer_count = answer_count + 1 WHERE site_id = ? AND id = ? AND ? = \'published\'')
      .bind(siteId, a.questionId, a.status),
  ]);
  return { ...a, helpfulCount: 0, authorErased: false };
}

/** A suggestion: an answered question with the first line of its best answer. */
export interface StoredSuggestion extends StoredQuestion {
  topAnswer: string | null;
}

/** The FTS `scope` tokens: 's'/'p' + upper-case hex of the UTF-8 id, as SQLite's hex() writes it. */
const scopeToken = (prefix: 's' | 'p', id: string) =>
  `${prefix}${[...new TextEncoder().encode(id)].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase()}`;

const TOP_ANSWER = `(SELECT a.body FROM answers a WHERE a.site_id = q.site_id AND a.question_id = q.id AND a.status = 'published'
   ORDER BY (a.id = q.accepted_answer_id) DESC, (a.author_role = 'expert') DESC, a.helpful_count DESC, a.created_at ASC LIMIT 1)`;
const Q_COLS = QUESTION_COLS.split(', ').map((c) => `q.${c}`).join(', ');

/**
 * Full-text search over questions and their answers, narrowed to the site (and product) inside the
 * FTS index. This product's published questions come first, ranked by relevance (bm25, question text
 * weighing more than answers) with a bonus for accepted and well-answered ones; then, if asked,
 * the rest of the site, by relevance. The best answer is looked up only for the rows returned.
 */
export async function searchQuestions(
  db: D1Database,
  siteId: string,
  match: string,
  opts: { productId: string; onlyProduct: boolean; onlyAnswered: boolean; limit: number },
): Promise<StoredSuggestion[]> {
  const site = scopeToken('s', siteId);
  const product = scopeToken('p', opts.productId);
  const answered = opts.onlyAnswered ? 1 : 0;
  const { results: here } = await db
    .prepare(
      `SELECT ${Q_COLS}, ${TOP_ANSWER} AS top_answer FROM (
         SELECT q.rowid AS rid FROM questions_fts f JOIN questions q ON q.rowid = f.rowid
          WHERE questions_fts MATCH ?1 AND q.site_id = ?2 AND q.status = 'published' AND q.visibility = 'public' AND (?3 = 0 OR q.answer_count > 0)
          ORDER BY bm25(questions_fts, 4.0, 1.0, 0.0) - 0.5 * (q.accepted_answer_id IS NOT NULL) - 0.1 * min(q.answer_count, 5)
          LIMIT ?4
       ) best JOIN questions q ON q.rowid = best.rid`,
    )
    .bind(`scope:"${site}" AND scope:"${product}" AND (${match})`, siteId, answered, opts.limit)
    .all<QuestionRow & { top_answer: string | null }>();
  const found = here.map((r) => ({ ...toQuestion(r), topAnswer: r.top_answer }));
  if (opts.onlyProduct || found.length >= opts.limit) return found;
  // The rest of the site: FTS's own rank order with a small over-fetch, then the usual filters.
  const { results: elsewhere } = await db
    .prepare(
      `SELECT ${Q_COLS}, ${TOP_ANSWER} AS top_answer FROM (
         SELECT rowid AS rid, rank FROM questions_fts WHERE questions_fts MATCH ?1 ORDER BY rank LIMIT ?2
       ) best JOIN questions q ON q.rowid = best.rid
        WHERE q.site_id = ?3 AND q.status = 'published' AND q.visibility = 'public' AND (?4 = 0 OR q.answer_count > 0)
        ORDER BY best.rank LIMIT ?5`,
    )
    .bind(`scope:"${site}" NOT scope:"${product}" AND (${match})`, opts.limit * 4, siteId, answered, opts.limit - found.length)
    .all<QuestionRow & { top_answer: string | null }>();
  return [...found, ...elsewhere.map((r) => ({ ...toQuestion(r), topAnswer: r.top_answer }))];
}

/**
 * Questions an expert can help with: unanswered or without an accepted answer, on the given
 * products, oldest (longest waiting) first.
 */
export async function listOpenQuestions(db: D1Database, siteId: string, productIds: string[], limit: number): Promise<StoredQuestion[]> {
  const { results } = await db
    .prepare(
      `SELECT ${QUESTION_COLS} FROM questions
        WHERE site_id = ? AND status = 'published' AND visibility = 'public' AND accepted_answer_id IS NULL
          AND product_id IN (SELECT value FROM json_each(?))
        ORDER BY created_at ASC, id ASC LIMIT ?`,
    )
    .bind(siteId, JSON.stringify(productIds), limit)
    .all<QuestionRow>();
  return results.map(toQuestion);
}

/** The product's answered, published questions with their answers, for structured data. */
export async function listAnsweredWithAnswers(
  db: D1Database,
  siteId: string,
  productId: string,
  limit: number,
): Promise<{ question: StoredQuestion; answers: StoredAnswer[] }[]> {
  const { results } = await db
    .prepare(
      `SELECT ${QUESTION_COLS} FROM questions WHERE site_id = ? AND product_id = ? AND status = 'published' AND visibility = 'public' AND answer_count > 0
        ORDER BY created_at DESC LIMIT ?`,
    )
    .bind(siteId, productId, limit)
    .all<QuestionRow>();
  return Promise.all(
    results.map(async (r) => ({ question: toQuestion(r), answers: await listAnswers(db, siteId, r.id) })),
  );
}

/**
 * Published questions still without an answer after `olderThan`, not yet reported to webhooks;
 * marks them reported in the same call so each is announced once. Across sites (the scheduled job).
 */
export async function claimUnansweredQuestions(
  db: D1Database,
  olderThan: number,
  now: number,
  limit: number,
): Promise<(StoredQuestion & { siteId: string })[]> {
  const { results } = await db
    .prepare(
      `UPDATE questions SET unanswered_notified_at = ?1
        WHERE rowid IN (SELECT rowid FROM questions
                         WHERE answer_count = 0 AND unanswered_notified_at IS NULL AND status = 'published' AND visibility = 'public' AND created_at <= ?2
                         ORDER BY created_at LIMIT ?3)
        RETURNING site_id, ${QUESTION_COLS}`,
    )
    .bind(now, olderThan, limit)
    .all<QuestionRow & { site_id: string }>();
  return results.map((r) => ({ ...toQuestion(r), siteId: r.site_id }));
}
