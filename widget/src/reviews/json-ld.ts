import type { SamenApi } from '../api/client.ts';

interface SeoHost extends Element {
  api: SamenApi | null;
  product: string;
}

const placed = new WeakMap<Element, { script: HTMLScriptElement; watch: MutationObserver }>();

/** Takes the widget's reviews JSON-LD out of the page again. */
export function removeReviewsJsonLd(host: Element): void {
  const entry = placed.get(host);
  entry?.script.remove();
  entry?.watch.disconnect();
  placed.delete(host);
}

/**
 * For `<samen-widget seo>`: the product's reviews as schema.org JSON-LD (`Product` with
 * `aggregateRating` and `review`) just after the element, replacing what it put there before and
 * taken away when the element leaves the page. Like the Q&A data (qa-json-ld.ts), it goes without
 * under a strict Trusted Types policy; site owners can include `…/reviews.jsonld` server-side instead.
 */
export async function placeReviewsJsonLd(host: SeoHost): Promise<void> {
  const product = host.product;
  let json: string;
  try {
    if (!host.api || !product) return;
    json = await host.api.reviewsJsonLd(product);
  } catch {
    return;
  }
  if (host.product !== product || !host.isConnected) return;
  // Without reviews there is nothing for search engines to show (and an empty Product only earns warnings).
  if (!(JSON.parse(json) as { review?: unknown[] }).review?.length) {
    removeReviewsJsonLd(host);
    return;
  }
  const script = document.createElement('script');
  script.type = 'application/ld+json';
  try {
    script.textContent = json;
  } catch {
    return;
  }
  script.dataset.samen = 'reviews';
  removeReviewsJsonLd(host);
  host.after(script);
  const watch = new MutationObserver(() => {
    if (!host.isConnected) removeReviewsJsonLd(host);
  });
  watch.observe(host.getRootNode(), { childList: true, subtree: true });
  placed.set(host, { script, watch });
}
