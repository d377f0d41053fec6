import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { define } from '../internal/define.ts';
import { controls, tokens } from '../styles/shared.ts';
import type { DeflectionKind, SamenApi, Suggestion } from '../api/client.ts';
import { en, type Strings } from '../i18n/index.ts';
import { stringsFor } from '../i18n/community/index.ts';
import { DebouncedQuery } from './debounced-query.ts';
import '../answers/samen-answers.ts';
import './samen-search-results.ts';

/**
 * Search-before-ask: while the shopper types a question, up to five answered questions like it
 * ("Similar questions"), each with the first line of its best answer, expandable in place to
 * its answers.
 *
 * It also counts the deflection funnel for the product (counts only, nothing about the
 * shopper): `suggestions_shown` once per typing session, `suggestion_opened` per suggestion
 * expanded, and when the page is left without posting, `deflected` (a suggestion was opened)
 * or `abandoned` (suggestions were seen, none opened). The Questions tab calls
 * {@link SamenSuggestions.posted} after a post: `question_posted`, and a new session starts.
 */
export class SamenSuggestions extends LitElement {
  static override properties = {
    api: { attribute: false },
    product: { type: String },
    t: { attribute: false },
    now: { type: Number },
    query: { type: String },
    _open: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    css`
      h3 {
        font-size: 1em;
        margin: 1em 0 0.25em;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        padding-block: 0.5em;
        border-block-end: 1px solid var(--_border);
      }
      p {
        margin: 0 0 0.25em;
        overflow-wrap: anywhere;
      }
      .body {
        font-weight: 600;
      }
      .top {
        color: var(--_muted);
      }
      button {
        min-block-size: 2.25em;
        padding-block: 0.25em;
      }
    `,
  ];

  declare api: SamenApi;
  declare product: string;
  declare t: Strings;
  declare now: number;
  /** The question as typed so far. */
  declare query: string;
  /** Ids of the suggestions expanded now. */
  declare private _open: ReadonlySet<string>;
  private readonly _search = new DebouncedQuery<Suggestion>(this, (q, signal) =>
    this.api.suggestions(this.product, q, signal),
  );
  /** This typing session: suggestions seen, and which were opened. */
  private _shown = false;
  private readonly _opened = new Set<string>();

  constructor() {
    super();
    this.product = '';
    this.t = en;
    this.now = Date.now();
    this.query = '';
    this._open = new Set();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('pagehide', this._leave);
    document.addEventListener('visibilitychange', this._leave);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('pagehide', this._leave);
    document.removeEventListener('visibilitychange', this._leave);
    // A single-page shop that navigates away removes the widget without a pagehide.
    this._leave();
  }

  /** The shopper posted their question: counted, and the session ends here (no deflection). */
  posted(): void {
    this._track('question_posted');
    // The question box is emptied: its suggestions go (and do not count as shown again).
    this._search.set('');
    this._reset();
  }

  private _reset(): void {
    this._shown = false;
    this._opened.clear();
    this._open = new Set();
  }

  private _track(kind: DeflectionKind): void {
    this.api.trackDeflection(this.product, kind);
  }

  /** Leaving the page (or hiding it) after seeing suggestions without posting. */
  private _leave = (e?: Event): void => {
    if (e?.type === 'visibilitychange' && document.visibilityState !== 'hidden') return;
    if (this._opened.size) this._track('deflected');
    else if (this._shown) this._track('abandoned');
    this._reset();
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('query')) this._search.set(this.query);
  }

  protected override updated(): void {
    if (!this._shown && this._visible().length) {
      this._shown = true;
      this._track('suggestions_shown');
    }
  }

  private _visible(): Suggestion[] {
    return (this._search.query && this._search.results) || [];
  }

  private _toggle(s: Suggestion): void {
    const open = new Set(this._open);
    if (open.delete(s.id)) return void (this._open = open);
    this._open = open.add(s.id);
    if (!this._opened.has(s.id)) {
      this._opened.add(s.id);
      this._track('suggestion_opened');
    }
  }

  protected override render() {
    const t = this.t;
    const c = stringsFor(this);
    const list = this._visible();
    if (!c) return nothing;
    return html`<p class="visually-hidden" role="status">${list.length ? c.similarFound(list.length) : ''}</p>
      ${list.length
        ? html`<h3 id="similar">${c.similarQuestions}</h3>
            <ul aria-labelledby="similar">
              ${list.map((s) => {
                const open = this._open.has(s.id);
                return html`<li>
                  <p class="body">${s.body}</p>
                  ${s.topAnswer
                    ? html`<p class="top"><span class="visually-hidden">${c.topAnswer} </span>${s.topAnswer}</p>`
                    : nothing}
                  <button type="button" aria-expanded=${open ? 'true' : 'false'} @click=${() => this._toggle(s)}>
                    ${open ? t.hideAnswers : t.showAnswers(s.answerCount)}
                  </button>
                  ${open
                    ? html`<samen-answers
                        .api=${this.api}
                        .question=${s}
                        .t=${t}
                        .now=${this.now}
                      ></samen-answers>`
                    : nothing}
                </li>`;
              })}
            </ul>`
        : nothing}`;
  }
}

define('samen-suggestions', SamenSuggestions);

declare global {
  interface HTMLElementTagNameMap {
    'samen-suggestions': SamenSuggestions;
  }
}
