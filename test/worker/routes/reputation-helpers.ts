/**
 * Shared by the reputation tests: a site with a signing secret and an owner and agent signed in to
 * the console, widget-like calls with a chosen IP, and direct row builders for posts and votes.
 */
import { env, exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import type { Answer } from '../../../worker/src/api-types.ts';
import type { CommunityMember } from '../../../worker/src/reputation-types.ts';
import { signShopToken } from '../../../worker/src/domain/shop-tokens.ts';
import { aProductId, aQuestion, aSite, anAnswer, type AnswerRow, type QuestionRow, type SiteRow } from '../../fixtures/rows.ts';
import { aMember, aSession, aStaffMember, consoleCall, type ConsoleCall } from '../../fixtures/staff.ts';
import { ORIGIN, aVisitor, widgetCall, type WidgetCall } from './widget-requests.ts';

export { ORIGIN, aVisitor };
export { expectError } from './widget-requests.ts';

export const SECRET = 'reputation-secret-0123456789abcdef0123';
const octet = () => Math.floor(Math.random() * 256);
/** An IPv4 address in a random /24, so unrelated votes never share a network. */
export const anIpv4 = (): string => `10.${octet()}.${octet()}.${octet()}`;

/** A site (with token secret), an owner and an agent with console sessions. */
export async function aCommunity() {
  const site = await aSite(env.DB, { origins: [ORIGIN], tokenSecret: SECRET });
  const owner = await aStaffMember(env.DB, { site, role: 'owner' });
  const agent = await aStaffMember(env.DB, { site, role: 'agent' });
  return {
    site,
    ownerCookie: (await aSession(env.DB, { staff: owner })).cookie,
    agentCookie: (await aSession(env.DB, { staff: agent })).cookie,
  };
}

/** A widget request to `/api/v1/sites/<site><path>`, from `ip` (a random network unless given). */
export const call = (site: Pick<SiteRow, 'id'>, path: string, init: WidgetCall = {}): Promise<Response> =>
  widgetCall(site, path, { ...init, ip: init.ip ?? anIpv4() });

export const consoleApi = (path: string, init?: ConsoleCall) => consoleCall(exports.default, path, init);


/** A member the shop identified (row in members) with a token for the widget. */
export async function aShopper(site: SiteRow, opts: { name?: string; role?: 'shopper' | 'expert'; products?: string[] } = {}) {
  const m = await aMember(env.DB, { site, name: opts.name ?? 'Anna de Vries', role: opts.role ?? 'shopper' });
  const token = await signShopToken({ sub: m.sub, name: m.name, role: m.role, products: opts.products ?? [] }, site.id, SECRET);
  return { ...m, key: `m:${m.sub}`, token };
}

/** A question by an anonymous visitor on `productId`, answered by `sub`. */
export async function anAnswerBy(
  site: SiteRow,
  sub: string,
  opts: { productId?: string; createdAt?: number; asker?: Partial<QuestionRow> } = {},
): Promise<{ question: QuestionRow; answer: AnswerRow }> {
  const question = await aQuestion(env.DB, {
    site,
    productId: opts.productId ?? aProductId(),
    authorVisitor: aVisitor(),
    ...opts.asker,
  });
  const answer = await anAnswer(env.DB, {
    question,
    authorSub: sub,
    authorName: 'Anna de Vries',
    authorRole: 'shopper',
    ...(opts.createdAt ? { createdAt: opts.createdAt } : {}),
  });
  return { question, answer };
}

export const accept = (site: SiteRow, questionId: string, answerId: string) =>
  env.DB.prepare('UPDATE questions SET accepted_answer_id = ? WHERE site_id = ? AND id = ?').bind(answerId, site.id, questionId).run();

export const voteDirect = (site: SiteRow, answerId: string, voter: string) =>
  env.DB.prepare('INSERT INTO answer_votes (site_id, answer_id, voter, created_at) VALUES (?, ?, ?, ?)').bind(site.id, answerId, voter, Date.now()).run();

/** A published review by member `sub` on a new product. */
export async function aReviewBy(site: SiteRow, sub: string, status = 'published'): Promise<string> {
  const id = crypto.randomUUID();
  const product = aProductId();
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare('INSERT INTO products (site_id, id, first_seen_at) VALUES (?, ?, ?)').bind(site.id, product, now),
    env.DB.prepare(
      `INSERT INTO reviews (site_id, id, product_id, kind, rating, title, body, author_sub, author_name, status, created_at, updated_at)
       VALUES (?, ?, ?, 'shopper', 4, 'Good', 'Good jacket for the rain.', ?, 'Anna de Vries', ?, ?, ?)`,
    ).bind(site.id, id, product, sub, status, now, now),
  ]);
  return id;
}

/** An idea by member `sub` with a status ('planned' and 'done' count as adopted). */
export async function anIdeaBy(site: SiteRow, sub: string, status: string, votes = 0): Promise<void> {
  const now = Date.now();
  await env.DB.prepare(
    `INSERT INTO ideas (site_id, id, title, body, category, status, vote_count, author_sub, author_name, created_at, updated_at)
     VALUES (?, ?, 'Recycled zips', 'Use recycled zips on every jacket.', 'product', ?, ?, ?, 'Anna de Vries', ?, ?)`,
  )
    .bind(site.id, crypto.randomUUID(), status, votes, sub, now, now)
    .run();
}

/** The stored profile row (what the console and insights read). */
export const profileRow = (site: SiteRow, key: string) =>
  env.DB.prepare('SELECT * FROM member_profiles WHERE site_id = ? AND member_key = ?')
    .bind(site.id, key)
    .first<{ public_id: string; points: number; level: string; badges: string; helpful_count: number; accepted_count: number; influence: number | null; influence_at: number | null; role: string }>();

export async function answersOf(site: SiteRow, questionId: string, init: WidgetCall = {}): Promise<Answer[]> {
  const res = await call(site, `/questions/${questionId}/answers`, init);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json<{ answers: Answer[] }>()).answers;
}

export async function membersOf(cookie: string, sort = 'points'): Promise<CommunityMember[]> {
  const res = await consoleApi(`/members?sort=${sort}`, { cookie });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json<{ members: CommunityMember[] }>()).members;
}
