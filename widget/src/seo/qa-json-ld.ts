import type { SamenApi } from '../api/client.ts';

interface SeoHost extends Element {
  api: SamenApi | null;
  product: string;
}

/** The script each widget put into the page, and what watches for the widget leaving it. */
const placed = new WeakMap<Element, { script: HTMLScriptElement; watch: MutationObserver }>();

/**
 * For `<samen-widget seo>`: puts the product's questions and answers as schema.org JSON-LD
 * (`<script type="application/ld+json">`) into the page just after the element, where search
 * engines that run scripts find it, replacing what it put there before, and taking it away when
 * the element leaves the page (a single-page shop moving on to another product). Under a strict
 * Trusted Types policy setting a script's text throws: then the page simply goes without (site
 * owners can include the same JSON-LD server-side from `…/qa.jsonld`). A lazy chunk: only sites
 * that opt in load it.
 */
export async function placeQaJsonLd(host: SeoHost): Promise<void> {
  // The product's reviews (schema.org Product with its rating) go along, from their own small chunk.
  void import('../reviews/json-ld.ts').then((m) => m.placeReviewsJsonLd(host));
  const product = host.product;
  let json: string;
  try {
    if (!host.api || !product) return;
    json = await host.api.qaJsonLd(product);
  } catch {
    return;
  }
  // The element moved on (another product, or out of the page) while this was loading.
  if (host.product !== product || !host.isConnected) return;
  const script = document.createElement('script');
  script.type = 'application/ld+json';
  try {
    script.textContent = json;
  } catch {
    return;
  }
  script.dataset.samen = 'qa';
  removeQaJsonLd(host);
  host.after(script);
  const watch = new MutationObserver(() => {
    if (!host.isConnected) removeQaJsonLd(host);
  });
  watch.observe(host.getRootNode(), { childList: true, subtree: true });
  placed.set(host, { script, watch });
}

/** Takes the widget's JSON-LD out of the page again. */
export function removeQaJsonLd(host: Element): void {
  const entry = placed.get(host);
  entry?.script.remove();
  entry?.watch.disconnect();
  placed.delete(host);
}
