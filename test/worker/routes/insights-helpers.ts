/**
 * Row writers for the Insights tests: each inserts exactly the source rows the report reads,
 * with the timestamps a test chooses, through bound SQL (the triggers of migration 0011 run as
 * they do for the API's own writes).
 */
import { env } from 'cloudflare:workers';

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export async function product(siteId: string, id: string, name: string | null): Promise<void> {
  await env.DB.prepare('INSERT INTO products (site_id, id, name, first_seen_at) VALUES (?, ?, ?, 0) ON CONFLICT DO NOTHING').bind(siteId, id, name).run();
}

export interface QuestionSpec {
  id?: string;
  productId: string;
  at: number;
  body?: string;
  visibility?: 'public' | 'private';
  channel?: 'product' | 'checkout';
  status?: 'published' | 'held' | 'hidden' | 'removed';
  complaint?: boolean;
  conversationId?: string | null;
}

export async function question(siteId: string, q: QuestionSpec): Promise<string> {
  const id = q.id ?? crypto.randomUUID();
  await env.DB.prepare(
    `INSERT INTO questions (site_id, id, product_id, body, created_at, visibility, channel, status, complaint, conversation_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(siteId, id, q.productId, q.body ?? 'Does this run small?', q.at, q.visibility ?? 'public', q.channel ?? 'product', q.status ?? 'published', q.complaint ? 1 : 0, q.conversationId ?? null)
    .run();
  return id;
}

export interface AnswerSpec {
  questionId: string;
  at: number;
  sub?: string | null;
  visitor?: string | null;
  name?: string | null;
  role?: 'shopper' | 'expert' | 'staff' | null;
  status?: 'published' | 'held' | 'hidden' | 'removed';
}

export async function answer(siteId: string, a: AnswerSpec): Promise<string> {
  const id = crypto.randomUUID();
  await env.DB.prepare(
    `INSERT INTO answers (site_id, id, question_id, body, created_at, author_sub, author_visitor, author_name, author_role, status)
     VALUES (?, ?, ?, 'It fits true to size.', ?, ?, ?, ?, ?, ?)`,
  )
    .bind(siteId, id, a.questionId, a.at, a.sub ?? null, a.visitor ?? null, a.name ?? null, a.role ?? null, a.status ?? 'published')
    .run();
  return id;
}

export async function accept(siteId: string, questionId: string, answerId: string): Promise<void> {
  await env.DB.prepare('UPDATE questions SET accepted_answer_id = ? WHERE site_id = ? AND id = ?').bind(answerId, siteId, questionId).run();
}

export interface ItemSpec {
  questionId: string;
  productId: string;
  reason: 'personal' | 'checkout' | 'complaint' | 'second_contact' | 'timeout' | 'not_helpful';
  routedAt: number;
  slaDueAt?: number;
  firstResponseAt?: number | null;
  resolvedAt?: number | null;
}

export async function staffItem(siteId: string, s: ItemSpec): Promise<string> {
  const id = crypto.randomUUID();
  await env.DB.prepare(
    `INSERT INTO staff_items (site_id, id, question_id, product_id, reason, sla_due_at, routed_at, first_response_at, resolved_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(siteId, id, s.questionId, s.productId, s.reason, s.slaDueAt ?? s.routedAt + 4 * HOUR, s.routedAt, s.firstResponseAt ?? null, s.resolvedAt ?? null, s.routedAt)
    .run();
  return id;
}

export async function conversation(siteId: string, c: { questionId: string; productId: string; at: number }): Promise<string> {
  const id = crypto.randomUUID();
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO conversations (site_id, id, question_id, channel, product_id, author_key, start_client_id, created_at, updated_at)
       VALUES (?, ?, ?, 'product', ?, ?, ?, ?, ?)`,
    ).bind(siteId, id, c.questionId, c.productId, `v:${id}`, id, c.at, c.at),
    env.DB.prepare('UPDATE questions SET conversation_id = ? WHERE site_id = ? AND id = ?').bind(id, siteId, c.questionId),
  ]);
  return id;
}

export async function review(siteId: string, r: { productId: string; at: number; source?: 'widget' | 'import' }): Promise<string> {
  const id = crypto.randomUUID();
  await env.DB.prepare(
    `INSERT INTO reviews (site_id, id, product_id, kind, rating, title, body, source, author_visitor, created_at, updated_at)
     VALUES (?, ?, ?, 'shopper', 4, 'Warm', 'Warm and dry on the dunes.', ?, ?, ?, ?)`,
  )
    .bind(siteId, id, r.productId, r.source ?? 'widget', `v_${id}`, r.at, r.at)
    .run();
  return id;
}

export async function idea(siteId: string, i: { productId: string | null; at: number }): Promise<string> {
  const id = crypto.randomUUID();
  await env.DB.prepare(
    `INSERT INTO ideas (site_id, id, product_id, title, body, category, created_at, updated_at)
     VALUES (?, ?, ?, 'A kids size', 'Please make this jacket in kids sizes too.', 'product', ?, ?)`,
  )
    .bind(siteId, id, i.productId, i.at, i.at)
    .run();
  return id;
}

/** Adds `count` to a deflection counter, as the widget's events do one at a time. */
export async function deflection(siteId: string, d: { productId: string; day: number; kind: string; count: number }): Promise<void> {
  await env.DB.prepare(
    `INSERT INTO deflection_events (site_id, product_id, day, kind, count) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (site_id, product_id, day, kind) DO UPDATE SET count = count + excluded.count`,
  )
    .bind(siteId, d.productId, d.day, d.kind, d.count)
    .run();
}

export async function profile(siteId: string, p: { memberKey: string; publicId: string; name: string; points: number; influence: number | null }): Promise<void> {
  await env.DB.prepare(
    `INSERT INTO member_profiles (site_id, member_key, public_id, name, points, influence, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0)`,
  )
    .bind(siteId, p.memberKey, p.publicId, p.name, p.points, p.influence)
    .run();
}
