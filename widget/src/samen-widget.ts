import { LitElement, html, css, nothing } from 'lit';
import { define } from './internal/define.ts';
import { tokens } from './styles/shared.ts';
import { ApiRequestError, createApi, isTokenRefusal, type Me, type SamenApi, type SiteInfo } from './api/client.ts';
import { en, loadStrings, pickLanguage, type Strings } from './i18n/index.ts';
import { loadCommunity } from './questions/lazy.ts';
import './questions/samen-questions.ts';

/** Where the widget's API lives and which site it serves; set once by the loader. */
export interface WidgetConfig {
  apiBase: URL;
  siteId: string;
  /** A token handed over with `samen.identify()` before this element existed. */
  token?: string | null;
}

const GUEST: Me = { kind: 'anonymous', name: null, role: null, products: [] };

let config: WidgetConfig | null = null;

type Status = 'starting' | 'ready' | 'unavailable';
type Tab = 'questions' | 'reviews' | 'chat' | 'ideas';
/** In order; Ideas (last) only when the site has the idea board on. */
const TABS: Tab[] = ['questions', 'reviews', 'chat', 'ideas'];

/** The Reviews and Ideas tabs are lazy chunks: fetched when the tab is opened, preloaded on hover or focus. */
const loadReviews = () => import('./reviews/index.ts');
const loadIdeas = () => import('./ideas/index.ts');

/**
 * The one public element. Shoppers get the product's community in one place;
 * today that is the Questions tab (Reviews and Chat join as they are built).
 *
 * @summary Samen community & support widget for a product page.
 * @csspart container - the outer box
 * @csspart tabs - the tab list
 * @csspart tab - each tab button
 * @csspart panel - the active tab's panel
 * @cssproperty --samen-accent - brand colour for buttons and focus rings (default: the site's brand colour in light mode, else #22577a)
 * @cssproperty --samen-on-accent - text on the accent colour (default #fff)
 * @cssproperty --samen-surface - background (default #fff)
 * @cssproperty --samen-text - text colour
 * @cssproperty --samen-muted - secondary text colour
 * @cssproperty --samen-border - lines and field borders
 * @cssproperty --samen-error - error text and invalid borders
 * @cssproperty --samen-radius - corner radius (default 8px)
 * @cssproperty --samen-font - font shorthand
 * @cssproperty --samen-color-scheme - `light` or `dark` to override the shopper's preference
 * @attr theme - `light` or `dark`: one scheme whatever the shopper's preference (default: theirs)
 */
export class SamenWidget extends LitElement {
  static override properties = {
    product: { type: String },
    site: { type: String },
    token: { type: String },
    seo: { type: Boolean },
    mode: {},
    order: {},
    api: { attribute: false },
    _me: { state: true },
    _notice: { state: true },
    _status: { state: true },
    _tab: { state: true },
    _t: { state: true },
  };

  static override styles = [
    tokens,
    css`
      .container {
        background: var(--_surface);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 1em;
        min-block-size: 12em;
      }
      [role='tablist'] {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25em;
        border-block-end: 1px solid var(--_border);
        margin-block-end: 1em;
      }
      [role='tab'] {
        font: inherit;
        font-weight: 600;
        background: none;
        border: 0;
        border-block-end: 3px solid transparent;
        padding: 0.5em 1em;
        color: inherit;
        cursor: pointer;
      }
      [role='tab'][aria-selected='true'] {
        border-block-end-color: var(--_accent);
        color: var(--_accent);
      }
      [role='tab']:focus-visible {
        outline: 3px solid var(--_accent);
      }
      .notice {
        color: var(--_muted);
        margin: 0;
      }
      .skeleton {
        block-size: 10em;
        border-radius: var(--_radius);
        background: linear-gradient(90deg, #0000000a, #00000014, #0000000a);
      }
    `,
  ];

