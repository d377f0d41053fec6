/**
 * Calls and row builders shared by the reviews API tests: a site with a signing secret, shopper
 * and expert tokens, purchase claims, and requests that look like the widget's.
 */
import { env, exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import { signShopToken } from '../../../worker/src/domain/shop-tokens.ts';
import { signPurchaseClaim } from '../../../worker/src/domain/reviews-purchases.ts';
import type { ReviewInput, ReviewOverview, ReviewPage, ReviewWritten } from '../../../worker/src/review-types.ts';
import { aSite, type SiteRow } from '../../fixtures/rows.ts';

export const SECRET = 'reviews-secret-0123456789abcdef012345';
export const ORIGIN = 'https://shop.example';

export const aVisitor = (): string => `v_${crypto.randomUUID().replaceAll('-', '')}`;

/** A site with an allowed origin and a signing secret; `anonymous` lets visitors review. */
export async function aReviewSite(opts: { anonymous?: boolean; secret?: string | null } = {}): Promise<SiteRow> {
  const site = await aSite(env.DB, { origins: [ORIGIN], tokenSecret: opts.secret === undefined ? SECRET : opts.secret });
  if (opts.anonymous) await env.DB.prepare('UPDATE sites SET reviews_anonymous = 1 WHERE id = ?').bind(site.id).run();
  return site;
}

export const shopperToken = (site: SiteRow, sub = `cust-${crypto.randomUUID().slice(0, 8)}`, name = 'Anna de Vries') =>
  signShopToken({ sub, name, role: 'shopper' }, site.id, SECRET);

export const expertToken = (site: SiteRow, products: string[], sub = `exp-${crypto.randomUUID().slice(0, 8)}`) =>
  signShopToken({ sub, name: 'Eva Jansen', role: 'expert', products }, site.id, SECRET);

export const aClaim = (site: SiteRow, sub: string, products: string[], order = `NK-${Math.floor(Math.random() * 1e6)}`) =>
  signPurchaseClaim({ sub, order, products }, site.id, SECRET);

export interface CallInit {
  method?: string;
  visitor?: string;
  token?: string;
  body?: unknown;
  origin?: string | null;
}

/** A request to `/api/v1/sites/<site><path>` as the widget sends it (each from its own IP). */
export function call(site: Pick<SiteRow, 'id'>, path: string, init: CallInit = {}): Promise<Response> {
  const headers: Record<string, string> = { 'CF-Connecting-IP': crypto.randomUUID() };
  if (init.origin !== null) headers.Origin = init.origin ?? ORIGIN;
  if (init.visitor) headers['X-Samen-Visitor'] = init.visitor;
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  return exports.default.fetch(`https://samen.test/api/v1/sites/${site.id}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/** Expects an error answer with this status and code, in the API's one error shape. */
export async function expectError(res: Response, status: number, code: string): Promise<void> {
  const text = await res.clone().text();
  expect(res.status, text).toBe(status);
  expect(JSON.parse(text)).toEqual({ error: { code, message: expect.any(String) } });
}

export const goodReview = (overrides: Partial<ReviewInput> = {}): ReviewInput => ({
  rating: 4,
  title: 'Warm and dry',
  body: 'Kept me dry on a three-hour walk along the dunes in heavy rain.',
  ...overrides,
});

export async function writeReview(site: SiteRow, product: string, init: CallInit & { body?: Partial<ReviewInput> } = {}): Promise<ReviewWritten> {
  const res = await call(site, `/products/${product}/reviews`, { ...init, method: 'POST', body: goodReview(init.body) });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json<ReviewWritten>();
}

export async function overview(site: SiteRow, product: string, init: CallInit = {}): Promise<ReviewOverview> {
  const res = await call(site, `/products/${product}/reviews/summary`, init);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json<ReviewOverview>();
}

export async function page(site: SiteRow, product: string, query = '', init: CallInit = {}): Promise<ReviewPage> {
  const res = await call(site, `/products/${product}/reviews${query}`, init);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json<ReviewPage>();
}

/** Posts a purchase claim to the site's endpoint. */
export const postClaim = (site: SiteRow, claim: string) => call(site, '/purchases', { method: 'POST', body: { claim } });
