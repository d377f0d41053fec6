/**
 * Shapes of the reviews API (widget, console and CLI), shared as types and plain constants only:
 * free of Workers, DOM and Node types so every build can import it.
 */
import type { PostNotice, PublicAuthor, Question } from './api-types.ts';

/** A shopper's review (stars, title, text) or an expert's verdict (also pros and cons). */
export type ReviewKind = 'shopper' | 'expert';

export type ReviewSort = 'helpful' | 'newest' | 'highest' | 'lowest';
export const REVIEW_SORTS: readonly ReviewSort[] = ['helpful', 'newest', 'highest', 'lowest'];

/**
 * The optional fields a site can ask for per product type, with their answers. Keys are Samen's
 * own so that the widget labels them in every language.
 */
export const REVIEW_FIELDS = {
  fit: ['small', 'true_to_size', 'large'],
  usage: ['daily', 'weekly', 'occasionally'],
} as const;
export type ReviewFieldKey = keyof typeof REVIEW_FIELDS;
export const REVIEW_FIELD_KEYS = Object.keys(REVIEW_FIELDS) as ReviewFieldKey[];
export type ReviewFieldValues = { [K in ReviewFieldKey]?: (typeof REVIEW_FIELDS)[K][number] };

/** Lengths the API, the widget, the console and the import agree on. */
export const REVIEW_LIMITS = {
  title: { min: 2, max: 120 },
  body: { min: 20, max: 5000 },
  /** Pros and cons of an expert review: lines of text. */
  notes: { maxItems: 8, max: 200 },
  specialism: { max: 80 },
  reply: { min: 2, max: 2000 },
  pageSize: { max: 20, default: 5 },
  /** Product types named in the review field settings. */
  productType: { max: 40 },
} as const;

/** The brand's public reply to a review. */
export interface ReviewReply {
  body: string;
  /** The site's name: replies speak for the brand, not the staff member. */
  brand: string;
  createdAt: number;
}

export interface Review extends PublicAuthor {
  id: string;
  productId: string;
  kind: ReviewKind;
  rating: number;
  title: string;
  body: string;
  /** Expert reviews only. */
  pros: string[];
  cons: string[];
  /** The expert's field, e.g. "Mountain guide"; null for shoppers. */
  specialism: string | null;
  fields: ReviewFieldValues;
  verifiedBuyer: boolean;
  helpfulCount: number;
  votedHelpful: boolean;
  reply: ReviewReply | null;
  createdAt: number;
  /** Set when the author edited the review after posting. */
  editedAt: number | null;
}

/** Published shopper reviews of a product; `average` to one decimal, null without reviews. */
export interface ReviewSummary {
  productId: string;
  average: number | null;
  count: number;
  /** Reviews per star: index 0 is 1 star, index 4 is 5 stars. */
  stars: [number, number, number, number, number];
  expertCount: number;
}

/** Whether (and how) the viewer may write a review of this product. */
export interface ReviewForm {
  /** `sign_in`: the site reviews only from shop accounts; `reviewed`: see `mine`. */
  canWrite: boolean;
  reason: 'sign_in' | 'reviewed' | null;
  /** An expert for this product writes an expert review (pros, cons, specialism). */
  asExpert: boolean;
  /** A visitor without a shop account (the site allows it): name optional, never verified. */
  anonymous: boolean;
  /** The optional fields this product's type asks for. */
  fields: ReviewFieldKey[];
}

/** `GET /products/:product/reviews/summary`: what the Reviews tab shows first. */
export interface ReviewOverview {
  summary: ReviewSummary;
  /** Expert verdicts, newest first (at most 3). */
  experts: Review[];
  /** The viewer's own review of this product, whatever its status. */
  mine: (Review & { status: 'published' | 'held' | 'hidden' | 'removed' }) | null;
  form: ReviewForm;
}

/** `GET /products/:product/reviews?sort=&stars=&cursor=`: shopper reviews, a page at a time. */
export interface ReviewPage {
  reviews: Review[];
  nextCursor: string | null;
}

/** What a shopper or expert writes. `pros`, `cons` and `specialism` count for expert reviews only. */
export interface ReviewInput {
  rating: number;
  title: string;
  body: string;
  fields?: ReviewFieldValues;
  authorName?: string;
  pros?: string[];
  cons?: string[];
  specialism?: string;
}

export interface ReviewWritten {
  review: Review;
  notice: PostNotice;
}

/** `POST /reviews/:review/questions`: the product question now linked to the review. */
export interface ReviewerQuestion {
  question: Question;
  notice: PostNotice;
}

/** `POST /purchases`: what a signed purchase claim recorded. */
export interface PurchaseRecorded {
  order: string;
  products: string[];
  /** Reviews the member had already written of these products, now marked "Verified buyer". */
  verifiedReviews: number;
}

// ── Console ────────────────────────────────────────────────────────────────────────────────

/** A review as staff see it in the console (`GET /console/reviews`). */
export interface ConsoleReview {
  id: string;
  productId: string;
  kind: ReviewKind;
  rating: number;
  title: string;
  body: string;
  authorName: string | null;
  formerMember: boolean;
  verifiedBuyer: boolean;
  status: 'published' | 'held' | 'hidden' | 'removed';
  helpfulCount: number;
  reply: (ReviewReply & { staffName: string | null }) | null;
  createdAt: number;
}

export interface ConsoleReviewPage {
  reviews: ConsoleReview[];
  nextCursor: string | null;
}

/** `GET/PATCH /console/reviews/settings` (owners). */
export interface ReviewSettings {
  /** Visitors without a shop account may review (never "Verified buyer"). */
  anonymous: boolean;
  /** Product type → the optional fields its reviews ask for. */
  fields: Record<string, ReviewFieldKey[]>;
}