  /** The shop's product id the questions belong to. */
  declare product: string;
  /** Site id; defaults to the `data-site` of the script tag that loaded the widget. */
  declare site: string;
  /**
   * A short-lived token the shop's backend signed for the logged-in shopper or expert
   * (HS256, the site's secret). Without it the shopper is a guest.
   */
  declare token: string;
  /**
   * Also put the product's questions and answers into the page as schema.org JSON-LD
   * (a `<script type="application/ld+json">` just after the element).
   */
  declare seo: boolean;
  /** `checkout`: instead of the Questions tab, a compact "Question about your order?" that goes privately to the team. */
  declare mode: string;
  /** The order number the checkout page passes in with `mode="checkout"`. */
  declare order: string;
  /** The API client; tests and advanced embeds may provide their own. */
  declare api: SamenApi | null;
  declare private _me: Me;
  declare private _notice: string;
  declare private _status: Status;
  declare private _tab: Tab;
  declare private _t: Strings;
  #siteId = '';
  /** The site shows the Ideas tab. */
  #ideas = false;
  #starting?: AbortController;
  #started?: Promise<void>;
  #usedToken: string | null = null;

  constructor() {
    super();
    this.product = '';
    this.site = '';
    this.token = '';
    this.seo = false;
    this.mode = this.order = '';
    this.api = null;
    this._me = GUEST;
    this._notice = '';
    this._status = 'starting';
    this._tab = 'questions';
    this._t = en;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#started = this.#start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#starting?.abort();
  }

  async #start(): Promise<void> {
    this.#starting?.abort();
    const ctrl = (this.#starting = new AbortController());
    if (!this.api) {
      const siteId = this.site || config?.siteId;
      if (!config || !siteId) {
        this._status = 'unavailable';
        return;
      }
      this.api = createApi(config.apiBase, siteId);
    }
    let site: SiteInfo;
    try {
      site = await this.api.site(ctrl.signal);
    } catch (err) {
      if (ctrl.signal.aborted) return;
      // 403/404 (site or origin not enabled) and a CORS refusal (seen as a network error) all mean:
      // this page may not use Samen. Say so politely instead of showing a broken widget.
      if (!(err instanceof ApiRequestError)) console.warn('samen: could not start', err);
      // In the page's language, even without the site's default.
      this._t = await loadStrings(pickLanguage(this.lang, document.documentElement.lang));
      this._status = 'unavailable';
      return;
    }
    this.#siteId = site.id;
    this.#ideas = site.ideas;
    // The site's brand colour for the accent (styles/shared.ts). Through CSSOM, which a strict CSP
    // allows (a style attribute it would block); null removes it again.
    this.style.setProperty('--_brand', site.brandColor);
    this._t = { ...(await loadStrings(pickLanguage(this.lang, document.documentElement.lang, site.defaultLanguage))), brand: site.name };
    await this.#identify(ctrl.signal);
    // A token handed over while we were starting: use it now.
    if (this.#currentToken() !== this.#usedToken) await this.#identify(ctrl.signal);
    if (!ctrl.signal.aborted) this._status = 'ready';
  }

  #currentToken(): string | null {
    return this.token || config?.token || null;
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    // A token that arrives after start (the shop signs it asynchronously) re-identifies in place.
    if (changed.has('token') && changed.get('token') !== undefined && this._status === 'ready') {
      void this.#identify(this.#starting?.signal);
    }
    // `seo`: the product's Q&A as JSON-LD next to the element (a lazy chunk, for sites that opt in).
    if (this.seo && this._status === 'ready' && (changed.has('_status') || changed.has('product'))) {
      void import('./seo/qa-json-ld.ts').then((m) => m.placeQaJsonLd(this));
    }
  }

