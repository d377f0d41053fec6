import { placeJsonLd, removeJsonLd, type SeoHost } from '../seo/json-ld-script.ts';

/** Takes the widget's reviews JSON-LD out of the page again. */
export const removeReviewsJsonLd = (host: Element): void => removeJsonLd(host, 'reviews');

/**
 * For `<samen-widget seo>`: the product's reviews as schema.org JSON-LD (`Product` with
 * `aggregateRating` and `review`) just after the element. Like the Q&A data (qa-json-ld.ts), it
 * goes without under a strict Trusted Types policy; site owners can include `…/reviews.jsonld`
 * server-side instead.
 */
export const placeReviewsJsonLd = (host: SeoHost): Promise<void> =>
  placeJsonLd(
    host,
    'reviews',
    (api, product) => api.reviewsJsonLd(product),
    // Without reviews there is nothing for search engines to show (and an empty Product only earns warnings).
    (json) => Boolean((JSON.parse(json) as { review?: unknown[] }).review?.length),
  );
