import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import type { PostNotice } from '../api-types.ts';
import {
  REVIEW_LIMITS as L,
  REVIEW_SORTS,
  type ReviewerQuestion,
  type ReviewOverview,
  type ReviewPage,
  type ReviewWritten,
} from '../review-types.ts';
import { ApiError } from '../middleware/errors.ts';
import { clientIp, enforceRateLimit } from '../middleware/rate-limit.ts';
import { limits } from '../domain/input-errors.ts';
import { reviewInputErrors } from '../domain/reviews-errors.ts';
import { authorshipOf, isMine, voterKey, type Viewer } from '../domain/viewer.ts';
import { actorKey } from '../domain/rate-limits.ts';
import { maskPersonalData, holdReason, type PersonalDataKind } from '../domain/screening.ts';
import { allowedFields, authoringOf, decodeReviewCursor, encodeReviewCursor, publicReview, reviewForm } from '../domain/reviews.ts';
import { reviewsJsonLd } from '../domain/reviews-json-ld.ts';
import { notify } from '../domain/community-events.ts';
import { countHits } from '../db/rate-limits.ts';
import { upsertMemberStatement } from '../db/members.ts';
import { logModerationStatement } from '../db/community.ts';
import type { PostStatus } from '../db/questions.ts';
import {
  deleteReview,
  findOwnReview,
  findReview,
  hasPurchased,
  insertReview,
  linkReviewQuestionStatement,
  listExpertReviews,
  listReviews,
  productName,
  productReviewSettings,
  reviewOverviewRows,
  reviewSummary,
  toggleReviewHelpful,
  updateReview,
  votedReviews,
  type StoredReview,
} from '../db/reviews.ts';
import { askQuestion, audienceFields, audienceOf } from './ask.ts';
import { requireVoter } from './answers.ts';
import { afterHelpfulVote, refreshAfterWrite } from './profiles.ts';
import { countReviewViews } from '../db/reputation.ts';
import { validateReviews } from './reviews-validate.ts';
import { purchaseRoutes, sitePurchaseRoutes } from './purchases.ts';

const productId = z.string().regex(/^[\w.:/-]{1,128}$/, 'invalid_product');
const productParam = z.object({ site: z.string(), product: productId });
const reviewParam = z.object({ site: z.string(), review: z.uuid('invalid_input') });

const notes = z
  .array(z.string('review_notes_too_long').trim().max(L.notes.max, 'review_notes_too_long'), 'review_notes_too_long')
  .max(L.notes.maxItems, 'review_notes_too_long')
  .transform((lines) => lines.filter(Boolean))
  .optional();

const reviewBody = z.object({
  rating: z.number('invalid_rating').int('invalid_rating').min(1, 'invalid_rating').max(5, 'invalid_rating'),
  title: z.string('review_title_too_short').trim().min(L.title.min, 'review_title_too_short').max(L.title.max, 'review_title_too_long'),
  body: z.string('review_too_short').trim().min(L.body.min, 'review_too_short').max(L.body.max, 'review_too_long'),
  fields: z.record(z.string(), z.string(), 'invalid_review_fields').optional(),
  authorName: z
    .string()
    .trim()
    .max(limits.authorName.max, 'name_too_long')
    .nullable()
    .optional()
    .transform((s) => s || null),
  pros: notes,
  cons: notes,
  specialism: z
    .string('specialism_too_long')
    .trim()
    .max(L.specialism.max, 'specialism_too_long')
    .optional()
    .transform((s) => s || null),
});

const listQuery = z.object({
  sort: z.enum(REVIEW_SORTS, 'invalid_sort').default('helpful'),
  stars: z.coerce.number('invalid_stars').int('invalid_stars').min(1, 'invalid_stars').max(5, 'invalid_stars').optional(),
  limit: z.coerce.number().int().min(1).max(L.pageSize.max).default(L.pageSize.default),
  cursor: z.string().max(200).optional(),
});

const helpfulBody = z.object({ helpful: z.boolean('invalid_input') });

const askBody = z.object({
  text: z.string('question_too_short').trim().min(limits.question.min, 'question_too_short').max(limits.question.max, 'question_too_long'),
  authorName: z.string().trim().max(limits.authorName.max, 'name_too_long').nullable().optional().transform((s) => s || null),
  ...audienceFields,
});

const HOUR = 3600e3;

/**
 * Reviews are rarer than questions: 5 per hour per shopper (writing or editing), 30 per IP,
 * 300 per site. Counted like every other limit, in one transaction per request.
 */
