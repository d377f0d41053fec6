/**
 * schema.org structured data for a product's reviews (Google's review snippets): a `Product`
 * with `aggregateRating` from the shopper reviews and `review` items, experts' pros and cons
 * as `positiveNotes` / `negativeNotes`.
 */
import type { StoredReview } from '../db/reviews.ts';
import type { ReviewSummary } from '../review-types.ts';

const iso = (ms: number) => new Date(ms).toISOString();

const notes = (lines: string[]) => ({
  '@type': 'ItemList',
  itemListElement: lines.map((name, i) => ({ '@type': 'ListItem', position: i + 1, name })),
});

function reviewLd(r: StoredReview) {
  return {
    '@type': 'Review',
    name: r.title,
    reviewBody: r.body,
    datePublished: iso(r.createdAt),
    author: { '@type': 'Person', name: r.authorErased ? 'Former member' : (r.authorName ?? 'Anonymous shopper') },
    reviewRating: { '@type': 'Rating', ratingValue: r.rating, bestRating: 5, worstRating: 1 },
    ...(r.kind === 'expert' && r.pros.length ? { positiveNotes: notes(r.pros) } : {}),
    ...(r.kind === 'expert' && r.cons.length ? { negativeNotes: notes(r.cons) } : {}),
  };
}

/**
 * The document for one product. `aggregateRating` is left out while there are no shopper
 * reviews: search engines reject a rating count of zero.
 */
export function reviewsJsonLd(product: { productId: string; name: string | null; brand: string }, summary: ReviewSummary, reviews: StoredReview[]) {
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: product.name ?? product.productId,
    sku: product.productId,
    brand: { '@type': 'Brand', name: product.brand },
    ...(summary.count && summary.average !== null
      ? {
          aggregateRating: {
            '@type': 'AggregateRating',
            ratingValue: summary.average,
            reviewCount: summary.count,
            bestRating: 5,
            worstRating: 1,
          },
        }
      : {}),
    review: reviews.map(reviewLd),
  };
}
