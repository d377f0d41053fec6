import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { define } from '../internal/define.ts';
import { controls, tokens } from '../styles/shared.ts';
import { ApiRequestError, type Me, type PostInput, type Question, type SamenApi } from '../api/client.ts';
import { en, errorText, type Strings } from '../i18n/index.ts';
import './samen-question-item.ts';
import './samen-post-form.ts';

type ListStatus = 'loading' | 'ready' | 'error';

/**
 * The Questions tab: ask form on top, then the product's questions newest first,
 * ten at a time.
 */
export class SamenQuestions extends LitElement {
  static override properties = {
    api: { attribute: false },
    product: { type: String },
    t: { attribute: false },
    locale: { type: String },
    me: { attribute: false },
    _questions: { state: true },
    _mine: { state: true },
    _next: { state: true },
    _status: { state: true },
    _error: { state: true },
    _loadingMore: { state: true },
    _announcement: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    css`
      h2 {
        font-size: 1.125rem;
        margin: 0 0 0.75rem;
      }
      section + section {
        margin-block-start: 1.5rem;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .state {
        color: var(--_muted);
        padding-block: 1rem;
      }
      .more {
        margin-block-start: 1rem;
      }
    `,
  ];

  declare api: SamenApi;
  declare product: string;
  declare t: Strings;
  declare locale: string;
  /** Who is using the widget; identified members and returning visitors see their own questions. */
  declare me: Me | null;
  declare private _questions: Question[];
  declare private _mine: Question[];
  declare private _next: string | null;
  declare private _status: ListStatus;
  declare private _error: string;
  declare private _loadingMore: boolean;
  declare private _announcement: string;
  private _loading?: AbortController;
  private _now = Date.now();

  constructor() {
    super();
    this.product = '';
    this.t = en;
    this.locale = 'en';
    this.me = null;
    this._questions = [];
    this._mine = [];
    this._next = null;
    this._status = 'loading';
    this._error = '';
    this._loadingMore = false;
    this._announcement = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.api || !this.product) return;
    if (changed.has('product') || changed.has('api') || changed.has('me')) void this._load(null);
    if (changed.has('api') || changed.has('me')) void this._loadMine();
  }

  /** The viewer's own questions on any product of the shop (returning-customer recognition). */
  private async _loadMine(): Promise<void> {
    try {
      this._mine = await this.api.myQuestions();
    } catch {
      this._mine = [];
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._loading?.abort();
  }

  private async _load(cursor: string | null): Promise<void> {
    this._loading?.abort();
    const ctrl = (this._loading = new AbortController());
    if (cursor) this._loadingMore = true;
    else this._status = 'loading';
    try {
      const page = await this.api.questions(this.product, cursor, ctrl.signal);
      this._now = Date.now();
      const known = new Set(cursor ? this._questions.map((q) => q.id) : []);
      const fresh = page.questions.filter((q) => !known.has(q.id));
      this._questions = cursor ? [...this._questions, ...fresh] : page.questions;
      this._next = page.nextCursor;
      this._status = 'ready';
    } catch (err) {
      if (ctrl.signal.aborted) return;
      this._error = errorText(this.t, err instanceof ApiRequestError ? err.code : 'generic');
      if (cursor) this._announcement = this._error;
      else this._status = 'error';
    } finally {
      if (this._loading === ctrl) this._loadingMore = false;
    }
  }

  private _ask = async (input: PostInput): Promise<void> => {
    const question = await this.api.askQuestion(this.product, input);
    this._now = Date.now();
    this._questions = [question, ...this._questions.filter((q) => q.id !== question.id)];
    this._mine = [question, ...this._mine.filter((q) => q.id !== question.id)];
    this._status = 'ready';
    this._announcement = this.t.questionPosted;
  };

  private _replace(e: CustomEvent<Question>): void {
    const updated = e.detail;
    this._questions = this._questions.map((q) => (q.id === updated.id ? updated : q));
  }

  private _renderList() {
    const t = this.t;
    switch (this._status) {
      case 'loading':
        return html`<p class="state" role="status">${t.loading}</p>`;
      case 'error':
        return html`<div role="alert">
          <p class="state">${t.loadError} ${this._error}</p>
          <button type="button" @click=${() => void this._load(null)}>${t.retry}</button>
        </div>`;
      case 'ready':
        if (!this._questions.length) return html`<p class="state">${t.empty}</p>`;
        return html`<ul
            aria-label=${t.questionsHeading}
            @question-changed=${this._replace}
            @announce=${(e: CustomEvent<string>) => (this._announcement = e.detail)}
          >
            ${repeat(
              this._questions,
              (q) => q.id,
              (q) =>
                html`<li>
                  <samen-question-item
                    .api=${this.api}
                    .question=${q}
                    .t=${t}
                    .now=${this._now}
                    locale=${this.locale}
                    posting-as=${this._postingAs()}
                  ></samen-question-item>
                </li>`,
            )}
          </ul>
          ${this._next
            ? html`<button
                type="button"
                class="more"
                ?disabled=${this._loadingMore}
                @click=${() => void this._load(this._next)}
              >
                ${this._loadingMore ? t.loading : t.moreQuestions}
              </button>`
            : nothing}`;
    }
  }

  private _postingAs(): string {
    return this.me?.kind === 'member' ? (this.me.name ?? '') : '';
  }

  /** Own questions about other products (those about this one are in the list below). */
  private _renderMine() {
    const elsewhere = this._mine.filter((q) => q.productId !== this.product);
    if (!elsewhere.length) return nothing;
    return html`<section aria-labelledby="mine-heading">
      <h2 id="mine-heading">${this.t.yourQuestions}</h2>
      <ul>
        ${elsewhere.map((q) => html`<li class="state">${q.body} · ${this.t.answerCount(q.answerCount)}</li>`)}
      </ul>
    </section>`;
  }

  protected override render() {
    const t = this.t;
    return html`<section aria-labelledby="ask-heading">
        <h2 id="ask-heading">${t.askHeading}</h2>
        <samen-post-form
          .t=${t}
          .send=${this._ask}
          label=${t.yourQuestion}
          submit-label=${t.postQuestion}
          hint=${t.questionHint}
          min-length="10"
          too-short-code="question_too_short"
          posting-as=${this._postingAs()}
        ></samen-post-form>
      </section>
      ${this._renderMine()}
      <p class="visually-hidden" role="status" aria-live="polite">${this._announcement}</p>
      <section aria-labelledby="list-heading">
        <h2 id="list-heading">${t.questionsHeading}</h2>
        ${this._renderList()}
      </section>`;
  }
}

define('samen-questions', SamenQuestions);

declare global {
  interface HTMLElementTagNameMap {
    'samen-questions': SamenQuestions;
  }
}