async function enforceReviewLimit(c: Context<AppEnv>): Promise<void> {
  const site = c.get('site');
  const now = Date.now();
  const actor = actorKey(c.get('viewer'));
  const buckets = [
    ...(actor ? [{ key: `review:${actor}`, limit: 5, windowMs: HOUR }] : []),
    { key: `review:ip:${clientIp(c)}`, limit: 30, windowMs: HOUR },
    { key: 'review:site', limit: 300, windowMs: HOUR },
  ];
  const over = (await countHits(c.env.DB, site.id, buckets, now)).filter((h) => h.count > h.bucket.limit);
  if (!over.length) return;
  const retryAfter = Math.max(1, Math.ceil((Math.max(...over.map((h) => h.windowEnd)) - now) / 1000));
  throw new ApiError(429, 'rate_limited', `Too many reviews. Try again in ${retryAfter} seconds.`, { 'Retry-After': String(retryAfter) });
}

/** A review the viewer may see: published, or their own (held or hidden ones included). */
async function visibleReview(c: Context<AppEnv>, id: string): Promise<StoredReview> {
  const review = await findReview(c.env.DB, c.get('site').id, id);
  if (!review || (review.status !== 'published' && !isMine(c.get('viewer'), review)) || review.status === 'removed') {
    throw new ApiError(404, 'review_not_found', 'This review does not exist.');
  }
  return review;
}

async function ownReview(c: Context<AppEnv>, id: string): Promise<StoredReview> {
  const review = await visibleReview(c, id);
  if (!isMine(c.get('viewer'), review)) throw new ApiError(403, 'not_your_review', 'Only the person who wrote this review can change it.');
  return review;
}

const authorOf = (viewer: Viewer) => ({ sub: viewer.kind === 'member' ? viewer.sub : null, visitorId: viewer.visitorId });

interface ScreenedReview {
  title: string;
  body: string;
  pros: string[];
  cons: string[];
  hold: boolean;
  audit: D1PreparedStatement[];
  notice: PostNotice;
}

/**
 * Personal data is masked in every part of the review; obvious spam or blocklisted words hold
 * it for review. Audit rows for either go in the same transaction as the review.
 */
function screenReview(c: Context<AppEnv>, input: { title: string; body: string; pros: string[]; cons: string[] }, id: string, now: number): ScreenedReview {
  const site = c.get('site');
  const found = new Set<PersonalDataKind>();
  const mask = (text: string) => {
    const m = maskPersonalData(text);
    for (const kind of m.masked) found.add(kind);
    return m.body;
  };
  const title = mask(input.title);
  const body = mask(input.body);
  const pros = input.pros.map(mask);
  const cons = input.cons.map(mask);
  const hold = holdReason([input.title, input.body, ...input.pros, ...input.cons].join('\n'), site.blocklist);
  const audit: D1PreparedStatement[] = [];
  const masked = [...found];
  if (masked.length) {
    audit.push(logModerationStatement(c.env.DB, site.id, { targetType: 'review', targetId: id, action: 'masked', actor: 'system', reason: masked.join(', ') }, now));
  }
  if (hold) audit.push(logModerationStatement(c.env.DB, site.id, { targetType: 'review', targetId: id, action: 'held', actor: 'system', reason: hold }, now));
  return { title, body, pros, cons, hold: hold !== null, audit, notice: { status: hold ? 'held' : 'published', masked } };
}

async function votesOf(c: Context<AppEnv>, reviews: StoredReview[]): Promise<Set<string>> {
  const voter = voterKey(c.get('viewer'));
  return voter ? votedReviews(c.env.DB, c.get('site').id, voter, reviews.map((r) => r.id)) : new Set();
}

/**
 * Product reviews: `/api/v1/sites/:site/…`. Shopper reviews (stars, title, text, optional fields,
 * "Verified buyer" from purchase claims) and experts' verdicts (with pros and cons), helpful
 * votes, questions to reviewers and schema.org structured data. Reports go through `/reviews/:id/report`.
 */
