/**
 * Rating summaries and helpful counts stay exact under concurrent writes: 1,000 writes at once
 * (new reviews, helpful votes, rating changes, deletions and reports that hide) through the
 * database layer the routes use, then a burst of concurrent API writes, each checked against a
 * recount from the rows themselves.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { fileReport } from '../../../worker/src/db/community.ts';
import {
  deleteReview,
  insertReview,
  recountReviewSummary,
  reviewSummary,
  toggleReviewHelpful,
  updateReview,
  type NewReview,
} from '../../../worker/src/db/reviews.ts';
import { aProductId } from '../../fixtures/rows.ts';
import { aReviewSite, aVisitor, call, goodReview, overview } from './reviews-helpers.ts';

const newReview = (productId: string, rating: number, i: number): NewReview => ({
  id: crypto.randomUUID(),
  productId,
  kind: i % 50 === 0 ? 'expert' : 'shopper',
  rating,
  title: `Review ${i}`,
  body: 'A review long enough to be a review of this product.',
  pros: [],
  cons: [],
  specialism: null,
  fields: {},
  verifiedBuyer: false,
  status: 'published',
  createdAt: Date.now() + i,
  authorName: `Shopper ${i}`,
  authorSub: `cust-${i}`,
  authorVisitor: null,
  authorRole: 'shopper',
});

async function helpfulMatchesVotes(siteId: string): Promise<void> {
  const drift = await env.DB.prepare(
    `SELECT count(*) AS n FROM reviews r
      WHERE r.site_id = ? AND r.helpful_count <> (SELECT count(*) FROM review_votes v WHERE v.site_id = r.site_id AND v.review_id = r.id)`,
  )
    .bind(siteId)
    .first<{ n: number }>();
  expect(drift?.n).toBe(0);
}

describe('exact aggregates under concurrency', () => {
  it('keeps summaries equal to a recount after 1,000 reviews and 1,000 votes written concurrently', async () => {
    const site = await aReviewSite();
    const products = [aProductId(), aProductId(), aProductId()];
    // A base of reviews to vote on, change and delete.
    const base = await Promise.all(
      Array.from({ length: 200 }, (_, i) => insertReview(env.DB, site.id, newReview(products[i % 3] ?? '', (i % 5) + 1, i))),
    );
    const stored = base.filter((r) => r !== null);
    expect(stored).toHaveLength(200);

    // At once: 1,000 new reviews, 1,000 helpful votes (some taken back), and rating changes,
    // deletions and reports that hide, all on the same three products.
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 1000; i++) {
      writes.push(insertReview(env.DB, site.id, newReview(products[i % 3] ?? '', ((i * 7) % 5) + 1, 1000 + i)));
      const target = stored[i % stored.length]!;
      writes.push(toggleReviewHelpful(env.DB, site.id, target.id, `v:voter-${i % 37}`, i % 4 !== 0, Date.now()));
      if (i % 10 === 1) {
        writes.push(updateReview(env.DB, site.id, target.id, { ...target, rating: ((i * 3) % 5) + 1, status: 'published', verifiedBuyer: false }, Date.now()));
      }
      if (i % 33 === 2) writes.push(deleteReview(env.DB, site.id, target.id));
      if (i % 7 === 3) {
        writes.push(fileReport(env.DB, site.id, { targetType: 'review', targetId: target.id, reporter: `v:r-${i}`, reason: 'spam' }, 2, Date.now()));
      }
    }
    const settled = await Promise.allSettled(writes);
    expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);

    for (const product of products) {
      const [kept, counted] = await Promise.all([reviewSummary(env.DB, site.id, product), recountReviewSummary(env.DB, site.id, product)]);
      expect(kept).toEqual(counted);
      expect(kept.count).toBeGreaterThan(0);
    }
    await helpfulMatchesVotes(site.id);
  }, 60_000);

  it('keeps the summary exact through the API when many shoppers review and vote at once', async () => {
    const site = await aReviewSite({ anonymous: true });
    const product = aProductId();
    const visitors = Array.from({ length: 60 }, aVisitor);
    const posted = await Promise.all(
      visitors.map((visitor, i) => call(site, `/products/${product}/reviews`, { method: 'POST', visitor, body: goodReview({ rating: (i % 5) + 1 }) })),
    );
    expect(posted.map((r) => r.status)).toEqual(visitors.map(() => 201));
    const ids = await Promise.all(posted.map(async (r) => (await r.json<{ review: { id: string } }>()).review.id));
    const votes = await Promise.all(
      ids.flatMap((id, i) =>
        visitors.slice(0, 3).map((voter, j) => (i === j ? null : call(site, `/reviews/${id}/helpful`, { method: 'PUT', visitor: voter, body: { helpful: true } }))),
      ),
    );
    expect(votes.filter((v) => v !== null).every((v) => v?.status === 200)).toBe(true);
    const { summary } = await overview(site, product);
    expect(summary).toEqual(await recountReviewSummary(env.DB, site.id, product));
    expect(summary).toMatchObject({ count: 60, average: 3, stars: [12, 12, 12, 12, 12] });
    await helpfulMatchesVotes(site.id);
  }, 60_000);
});
