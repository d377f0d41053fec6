import { placeJsonLd, removeJsonLd, type SeoHost } from './json-ld-script.ts';

/**
 * For `<samen-widget seo>`: the product's questions and answers as schema.org JSON-LD just after
 * the element (see json-ld-script.ts; site owners can include the same from `…/qa.jsonld`
 * server-side). A lazy chunk: only sites that opt in load it.
 */
export async function placeQaJsonLd(host: SeoHost): Promise<void> {
  // The product's reviews (schema.org Product with its rating) go along, from their own small chunk.
  void import('../reviews/json-ld.ts').then((m) => m.placeReviewsJsonLd(host));
  await placeJsonLd(host, 'qa', (api, product) => api.qaJsonLd(product));
}

/** Takes the widget's Q&A JSON-LD out of the page again. */
export const removeQaJsonLd = (host: Element): void => removeJsonLd(host, 'qa');
