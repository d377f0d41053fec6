import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { define } from '../internal/define.ts';
import { INTERACTION, noteInteraction } from '../internal/interaction.ts';
import { badge, controls, tokens } from '../styles/shared.ts';
import { ApiRequestError, type Asked, type Me, type MyQuestion, type PostInput, type Question, type SamenApi } from '../api/client.ts';
import { en, errorText, type Strings } from '../i18n/index.ts';
import { loadCommunity, loadRouting } from './lazy.ts';
import './samen-question-item.ts';
import './samen-post-form.ts';

type ListStatus = 'loading' | 'ready' | 'error';

/**
 * The Questions tab: ask form on top (with similar questions as the shopper types), then the
 * product's questions newest first, ten at a time, with a search box; experts also get their
 * open questions.
 */
export class SamenQuestions extends LitElement {
  static override properties = {
    api: { attribute: false },
    product: { type: String },
    site: { type: String },
    t: { attribute: false },
    me: { attribute: false },
    _questions: { state: true },
    _mine: { state: true },
    _next: { state: true },
    _status: { state: true },
    _error: { state: true },
    _loadingMore: { state: true },
    _announcement: { state: true },
    _posted: { state: true },
    _fresh: { state: true },
    _typed: { state: true },
    _query: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    badge,
    css`
      h2 {
        font-size: 1.125em;
        margin: 0 0 0.75em;
      }
      section + section {
        margin-block-start: 1.5em;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .state {
        color: var(--_muted);
        padding-block: 1em;
      }
      .more {
        margin-block-start: 1em;
      }
    `,
  ];

  declare api: SamenApi;
  declare product: string;
  /** The site id: names the shop's storage (`samen:<site>:seen`) for "New answers". */
  declare site: string;
  declare t: Strings;
  /** Who is using the widget; identified members and returning visitors see their own questions. */
  declare me: Me | null;
  declare private _questions: Question[];
  declare private _mine: MyQuestion[];
  declare private _next: string | null;
  declare private _status: ListStatus;
  declare private _error: string;
  declare private _loadingMore: boolean;
  declare private _announcement: string;
  /** The API's answer about the question just posted: held or masked, and where it was routed. */
  declare private _posted: Asked | null;
  /** Own questions with answers the shopper has not seen yet (worked out by the routing chunk). */
  declare private _fresh: string[];
  /** The question being typed, for search-before-ask. */
  declare private _typed: string;
  /** The search box's text. */
  declare private _query: string;
  #loading?: AbortController;
  #now = Date.now();

  constructor() {
    super();
    this.product = '';
    this.site = '';
    this.t = en;
    this.me = null;
    this._questions = [];
    this._mine = [];
    this._next = null;
    this._status = 'loading';
    this._error = this._announcement = this._typed = this._query = '';
    this._posted = null;
    this._fresh = [];
    this._loadingMore = false;
    // After an interaction (never on load): remember the answer counts the shopper has now seen.
    this.addEventListener(INTERACTION, (e) => {
      e.stopPropagation();
      void loadRouting().then((m) => m.rememberSeen(this.site, [...this._mine, ...this._questions]));
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // An expert gets "Open questions" (from the lazy chunk) right away.
    if (changed.has('me') && this.me?.role === 'expert') void loadCommunity();
    if (!this.api || !this.product) return;
    if (changed.has('product') || changed.has('api') || changed.has('me')) void this.#load(null);
    if (changed.has('api') || changed.has('me')) void this.#loadMine();
  }

  /** The viewer's own questions on any product of the shop (returning-customer recognition), private ones too. */
  async #loadMine(): Promise<void> {
    try {
      this._mine = await this.api.myQuestions(this.t.lang);
    } catch {
      this._mine = [];
    }
    // "Your questions" (with the team's replies) and "New answers" are in the routing chunk.
    if (this._mine.length) void loadRouting().then((m) => (this._fresh = m.freshAnswers(this.site, this._mine)));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#loading?.abort();
  }

  async #load(cursor: string | null): Promise<void> {
    this.#loading?.abort();
    const ctrl = (this.#loading = new AbortController());
    if (cursor) this._loadingMore = true;
    else this._status = 'loading';
    try {
      const page = await this.api.questions(this.product, cursor, ctrl.signal);
      this.#now = Date.now();
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
      if (this.#loading === ctrl) this._loadingMore = false;
    }
  }

  #ask = async (input: PostInput): Promise<void> => {
    const t = this.t;
    const posted = await this.api.askQuestion(this.product, { ...input, lang: t.lang });
    const { question, notice } = posted;
    // Ends the search-before-ask session (and counts the post in its funnel).
    this.renderRoot.querySelector('samen-suggestions')?.posted?.();
    this._typed = '';
    this.#now = Date.now();
    // A personal question went privately to the brand's team: never into the public list.
    if (notice.status !== 'held' && posted.routing.visibility === 'public') {
      this._questions = [question, ...this._questions.filter((q) => q.id !== question.id)];
      this._status = 'ready';
      this._announcement = t.questionPosted;
    }
    // Held, masked, where it went and when to expect an answer: said by the routing chunk (live regions).
    this._posted = posted;
    // For the site owner's analytics: which question, never its text.
    document.dispatchEvent(
      new CustomEvent('samen-question', { bubbles: true, composed: true, detail: { id: question.id, visibility: posted.routing.visibility } }),
    );
    void loadRouting();
    noteInteraction(this);
  };

  #typing(e: Event): void {
    const field = e.composedPath()[0];
    if (field instanceof HTMLTextAreaElement) this._typed = field.value;
  }

