/**
 * The live chat as one lazy chunk: the loader imports it when the shopper uses the launcher (and
 * preloads it on hover or focus); `<samen-widget>`'s Chat tab opens the same panel.
 */
// Importing the core through its root module keeps what both share (Lit, the API client) in the
// core's chunk instead of a third one.
import { defineSamenWidget, type WidgetConfig } from '../samen-widget.ts';
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
    void client.site().then(
      (site) => (panel!.brand = site.name),
      () => {},
    );
  }
  panel.context = context;
  await panel.show(opener);
  return panel;
}
