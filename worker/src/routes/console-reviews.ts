import { Hono } from 'hono';
import { z } from 'zod';
import { ApiError } from '../middleware/errors.ts';
import { ownerOnly, staffSession, type ConsoleEnv } from '../middleware/staff-session.ts';
import { decodeCursor, encodeCursor } from '../domain/cursor.ts';
import { findReview, listSiteReviews, setReviewReply, siteReviewSettings, updateSiteReviewSettings, type StoredReview } from '../db/reviews.ts';
import {
  REVIEW_FIELD_KEYS,
  REVIEW_LIMITS as L,
  type ConsoleReview,
  type ConsoleReviewPage,
  type ReviewSettings,
} from '../review-types.ts';
import { validateReviews } from './reviews-validate.ts';

const listQuery = z.object({
  product: z.string().regex(/^[\w.:/-]{1,128}$/, 'invalid_product').optional(),
  unanswered: z.enum(['0', '1']).optional(),
  cursor: z.string().max(200).optional(),
});
const reviewParam = z.object({ id: z.uuid('invalid_input') });
const replyBody = z.object({
  body: z.string('reply_too_short').trim().min(L.reply.min, 'reply_too_short').max(L.reply.max, 'reply_too_long'),
});
const PRODUCT_TYPE = new RegExp(`^[a-z0-9_-]{1,${L.productType.max}}$`);
const settingsBody = z
  .object({
    anonymous: z.boolean('invalid_input').optional(),
    fields: z
      .record(z.string(), z.array(z.enum(REVIEW_FIELD_KEYS, 'invalid_review_fields')).max(10, 'invalid_review_fields'), 'invalid_review_fields')
      .refine((f) => Object.keys(f).every((type) => PRODUCT_TYPE.test(type)), 'invalid_product_type')
      .refine((f) => Object.keys(f).length <= 100, 'invalid_review_fields')
      .transform((f) => Object.fromEntries(Object.entries(f).map(([type, keys]) => [type, REVIEW_FIELD_KEYS.filter((k) => keys.includes(k))])))
      .optional(),
  })
  .refine((s) => s.anonymous !== undefined || s.fields !== undefined, 'nothing_to_change');

const PAGE = 20;

function consoleReview(r: StoredReview, brand: string): ConsoleReview {
  return {
    id: r.id,
    productId: r.productId,
    kind: r.kind,
    rating: r.rating,
    title: r.title,
    body: r.body,
    authorName: r.authorErased ? null : r.authorName,
    formerMember: r.authorErased,
    verifiedBuyer: r.verifiedBuyer,
    status: r.status,
    helpfulCount: r.helpfulCount,
    reply: r.reply ? { body: r.reply.body, brand, createdAt: r.reply.at, staffName: r.reply.staffName } : null,
    createdAt: r.createdAt,
  };
}

/**
 * Reviews in the console: `/api/v1/console/reviews…`. Staff (owners and agents) read the site's
 * reviews and post the brand's one public reply per review (editing it replaces it); owners
 * choose whether visitors may review and which fields each product type asks for.
 */
export const consoleReviewRoutes = new Hono<ConsoleEnv>()
  .get('/reviews', staffSession, validateReviews('query', listQuery), async (c) => {
    const { product, unanswered, cursor } = c.req.valid('query');
    const after = cursor === undefined ? null : decodeCursor(cursor);
    if (cursor !== undefined && !after) throw new ApiError(400, 'invalid_cursor', 'The page cursor is not valid.');
    const siteId = c.get('staff').siteId;
    const page = await listSiteReviews(c.env.DB, siteId, { productId: product ?? null, unanswered: unanswered === '1', limit: PAGE, after });
    const body: ConsoleReviewPage = {
      reviews: page.reviews.map((r) => consoleReview(r, c.get('staff').siteName)),
      nextCursor: page.next ? encodeCursor(page.next) : null,
    };
    return c.json(body, 200);
  })
  .get('/reviews/settings', staffSession, ownerOnly, async (c) => {
    const settings: ReviewSettings = await siteReviewSettings(c.env.DB, c.get('staff').siteId);
    return c.json({ settings }, 200);
  })
  .patch('/reviews/settings', staffSession, ownerOnly, validateReviews('json', settingsBody), async (c) => {
    const siteId = c.get('staff').siteId;
    await updateSiteReviewSettings(c.env.DB, siteId, c.req.valid('json'));
    const settings: ReviewSettings = await siteReviewSettings(c.env.DB, siteId);
    return c.json({ settings }, 200);
  })
  .put('/reviews/:id/reply', staffSession, validateReviews('param', reviewParam), validateReviews('json', replyBody), async (c) => {
    const { id } = c.req.valid('param');
    const staff = c.get('staff');
    const found = await setReviewReply(c.env.DB, staff.siteId, id, { body: c.req.valid('json').body, staffId: staff.staffId, staffName: staff.name }, Date.now());
    if (!found) throw new ApiError(404, 'review_not_found', 'There is no such review on your site.');
    const review = await findReview(c.env.DB, staff.siteId, id);
    if (!review) throw new ApiError(404, 'review_not_found', 'There is no such review on your site.');
    return c.json({ review: consoleReview(review, staff.siteName) }, 200);
  })
  .delete('/reviews/:id/reply', staffSession, validateReviews('param', reviewParam), async (c) => {
    const { id } = c.req.valid('param');
    const staff = c.get('staff');
    const found = await setReviewReply(c.env.DB, staff.siteId, id, null, Date.now());
    const review = found ? await findReview(c.env.DB, staff.siteId, id) : null;
    if (!review) throw new ApiError(404, 'review_not_found', 'There is no such review on your site.');
    return c.json({ review: consoleReview(review, staff.siteName) }, 200);
  });