export const reviewRoutes = new Hono<AppEnv>()
  .get('/products/:product/reviews/summary', validateReviews('param', productParam), async (c) => {
    const { product } = c.req.valid('param');
    const site = c.get('site');
    const viewer = c.get('viewer');
    const db = c.env.DB;
    const { summary, experts, settings, own } = await reviewOverviewRows(db, site.id, product, authorOf(viewer), 3);
    const voted = await votesOf(c, own ? [...experts, own] : experts);
    const ctx = { voted, brand: site.name };
    const overview: ReviewOverview = {
      summary,
      experts: experts.map((r) => publicReview(r, viewer, ctx)),
      mine: own && own.status !== 'removed' ? { ...publicReview(own, viewer, ctx), status: own.status } : null,
      form: reviewForm(viewer, product, settings, own !== null),
    };
    return c.json(overview, 200);
  })
  .get('/products/:product/reviews', validateReviews('param', productParam), validateReviews('query', listQuery), async (c) => {
    const { product } = c.req.valid('param');
    const { sort, stars, limit, cursor } = c.req.valid('query');
    const after = cursor === undefined ? null : decodeReviewCursor(cursor);
    if (cursor !== undefined && !after) throw new ApiError(400, 'invalid_cursor', 'The page cursor is not valid.');
    const site = c.get('site');
    const page = await listReviews(c.env.DB, site.id, product, { sort, stars: stars ?? null, limit, after });
    const ctx = { voted: await votesOf(c, page.reviews), brand: site.name };
    // Reach for the influence score: each listed review was seen once more.
    c.executionCtx.waitUntil(countReviewViews(c.env.DB, site.id, page.reviews.map((r) => r.id)).catch((err: unknown) => console.error('view count failed', err)));
    const body: ReviewPage = {
      reviews: page.reviews.map((r) => publicReview(r, c.get('viewer'), ctx)),
      nextCursor: page.next ? encodeReviewCursor(page.next) : null,
    };
    return c.json(body, 200);
  })
  .post('/products/:product/reviews', validateReviews('param', productParam), validateReviews('json', reviewBody), async (c) => {
    const { product } = c.req.valid('param');
    const input = c.req.valid('json');
    const site = c.get('site');
    const viewer = c.get('viewer');
    const db = c.env.DB;
    const settings = await productReviewSettings(db, site.id, product);
    const authoring = authoringOf(viewer, product, settings);
    if (!authoring.ok) throw new ApiError(authoring.code === 'sign_in_to_review' ? 401 : 400, authoring.code, authoring.message);
    const fields = allowedFields(input.fields, settings.fields);
    if (fields === 'invalid') throw new ApiError(400, 'invalid_review_fields', reviewInputErrors.invalid_review_fields);
    await enforceReviewLimit(c);
    if (await findOwnReview(db, site.id, product, authorOf(viewer))) {
      throw new ApiError(409, 'already_reviewed', 'You have already reviewed this product; edit your review instead.');
    }
    const now = Date.now();
    const id = crypto.randomUUID();
    const expert = authoring.kind === 'expert';
    const screened = screenReview(c, { title: input.title, body: input.body, pros: expert ? (input.pros ?? []) : [], cons: expert ? (input.cons ?? []) : [] }, id, now);
    // Only a signed purchase claim for this member and product makes a verified buyer.
    const verified = viewer.kind === 'member' && (await hasPurchased(db, site.id, viewer.sub, product));
    const stored = await insertReview(
      db,
      site.id,
      {
        id,
        productId: product,
        kind: authoring.kind,
        rating: input.rating,
        title: screened.title,
        body: screened.body,
        pros: screened.pros,
        cons: screened.cons,
        specialism: expert ? input.specialism : null,
        fields,
        verifiedBuyer: verified,
        status: screened.hold ? 'held' : 'published',
        createdAt: now,
        ...authorshipOf(viewer, input.authorName),
      },
      [...(viewer.kind === 'member' ? [upsertMemberStatement(db, site.id, viewer, now)] : []), ...screened.audit],
    );
    if (!stored) throw new ApiError(409, 'already_reviewed', 'You have already reviewed this product; edit your review instead.');
    refreshAfterWrite(c, stored);
    const body: ReviewWritten = { review: publicReview(stored, viewer, { voted: new Set(), brand: site.name }), notice: screened.notice };
    return c.json(body, 201);
  })
  .patch('/reviews/:review', validateReviews('param', reviewParam), validateReviews('json', reviewBody), async (c) => {
    const { review: id } = c.req.valid('param');
    const input = c.req.valid('json');
    const site = c.get('site');
    const viewer = c.get('viewer');
    const db = c.env.DB;
    const review = await ownReview(c, id);
    const settings = await productReviewSettings(db, site.id, review.productId);
    const fields = allowedFields(input.fields, settings.fields);
    if (fields === 'invalid') throw new ApiError(400, 'invalid_review_fields', reviewInputErrors.invalid_review_fields);
    await enforceReviewLimit(c);
    const now = Date.now();
    const expert = review.kind === 'expert';
    const screened = screenReview(c, { title: input.title, body: input.body, pros: expert ? (input.pros ?? []) : [], cons: expert ? (input.cons ?? []) : [] }, id, now);
    // An edit never undoes moderation: a review hidden after reports stays hidden until staff decide.
    const status: PostStatus = review.status === 'hidden' ? 'hidden' : screened.hold ? 'held' : 'published';
    const verified = review.verifiedBuyer || (viewer.kind === 'member' && (await hasPurchased(db, site.id, viewer.sub, review.productId)));
    const change = {
      rating: input.rating,
      title: screened.title,
      body: screened.body,
      pros: screened.pros,
      cons: screened.cons,
      specialism: expert ? input.specialism : null,
      fields,
      status,
      verifiedBuyer: verified,
    };
    await updateReview(db, site.id, id, change, now, screened.audit);
    const updated: StoredReview = { ...review, ...change, updatedAt: now };
    const voted = await votesOf(c, [updated]);
    const notice: PostNotice = { status: status === 'published' ? 'published' : 'held', masked: screened.notice.masked };
    const body: ReviewWritten = { review: publicReview(updated, viewer, { voted, brand: site.name }), notice };
    return c.json(body, 200);
  })
  .delete('/reviews/:review', validateReviews('param', reviewParam), async (c) => {
    const { review: id } = c.req.valid('param');
    await ownReview(c, id);
    await deleteReview(c.env.DB, c.get('site').id, id);
    return c.json({ deleted: true }, 200);
  })
  .put('/reviews/:review/helpful', validateReviews('param', reviewParam), validateReviews('json', helpfulBody), async (c) => {
    const { review: id } = c.req.valid('param');
    const voter = requireVoter(c);
    const review = await visibleReview(c, id);
    if (review.status !== 'published') throw new ApiError(404, 'review_not_found', 'This review does not exist.');
    await enforceRateLimit(c, 'vote');
    if (isMine(c.get('viewer'), review)) throw new ApiError(403, 'own_review', 'You cannot vote for your own review.');
    const result = await toggleReviewHelpful(c.env.DB, c.get('site').id, id, voter, c.req.valid('json').helpful, Date.now());
    await afterHelpfulVote(c, { targetType: 'review', targetId: id, voter, helpful: result.helpful }, review);
    return c.json(result, 200);
  })
  .post('/reviews/:review/questions', validateReviews('param', reviewParam), validateReviews('json', askBody), async (c) => {
    const { review: id } = c.req.valid('param');
    const { text, authorName, lang, timeZone } = c.req.valid('json');
    const review = await visibleReview(c, id);
    if (review.status !== 'published') throw new ApiError(404, 'review_not_found', 'This review does not exist.');
    if (isMine(c.get('viewer'), review)) throw new ApiError(403, 'own_review', 'You cannot ask yourself a question.');
    const site = c.get('site');
    // A product question like any other (screened, triaged, routed), linked to the review it came from.
    const asked = await askQuestion(c, {
      productId: review.productId,
      channel: 'product',
      orderRef: null,
      text,
      authorName,
      audience: audienceOf(c, { lang, timeZone }),
    });
    await linkReviewQuestionStatement(c.env.DB, site.id, asked.question.id, id, Date.now()).run();
    // The reviewer hears of it through the shop (which knows them by their customer id), only
    // when the question is public: a personal one went privately to staff instead.
    const isPublic = asked.routing.visibility === 'public' && asked.notice.status === 'published';
    if (isPublic && review.authorSub && !review.authorErased) {
      notify(c, 'review.question_asked', {
        question: asked.question,
        review: { id: review.id, productId: review.productId, title: review.title },
        reviewer: { sub: review.authorSub, name: review.authorName },
      });
    }
    const body: ReviewerQuestion = { question: asked.question, notice: asked.notice };
    return c.json(body, 201);
  })
  .get('/products/:product/reviews.jsonld', validateReviews('param', productParam), async (c) => {
    const { product } = c.req.valid('param');
    const site = c.get('site');
    // Experts first, then the most helpful shopper reviews: each from its own index.
    const [summary, experts, shoppers, name] = await Promise.all([
      reviewSummary(c.env.DB, site.id, product),
      listExpertReviews(c.env.DB, site.id, product, 3),
      listReviews(c.env.DB, site.id, product, { sort: 'helpful', stars: null, limit: 17, after: null }),
      productName(c.env.DB, site.id, product),
    ]);
    const doc = reviewsJsonLd({ productId: product, name, brand: site.name }, summary, [...experts, ...shoppers.reviews]);
    return c.body(JSON.stringify(doc), 200, {
      'Content-Type': 'application/ld+json; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
    });
  });

/**
 * Everything of reviews under `/api/v1`, mounted with one line in app.ts: the site's review
 * routes and purchase claims (behind the app's site and viewer middleware for `/sites/:site/*`),
 * and the server-to-server `POST /purchases`.
 */
export const reviewApi = new Hono<AppEnv>()
  .route('/sites/:site', reviewRoutes)
  .route('/sites/:site', sitePurchaseRoutes)
  .route('/', purchaseRoutes);
