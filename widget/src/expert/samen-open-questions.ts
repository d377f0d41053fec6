import { LitElement, html, css, nothing } from 'lit';
import { define } from '../internal/define.ts';
import { emitInternal } from '../internal/events.ts';
import { controls, tokens } from '../styles/shared.ts';
import { ApiRequestError, type OpenQuestion, type SamenApi } from '../api/client.ts';
import { en, type Strings } from '../i18n/index.ts';
import { communityError, stringsFor, type CommunityStrings } from '../i18n/community/index.ts';
import '../questions/samen-question-item.ts';

const UNITS: [Intl.NumberFormatOptions['unit'] & string, number][] = [
  ['day', 24 * 3600e3],
  ['hour', 3600e3],
  ['minute', 60e3],
];

/** "3 days", "2 uur", "5 minutes": how long a question has waited, in the widget's language. */
export function waitedFor(ms: number, lang: string): string {
  const [unit, size] = UNITS.find(([, size]) => ms >= size) ?? ['minute', 60e3];
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(Math.floor(ms / size));
}

/**
 * The expert's "Open questions": a toggle button that shows the unanswered or unresolved
 * questions on this product and on the products the expert's token lists, longest waiting
 * first, each answerable in place. Part of the lazy chunk, which the Questions tab loads as
 * soon as it knows the viewer is an expert.
 *
 * @fires announce - (internal) with text for the screen-reader live region
 */
export class SamenOpenQuestions extends LitElement {
  static override properties = {
    api: { attribute: false },
    product: { type: String },
    t: { attribute: false },
    postingAs: { attribute: 'posting-as', type: String },
    _open: { state: true },
    _questions: { state: true },
    _error: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .waiting {
        margin: 1em 0 -0.75em;
        color: var(--_muted);
        font-size: 0.875em;
      }
      .state {
        color: var(--_muted);
      }
      .toggle {
        margin-block: 0.75em;
      }
      [aria-pressed='true'] {
        background: var(--_accent);
        color: var(--_on-accent);
      }
    `,
  ];

  declare api: SamenApi;
  declare product: string;
  declare t: Strings;
  declare postingAs: string;
  declare private _open: boolean;
  declare private _questions: OpenQuestion[] | null;
  /** Error code of the last load, or ''. */
  declare private _error: string;
  private _loading?: AbortController;
  private _now = Date.now();

  constructor() {
    super();
    this.product = '';
    this.t = en;
    this.postingAs = '';
    this._open = false;
    this._questions = null;
    this._error = '';
  }

  /** Shows or hides the list; it is (re)loaded each time it is shown, so it is never stale. */
  private _toggle(): void {
    this._open = !this._open;
    this._questions = null;
    if (this._open) void this._load();
    else this._loading?.abort();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._loading?.abort();
  }

  private async _load(): Promise<void> {
    this._loading?.abort();
    const ctrl = (this._loading = new AbortController());
    this._error = '';
    try {
      const questions = await this.api.openQuestions(this.product, ctrl.signal);
      this._now = Date.now();
      this._questions = [...questions].sort((a, b) => b.waitingMs - a.waitingMs);
    } catch (err) {
      if (!ctrl.signal.aborted) this._error = err instanceof ApiRequestError ? err.code : 'generic';
    }
  }

  /** The product's open chats, to join as the expert (the page's one chat panel, in expert mode). */
  private _chats = async (e: Event): Promise<void> => {
    const opener = e.currentTarget as HTMLElement;
    const [chat, site] = await Promise.all([import('../chat/index.ts'), this.api.site()]);
    await chat.openChat({ apiBase: new URL('/api/v1/', location.href), siteId: site.id }, opener, { productId: this.product, role: 'expert' }, this.api);
  };

  protected override render() {
    const c = stringsFor(this);
    return c
      ? html`<button type="button" class="toggle" aria-pressed=${this._open ? 'true' : 'false'} @click=${this._toggle}>
            ${c.openQuestions}
          </button>
          <button type="button" class="toggle" aria-haspopup="dialog" @click=${this._chats}>${c.openChats}</button>
          ${this._open ? this._renderList(c) : nothing}`
      : nothing;
  }

  private _renderList(c: CommunityStrings) {
    const t = this.t;
    if (!this._questions) {
      return this._error
        ? html`<p class="error" role="alert">${communityError(t, c, this._error)}</p>`
        : html`<p class="state" role="status">${t.loading}</p>`;
    }
    if (!this._questions.length) return html`<p class="state">${c.noOpenQuestions}</p>`;
    return html`<ul aria-label=${c.openQuestions} @announce=${(e: CustomEvent<string>) => emitInternal(this, 'announce', e.detail)}>
      ${this._questions.map(
        (q) => html`<li>
          <p class="waiting">
            ${c.waiting(waitedFor(q.waitingMs, this.t.lang))}${q.productId === this.product ? nothing : ` · ${q.productId}`}
          </p>
          <samen-question-item
            .api=${this.api}
            .question=${q}
            .t=${t}
            .now=${this._now}
            posting-as=${this.postingAs}
          ></samen-question-item>
        </li>`,
      )}
    </ul>`;
  }
}

define('samen-open-questions', SamenOpenQuestions);

declare global {
  interface HTMLElementTagNameMap {
    'samen-open-questions': SamenOpenQuestions;
  }
}
