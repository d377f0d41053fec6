import type { SamenApi } from '../api/client.ts';

export interface SeoHost extends Element {
  api: SamenApi | null;
  product: string;
}

type Placed = WeakMap<Element, { script: HTMLScriptElement; watch: MutationObserver }>;

/** The script each widget put into the page per kind, and what watches for the widget leaving it. */
const placed: Record<string, Placed> = {};

/** Takes the widget's JSON-LD of this kind out of the page again. */
export function removeJsonLd(host: Element, kind: string): void {
  const entry = placed[kind]?.get(host);
  entry?.script.remove();
  entry?.watch.disconnect();
  placed[kind]?.delete(host);
}

/**
 * Puts JSON-LD (`<script type="application/ld+json">`) into the page just after the element, where
 * search engines that run scripts find it, replacing what it put there of this kind before, and
 * taking it away when the element leaves the page (a single-page shop moving on to another
 * product). Under a strict Trusted Types policy setting a script's text throws: then the page
 * simply goes without (site owners can include the same JSON-LD server-side). `worthShowing`
 * decides whether the fetched JSON-LD says anything (if not, what was there is taken away too).
 */
export async function placeJsonLd(
  host: SeoHost,
  kind: string,
  fetchJson: (api: SamenApi, product: string) => Promise<string>,
  worthShowing: (json: string) => boolean = () => true,
): Promise<void> {
  const product = host.product;
  let json: string;
  try {
    if (!host.api || !product) return;
    json = await fetchJson(host.api, product);
  } catch {
    return;
  }
  // The element moved on (another product, or out of the page) while this was loading.
  if (host.product !== product || !host.isConnected) return;
  if (!worthShowing(json)) {
    removeJsonLd(host, kind);
    return;
  }
  const script = document.createElement('script');
  script.type = 'application/ld+json';
  try {
    script.textContent = json;
  } catch {
    return;
  }
  script.dataset.samen = kind;
  removeJsonLd(host, kind);
  host.after(script);
  const watch = new MutationObserver(() => {
    if (!host.isConnected) removeJsonLd(host, kind);
  });
  watch.observe(host.getRootNode(), { childList: true, subtree: true });
  (placed[kind] ??= new WeakMap()).set(host, { script, watch });
}
