/**
 * Reviews, their helpful votes and brand replies, purchases from signed claims, questions asked
 * of reviewers, per-product summaries and the site's review settings. Every statement is scoped
 * by site_id. Summaries are kept by triggers (migration 0006), never written here.
 */
import type { Authorship } from '../domain/viewer.ts';
import type { PurchaseClaim } from '../domain/reviews-purchases.ts';
import type { ReviewFieldKey, ReviewFieldValues, ReviewKind, ReviewSort, ReviewSummary } from '../review-types.ts';
import type { PostStatus } from './questions.ts';
import { toggleHelpfulVote } from './helpful-votes.ts';

export interface StoredReview extends Authorship {
  id: string;
  productId: string;
  kind: ReviewKind;
  rating: number;
  title: string;
  body: string;
  pros: string[];
  cons: string[];
  specialism: string | null;
  fields: ReviewFieldValues;
  verifiedBuyer: boolean;
  authorErased: boolean;
  status: PostStatus;
  helpfulCount: number;
  reply: { body: string; staffName: string | null; at: number } | null;
  createdAt: number;
  updatedAt: number;
}

interface ReviewRow {
  id: string;
  product_id: string;
  kind: ReviewKind;
  rating: number;
  title: string;
  body: string;
  pros: string;
  cons: string;
  specialism: string | null;
  fields: string;
  verified_buyer: number;
  author_name: string | null;
  author_sub: string | null;
  author_visitor: string | null;
  author_role: 'shopper' | 'expert' | null;
  author_erased: number;
  status: PostStatus;
  helpful_count: number;
  reply_body: string | null;
  reply_staff_name: string | null;
  reply_at: number | null;
  created_at: number;
  updated_at: number;
}

const COLS = `id, product_id, kind, rating, title, body, pros, cons, specialism, fields, verified_buyer,
  author_name, author_sub, author_visitor, author_role, author_erased, status, helpful_count,
  reply_body, reply_staff_name, reply_at, created_at, updated_at`;

function jsonOr<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

const lines = (text: string): string[] => {
  const v = jsonOr<unknown>(text, []);
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
};

