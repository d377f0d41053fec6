/**
 * Calls and row builders shared by the reviews API tests: a site with a signing secret, shopper
 * and expert tokens, purchase claims, and requests that look like the widget's.
 */
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { signShopToken } from '../../../worker/src/domain/shop-tokens.ts';
import { signPurchaseClaim } from '../../../worker/src/domain/reviews-purchases.ts';
import type { ReviewInput, ReviewOverview, ReviewPage, ReviewWritten } from '../../../worker/src/review-types.ts';
import { aSite, type SiteRow } from '../../fixtures/rows.ts';
import { ORIGIN, widgetCall as call, type WidgetCall as CallInit } from './widget-requests.ts';

export { ORIGIN, call };
export { aVisitor, expectError } from './widget-requests.ts';

export const SECRET = 'reviews-secret-0123456789abcdef012345';

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
