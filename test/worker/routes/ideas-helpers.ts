/**
 * Calls and row builders shared by the idea board tests: a site with a signing secret, shopper
 * tokens, widget requests, console sessions, and ideas inserted straight into D1 (so lists can be
 * filled without running into the per-shopper rate limit).
 */
import { env, exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import { signShopToken } from '../../../worker/src/domain/shop-tokens.ts';
import type { Idea, IdeaCategory, IdeaNotice, IdeaStatus, NewIdea } from '../../../worker/src/idea-types.ts';
import { aSite, type SiteRow } from '../../fixtures/rows.ts';
import { aSession, aStaffMember, consoleCall, type ConsoleCall } from '../../fixtures/staff.ts';
import { ORIGIN, aVisitor, widgetCall as call, type WidgetCall as CallInit } from './widget-requests.ts';

export { ORIGIN, aVisitor, call };
export { expectError } from './widget-requests.ts';

export const SECRET = 'ideas-secret-0123456789abcdef0123456';
export const anIdeaSite = (overrides: Partial<SiteRow> = {}): Promise<SiteRow> =>
  aSite(env.DB, { origins: [ORIGIN], tokenSecret: SECRET, ...overrides });

export const shopperToken = (site: SiteRow, sub = `cust-${crypto.randomUUID().slice(0, 8)}`, name = 'Anna de Vries') =>
  signShopToken({ sub, name, role: 'shopper', email: 'anna@example.com' }, site.id, SECRET);

export const consoleApi = (path: string, init?: ConsoleCall) => consoleCall(exports.default, path, init);

export const goodIdea = (overrides: Partial<NewIdea> = {}): NewIdea => ({
  title: 'Offer the rain jacket in petite sizes',
  body: 'The sleeves are always too long for me; a petite fit would be great.',
  category: 'product',
  ...overrides,
});

/** Shares an idea through the widget API (a fresh visitor unless told). */
export async function shareIdea(site: SiteRow, idea: Partial<NewIdea> = {}, init: CallInit = {}): Promise<{ idea: Idea; notice: IdeaNotice }> {
  const res = await call(site, '/ideas', { visitor: init.token ? undefined : (init.visitor ?? aVisitor()), ...init, method: 'POST', body: goodIdea(idea) });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

export async function detail(site: SiteRow, id: string, init: CallInit = {}): Promise<{ idea: Idea; comments: { body: string; mine: boolean; authorName: string | null; formerMember: boolean }[] }> {
  const res = await call(site, `/ideas/${id}`, init);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

export async function list(site: SiteRow, query = '', init: CallInit = {}): Promise<{ ideas: Idea[]; nextCursor: string | null }> {
  const res = await call(site, `/ideas${query}`, init);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

export const vote = (site: SiteRow, id: string, visitor: string | undefined, on = true) =>
  call(site, `/ideas/${id}/vote`, { method: on ? 'PUT' : 'DELETE', visitor });

/** An idea row straight into D1 (published, by an anonymous visitor unless told). */
export async function anIdea(
  site: Pick<SiteRow, 'id'>,
  o: {
    title?: string;
    body?: string;
    productId?: string | null;
    category?: IdeaCategory;
    status?: IdeaStatus;
    statusAt?: number | null;
    createdAt?: number;
    moderation?: 'published' | 'held' | 'removed';
    authorSub?: string | null;
  } = {},
): Promise<string> {
  const id = crypto.randomUUID();
  const createdAt = o.createdAt ?? Date.now();
  await env.DB.prepare(
    `INSERT INTO ideas (site_id, id, product_id, title, body, category, status, status_at, moderation, author_sub, author_visitor, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(
      site.id,
      id,
      o.productId ?? null,
      o.title ?? `An idea ${id.slice(0, 8)}`,
      o.body ?? 'A description long enough.',
      o.category ?? 'experience',
      o.status ?? 'new',
      o.statusAt ?? null,
      o.moderation ?? 'published',
      o.authorSub ?? null,
      o.authorSub ? null : aVisitor(),
      createdAt,
      createdAt,
    )
    .run();
  return id;
}

/** Votes as stored, counted from the votes table itself. */
export async function recount(site: Pick<SiteRow, 'id'>, id: string): Promise<{ stored: number; votes: number; storedComments: number; comments: number }> {
  const row = await env.DB.prepare(
    `SELECT i.vote_count AS stored, i.comment_count AS stored_comments,
            (SELECT count(*) FROM idea_votes v WHERE v.site_id = i.site_id AND v.idea_id = i.id) AS votes,
            (SELECT count(*) FROM idea_comments c WHERE c.site_id = i.site_id AND c.idea_id = i.id AND c.moderation = 'published') AS comments
       FROM ideas i WHERE i.site_id = ? AND i.id = ?`,
  )
    .bind(site.id, id)
    .first<{ stored: number; votes: number; stored_comments: number; comments: number }>();
  return { stored: row?.stored ?? -1, votes: row?.votes ?? -1, storedComments: row?.stored_comments ?? -1, comments: row?.comments ?? -1 };
}

/** An owner's and an agent's console session on `site`. */
export async function staffOf(site: { id: string }): Promise<{ owner: string; agent: string }> {
  const ownerRow = await aStaffMember(env.DB, { site, role: 'owner', name: 'Olga Owner' });
  const agentRow = await aStaffMember(env.DB, { site, role: 'agent', name: 'Arjen Agent' });
  return {
    owner: (await aSession(env.DB, { staff: ownerRow })).cookie,
    agent: (await aSession(env.DB, { staff: agentRow })).cookie,
  };
}