  #replace(e: CustomEvent<Question>): void {
    const updated = e.detail;
    this._questions = this._questions.map((q) => (q.id === updated.id ? updated : q));
  }

  #items() {
    return html`<ul aria-label=${this.t.questionsHeading}>
      ${this._questions.map(
        (q) =>
          html`<li>
            <samen-question-item
              .api=${this.api}
              .question=${q}
              .t=${this.t}
              .now=${this.#now}
              posting-as=${this.#postingAs()}
              ?new-answers=${this._fresh.includes(q.id)}
            ></samen-question-item>
          </li>`,
      )}
    </ul>`;
  }

  #renderList() {
    const t = this.t;
    if (this._query) {
      return html`<samen-search-results
        .api=${this.api}
        .t=${t}
        .query=${this._query}
        product=${this.product}
        posting-as=${this.#postingAs()}
      ></samen-search-results>`;
    }
    switch (this._status) {
      case 'loading':
        return html`<p class="state" role="status">${t.loading}</p>`;
      case 'error':
        return html`<div role="alert">
          <p class="state">${t.loadError} ${this._error}</p>
          <button type="button" @click=${() => void this.#load(null)}>${t.retry}</button>
        </div>`;
      case 'ready':
        if (!this._questions.length) return html`<p class="state">${t.empty}</p>`;
        return html`${this.#items()}
        ${this._next
          ? html`<button
              type="button"
              class="more"
              ?disabled=${this._loadingMore}
              @click=${() => void this.#load(this._next)}
            >
              ${this._loadingMore ? t.loading : t.moreQuestions}
            </button>`
          : nothing}`;
    }
  }

  #postingAs(): string {
    return this.me?.kind === 'member' ? (this.me.name ?? '') : '';
  }

  protected override render() {
    const t = this.t;
    return html`<section aria-labelledby="ask-heading">
        <h2 id="ask-heading">${t.askHeading}</h2>
        <samen-post-form
          .t=${t}
          .send=${this.#ask}
          label=${t.yourQuestion}
          submit-label=${t.postQuestion}
          hint=${t.questionHint}
          min-length="10"
          too-short-code="question_too_short"
          posting-as=${this.#postingAs()}
          @focusin=${loadCommunity}
          @input=${this.#typing}
        ></samen-post-form>
        <samen-suggestions .api=${this.api} .t=${t} .query=${this._typed} product=${this.product}></samen-suggestions>
      </section>
      <samen-routing
        .api=${this.api}
        .t=${t}
        .posted=${this._posted}
        .mine=${this._mine}
        .fresh=${this._fresh}
        product=${this.product}
        @moved=${(e: CustomEvent<Question>) => (this._questions = [e.detail, ...this._questions])}
      ></samen-routing>
      <p class="visually-hidden" role="status" aria-live="polite">${this._announcement}</p>
      <section
        aria-labelledby="list-heading"
        @question-changed=${this.#replace}
        @announce=${(e: CustomEvent<string>) => (this._announcement = e.detail)}
      >
        <h2 id="list-heading">${t.questionsHeading}</h2>
        <input
          type="search"
          role="searchbox"
          aria-label=${t.searchQuestions}
          @focus=${loadCommunity}
          @input=${(e: InputEvent) => (this._query = (e.target as HTMLInputElement).value.trim())}
        />
        ${this.me?.role === 'expert'
          ? html`<samen-open-questions
              .api=${this.api}
              .t=${t}
              product=${this.product}
              posting-as=${this.#postingAs()}
            ></samen-open-questions>`
          : nothing}
        ${this.#renderList()}
      </section>`;
  }
}

define('samen-questions', SamenQuestions);

declare global {
  interface HTMLElementTagNameMap {
    'samen-questions': SamenQuestions;
  }
}
