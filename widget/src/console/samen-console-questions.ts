import { LitElement, html, css, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { define } from '../internal/define.ts';
import { emitInternal } from '../internal/events.ts';
import { relativeTime } from '../internal/relative-time.ts';
import { controls, tokens } from '../styles/shared.ts';
import { consoleStyles } from './styles.ts';
import { isSignedOut, type ConsoleApi, type ConsoleQuestion } from './api.ts';
import { consoleErrorText, en, type ConsoleStrings } from './i18n/index.ts';

type Status = 'loading' | 'ready' | 'error';

/**
 * "Recent questions": the site's newest questions over all products, for owners and agents.
 * Shopper text is rendered only through Lit text bindings.
 *
 * @fires session-ended - (internal) when the API says the session is gone
 */
export class SamenConsoleQuestions extends LitElement {
  static override properties = {
    api: { attribute: false },
    t: { attribute: false },
    locale: { type: String },
    _questions: { state: true },
    _next: { state: true },
    _status: { state: true },
    _error: { state: true },
    _loadingMore: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    consoleStyles,
    css`
      article {
        border-block-end: 1px solid var(--_border);
        padding-block: 0.75rem;
      }
      .body {
        margin: 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .more {
        margin-block-start: 1rem;
      }
    `,
  ];

  declare api: ConsoleApi;
  declare t: ConsoleStrings;
  declare locale: string;
  declare private _questions: ConsoleQuestion[];
  declare private _next: string | null;
  declare private _status: Status;
  declare private _error: string;
  declare private _loadingMore: boolean;
  private _loading?: AbortController;
  private _now = Date.now();

  constructor() {
    super();
    this.t = en;
    this.locale = 'en';
    this._questions = [];
    this._next = null;
    this._status = 'loading';
    this._error = '';
    this._loadingMore = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.api) void this._load(null);
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
    this._error = '';
    try {
      const page = await this.api.questions(cursor, ctrl.signal);
      this._now = Date.now();
      const known = new Set(cursor ? this._questions.map((q) => q.id) : []);
      this._questions = cursor ? [...this._questions, ...page.questions.filter((q) => !known.has(q.id))] : page.questions;
      this._next = page.nextCursor;
      this._status = 'ready';
    } catch (err) {
      if (ctrl.signal.aborted) return;
      if (isSignedOut(err)) {
        emitInternal(this, 'session-ended');
        return;
      }
      this._error = consoleErrorText(this.t, err);
      if (!cursor) this._status = 'error';
    } finally {
      if (this._loading === ctrl) this._loadingMore = false;
    }
  }

  private _author(q: ConsoleQuestion): string {
    const t = this.t;
    if (q.formerMember) return t.formerMember;
    const name = q.authorName ?? t.anonymous;
    if (q.authorRole === 'expert') return `${name} · ${t.expert}`;
    if (q.authorRole === 'shopper') return `${name} · ${t.shopper}`;
    return name;
  }

  private _renderQuestion(q: ConsoleQuestion) {
    const t = this.t;
    return html`<li>
      <article aria-labelledby="q-${q.id}">
        <p class="body" id="q-${q.id}">${q.body}</p>
        <p class="meta">
          <span>${this._author(q)}</span>
          ${q.authorSub ? html`<span>${t.memberId(q.authorSub)}</span>` : nothing}
          <span>${t.product(q.productId)}</span>
          <span>${t.answerCount(q.answerCount)}</span>
          <time datetime=${new Date(q.createdAt).toISOString()}>${relativeTime(q.createdAt, this._now, this.locale)}</time>
        </p>
      </article>
    </li>`;
  }

  private _renderList() {
    const t = this.t;
    switch (this._status) {
      case 'loading':
        return html`<p class="state" role="status">${t.loading}</p>`;
      case 'error':
        return html`<div role="alert">
          <p>${t.questionsError} ${this._error}</p>
          <button type="button" @click=${() => void this._load(null)}>${t.retry}</button>
        </div>`;
      case 'ready':
        if (!this._questions.length) return html`<p class="state">${t.questionsEmpty}</p>`;
        return html`<ul class="plain" aria-label=${t.questionsTab}>
            ${repeat(this._questions, (q) => q.id, (q) => this._renderQuestion(q))}
          </ul>
          ${this._next
            ? html`<button type="button" class="more" ?disabled=${this._loadingMore} @click=${() => void this._load(this._next)}>
                ${this._loadingMore ? t.loading : t.moreQuestions}
              </button>`
            : nothing}
          ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}`;
    }
  }

  protected override render() {
    return html`<section aria-labelledby="questions-heading">
      <h2 id="questions-heading" tabindex="-1">${this.t.questionsTab}</h2>
      ${this._renderList()}
    </section>`;
  }
}

define('samen-console-questions', SamenConsoleQuestions);

declare global {
  interface HTMLElementTagNameMap {
    'samen-console-questions': SamenConsoleQuestions;
  }
}
