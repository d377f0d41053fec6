/**
 * The only script a shop's page loads: `<script type="module" src=".../widget.js" data-site="…">`.
 * It works out the API base from its own URL (so the same snippet works on any origin) and
 * fetches the widget itself only when a <samen-widget> element is on the page.
 *
 * Its one global is `samen`, with `samen.identify(token)`: hand over a token the shop's backend
 * signed for the logged-in shopper or expert (or null to browse as a guest).
 */
const ownUrl = import.meta.url;
const tag =
  Array.from(document.querySelectorAll<HTMLScriptElement>('script[data-site]')).find((s) => s.src === ownUrl) ??
  document.querySelector<HTMLScriptElement>('script[data-site][src*="widget.js"]');
const config: { apiBase: URL; siteId: string; token?: string | null } = {
  apiBase: new URL('/api/v1/', ownUrl),
  siteId: tag?.dataset.site ?? '',
};

let loading: Promise<typeof import('./samen-widget.ts')> | undefined;
const load = () =>
  (loading ??= import('./samen-widget.ts').then((m) => {
    m.defineSamenWidget(config);
    return m;
  }));

interface SamenGlobal {
  identify(token: string | null): void;
}
const w = window as typeof window & { samen?: SamenGlobal };
w.samen ??= {
  identify(token) {
    config.token = token;
    for (const el of document.querySelectorAll('samen-widget')) {
      if (token) el.setAttribute('token', token);
      else el.removeAttribute('token');
    }
  },
};

if (document.querySelector('samen-widget')) void load();
else {
  // Single-page shops add the element later; stop watching as soon as it appears.
  const watcher = new MutationObserver(() => {
    if (document.querySelector('samen-widget')) {
      watcher.disconnect();
      void load();
    }
  });
  watcher.observe(document.documentElement, { childList: true, subtree: true });
}
