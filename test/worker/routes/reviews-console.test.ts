/**
 * Reviews in the console: the brand's one public reply per review, the owner's review settings,
 * and reported reviews in the moderation queue (approve brings them back into the summary).
 * Also the schema.org structured data of a product's reviews.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ConsoleReview, ConsoleReviewPage, ReviewSettings } from '../../../worker/src/review-types.ts';
import type { ConsoleModerationItem } from '../../../worker/src/routes/console-types.ts';
import { aProductId } from '../../fixtures/rows.ts';
import { aSession, aStaffMember, consoleCall, type ConsoleCall } from '../../fixtures/staff.ts';
import {
  aClaim,
  aReviewSite,
  aVisitor,
  call,
  expectError,
  expertToken,
  overview,
  page,
  postClaim,
  shopperToken,
  writeReview,
} from './reviews-helpers.ts';

const consoleApi = (path: string, init?: ConsoleCall) => consoleCall(exports.default, path, init);

async function staffOf(site: { id: string }) {
  const ownerRow = await aStaffMember(env.DB, { site, role: 'owner', name: 'Olga Owner' });
  const agentRow = await aStaffMember(env.DB, { site, role: 'agent', name: 'Arjen Agent' });
  return {
    owner: (await aSession(env.DB, { staff: ownerRow })).cookie,
    agent: (await aSession(env.DB, { staff: agentRow })).cookie,
  };
}

describe('brand replies', () => {
  it('lets staff post, replace and remove the brand’s one public reply, shown under the review', async () => {
    const site = await aReviewSite();
    const { agent } = await staffOf(site);
    const product = aProductId();
    const { review } = await writeReview(site, product, { token: await shopperToken(site), body: { rating: 2 } });

    const list = await consoleApi('/reviews', { cookie: agent });
    expect(list.status).toBe(200);
    expect((await list.json<ConsoleReviewPage>()).reviews.map((r) => r.id)).toEqual([review.id]);

    const put = (body: unknown) => consoleApi(`/reviews/${review.id}/reply`, { method: 'PUT', cookie: agent, body });
    const first = await put({ body: 'Sorry to hear that! Our service team will contact you.' });
    expect(first.status, await first.clone().text()).toBe(200);
    expect((await first.json<{ review: ConsoleReview }>()).review.reply).toMatchObject({
      body: 'Sorry to hear that! Our service team will contact you.',
      brand: 'Test shop',
      staffName: 'Arjen Agent',
    });
    await put({ body: 'Update: we replaced the zipper for free.' });
    const shown = (await page(site, product)).reviews[0];
    expect(shown?.reply).toEqual({ body: 'Update: we replaced the zipper for free.', brand: 'Test shop', createdAt: expect.any(Number) });
    expect(JSON.stringify(shown)).not.toContain('Arjen');

    await expectError(await put({ body: 'x' }), 400, 'reply_too_short');
    await expectError(await put({ body: 'x'.repeat(2001) }), 400, 'reply_too_long');
    expect((await consoleApi(`/reviews/${review.id}/reply`, { method: 'DELETE', cookie: agent })).status).toBe(200);
    expect((await page(site, product)).reviews[0]?.reply).toBe(null);

    const unanswered = await consoleApi('/reviews?unanswered=1', { cookie: agent });
    expect((await unanswered.json<ConsoleReviewPage>()).reviews).toHaveLength(1);
  });

  it('keeps each site’s reviews to its own staff', async () => {
    const site = await aReviewSite();
    const other = await aReviewSite();
    const { owner } = await staffOf(other);
    const { review } = await writeReview(site, aProductId(), { token: await shopperToken(site) });
    await expectError(await consoleApi(`/reviews/${review.id}/reply`, { method: 'PUT', cookie: owner, body: { body: 'Not our review.' } }), 404, 'review_not_found');
    expect((await (await consoleApi('/reviews', { cookie: owner })).json<ConsoleReviewPage>()).reviews).toEqual([]);
    await expectError(await consoleApi('/reviews'), 401, 'not_signed_in');
  });
});

describe('review settings', () => {
  it('lets the owner allow anonymous reviews and set fields per product type; agents may not', async () => {
    const site = await aReviewSite();
    const { owner, agent } = await staffOf(site);
    await expectError(await consoleApi('/reviews/settings', { cookie: agent }), 403, 'forbidden');
    const initial = await consoleApi('/reviews/settings', { cookie: owner });
    expect(await initial.json()).toEqual({ settings: { anonymous: false, fields: {} } });

    const patch = (body: unknown) => consoleApi('/reviews/settings', { method: 'PATCH', cookie: owner, body });
    const res = await patch({ anonymous: true, fields: { shoes: ['usage', 'fit', 'fit'], bags: [] } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json<{ settings: ReviewSettings }>()).toEqual({ settings: { anonymous: true, fields: { shoes: ['fit', 'usage'], bags: [] } } });
    await expectError(await patch({ fields: { shoes: ['colour'] } }), 400, 'invalid_review_fields');
    await expectError(await patch({ fields: { 'Big Shoes': ['fit'] } }), 400, 'invalid_product_type');
    await expectError(await patch({}), 400, 'nothing_to_change');

    expect((await overview(site, aProductId(), { visitor: aVisitor() })).form).toMatchObject({ canWrite: true, anonymous: true });
  });
});

describe('moderation of reviews', () => {
  it('lists reported reviews in the queue; approving counts them again, removing keeps them out', async () => {
    const site = await aReviewSite({ anonymous: true });
    const { agent } = await staffOf(site);
    const product = aProductId();
    const { review } = await writeReview(site, product, { visitor: aVisitor(), body: { rating: 1, title: 'Terrible' } });
    for (let i = 0; i < 3; i++) {
      await call(site, `/reviews/${review.id}/report`, { method: 'POST', visitor: aVisitor(), body: { reason: 'offensive' } });
    }
    expect((await overview(site, product)).summary.count).toBe(0);
    const queue = await (await consoleApi('/moderation', { cookie: agent })).json<{ items: ConsoleModerationItem[] }>();
    expect(queue.items).toEqual([
      expect.objectContaining({ targetType: 'review', id: review.id, productId: product, status: 'hidden', reportCount: 3, body: expect.stringContaining('Terrible') }),
    ]);
    const approve = await consoleApi(`/moderation/review/${review.id}`, { method: 'POST', cookie: agent, body: { action: 'approve' } });
    expect(await approve.json()).toEqual({ status: 'published' });
    expect((await overview(site, product)).summary).toMatchObject({ count: 1, average: 1 });
    await consoleApi(`/moderation/review/${review.id}`, { method: 'POST', cookie: agent, body: { action: 'remove', reason: 'Insults staff.' } });
    expect((await overview(site, product)).summary.count).toBe(0);
    const log = await (await consoleApi(`/moderation/review/${review.id}/log`, { cookie: agent })).json<{ log: { action: string }[] }>();
    expect(log.log.map((l) => l.action)).toEqual(['hidden', 'approved', 'removed']);
  });
});

describe('structured data', () => {
  it('describes the product with its aggregate rating and reviews, experts’ pros and cons included', async () => {
    const site = await aReviewSite();
    const product = aProductId();
    const empty = await call(site, `/products/${product}/reviews.jsonld`);
    expect(empty.headers.get('Content-Type')).toBe('application/ld+json; charset=utf-8');
    const none = await empty.json<Record<string, unknown>>();
    expect(none).toMatchObject({ '@context': 'https://schema.org', '@type': 'Product', sku: product, review: [] });
    expect(none).not.toHaveProperty('aggregateRating');

    const sub = 'cust-ld';
    await postClaim(site, await aClaim(site, sub, [product]));
    await writeReview(site, product, { token: await shopperToken(site, sub, 'Anna de Vries'), body: { rating: 4, title: 'Dry', body: 'Dry after three hours of rain on the dunes.' } });
    await writeReview(site, product, { token: await shopperToken(site), body: { rating: 5 } });
    await writeReview(site, product, {
      token: await expertToken(site, [product]),
      body: { rating: 5, title: 'Expert verdict', body: 'The best shell of the season for cyclists.', pros: ['Hood fits a helmet'], cons: ['Slim fit'] },
    });
    const doc = await (await call(site, `/products/${product}/reviews.jsonld`)).json<{ aggregateRating: unknown; review: Record<string, unknown>[] }>();
    expect(doc.aggregateRating).toEqual({ '@type': 'AggregateRating', ratingValue: 4.5, reviewCount: 2, bestRating: 5, worstRating: 1 });
    expect(doc.review).toHaveLength(3);
    expect(doc.review[0]).toEqual({
      '@type': 'Review',
      name: 'Expert verdict',
      reviewBody: 'The best shell of the season for cyclists.',
      datePublished: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      author: { '@type': 'Person', name: 'Eva Jansen' },
      reviewRating: { '@type': 'Rating', ratingValue: 5, bestRating: 5, worstRating: 1 },
      positiveNotes: { '@type': 'ItemList', itemListElement: [{ '@type': 'ListItem', position: 1, name: 'Hood fits a helmet' }] },
      negativeNotes: { '@type': 'ItemList', itemListElement: [{ '@type': 'ListItem', position: 1, name: 'Slim fit' }] },
    });
    expect(doc.review.find((r) => r.name === 'Dry')).toMatchObject({ author: { name: 'Anna de Vries' }, reviewRating: { ratingValue: 4 } });
    expect(JSON.stringify(doc)).not.toContain('cust-');
  });
});
