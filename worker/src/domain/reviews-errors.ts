/**
 * Input error codes of the reviews API and their English messages (for API users; the widget
 * shows its own translated text per code).
 */
import { REVIEW_LIMITS as L } from '../review-types.ts';

export const reviewInputErrors = {
  invalid_rating: 'Choose a rating from 1 to 5 stars.',
  review_title_too_short: `A review title needs at least ${L.title.min} characters.`,
  review_title_too_long: `A review title can have at most ${L.title.max} characters.`,
  review_too_short: `A review needs at least ${L.body.min} characters.`,
  review_too_long: `A review can have at most ${L.body.max.toLocaleString('en')} characters.`,
  invalid_review_fields: 'One of the review fields is not asked for this product or has an unknown answer.',
  review_notes_too_long: `Pros and cons each hold at most ${L.notes.maxItems} lines of ${L.notes.max} characters.`,
  specialism_too_long: `A specialism can have at most ${L.specialism.max} characters.`,
  invalid_sort: 'Sort by helpful, newest, highest or lowest.',
  invalid_stars: 'Filter by a star rating from 1 to 5.',
  reply_too_short: `A reply needs at least ${L.reply.min} characters.`,
  reply_too_long: `A reply can have at most ${L.reply.max.toLocaleString('en')} characters.`,
  invalid_claim: 'Send the signed purchase claim as { "claim": "<JWT>" }.',
  invalid_product_type: `A product type is 1–${L.productType.max} lower-case letters, digits, - or _.`,
} as const;

export type ReviewInputErrorCode = keyof typeof reviewInputErrors;
