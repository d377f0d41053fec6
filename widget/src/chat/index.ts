/**
 * The live chat as one lazy chunk: the loader imports it when the shopper uses the launcher (and
 * preloads it on hover or focus); `<samen-widget>`'s Chat tab opens the same panel.
 */
// Importing the core through its root module keeps what both share (Lit, the API client) in the
// core's chunk instead of a third one.
import { defineSamenWidget, type SamenWidget, type WidgetConfig } from '../samen-widget.ts';
import { createApi, type SamenApi } from '../api/client.ts';
import { pickLanguage } from '../i18n/index.ts';
import { SamenChat, type ChatContext } from './samen-chat.ts';

let panel: SamenChat | undefined;

/**
 * Opens the page's one chat panel about `context` (created on first use, in `document.body`).
 * Focus returns to `opener` when the panel closes.
 */
export async function openChat(config: WidgetConfig, opener: HTMLElement | null, context: ChatContext, api?: SamenApi | null): Promise<SamenChat> {
  defineSamenWidget(config);
  if (!panel) {
    const client = api ?? createApi(config.apiBase, config.siteId);
    if (!api) client.setToken(config.token ?? null);
    panel = document.createElement('samen-chat');
    panel.api = client;
    panel.siteId = config.siteId;
    panel.lang = pickLanguage(document.documentElement.lang);
    document.body.append(panel);
    announce(panel);
    void client.site().then(
      (site) => (panel!.brand = site.name),
      () => {},
    );
  }
  panel.context = context;
  await panel.show(opener);
  return panel;
}

/**
 * The Chat tab of `widget`: the page's one chat panel about its product, focus coming back to the
 * tab. Without the loader's config (a widget given its own `api`), the API is on this origin.
 */
export const openFromTab = (widget: SamenWidget, config: WidgetConfig | null, siteId: string): Promise<SamenChat> =>
  openChat(
    config ?? { apiBase: new URL('/api/v1/', location.href), siteId },
    widget.renderRoot.querySelector<HTMLElement>('#tab-chat'),
    { productId: widget.product },
    widget.api,
  );

/** A public event for the site owner's page: on `document`, bubbling and composed. */
const emit = (type: string, detail?: object) => document.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));

/**
 * Tells the page when the panel opens and closes (`samen-open`, `samen-close`; the panel itself
 * announces `samen-message`). Watched from outside the panel: however it opens (launcher, Chat tab,
 * `samen.open()`) the dialog's `open` flips.
 */
function announce(panel: SamenChat): void {
  new MutationObserver((records) => {
    for (const r of records) if (r.target instanceof HTMLDialogElement) emit(r.target.open ? 'samen-open' : 'samen-close');
  }).observe(panel.renderRoot, { subtree: true, attributeFilter: ['open'] });
}
