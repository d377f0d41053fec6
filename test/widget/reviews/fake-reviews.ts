/**
 * The reviews part of the in-memory API (test/fixtures/fake-api.ts delegates its review methods
 * here): reviews and summaries kept as the Worker keeps them — one review per viewer and
 * product, summaries counted from published shopper reviews, sorted pages of five with cursors,
 * helpful votes that refuse one's own review, the Worker's length rules, and "Verified buyer"
 * only for members the test says bought the product.
 */
import type { PublicAuthor, Question } from '../../../worker/src/api-types.ts';
import type { ReviewFieldKey, ReviewForm, ReviewSummary } from '../../../worker/src/review-types.ts';
import type {
  PostInput,
  Review,
  ReviewInput,
  ReviewOverview,
  ReviewPage,
  ReviewQuery,
  ReviewWritten,
  ReviewerQuestion,
  SamenApi,
} from '../../../widget/src/api/client.ts';
import { serverError } from '../../fixtures/fake-api.ts';

type Method = keyof SamenApi;

/** What the reviews need from the fake API it belongs to. */
export interface ReviewHost {
  enter(method: Method, args: unknown[], signal?: AbortSignal): Promise<void>;
  /** The current viewer's key (member or visitor), creating a visitor on a write when needed. */
  viewer(write: boolean): string | null;
  /** The identified member, if any. */
  member(): { name: string; role: 'shopper' | 'expert'; products?: string[] } | null;
  brand(): string;
  ask(productId: string, text: string): Question;
}

export interface ReviewSeed extends Partial<PublicAuthor> {
  productId?: string;
  rating?: number;
  title?: string;
  body?: string;
  kind?: 'shopper' | 'expert';
  pros?: string[];
  cons?: string[];
  specialism?: string | null;
  verifiedBuyer?: boolean;
  helpfulCount?: number;
  reply?: string | null;
  fields?: Review['fields'];
  createdAt?: number;
  status?: 'published' | 'held' | 'hidden';
}

interface Stored extends Omit<Review, 'mine' | 'votedHelpful'> {
  owner: string;
  status: 'published' | 'held' | 'hidden';
  voters: Set<string>;
}

const PAGE = 5;

export class FakeReviews {
  readonly stored: Stored[] = [];
  /** Members (by name) who bought products, as signed purchase claims would have told. */
  readonly purchases = new Set<string>();
  /** Whether visitors without a shop account may review. */
  anonymous = false;
  /** Fields the product's type asks for. */
  fields: ReviewFieldKey[] = [];
  /** A summary to return instead of counting (e.g. "128 reviews" without storing 128). */
  summaryOverride: ReviewSummary | null = null;
  #clock = Date.now() - 60 * 24 * 3600e3;

  constructor(private readonly host: ReviewHost) {}

  /** Stores a review as if written earlier by someone else (or by the viewer with `mine`). */
  add({ mine = false, helpfulCount = 0, reply = null, ...seed }: ReviewSeed = {}, productId = 'jacket-1'): Review {
    const n = this.stored.length + 1;
    const row: Stored = {
      id: crypto.randomUUID(),
      productId: seed.productId ?? productId,
      kind: seed.kind ?? 'shopper',
      rating: seed.rating ?? 4,
      title: seed.title ?? `Review number ${n}`,
      body: seed.body ?? `Review number ${n}: it does what it promises.`,
      pros: seed.pros ?? [],
      cons: seed.cons ?? [],
      specialism: seed.specialism ?? null,
      fields: seed.fields ?? {},
      verifiedBuyer: seed.verifiedBuyer ?? false,
      helpfulCount,
      reply: reply ? { body: reply, brand: this.host.brand(), createdAt: Date.now() } : null,
      createdAt: seed.createdAt ?? (this.#clock += 60_000),
      editedAt: null,
      authorName: seed.authorName ?? `Shopper ${n}`,
      authorRole: seed.authorRole ?? (seed.kind === 'expert' ? 'expert' : 'shopper'),
      formerMember: seed.formerMember ?? false,
      owner: mine ? (this.host.viewer(true) ?? 'visitor') : `someone-${n}`,
      status: seed.status ?? 'published',
      voters: new Set(),
    };
    this.stored.push(row);
    return this.present(row);
  }

  find(id: string): Stored {
    const row = this.stored.find((r) => r.id === id);
    if (!row) throw serverError(404, 'review_not_found', 'This review does not exist.');
    return row;
  }

  present(row: Stored): Review {
    const viewer = this.host.viewer(false);
    const { owner, status: _status, voters, ...review } = row;
    return { ...review, mine: owner === viewer, votedHelpful: viewer !== null && voters.has(viewer), helpfulCount: review.helpfulCount };
  }

  #published(productId: string, kind: 'shopper' | 'expert') {
    return this.stored.filter((r) => r.productId === productId && r.status === 'published' && r.kind === kind);
  }

