/**
 * Shared by the routing tests: shoppers asking through the real public API (so triage, screening
 * and routing all run), staff accounts with sessions, and small readers of the queue tables.
 */
import { env, exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import type { MyQuestion, PostNotice, Question, RoutingNotice } from '../../../worker/src/api-types.ts';
import { aProductId, aSite, type SiteRow } from '../../fixtures/rows.ts';
import { aSession, aStaffMember, anIp, consoleCall, type ConsoleCall } from '../../fixtures/staff.ts';

/** A console API call as the console page makes it. */
export const call = (path: string, init?: ConsoleCall) => consoleCall(exports.default, path, init);

/** Expects `{ error: { code, message } }` with this status and code. */
export async function expectError(res: Response, status: number, code: string): Promise<void> {
  expect(res.status, await res.clone().text()).toBe(status);
  expect(await res.json()).toEqual({ error: { code, message: expect.any(String) } });
}

/** A visitor id as the widget makes one (`v_` + 32 random characters). */
export const aVisitorId = (): string => `v_${crypto.randomUUID().replaceAll('-', '')}`;

export interface Asked {
  question: Question;
  notice: PostNotice;
  routing: RoutingNotice;
  visitor: string;
}

/** A shopper's request to the public API of `site`, with its own IP so rate limits never meet. */
export function shopperCall(site: Pick<SiteRow, 'id'>, path: string, { visitor, method = 'GET', body }: { visitor?: string; method?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { 'CF-Connecting-IP': anIp() };
  if (visitor) headers['X-Samen-Visitor'] = visitor;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return exports.default.fetch(`https://samen.test/api/v1/sites/${site.id}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Asks on a product page (a new visitor unless given); personal questions reach the queue at once. */
export async function ask(
  site: Pick<SiteRow, 'id'>,
  { text = 'Where is my invoice for order 1042?', productId = aProductId(), visitor = aVisitorId(), authorName }: { text?: string; productId?: string; visitor?: string; authorName?: string } = {},
): Promise<Asked> {
  const res = await shopperCall(site, `/products/${encodeURIComponent(productId)}/questions`, {
    visitor,
    method: 'POST',
    body: { text, ...(authorName ? { authorName } : {}) },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return { ...(await res.json<Omit<Asked, 'visitor'>>()), visitor };
}

/** Asks at checkout about an order: always private, always routed. */
export async function askAtCheckout(
  site: Pick<SiteRow, 'id'>,
  { text = 'When will my order be shipped?', orderRef = 'NK-1042', visitor = aVisitorId() }: { text?: string; orderRef?: string; visitor?: string } = {},
): Promise<Asked> {
  const res = await shopperCall(site, '/checkout/questions', { visitor, method: 'POST', body: { text, orderRef } });
  expect(res.status, await res.clone().text()).toBe(201);
  return { ...(await res.json<Omit<Asked, 'visitor'>>()), visitor };
}

/** The shopper's "Your questions". */
export async function myQuestions(site: Pick<SiteRow, 'id'>, visitor: string): Promise<MyQuestion[]> {
  const res = await shopperCall(site, '/me/questions', { visitor });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json<{ questions: MyQuestion[] }>()).questions;
}

/** The queue item of a routed question (read from D1: the shopper API never shows it). */
export async function itemIdOf(site: Pick<SiteRow, 'id'>, questionId: string): Promise<string> {
  const row = await env.DB.prepare('SELECT id FROM staff_items WHERE site_id = ? AND question_id = ?')
    .bind(site.id, questionId)
    .first<{ id: string }>();
  if (!row) throw new Error(`question ${questionId} was not routed`);
  return row.id;
}

/** Asks a personal question and returns its queue item id too. */
export async function aRoutedItem(site: Pick<SiteRow, 'id'>, options: Parameters<typeof ask>[1] = {}): Promise<Asked & { itemId: string }> {
  const asked = await ask(site, options);
  expect(asked.routing.visibility).toBe('private');
  return { ...asked, itemId: await itemIdOf(site, asked.question.id) };
}

/** A site with an owner (Olga Owner) and an agent (Aziz Agent), each signed in. */
export async function aDesk() {
  const site = await aSite(env.DB);
  const owner = await aStaffMember(env.DB, { site, name: 'Olga Owner', role: 'owner' });
  const agent = await aStaffMember(env.DB, { site, name: 'Aziz Agent', role: 'agent' });
  return {
    site,
    owner: { ...owner, cookie: (await aSession(env.DB, { staff: owner })).cookie },
    agent: { ...agent, cookie: (await aSession(env.DB, { staff: agent })).cookie },
  };
}
