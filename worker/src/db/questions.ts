/** Product questions and their answers. Every statement is scoped by site_id. */
import type { Authorship } from '../domain/viewer.ts';

interface StoredAuthor extends Authorship {
  authorErased: boolean;
}

export interface StoredQuestion extends StoredAuthor {
  id: string;
  productId: string;
  body: string;
  answerCount: number;
  createdAt: number;
}

export interface StoredAnswer extends StoredAuthor {
  id: string;
  questionId: string;
  body: string;
  createdAt: number;
}

interface AuthorColumns {
  author_name: string | null;
  author_sub: string | null;
  author_visitor: string | null;
  author_role: 'shopper' | 'expert' | null;
  author_erased: number;
}

interface QuestionRow extends AuthorColumns {
  id: string;
  product_id: string;
  body: string;
  answer_count: number;
  created_at: number;
}

interface AnswerRow extends AuthorColumns {
  id: string;
  question_id: string;
  body: string;
  created_at: number;
}

const AUTHOR_COLS = 'author_name, author_sub, author_visitor, author_role, author_erased';
const QUESTION_COLS = `id, product_id, body, answer_count, created_at, ${AUTHOR_COLS}`;
const ANSWER_COLS = `id, question_id, body, created_at, ${AUTHOR_COLS}`;

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
  createdAt: r.created_at,
  ...toAuthor(r),
});

const toAnswer = (r: AnswerRow): StoredAnswer => ({
  id: r.id,
  questionId: r.question_id,
  body: r.body,
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
            WHERE site_id = ? AND product_id = ? AND (created_at < ? OR (created_at = ? AND id < ?))
            ORDER BY created_at DESC, id DESC LIMIT ?`,
        )
        .bind(siteId, productId, after.createdAt, after.createdAt, after.id, limit + 1)
    : db
        .prepare(
          `SELECT ${QUESTION_COLS} FROM questions WHERE site_id = ? AND product_id = ?
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

export interface NewPost extends Authorship {
  id: string;
  body: string;
  createdAt: number;
}

/** Stores a question, creating the product on first sight, in one transaction. */
export async function insertQuestion(
  db: D1Database,
  siteId: string,
  q: NewPost & { productId: string },
  extra: D1PreparedStatement[] = [],
): Promise<StoredQuestion> {
  await db.batch([
    ...extra,
    db
      .prepare('INSERT INTO products (site_id, id, first_seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
      .bind(siteId, q.productId, q.createdAt),
    db
      .prepare(
        `INSERT INTO questions (site_id, id, product_id, body, answer_count, created_at, ${AUTHOR_COLS})
         VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, 0)`,
      )
      .bind(siteId, q.id, q.productId, q.body, q.createdAt, q.authorName, q.authorSub, q.authorVisitor, q.authorRole),
  ]);
  return { ...q, answerCount: 0, authorErased: false };
}

export async function listAnswers(db: D1Database, siteId: string, questionId: string): Promise<StoredAnswer[]> {
  const { results } = await db
    .prepare(
      `SELECT ${ANSWER_COLS} FROM answers WHERE site_id = ? AND question_id = ? ORDER BY created_at ASC, id ASC LIMIT 200`,
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
        `INSERT INTO answers (site_id, id, question_id, body, created_at, ${AUTHOR_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
      )
      .bind(siteId, a.id, a.questionId, a.body, a.createdAt, a.authorName, a.authorSub, a.authorVisitor, a.authorRole),
    db
      .prepare('UPDATE questions SET answer_count = answer_count + 1 WHERE site_id = ? AND id = ?')
      .bind(siteId, a.questionId),
  ]);
  return { ...a, authorErased: false };
}
