/** Product questions and their answers. Every statement is scoped by site_id. */

import type { Answer, Question } from '../api-types.ts';

export type { Answer, Question };

interface QuestionRow {
  id: string;
  product_id: string;
  body: string;
  author_name: string | null;
  answer_count: number;
  created_at: number;
}

interface AnswerRow {
  id: string;
  question_id: string;
  body: string;
  author_name: string | null;
  created_at: number;
}

const toQuestion = (r: QuestionRow): Question => ({
  id: r.id,
  productId: r.product_id,
  body: r.body,
  authorName: r.author_name,
  answerCount: r.answer_count,
  createdAt: r.created_at,
});

const toAnswer = (r: AnswerRow): Answer => ({
  id: r.id,
  questionId: r.question_id,
  body: r.body,
  authorName: r.author_name,
  createdAt: r.created_at,
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
): Promise<{ questions: Question[]; next: QuestionCursor | null }> {
  const cols = 'id, product_id, body, author_name, answer_count, created_at';
  const stmt = after
    ? db
        .prepare(
          `SELECT ${cols} FROM questions
            WHERE site_id = ? AND product_id = ? AND (created_at < ? OR (created_at = ? AND id < ?))
            ORDER BY created_at DESC, id DESC LIMIT ?`,
        )
        .bind(siteId, productId, after.createdAt, after.createdAt, after.id, limit + 1)
    : db
        .prepare(
          `SELECT ${cols} FROM questions WHERE site_id = ? AND product_id = ?
            ORDER BY created_at DESC, id DESC LIMIT ?`,
        )
        .bind(siteId, productId, limit + 1);
  const { results } = await stmt.all<QuestionRow>();
  const questions = results.slice(0, limit).map(toQuestion);
  const last = questions.at(-1);
  const next = results.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null;
  return { questions, next };
}

export async function findQuestion(db: D1Database, siteId: string, questionId: string): Promise<Question | null> {
  const row = await db
    .prepare(
      'SELECT id, product_id, body, author_name, answer_count, created_at FROM questions WHERE site_id = ? AND id = ?',
    )
    .bind(siteId, questionId)
    .first<QuestionRow>();
  return row ? toQuestion(row) : null;
}

/** Stores a question, creating the product on first sight, in one transaction. */
export async function insertQuestion(
  db: D1Database,
  siteId: string,
  q: { id: string; productId: string; body: string; authorName: string | null; createdAt: number },
): Promise<Question> {
  await db.batch([
    db
      .prepare('INSERT INTO products (site_id, id, first_seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
      .bind(siteId, q.productId, q.createdAt),
    db
      .prepare(
        `INSERT INTO questions (site_id, id, product_id, body, author_name, answer_count, created_at)
         VALUES (?, ?, ?, ?, ?, 0, ?)`,
      )
      .bind(siteId, q.id, q.productId, q.body, q.authorName, q.createdAt),
  ]);
  return { ...q, answerCount: 0 };
}

export async function listAnswers(db: D1Database, siteId: string, questionId: string): Promise<Answer[]> {
  const { results } = await db
    .prepare(
      `SELECT id, question_id, body, author_name, created_at FROM answers
        WHERE site_id = ? AND question_id = ? ORDER BY created_at ASC, id ASC LIMIT 200`,
    )
    .bind(siteId, questionId)
    .all<AnswerRow>();
  return results.map(toAnswer);
}

/** Stores an answer and bumps the question's count in one transaction, so the count never drifts. */
export async function insertAnswer(
  db: D1Database,
  siteId: string,
  a: { id: string; questionId: string; body: string; authorName: string | null; createdAt: number },
): Promise<Answer> {
  await db.batch([
    db
      .prepare(
        `INSERT INTO answers (site_id, id, question_id, body, author_name, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .bind(siteId, a.id, a.questionId, a.body, a.authorName, a.createdAt),
    db
      .prepare('UPDATE questions SET answer_count = answer_count + 1 WHERE site_id = ? AND id = ?')
      .bind(siteId, a.questionId),
  ]);
  return a;
}
