/**
 * The rules of reviews: who may write which kind of review, what a viewer sees of one, and the
 * opaque page cursors of the sorted lists.
 */
import type { ReviewCursor, StoredReview } from '../db/reviews.ts';
import type { ReviewFieldKey, ReviewFieldValues, ReviewForm, Review, ReviewKind } from '../review-types.ts';
import { REVIEW_FIELDS } from '../review-types.ts';
import { isMine, type Viewer } from './viewer.ts';

/** How the viewer writes a review of this product, or why they cannot. */
export type Authoring =
  | { ok: true; kind: ReviewKind; anonymous: boolean }
  | { ok: false; code: 'sign_in_to_review' | 'visitor_required'; message: string };

/**
 * Identified shoppers and experts may review; an expert whose token lists the product writes an
 * expert review. Visitors without a shop account only when the site allows it (and they need a
 * visitor id, so they can find, edit and delete their review again).
 */
export function authoringOf(viewer: Viewer, productId: string, site: { anonymous: boolean }): Authoring {
  if (viewer.kind === 'member') {
    const expert = viewer.role === 'expert' && viewer.products.includes(productId);
    return { ok: true, kind: expert ? 'expert' : 'shopper', anonymous: false };
  }
  if (!site.anonymous) return { ok: false, code: 'sign_in_to_review', message: 'Sign in on the shop to write a review.' };
  if (!viewer.visitorId) return { ok: false, code: 'visitor_required', message: 'Send your visitor id (X-Samen-Visitor) or a shop token.' };
  return { ok: true, kind: 'shopper', anonymous: true };
}

/** What the Reviews tab's write form offers this viewer. */
export function reviewForm(viewer: Viewer, productId: string, site: { anonymous: boolean; fields: ReviewFieldKey[] }, reviewed: boolean): ReviewForm {
  const a = authoringOf(viewer, productId, site);
  // A guest without a visitor id yet gets one on their first write: the form is open to them.
  const open = a.ok || a.code === 'visitor_required';
  return {
    canWrite: open && !reviewed,
    reason: reviewed ? 'reviewed' : open ? null : 'sign_in',
    asExpert: a.ok && a.kind === 'expert',
    anonymous: viewer.kind !== 'member' && open,
    fields: site.fields,
  };
}

/** Keeps only the fields this product asks for, with answers Samen knows. */
export function allowedFields(values: ReviewFieldValues | undefined, allowed: readonly ReviewFieldKey[]): ReviewFieldValues | 'invalid' {
  const out: ReviewFieldValues = {};
  for (const [key, value] of Object.entries(values ?? {})) {
    if (!allowed.includes(key as ReviewFieldKey)) return 'invalid';
    const options: readonly string[] = REVIEW_FIELDS[key as ReviewFieldKey];
    if (typeof value !== 'string' || !options.includes(value)) return 'invalid';
    Object.assign(out, { [key]: value });
  }
  return out;
}

/** A review as a viewer may see it: never the author's member id, visitor id or email. */
export function publicReview(r: StoredReview, viewer: Viewer, ctx: { voted: ReadonlySet<string>; brand: string }): Review {
  return {
    id: r.id,
    productId: r.productId,
    kind: r.kind,
    rating: r.rating,
    title: r.title,
    body: r.body,
    pros: r.kind === 'expert' ? r.pros : [],
    cons: r.kind === 'expert' ? r.cons : [],
    specialism: r.authorErased ? null : r.specialism,
    fields: r.fields,
    verifiedBuyer: r.verifiedBuyer,
    helpfulCount: r.helpfulCount,
    votedHelpful: ctx.voted.has(r.id),
    reply: r.reply ? { body: r.reply.body, brand: ctx.brand, createdAt: r.reply.at } : null,
    createdAt: r.createdAt,
    editedAt: r.updatedAt > r.createdAt ? r.updatedAt : null,
    authorName: r.authorErased ? null : r.authorName,
    authorRole: r.authorErased ? null : r.authorRole,
    formerMember: r.authorErased,
    mine: isMine(viewer, r),
  };
}

/** Opaque cursor of a sorted list: `<sort key>.<createdAt>.<id>` of the last review shown. */
export const encodeReviewCursor = (c: ReviewCursor): string => `${c.key}.${c.createdAt}.${c.id}`;

export function decodeReviewCursor(raw: string): ReviewCursor | null {
  const m = /^(\d{1,9})\.(\d{1,15})\.([0-9a-f-]{36})$/.exec(raw);
  if (!m?.[1] || !m[2] || !m[3]) return null;
  return { key: Number(m[1]), createdAt: Number(m[2]), id: m[3] };
}