const toReview = (r: ReviewRow): StoredReview => ({
  id: r.id,
  productId: r.product_id,
  kind: r.kind,
  rating: r.rating,
  title: r.title,
  body: r.body,
  pros: lines(r.pros),
  cons: lines(r.cons),
  specialism: r.specialism,
  fields: jsonOr<ReviewFieldValues>(r.fields, {}),
  verifiedBuyer: r.verified_buyer === 1,
  authorName: r.author_name,
  authorSub: r.author_sub,
  authorVisitor: r.author_visitor,
  authorRole: r.author_role,
  authorErased: r.author_erased === 1,
  status: r.status,
  helpfulCount: r.helpful_count,
  reply: r.reply_body === null ? null : { body: r.reply_body, staffName: r.reply_staff_name, at: r.reply_at ?? r.created_at },
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

// ── Settings ───────────────────────────────────────────────────────────────────────────────

export interface ProductReviewSettings {
  anonymous: boolean;
  fields: ReviewFieldKey[];
}

function fieldsFor(json: string, productType: string | null): ReviewFieldKey[] {
  if (!productType) return [];
  const byType = jsonOr<Record<string, unknown>>(json, {});
  const keys = byType && typeof byType === 'object' ? byType[productType] : null;
  return Array.isArray(keys) ? keys.filter((k): k is ReviewFieldKey => k === 'fit' || k === 'usage') : [];
}

/** Whether the site takes anonymous reviews, and which fields this product's type asks for. */
export async function productReviewSettings(db: D1Database, siteId: string, productId: string): Promise<ProductReviewSettings> {
  const row = await db
    .prepare(
      `SELECT s.reviews_anonymous, s.review_fields,
              (SELECT p.product_type FROM products p WHERE p.site_id = s.id AND p.id = ?2) AS product_type
         FROM sites s WHERE s.id = ?1`,
    )
    .bind(siteId, productId)
    .first<{ reviews_anonymous: number; review_fields: string; product_type: string | null }>();
  return { anonymous: row?.reviews_anonymous === 1, fields: row ? fieldsFor(row.review_fields, row.product_type) : [] };
}

export async function siteReviewSettings(db: D1Database, siteId: string): Promise<{ anonymous: boolean; fields: Record<string, ReviewFieldKey[]> }> {
  const row = await db
    .prepare('SELECT reviews_anonymous, review_fields FROM sites WHERE id = ?')
    .bind(siteId)
    .first<{ reviews_anonymous: number; review_fields: string }>();
  const raw = jsonOr<Record<string, unknown>>(row?.review_fields ?? '{}', {});
  const fields: Record<string, ReviewFieldKey[]> = {};
  for (const type of Object.keys(raw)) fields[type] = fieldsFor(row?.review_fields ?? '{}', type);
  return { anonymous: row?.reviews_anonymous === 1, fields };
}

export async function updateSiteReviewSettings(
  db: D1Database,
  siteId: string,
  change: { anonymous?: boolean; fields?: Record<string, ReviewFieldKey[]> },
): Promise<void> {
  await db
    .prepare('UPDATE sites SET reviews_anonymous = coalesce(?, reviews_anonymous), review_fields = coalesce(?, review_fields) WHERE id = ?')
    .bind(change.anonymous === undefined ? null : change.anonymous ? 1 : 0, change.fields ? JSON.stringify(change.fields) : null, siteId)
    .run();
}

// ── Reading ────────────────────────────────────────────────────────────────────────────────

export async function findReview(db: D1Database, siteId: string, id: string): Promise<StoredReview | null> {
  const row = await db.prepare(`SELECT ${COLS} FROM reviews WHERE site_id = ? AND id = ?`).bind(siteId, id).first<ReviewRow>();
  return row ? toReview(row) : null;
}

/** The viewer's own review of a product (member or visitor), whatever its status. */
export async function findOwnReview(
  db: D1Database,
  siteId: string,
  productId: string,
  author: { sub: string | null; visitorId: string | null },
): Promise<StoredReview | null> {
  if (!author.sub && !author.visitorId) return null;
  const row = author.sub
    ? await db
        .prepare(`SELECT ${COLS} FROM reviews WHERE site_id = ? AND product_id = ? AND author_sub = ?`)
        .bind(siteId, productId, author.sub)
        .first<ReviewRow>()
    : await db
        .prepare(`SELECT ${COLS} FROM reviews WHERE site_id = ? AND product_id = ? AND author_visitor = ? AND author_sub IS NULL`)
        .bind(siteId, productId, author.visitorId)
        .first<ReviewRow>();
  return row ? toReview(row) : null;
}

/** Where a page ended: the sort key of the last review shown (helpful count or rating), its time and id. */
export interface ReviewCursor {
  key: number;
  createdAt: number;
  id: string;
}

const ORDER: Record<ReviewSort, { order: string; after: string; key: string }> = {
  newest: { order: 'created_at DESC, id DESC', after: '(created_at, id) < (?4, ?5)', key: '0' },
  helpful: { order: 'helpful_count DESC, created_at DESC, id DESC', after: '(helpful_count, created_at, id) < (?3, ?4, ?5)', key: 'helpful_count' },
  highest: { order: 'rating DESC, created_at DESC, id DESC', after: '(rating, created_at, id) < (?3, ?4, ?5)', key: 'rating' },
  lowest: {
    order: 'rating ASC, created_at DESC, id DESC',
    after: '(rating > ?3 OR (rating = ?3 AND (created_at, id) < (?4, ?5)))',
    key: 'rating',
  },
};

/** One statement per sort, with and without a cursor and a star filter: conditions the planner can seek on. */
const listSql = (sort: ReviewSort, after: boolean, stars: boolean): string => {
  const o = ORDER[sort];
  return `SELECT ${COLS}, ${o.key} AS sort_key FROM reviews
     WHERE site_id = ?1 AND product_id = ?2 AND status = 'published' AND kind = 'shopper'${stars ? ' AND rating = ?6' : ''}${after ? ` AND ${o.after}` : ''}
     ORDER BY ${o.order} LIMIT ?7`;
};

/** A page of a product's published shopper reviews; `limit + 1` rows are read to know whether more follow. */
export async function listReviews(
  db: D1Database,
  siteId: string,
  productId: string,
  q: { sort: ReviewSort; stars: number | null; limit: number; after: ReviewCursor | null },
): Promise<{ reviews: StoredReview[]; next: ReviewCursor | null }> {
  const { results } = await db
    .prepare(listSql(q.sort, q.after !== null, q.stars !== null))
    .bind(siteId, productId, q.after?.key ?? null, q.after?.createdAt ?? null, q.after?.id ?? null, q.stars, q.limit + 1)
    .all<ReviewRow & { sort_key: number }>();
  const page = results.slice(0, q.limit);
  const last = page.at(-1);
  return {
    reviews: page.map(toReview),
    next: results.length > q.limit && last ? { key: last.sort_key, createdAt: last.created_at, id: last.id } : null,
  };
}

/** Published expert reviews of a product, newest first. */
export async function listExpertReviews(db: D1Database, siteId: string, productId: string, limit: number): Promise<StoredReview[]> {
  const { results } = await db
    .prepare(
      `SELECT ${COLS} FROM reviews WHERE site_id = ? AND product_id = ? AND status = 'published' AND kind = 'expert'
        ORDER BY created_at DESC, id DESC LIMIT ?`,
    )
    .bind(siteId, productId, limit)
    .all<ReviewRow>();
  return results.map(toReview);
}

interface TallyRow {
  review_count: number;
  rating_sum: number;
  star1: number;
  star2: number;
  star3: number;
  star4: number;
  star5: number;
  expert_count: number;
}

const toSummary = (productId: string, r: TallyRow | null): ReviewSummary => {
  const count = r?.review_count ?? 0;
  return {
    productId,
    count,
    average: count ? Math.round(((r?.rating_sum ?? 0) / count) * 10) / 10 : null,
    stars: [r?.star1 ?? 0, r?.star2 ?? 0, r?.star3 ?? 0, r?.star4 ?? 0, r?.star5 ?? 0],
    expertCount: r?.expert_count ?? 0,
  };
};

/** The stored summary (kept by triggers). */
export async function reviewSummary(db: D1Database, siteId: string, productId: string): Promise<ReviewSummary> {
  const row = await db
    .prepare(
      `SELECT review_count, rating_sum, star1, star2, star3, star4, star5, expert_count
         FROM review_summaries WHERE site_id = ? AND product_id = ?`,
    )
    .bind(siteId, productId)
    .first<TallyRow>();
  return toSummary(productId, row);
}

/** The summary counted afresh from the reviews (tests and the import's check). */
export async function recountReviewSummary(db: D1Database, siteId: string, productId: string): Promise<ReviewSummary> {
  const row = await db
    .prepare(
      `SELECT sum(kind = 'shopper') AS review_count, sum(CASE WHEN kind = 'shopper' THEN rating ELSE 0 END) AS rating_sum,
              sum(kind = 'shopper' AND rating = 1) AS star1, sum(kind = 'shopper' AND rating = 2) AS star2,
              sum(kind = 'shopper' AND rating = 3) AS star3, sum(kind = 'shopper' AND rating = 4) AS star4,
              sum(kind = 'shopper' AND rating = 5) AS star5, sum(kind = 'expert') AS expert_count
         FROM reviews WHERE site_id = ? AND product_id = ? AND status = 'published'`,
    )
    .bind(siteId, productId)
    .first<TallyRow>();
  return toSummary(productId, row);
}

/** The review ids (of the given ones) this voter marked helpful. */
export async function votedReviews(db: D1Database, siteId: string, voter: string, reviewIds: string[]): Promise<Set<string>> {
  if (!reviewIds.length) return new Set();
  const { results } = await db
    .prepare('SELECT review_id FROM review_votes WHERE site_id = ? AND voter = ? AND review_id IN (SELECT value FROM json_each(?))')
    .bind(siteId, voter, JSON.stringify(reviewIds))
    .all<{ review_id: string }>();
  return new Set(results.map((r) => r.review_id));
}

export async function hasPurchased(db: D1Database, siteId: string, sub: string, productId: string): Promise<boolean> {
  const row = await db
    .prepare('SELECT 1 AS yes FROM purchases WHERE site_id = ? AND member_sub = ? AND product_id = ? LIMIT 1')
    .bind(siteId, sub, productId)
    .first<{ yes: number }>();
  return row !== null;
}

// ── Writing ────────────────────────────────────────────────────────────────────────────────

export interface NewReview extends Authorship {
  id: string;
  productId: string;
  kind: ReviewKind;
  rating: number;
  title: string;
  body: string;
  pros: string[];
  cons: string[];
  specialism: string | null;
  fields: ReviewFieldValues;
  verifiedBuyer: boolean;
  status: PostStatus;
  createdAt: number;
}

/**
 * Stores a review (creating the product on first sight) with `extra` statements, in one
 * transaction. Returns null when the author already reviewed this product: the unique index
 * decides, so two posts at once cannot both get in (callers check first for a clear answer).
 */
export async function insertReview(db: D1Database, siteId: string, r: NewReview, extra: D1PreparedStatement[] = []): Promise<StoredReview | null> {
  const results = await db.batch([
    db.prepare('INSERT INTO products (site_id, id, first_seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').bind(siteId, r.productId, r.createdAt),
    db
      .prepare(
        `INSERT INTO reviews (site_id, id, product_id, kind, rating, title, body, pros, cons, specialism, fields, verified_buyer,
                              author_name, author_sub, author_visitor, author_role, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .bind(
        siteId, r.id, r.productId, r.kind, r.rating, r.title, r.body, JSON.stringify(r.pros), JSON.stringify(r.cons), r.specialism,
        JSON.stringify(r.fields), r.verifiedBuyer ? 1 : 0, r.authorName, r.authorSub, r.authorVisitor, r.authorRole, r.status,
        r.createdAt, r.createdAt,
      ),
    ...extra,
  ]);
  if ((results[1]?.meta.changes ?? 0) === 0) return null;
  return { ...r, authorErased: false, helpfulCount: 0, reply: null, updatedAt: r.createdAt };
}

export interface ReviewChange {
  rating: number;
  title: string;
  body: string;
  pros: string[];
  cons: string[];
  specialism: string | null;
  fields: ReviewFieldValues;
  status: PostStatus;
  verifiedBuyer: boolean;
}

/** Rewrites the author's review (its status follows the new text's screening). */
export async function updateReview(
  db: D1Database,
  siteId: string,
  id: string,
  change: ReviewChange,
  now: number,
  extra: D1PreparedStatement[] = [],
): Promise<void> {
  await db.batch([
    db
      .prepare(
        `UPDATE reviews SET rating = ?, title = ?, body = ?, pros = ?, cons = ?, specialism = ?, fields = ?, status = ?,
                            verified_buyer = ?, updated_at = ?
          WHERE site_id = ? AND id = ?`,
      )
      .bind(
        change.rating, change.title, change.body, JSON.stringify(change.pros), JSON.stringify(change.cons), change.specialism,
        JSON.stringify(change.fields), change.status, change.verifiedBuyer ? 1 : 0, now, siteId, id,
      ),
    ...extra,
  ]);
}

/** Deletes a review; its votes and question links go with it (trigger), and the summary follows. */
export async function deleteReview(db: D1Database, siteId: string, id: string): Promise<boolean> {
  const r = await db.prepare('DELETE FROM reviews WHERE site_id = ? AND id = ?').bind(siteId, id).run();
  return r.meta.changes > 0;
}

/** Adds or removes a helpful vote; returns whether the voter now finds it helpful, and the new count. */
export const toggleReviewHelpful = (
  db: D1Database,
  siteId: string,
  reviewId: string,
  voter: string,
  helpful: boolean,
  now: number,
): Promise<{ helpful: boolean; helpfulCount: number }> => toggleHelpfulVote(db, 'review', siteId, reviewId, voter, helpful, now);

/**
 * Records what a verified purchase claim says and marks the member's existing reviews of those
 * products "Verified buyer", in one transaction. Returns how many reviews became verified.
 */
export async function recordPurchase(db: D1Database, siteId: string, claim: PurchaseClaim, now: number): Promise<number> {
  const products = JSON.stringify(claim.products);
  const results = await db.batch([
    db
      .prepare(
        `INSERT INTO purchases (site_id, member_sub, product_id, order_ref, purchased_at, recorded_at)
         SELECT ?1, ?2, value, ?3, ?4, ?5 FROM json_each(?6) WHERE true ON CONFLICT DO NOTHING`,
      )
      .bind(siteId, claim.sub, claim.order, claim.purchasedAt, now, products),
    db
      .prepare(
        `UPDATE reviews SET verified_buyer = 1
          WHERE site_id = ? AND author_sub = ? AND verified_buyer = 0 AND product_id IN (SELECT value FROM json_each(?))`,
      )
      .bind(siteId, claim.sub, products),
  ]);
  return results[1]?.meta.changes ?? 0;
}

/** Links a question asked from a review to that review. */
export function linkReviewQuestionStatement(db: D1Database, siteId: string, questionId: string, reviewId: string, now: number): D1PreparedStatement {
  return db
    .prepare('INSERT INTO review_questions (site_id, question_id, review_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
    .bind(siteId, questionId, reviewId, now);
}

/** Sets (or with `reply` null, removes) the brand's one public reply. Returns whether the review exists. */
export async function setReviewReply(
  db: D1Database,
  siteId: string,
  reviewId: string,
  reply: { body: string; staffId: string; staffName: string } | null,
  now: number,
): Promise<boolean> {
  const r = await db
    .prepare(
      `UPDATE reviews SET reply_body = ?, reply_staff_id = ?, reply_staff_name = ?,
                          reply_at = CASE WHEN ? IS NULL THEN NULL ELSE coalesce(reply_at, ?) END
        WHERE site_id = ? AND id = ?`,
    )
    .bind(reply?.body ?? null, reply?.staffId ?? null, reply?.staffName ?? null, reply?.body ?? null, now, siteId, reviewId)
    .run();
  return r.meta.changes > 0;
}

/** The console's list: the site's reviews newest first, optionally of one product or only those without a reply. */
export async function listSiteReviews(
  db: D1Database,
  siteId: string,
  q: { productId: string | null; unanswered: boolean; limit: number; after: { createdAt: number; id: string } | null },
): Promise<{ reviews: StoredReview[]; next: { createdAt: number; id: string } | null }> {
  const { results } = await db
    .prepare(
      `SELECT ${COLS} FROM reviews
        WHERE site_id = ?1 AND (?2 IS NULL OR product_id = ?2) AND (?3 = 0 OR reply_body IS NULL)
          AND (?4 IS NULL OR (created_at, id) < (?4, ?5))
        ORDER BY created_at DESC, id DESC LIMIT ?6`,
    )
    .bind(siteId, q.productId, q.unanswered ? 1 : 0, q.after?.createdAt ?? null, q.after?.id ?? null, q.limit + 1)
    .all<ReviewRow>();
  const page = results.slice(0, q.limit).map(toReview);
  const last = page.at(-1);
  return { reviews: page, next: results.length > q.limit && last ? { createdAt: last.createdAt, id: last.id } : null };
}

/** Sets a product's type (which picks its review fields), creating the product if new. */
export async function setProductType(db: D1Database, siteId: string, productId: string, productType: string | null, now: number): Promise<void> {
  await db
    .prepare(
      `INSERT INTO products (site_id, id, first_seen_at, product_type) VALUES (?, ?, ?, ?)
       ON CONFLICT (site_id, id) DO UPDATE SET product_type = excluded.product_type`,
    )
    .bind(siteId, productId, now, productType)
    .run();
}

/** The product's display name (for structured data), if the shop ever gave one. */
export async function productName(db: D1Database, siteId: string, productId: string): Promise<string | null> {
  const row = await db.prepare('SELECT name FROM products WHERE site_id = ? AND id = ?').bind(siteId, productId).first<{ name: string | null }>();
  return row?.name ?? null;
}

/** A member's reviews on the site, newest first (their data export). */
export async function listMemberReviews(db: D1Database, siteId: string, sub: string, limit = 10_000): Promise<StoredReview[]> {
  const { results } = await db
    .prepare(`SELECT ${COLS} FROM reviews WHERE site_id = ? AND author_sub = ? ORDER BY created_at DESC LIMIT ?`)
    .bind(siteId, sub, limit)
    .all<ReviewRow>();
  return results.map(toReview);
}

/**
 * Everything the Reviews tab shows first, in one round trip to the database: the summary, the
 * site's settings for this product, the newest expert verdicts and the author's own review.
 */
export async function reviewOverviewRows(
  db: D1Database,
  siteId: string,
  productId: string,
  author: { sub: string | null; visitorId: string | null },
  experts: number,
): Promise<{ summary: ReviewSummary; settings: ProductReviewSettings; experts: StoredReview[]; own: StoredReview | null }> {
  const own = author.sub
    ? db.prepare(`SELECT ${COLS} FROM reviews WHERE site_id = ? AND product_id = ? AND author_sub = ?`).bind(siteId, productId, author.sub)
    : author.visitorId
      ? db
          .prepare(`SELECT ${COLS} FROM reviews WHERE site_id = ? AND product_id = ? AND author_visitor = ? AND author_sub IS NULL`)
          .bind(siteId, productId, author.visitorId)
      : null;
  const [head, expertRows, ownRows] = await db.batch([
    db
      .prepare(
        `SELECT s.reviews_anonymous, s.review_fields,
                (SELECT p.product_type FROM products p WHERE p.site_id = s.id AND p.id = ?2) AS product_type,
                r.review_count, r.rating_sum, r.star1, r.star2, r.star3, r.star4, r.star5, r.expert_count
           FROM sites s LEFT JOIN review_summaries r ON r.site_id = s.id AND r.product_id = ?2
          WHERE s.id = ?1`,
      )
      .bind(siteId, productId),
    db
      .prepare(
        `SELECT ${COLS} FROM reviews WHERE site_id = ? AND product_id = ? AND status = 'published' AND kind = 'expert'
          ORDER BY created_at DESC, id DESC LIMIT ?`,
      )
      .bind(siteId, productId, experts),
    ...(own ? [own] : []),
  ]);
  const row = head?.results[0] as (Partial<TallyRow> & { reviews_anonymous: number; review_fields: string; product_type: string | null }) | undefined;
  const tally = row && row.review_count !== null && row.review_count !== undefined ? (row as TallyRow) : null;
  const mine = ownRows?.results[0] as ReviewRow | undefined;
  return {
    summary: toSummary(productId, tally),
    settings: { anonymous: row?.reviews_anonymous === 1, fields: row ? fieldsFor(row.review_fields, row.product_type) : [] },
    experts: (expertRows?.results as ReviewRow[] | undefined)?.map(toReview) ?? [],
    own: mine ? toReview(mine) : null,
  };
}