  /** Uses the token, if any; a token the API refuses means: carry on as a guest, with a short notice. */
  async #identify(signal?: AbortSignal): Promise<void> {
    const api = this.api;
    if (!api) return;
    const token = this.#currentToken();
    this.#usedToken = token;
    api.setToken(token);
    this._notice = '';
    try {
      // A guest has nothing to look up: one round trip less before the first content.
      this._me = token ? await api.me(signal) : GUEST;
    } catch (err) {
      if (signal?.aborted) return;
      this._me = GUEST;
      // Only a refused token makes the shopper a guest; a network blip keeps their token for the next call.
      if (isTokenRefusal(err)) {
        api.setToken(null);
        this._notice = this._t.tokenRefused;
      }
    }
  }

  #renderBody() {
    const t = this._t;
    if (this._status === 'starting') return html`<div class="skeleton" aria-busy="true"></div>`;
    if (this._status === 'unavailable') return html`<p class="notice" role="status">${t.unavailable}</p>`;
    const notice = this._notice ? html`<p class="notice" role="status">${this._notice}</p>` : nothing;
    if (this.mode === 'checkout') {
      void import('./checkout/index.ts');
      return html`${notice}<samen-checkout .api=${this.api} .t=${t} .me=${this._me} order=${this.order}></samen-checkout>`;
    }
    const tab = (id: Tab, label: string) =>
      html`<button
        type="button"
        role="tab"
        part="tab"
        id="tab-${id}"
        aria-controls="panel-${id}"
        aria-selected=${this._tab === id}
        tabindex=${this._tab === id ? 0 : -1}
        @click=${() => this.#select(id)}
      >${label}</button>`;
    // The Questions panel stays in view under the Chat tab's button (the chat opens beside the page).
    const panel = (id: Tab, content: unknown, hidden = this._tab != id) =>
      html`<div role="tabpanel" part="panel" id="panel-${id}" aria-labelledby="tab-${id}" ?hidden=${hidden}>${content}</div>`;
    const ideas = this.#ideas;
    return html`<div role="tablist" part="tabs" aria-label=${t.widgetLabel} @keydown=${this.#tabKey} @pointerover=${this.#preload} @focusin=${this.#preload}>
        ${tab('questions', t.tabQuestions)}${tab('reviews', t.tabReviews)}${tab('chat', t.tabChat)}${ideas ? tab('ideas', t.tabIdeas) : nothing}
      </div>
      ${notice}
      ${panel(
        'questions',
        html`<samen-questions .api=${this.api} .t=${t} .me=${this._me} product=${this.product} site=${this.#siteId}></samen-questions>`,
        this._tab == 'reviews' || this._tab == 'ideas',
      )}
      ${panel('reviews', html`<samen-reviews .api=${this.api} .t=${t} .me=${this._me} product=${this.product}></samen-reviews>`)}
      ${panel('chat', html`<button type="button" @click=${this.#chat}>${t.openChat}</button>`)}
      ${ideas ? panel('ideas', html`<samen-ideas .api=${this.api} .t=${t} .me=${this._me} product=${this.product}></samen-ideas>`) : nothing}`;
  }

  /**
   * `samen.ask(text)`: the Questions tab with `text` in the question box, focused. Never sends it:
   * the shopper does. Typed as input, so similar questions show as if the shopper had typed it.
   */
  async ask(text: string): Promise<void> {
    await this.#started;
    this._tab = 'questions';
    return (await loadCommunity()).typeQuestion(this, text);
  }

  /** The page's one chat panel (the launcher's), about this product; focus comes back to the Chat tab. */
  #chat = (): void => void import('./chat/index.ts').then((m) => m.openFromTab(this, config, this.#siteId));

  #select(tab: Tab): void {
    this._tab = tab;
    if (tab == 'chat') this.#chat();
    // <samen-reviews> is in the page from the start (hidden, so it keeps its state when another tab
    // is selected); it upgrades when its chunk arrives, and Lit keeps the properties set before that.
    this.#preload();
  }

  /** Fetches the tabs' lazy chunks ahead of use: Reviews always, Ideas where the site has the board on. */
  #preload = (): void => {
    void loadReviews();
    if (this.#ideas) void loadIdeas();
  };

  /** The arrow keys move to the next or previous tab (in reading order, so mirrored in RTL) and select it. */
  #tabKey = (e: KeyboardEvent): void => {
    if (!/^Arrow(Left|Right)$/.test(e.key)) return;
    e.preventDefault();
    const next = (e.key == 'ArrowRight') != this.matches(':dir(rtl)');
    const n = this.#ideas ? 4 : 3;
    const tab = TABS[(TABS.indexOf(this._tab) + (next ? 1 : n - 1)) % n]!;
    this.#select(tab);
    this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus();
  };

  protected override render() {
    return html`<div class="container" part="container" lang=${this._t.lang}>${this.#renderBody()}</div>`;
  }
}

/** Called by the loader once it knows the API base and site. */
export function defineSamenWidget(widgetConfig: WidgetConfig): void {
  config ??= widgetConfig;
  define('samen-widget', SamenWidget);
}

declare global {
  interface HTMLElementTagNameMap {
    'samen-widget': SamenWidget;
  }
}
