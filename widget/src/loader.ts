/**
 * The only script a shop's page loads: `<script type="module" src=".../widget.js" data-site="…">`.
 * It works out the API base from its own URL (so the same snippet works on any origin) and is a
 * facade: the widget's core (and with it every API request) is fetched only when a <samen-widget>
 * comes near the viewport, or when the shopper or the page uses Samen (launcher, `samen.open()`,
 * `samen.ask()`). Until then the page has paid for this one file.
 *
 * It also puts the chat launcher ("Chat with us") on the page; the chat itself is a lazy chunk.
 *
 * Its one global is `samen` (the site owner's JavaScript API, documented in README "Embedding"):
 * `identify(token)` hands over a token the shop's backend signed for the logged-in shopper or
 * expert (or null to browse as a guest); `open()` / `close()` the chat panel; `ask(text)` puts text
 * into the first widget's question box (never sends it).
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
    near.disconnect();
    added.disconnect();
    m.defineSamenWidget(config);
    return m;
  }));

// An element in view loads the core at once. One just below the fold waits for the shopper to scroll:
// from then on anything within half a screen loads, so the widget is ready by the time they reach
// it, while a shopper who never scrolls down costs the page nothing but this file.
let scrolled = 0;
const widgets = document.getElementsByTagName('samen-widget');
const near = new IntersectionObserver(
  (seen) => seen.some((e) => e.isIntersecting && (scrolled || e.boundingClientRect.top < innerHeight)) && void load(),
  { rootMargin: '50%' },
);
// Observing an element twice is a no-op; observing afresh reports where it is now.
const watch = () => loading || [...widgets].forEach((el) => near.observe(el));
// Single-page shops add the element later.
const added = new MutationObserver(watch);
addEventListener(
  'scroll',
  () => {
    scrolled = 1;
    near.disconnect();
    watch();
  },
  { capture: true, once: true, passive: true },
);

const chat = () => import('./chat/index.ts');
/** Opens the chat panel about what the page's widget is about: the order at checkout, else the product. */
const openChat = (opener: HTMLElement | null) =>
  chat().then((m) => {
    const w = document.querySelector('samen-widget');
    const order = w?.getAttribute('mode') == 'checkout' && w.getAttribute('order');
    return m.openChat(config, opener, order ? { orderRef: order } : { productId: w?.getAttribute('product') || undefined });
  });

interface SamenGlobal {
  identify(token: string | null): void;
  open(): void;
  close(): void;
  ask(text: string): void;
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
  // Focus returns to whatever had it when the site's own button called open().
  open: () => void openChat(document.activeElement as HTMLElement | null),
  // Without a panel there is nothing to close, so no chunk is fetched for it.
  close: () => document.querySelector('samen-chat')?.close(),
  ask: (text) => void load().then(() => document.querySelector('samen-widget')?.ask(text)),
};

// The chat launcher, on every page with the script tag unless `data-launcher="off"`. Plain DOM and
// a constructed style sheet (strict CSPs allow it): Lit and the chat arrive only when it is used.
if (tag?.dataset.launcher != 'off') {
  const host = document.createElement('samen-launcher');
  const button = document.createElement('button');
  const lang = document.documentElement.lang.slice(0, 2);
  const sheet = new CSSStyleSheet();
  const accent = 'var(--samen-accent,#22577a)';
  sheet.replaceSync(
    `:host{position:fixed;inset-block-end:1em;inset-inline-end:1em;z-index:2147483000}button{font:var(--samen-font,600 medium/1.2 system-ui,sans-serif);min-block-size:44px;padding:.7em 1.2em;border:0;border-radius:var(--samen-launcher-radius,2em);background:${accent};color:var(--samen-on-accent,#fff);box-shadow:0 4px 16px #0003;cursor:pointer}button:focus-visible{outline:3px solid ${accent};outline-offset:3px}@media(prefers-reduced-motion:no-preference){button{transition:transform .2s}button:hover{transform:translateY(-2px)}}`,
  );
  button.textContent = lang == 'nl' ? 'Chat met ons' : lang == 'fr' ? 'Discutez avec nous' : 'Chat with us';
  button.setAttribute('part', 'launcher');
  button.setAttribute('aria-haspopup', 'dialog');
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [sheet];
  root.append(button);
  button.onpointerenter = button.onfocus = () => void chat();
  button.onclick = () => void openChat(button);
  document.body.append(host);
}

watch();
added.observe(document.documentElement, { childList: true, subtree: true });
