/**
 * Reviews through the API: writing, editing and deleting one's own review, who may review
 * (members; visitors only when the site allows; experts' verdicts), "Verified buyer" from signed
 * purchase claims only, the summary, sorting, filtering and pages, helpful votes, validation,
 * questions to reviewers, and tenant isolation.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Review, ReviewPage } from '../../../worker/src/review-types.ts';
import { aProductId } from '../../fixtures/rows.ts';
import {
  aClaim,
  aReviewSite,
  aVisitor,
  call,
  expectError,
  expertToken,
  goodReview,
  overview,
  page,
  postClaim,
  shopperToken,
  writeReview,
} from './reviews-helpers.ts';

describe('writing reviews', () => {
  it('lets an identified shopper write one review per product, and shows it in the summary and list', async () => {
    const site = await aReviewSite();
    const product = aProductId();
    const token = await shopperToken(site);
    const before = await overview(site, product, { token });
    expect(before.summary).toEqual({ productId: product, average: null, count: 0, stars: [0, 0, 0, 0, 0], expertCount: 0 });
    expect(before.form).toEqual({ canWrite: true, reason: null, asExpert: false, anonymous: false, fields: [] });

    const { review, notice } = await writeReview(site, product, { token, body: { rating: 5 } });
    expect(notice).toEqual({ status: 'published', masked: [] });
    expect(review).toMatchObject({ kind: 'shopper', rating: 5, authorName: 'Anna de Vries', mine: true, verifiedBuyer: false, pros: [], cons: [] });
    expect(JSON.stringify(review)).not.toContain('cust-');

    const after = await overview(site, product, { token });
    expect(after.summary).toMatchObject({ average: 5, count: 1, stars: [0, 0, 0, 0, 1] });
    expect(after.mine).toMatchObject({ id: review.id, status: 'published' });
    expect(after.form).toMatchObject({ canWrite: false, reason: 'reviewed' });
    expect((await page(site, product)).reviews.map((r) => r.id)).toEqual([review.id]);

    const again = await call(site, `/products/${product}/reviews`, { method: 'POST', token, body: goodReview() });
    await expectError(again, 409, 'already_reviewed');
  });

  it('lets the author edit and delete their review, and no one else', async () => {
    const site = await aReviewSite();
    const product = aProductId();
    const token = await shopperToken(site);
    const { review } = await writeReview(site, product, { token, body: { rating: 2 } });
    const other = await shopperToken(site);

    const edit = { ...goodReview({ rating: 4, title: 'Better after washing' }) };
    await expectError(await call(site, `/reviews/${review.id}`, { method: 'PATCH', token: other, body: edit }), 403, 'not_your_review');
    await expectError(await call(site, `/reviews/${review.id}`, { method: 'PATCH', visitor: aVisitor(), body: edit }), 403, 'not_your_review');
    const edited = await call(site, `/reviews/${review.id}`, { method: 'PATCH', token, body: edit });
    expect(edited.status).toBe(200);
    const body = await edited.json<{ review: Review }>();
    expect(body.review).toMatchObject({ rating: 4, title: 'Better after washing', editedAt: expect.any(Number) });
    expect((await overview(site, product)).summary).toMatchObject({ average: 4, stars: [0, 0, 0, 1, 0] });

    await expectError(await call(site, `/reviews/${review.id}`, { method: 'DELETE', token: other }), 403, 'not_your_review');
    expect((await call(site, `/reviews/${review.id}`, { method: 'DELETE', token })).status).toBe(200);
    expect((await overview(site, product)).summary).toMatchObject({ count: 0, average: null });
    await expectError(await call(site, `/reviews/${review.id}`, { method: 'DELETE', token }), 404, 'review_not_found');
    // Deleted, so the shopper may review the product afresh.
    await writeReview(site, product, { token });
  });

  it('takes reviews from visitors only when the site allows it, never as verified buyers', async () => {
    const closed = await aReviewSite();
    const product = aProductId();
    const visitor = aVisitor();
    expect((await overview(closed, product, { visitor })).form).toMatchObject({ canWrite: false, reason: 'sign_in' });
    await expectError(await call(closed, `/products/${product}/reviews`, { method: 'POST', visitor, body: goodReview() }), 401, 'sign_in_to_review');

    const open = await aReviewSite({ anonymous: true });
    expect((await overview(open, product)).form).toMatchObject({ canWrite: true, anonymous: true });
    await expectError(await call(open, `/products/${product}/reviews`, { method: 'POST', body: goodReview() }), 400, 'visitor_required');
    const { review } = await writeReview(open, product, { visitor, body: { authorName: 'Joris' } });
    expect(review).toMatchObject({ authorName: 'Joris', authorRole: null, verifiedBuyer: false, mine: true });
    await expectError(await call(open, `/products/${product}/reviews`, { method: 'POST', visitor, body: goodReview() }), 409, 'already_reviewed');
    // The visitor edits their own review by their visitor id.
    const edited = await call(open, `/reviews/${review.id}`, { method: 'PATCH', visitor, body: goodReview({ rating: 1 }) });
    expect(edited.status).toBe(200);
    expect((await overview(open, product, { visitor })).mine).toMatchObject({ rating: 1, verifiedBuyer: false });
  });

  it('makes an expert’s review of a product they cover an expert verdict with pros and cons', async () => {
    const site = await aReviewSite();
    const product = aProductId();
    const elsewhere = aProductId();
    const token = await expertToken(site, [product]);
    expect((await overview(site, product, { token })).form).toMatchObject({ canWrite: true, asExpert: true });
    const { review } = await writeReview(site, product, {
      token,
      body: {
        rating: 5,
        title: 'The best shell under 200 euros',
        body: 'Tested for three weeks on the coast: dry, breathable and the hood works with a helmet.',
        pros: ['Helmet-compatible hood', ' ', 'Packs small'],
        cons: ['Slim fit over a fleece'],
        specialism: 'Mountain guide',
      },
    });
    expect(review).toMatchObject({ kind: 'expert', authorRole: 'expert', specialism: 'Mountain guide', pros: ['Helmet-compatible hood', 'Packs small'] });
    const seen = await overview(site, product);
    expect(seen.experts.map((r) => r.id)).toEqual([review.id]);
    expect(seen.summary).toMatchObject({ count: 0, expertCount: 1 });
    expect((await page(site, product)).reviews).toEqual([]);

    // On a product they do not cover, an expert writes an ordinary review: no pros and cons kept.
    const { review: ordinary } = await writeReview(site, elsewhere, { token, body: { pros: ['Nice'], specialism: 'Guide' } });
    expect(ordinary).toMatchObject({ kind: 'shopper', pros: [], specialism: null });
  });

  it('refuses bad input with a code per field', async () => {
    const site = await aReviewSite();
    const product = aProductId();
    const token = await shopperToken(site);
    const post = (body: unknown) => call(site, `/products/${product}/reviews`, { method: 'POST', token, body });
    await expectError(await post(goodReview({ rating: 0 })), 400, 'invalid_rating');
    await expectError(await post(goodReview({ rating: 4.5 })), 400, 'invalid_rating');
    await expectError(await post({ ...goodReview(), rating: '5' }), 400, 'invalid_rating');
    await expectError(await post(goodReview({ title: 'a' })), 400, 'review_title_too_short');
    await expectError(await post(goodReview({ title: 'x'.repeat(121) })), 400, 'review_title_too_long');
    await expectError(await post(goodReview({ body: 'Too short, 19 chars' })), 400, 'review_too_short');
    await expectError(await post(goodReview({ body: 'x'.repeat(5001) })), 400, 'review_too_long');
    await expectError(await post(goodReview({ fields: { fit: 'small' } })), 400, 'invalid_review_fields');
    await expectError(await post(goodReview({ authorName: 'n'.repeat(61) })), 400, 'name_too_long');
    await expectError(await call(site, `/products/${product}/reviews?sort=random`), 400, 'invalid_sort');
    await expectError(await call(site, `/products/${product}/reviews?stars=6`), 400, 'invalid_stars');
    await expectError(await call(site, `/products/${product}/reviews?cursor=nope`), 400, 'invalid_cursor');
    // Exactly 20 characters is enough.
    expect((await post(goodReview({ body: 'x'.repeat(20) }))).status).toBe(201);
  });

  it('asks for the fit and usage fields the site set for the product’s type', async () => {
    const site = await aReviewSite();
    const product = aProductId();
    await env.DB.batch([
      env.DB.prepare(`UPDATE sites SET review_fields = '{"shoes":["fit","usage"]}' WHERE id = ?`).bind(site.id),
      env.DB.prepare(`INSERT INTO products (site_id, id, first_seen_at, product_type) VALUES (?, ?, 0, 'shoes')`).bind(site.id, product),
    ]);
    const token = await shopperToken(site);
    expect((await overview(site, product, { token })).form.fields).toEqual(['fit', 'usage']);
    const post = (fields: Record<string, string>) => call(site, `/products/${product}/reviews`, { method: 'POST', token, body: goodReview({ fields: fields as never }) });
    await expectError(await post({ fit: 'huge' }), 400, 'invalid_review_fields');
    await expectError(await post({ colour: 'red' }), 400, 'invalid_review_fields');
    const res = await post({ fit: 'true_to_size', usage: 'weekly' });
    expect(res.status).toBe(201);
    expect((await res.json<{ review: Review }>()).review.fields).toEqual({ fit: 'true_to_size', usage: 'weekly' });
  });

  it('masks personal data and holds spam, telling the author', async () => {
    const site = await aReviewSite();
    const product = aProductId();
    const token = await shopperToken(site);
    const masked = await writeReview(site, product, { token, body: { body: 'Great jacket, mail me at anna@example.com if you want photos.' } });
    expect(masked.notice).toEqual({ status: 'published', masked: ['email'] });
    expect(masked.review.body).not.toContain('anna@example.com');

    const spam = await writeReview(site, aProductId(), { token, body: { body: 'Buy now http://a.example http://b.example http://c.example cheap' } });
    expect(spam.notice.status).toBe('held');
    expect((await overview(site, spam.review.productId)).summary.count).toBe(0);
    // The author still sees their held review as theirs.
    expect((await overview(site, spam.review.productId, { token })).mine).toMatchObject({ status: 'held' });
  });
});

describe('verified buyers', () => {
  it('marks a review “Verified buyer” only after a signed purchase claim for that member and product', async () => {
    const site = await aReviewSite();
    const bought = aProductId();
    const notBought = aProductId();
    const sub = `cust-${crypto.randomUUID().slice(0, 8)}`;
    const token = await shopperToken(site, sub);
    const { review: early } = await writeReview(site, bought, { token });
    expect(early.verifiedBuyer).toBe(false);

    const res = await postClaim(site, await aClaim(site, sub, [bought], 'NK-1042'));
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ order: 'NK-1042', products: [bought], verifiedReviews: 1 });
    expect((await overview(site, bought, { token })).mine?.verifiedBuyer).toBe(true);
    // Replaying the claim changes nothing.
    expect(await (await postClaim(site, await aClaim(site, sub, [bought], 'NK-1042'))).json()).toMatchObject({ verifiedReviews: 0 });

    const { review: other } = await writeReview(site, notBought, { token });
    expect(other.verifiedBuyer).toBe(false);
    // A claim for the same product but another customer verifies nothing of this one.
    await postClaim(site, await aClaim(site, 'someone-else', [notBought]));
    expect((await overview(site, notBought, { token })).mine?.verifiedBuyer).toBe(false);

    // Bought before writing: verified from the start.
    const later = aProductId();
    await postClaim(site, await aClaim(site, sub, [later]));
    expect((await writeReview(site, later, { token })).review.verifiedBuyer).toBe(true);
  });

  it('takes claims server to server at /api/v1/purchases, finding the site from the claim', async () => {
    const site = await aReviewSite();
    const product = aProductId();
    const sub = `cust-${crypto.randomUUID().slice(0, 8)}`;
    const { exports } = await import('cloudflare:workers');
    const post = (claim: string) =>
      exports.default.fetch('https://samen.test/api/v1/purchases', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ claim }),
      });
    const res = await post(await aClaim(site, sub, [product, product], 'NK-7'));
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ order: 'NK-7', products: [product], verifiedReviews: 0 });
    expect((await writeReview(site, product, { token: await shopperToken(site, sub) })).review.verifiedBuyer).toBe(true);
    await expectError(await post('not.a.jwt'), 401, 'claim_claims');
    await expectError(
      await exports.default.fetch('https://samen.test/api/v1/purchases', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }),
      400,
      'invalid_claim',
    );
  });
});

describe('reading reviews', () => {
  /** Seeds reviews by different shoppers with the given ratings and helpful votes, oldest first. */
  async function seeded(specs: { rating: number; votes: number }[]) {
    const site = await aReviewSite({ anonymous: true });
    const product = aProductId();
    const ids: string[] = [];
    for (const s of specs) {
      const { review } = await writeReview(site, product, { visitor: aVisitor(), body: { rating: s.rating } });
      ids.push(review.id);
      for (let v = 0; v < s.votes; v++) {
        const res = await call(site, `/reviews/${review.id}/helpful`, { method: 'PUT', visitor: aVisitor(), body: { helpful: true } });
        expect(res.status).toBe(200);
      }
    }
    return { site, product, ids };
  }

  async function all(site: Awaited<ReturnType<typeof aReviewSite>>, product: string, query: string): Promise<Review[]> {
    const out: Review[] = [];
    let cursor: string | null = null;
    do {
      const p: ReviewPage = await page(site, product, `?limit=2${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      out.push(...p.reviews);
      cursor = p.nextCursor;
    } while (cursor);
    return out;
  }

  it('sorts by most helpful, newest, highest and lowest, filters by stars, and pages without gaps or repeats', async () => {
    const { site, product, ids } = await seeded([
      { rating: 5, votes: 0 },
      { rating: 1, votes: 2 },
      { rating: 3, votes: 1 },
      { rating: 5, votes: 3 },
      { rating: 1, votes: 0 },
    ]);
    const [a, b, c, d, e] = ids;
    const order = async (q: string) => (await all(site, product, q)).map((r) => r.id);
    expect(await order('&sort=helpful')).toEqual([d, b, c, e, a]);
    expect(await order('')).toEqual([d, b, c, e, a]);
    expect(await order('&sort=newest')).toEqual([e, d, c, b, a]);
    expect(await order('&sort=highest')).toEqual([d, a, c, e, b]);
    expect(await order('&sort=lowest')).toEqual([e, b, c, d, a]);
    expect(await order('&sort=newest&stars=5')).toEqual([d, a]);
    expect(await order('&sort=helpful&stars=1')).toEqual([b, e]);
    const { summary } = await overview(site, product);
    expect(summary).toMatchObject({ count: 5, average: 3, stars: [2, 0, 1, 0, 2] });
  });

  it('counts one helpful vote per voter, toggles, and refuses votes for one’s own review', async () => {
    const site = await aReviewSite({ anonymous: true });
    const product = aProductId();
    const author = aVisitor();
    const { review } = await writeReview(site, product, { visitor: author });
    const voter = aVisitor();
    const vote = (who: string | undefined, helpful: boolean) => call(site, `/reviews/${review.id}/helpful`, { method: 'PUT', visitor: who, body: { helpful } });
    expect(await (await vote(voter, true)).json()).toEqual({ helpful: true, helpfulCount: 1 });
    expect(await (await vote(voter, true)).json()).toEqual({ helpful: true, helpfulCount: 1 });
    expect((await page(site, product, '', { visitor: voter })).reviews[0]).toMatchObject({ votedHelpful: true, helpfulCount: 1 });
    expect(await (await vote(voter, false)).json()).toEqual({ helpful: false, helpfulCount: 0 });
    await expectError(await vote(author, true), 403, 'own_review');
    await expectError(await vote(undefined, true), 400, 'visitor_required');
  });

  it('keeps every site’s reviews to itself', async () => {
    const site = await aReviewSite();
    const other = await aReviewSite();
    const product = aProductId();
    const token = await shopperToken(site);
    const { review } = await writeReview(site, product, { token });
    expect((await page(other, product)).reviews).toEqual([]);
    expect((await overview(other, product)).summary.count).toBe(0);
    await expectError(await call(other, `/reviews/${review.id}/helpful`, { method: 'PUT', visitor: aVisitor(), body: { helpful: true } }), 404, 'review_not_found');
    await expectError(await call(other, `/reviews/${review.id}/report`, { method: 'POST', visitor: aVisitor(), body: { reason: 'spam' } }), 404, 'review_not_found');
    // A claim signed for one site does nothing on another.
    await expectError(await postClaim(other, await aClaim(site, 'x', [product])), 401, 'claim_wrong_site');
  });
});

describe('reports', () => {
  it('hides a review at the site’s report threshold, and the summary no longer counts it', async () => {
    const site = await aReviewSite({ anonymous: true });
    const product = aProductId();
    const { review } = await writeReview(site, product, { visitor: aVisitor(), body: { rating: 1 } });
    await writeReview(site, product, { visitor: aVisitor(), body: { rating: 5 } });
    expect((await overview(site, product)).summary).toMatchObject({ count: 2, average: 3 });
    for (let i = 0; i < 3; i++) {
      const res = await call(site, `/reviews/${review.id}/report`, { method: 'POST', visitor: aVisitor(), body: { reason: 'offensive' } });
      expect(await res.json()).toEqual({ reported: true, hidden: i === 2 });
    }
    expect((await overview(site, product)).summary).toMatchObject({ count: 1, average: 5 });
    expect((await page(site, product)).reviews.map((r) => r.id)).not.toContain(review.id);
  });
});

describe('ask a reviewer', () => {
  it('turns a question to a reviewer into a product question linked to the review, and tells the shop’s webhook', async () => {
    const site = await aReviewSite();
    const product = aProductId();
    const reviewerSub = `cust-${crypto.randomUUID().slice(0, 8)}`;
    const { review } = await writeReview(site, product, { token: await shopperToken(site, reviewerSub) });
    await env.DB.prepare(
      `INSERT INTO webhooks (site_id, id, url, events, secret, created_at) VALUES (?, ?, 'https://hooks.example/samen', '["review.question_asked"]', 'whsec_x', 0)`,
    )
      .bind(site.id, crypto.randomUUID())
      .run();

    const asker = aVisitor();
    const res = await call(site, `/reviews/${review.id}/questions`, {
      method: 'POST',
      visitor: asker,
      body: { text: 'How does it fit after a few washes?' },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { question } = await res.json<{ question: { id: string; productId: string; body: string } }>();
    expect(question).toMatchObject({ productId: product, body: 'How does it fit after a few washes?' });
    const link = await env.DB.prepare('SELECT review_id FROM review_questions WHERE site_id = ? AND question_id = ?')
      .bind(site.id, question.id)
      .first<{ review_id: string }>();
    expect(link?.review_id).toBe(review.id);
    // The question is a product question like any other.
    const listed = await call(site, `/products/${product}/questions`);
    expect(JSON.stringify(await listed.json())).toContain(question.id);

    await expect
      .poll(async () => {
        const row = await env.DB.prepare(`SELECT payload FROM webhook_deliveries WHERE site_id = ? AND event = 'review.question_asked'`)
          .bind(site.id)
          .first<{ payload: string }>();
        return row ? JSON.parse(row.payload) : null;
      })
      .toMatchObject({ event: 'review.question_asked', data: { review: { id: review.id }, reviewer: { sub: reviewerSub }, question: { id: question.id } } });

    await expectError(
      await call(site, `/reviews/${review.id}/questions`, { method: 'POST', token: await shopperToken(site, reviewerSub), body: { text: 'Asking myself something?' } }),
      403,
      'own_review',
    );
    await expectError(await call(site, `/reviews/${review.id}/questions`, { method: 'POST', visitor: asker, body: { text: 'short' } }), 400, 'question_too_short');
  });
});