  summary(productId: string): ReviewSummary {
    if (this.summaryOverride) return this.summaryOverride;
    const shoppers = this.#published(productId, 'shopper');
    const stars = [1, 2, 3, 4, 5].map((n) => shoppers.filter((r) => r.rating === n).length) as ReviewSummary['stars'];
    const sum = shoppers.reduce((s, r) => s + r.rating, 0);
    return {
      productId,
      count: shoppers.length,
      average: shoppers.length ? Math.round((sum / shoppers.length) * 10) / 10 : null,
      stars,
      expertCount: this.#published(productId, 'expert').length,
    };
  }

  #form(productId: string, mine: Stored | undefined): ReviewForm {
    const member = this.host.member();
    const open = member !== null || this.anonymous;
    return {
      canWrite: open && !mine,
      reason: mine ? 'reviewed' : open ? null : 'sign_in',
      asExpert: member?.role === 'expert' && (member.products ?? []).includes(productId),
      anonymous: member === null && open,
      fields: this.fields,
    };
  }

  #mine(productId: string): Stored | undefined {
    const viewer = this.host.viewer(false);
    return viewer === null ? undefined : this.stored.find((r) => r.productId === productId && r.owner === viewer);
  }

  async overview(productId: string, signal?: AbortSignal): Promise<ReviewOverview> {
    await this.host.enter('reviewOverview', [productId], signal);
    const mine = this.#mine(productId);
    return {
      summary: this.summary(productId),
      experts: this.#published(productId, 'expert')
        .sort((a, b) => b.createdAt - a.createdAt)
        .slice(0, 3)
        .map((r) => this.present(r)),
      mine: mine ? { ...this.present(mine), status: mine.status } : null,
      form: this.#form(productId, mine),
    };
  }

  async page(productId: string, q: ReviewQuery, signal?: AbortSignal): Promise<ReviewPage> {
    await this.host.enter('reviews', [productId, q], signal);
    const key = (r: Stored) => (q.sort === 'helpful' ? r.helpfulCount : q.sort === 'newest' ? 0 : r.rating);
    const rows = this.#published(productId, 'shopper')
      .filter((r) => q.stars === null || r.rating === q.stars)
      .sort((a, b) => (q.sort === 'lowest' ? key(a) - key(b) : key(b) - key(a)) || b.createdAt - a.createdAt);
    const start = q.cursor ? rows.findIndex((r) => r.id === q.cursor) + 1 : 0;
    const page = rows.slice(start, start + PAGE);
    return { reviews: page.map((r) => this.present(r)), nextCursor: rows.length > start + PAGE ? (page.at(-1)?.id ?? null) : null };
  }

  #check(input: ReviewInput): void {
    if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) throw serverError(400, 'invalid_rating');
    if (input.title.trim().length < 2) throw serverError(400, 'review_title_too_short');
    if (input.title.trim().length > 120) throw serverError(400, 'review_title_too_long');
    if (input.body.trim().length < 20) throw serverError(400, 'review_too_short');
    if (input.body.trim().length > 5000) throw serverError(400, 'review_too_long');
  }

  async write(productId: string, input: ReviewInput): Promise<ReviewWritten> {
    await this.host.enter('writeReview', [productId, input]);
    const member = this.host.member();
    if (!member && !this.anonymous) throw serverError(401, 'sign_in_to_review');
    this.#check(input);
    if (this.#mine(productId)) throw serverError(409, 'already_reviewed');
    const expert = member?.role === 'expert' && (member.products ?? []).includes(productId);
    const row: Stored = {
      id: crypto.randomUUID(),
      productId,
      kind: expert ? 'expert' : 'shopper',
      rating: input.rating,
      title: input.title.trim(),
      body: input.body.trim(),
      pros: expert ? (input.pros ?? []) : [],
      cons: expert ? (input.cons ?? []) : [],
      specialism: expert ? input.specialism || null : null,
      fields: input.fields ?? {},
      verifiedBuyer: member !== null && this.purchases.has(`${member.name}:${productId}`),
      helpfulCount: 0,
      reply: null,
      createdAt: Date.now(),
      editedAt: null,
      authorName: member ? member.name : input.authorName?.trim() || null,
      authorRole: member ? member.role : null,
      formerMember: false,
      owner: this.host.viewer(true) ?? 'visitor',
      status: 'published',
      voters: new Set(),
    };
    this.stored.push(row);
    return { review: this.present(row), notice: { status: 'published', masked: [] } };
  }

  async edit(reviewId: string, input: ReviewInput): Promise<ReviewWritten> {
    await this.host.enter('editReview', [reviewId, input]);
    const row = this.find(reviewId);
    if (row.owner !== this.host.viewer(false)) throw serverError(403, 'not_your_review');
    this.#check(input);
    Object.assign(row, { rating: input.rating, title: input.title.trim(), body: input.body.trim(), fields: input.fields ?? {}, editedAt: Date.now() });
    if (row.kind === 'expert') Object.assign(row, { pros: input.pros ?? [], cons: input.cons ?? [], specialism: input.specialism || null });
    return { review: this.present(row), notice: { status: 'published', masked: [] } };
  }

  async remove(reviewId: string): Promise<{ deleted: true }> {
    await this.host.enter('deleteReview', [reviewId]);
    const row = this.find(reviewId);
    if (row.owner !== this.host.viewer(false)) throw serverError(403, 'not_your_review');
    this.stored.splice(this.stored.indexOf(row), 1);
    return { deleted: true };
  }

  async vote(reviewId: string, helpful: boolean): Promise<{ helpful: boolean; helpfulCount: number }> {
    await this.host.enter('setReviewHelpful', [reviewId, helpful]);
    const row = this.find(reviewId);
    const voter = this.host.viewer(true) ?? 'visitor';
    if (row.owner === voter) throw serverError(403, 'own_review');
    const had = row.voters.has(voter);
    if (helpful && !had) (row.voters.add(voter), row.helpfulCount++);
    if (!helpful && had) (row.voters.delete(voter), row.helpfulCount--);
    return { helpful, helpfulCount: row.helpfulCount };
  }

  async askReviewer(reviewId: string, input: PostInput): Promise<ReviewerQuestion> {
    await this.host.enter('askReviewer', [reviewId, input]);
    const row = this.find(reviewId);
    if (row.owner === this.host.viewer(false)) throw serverError(403, 'own_review');
    if (input.text.trim().length < 10) throw serverError(400, 'question_too_short');
    return { question: this.host.ask(row.productId, input.text.trim()), notice: { status: 'published', masked: [] } };
  }

  async jsonLd(productId: string, signal?: AbortSignal): Promise<string> {
    await this.host.enter('reviewsJsonLd', [productId], signal);
    const s = this.summary(productId);
    return JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'Product',
      sku: productId,
      ...(s.count ? { aggregateRating: { '@type': 'AggregateRating', ratingValue: s.average, reviewCount: s.count } } : {}),
      review: this.#published(productId, 'shopper').map((r) => ({ '@type': 'Review', name: r.title, reviewRating: { ratingValue: r.rating } })),
    });
  }
}
