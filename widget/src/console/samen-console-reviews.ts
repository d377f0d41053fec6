import { LitElement, html, css, nothing } from 'lit';
import { define } from '../internal/define.ts';
import { relativeTime } from '../internal/relative-time.ts';
import { controls, tokens } from '../styles/shared.ts';
import { articleListStyles, consoleStyles, inlineLabelStyles } from './styles.ts';
import { OwnerToggle } from './owner-toggle.ts';
import { PagedList } from './paged-list.ts';
import { failureText } from './view-errors.ts';
import { createConsoleReviewsApi, type ConsoleReview, type ConsoleReviewsApi } from './reviews-api.ts';
import { consoleReviewStrings } from './i18n/reviews.ts';
import type { Language } from './i18n/index.ts';

const starText = (n: number) => '★★★★★☆☆☆☆☆'.slice(5 - n, 10 - n);

/**
 * "Reviews" (owners and agents): the site's reviews, newest first, each with the brand's one
 * public reply (post, edit, remove); owners also choose whether visitors may review. Shopper
 * text is rendered only through Lit text bindings.
 *
 * @fires session-ended - (internal) when the API says the session is gone
 */
export class SamenConsoleReviews extends LitElement {
  static override properties = {
    api: { attribute: false },
    locale: { type: String },
    role: { type: String },
    brand: { type: String },
    _unanswered: { state: true },
    _editing: { state: true },
    _draft: { state: true },
    _busy: { state: true },
    _error: { state: true },
    _announcement: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    consoleStyles,
    articleListStyles,
    inlineLabelStyles,
    css`
      p {
        margin: 0;
      }
      .stars {
        color: #b7791f;
      }
      .reply {
        border-inline-start: 3px solid var(--_accent);
        padding-inline-start: 0.75rem;
      }
    `,
  ];

  /** The reviews calls; created for the page's own origin unless one is given (tests). */
  declare api: ConsoleReviewsApi | null;
  declare locale: Language;
  /** The signed-in staff member's role: owners also get the review settings. */
  declare role: 'owner' | 'agent';
  /** The site's name, as replies are signed. */
  declare brand: string;
  declare private _unanswered: boolean;
  /** The review whose reply is being written. */
  declare private _editing: string | null;
  declare private _draft: string;
  declare private _busy: boolean;
  declare private _error: string;
  declare private _announcement: string;
  #reviews = new PagedList<ConsoleReview>(
    this,
    async (cursor, signal) => {
      const page = await this.api!.reviews({ unanswered: this._unanswered, cursor }, signal);
      return { items: page.reviews, nextCursor: page.nextCursor };
    },
    (err) => this.#failed(err),
  );
  #setting = new OwnerToggle(this, {
    read: async () => (await this.api!.settings()).anonymous,
    write: async (on) => (await this.api!.saveSettings({ anonymous: on })).anonymous,
    announce: (text) => (this._announcement = text),
    saved: () => this.#t.settingsSaved,
    failed: (err) => this.#failed(err),
  });

  constructor() {
    super();
    this.api = null;
    this.locale = 'en';
    this.role = 'agent';
    this.brand = '';
    this._unanswered = false;
    this._editing = null;
    this._draft = this._error = this._announcement = '';
    this._busy = false;
  }

  get #t() {
    return consoleReviewStrings[this.locale] ?? consoleReviewStrings.en;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.api ??= createConsoleReviewsApi();
    void this.#load(false);
    if (this.role === 'owner') void this.#setting.load();
  }

  #failed(err: unknown): string {
    return failureText(this, this.#t.errors, err);
  }

  async #load(more: boolean): Promise<void> {
    if (this.api) await this.#reviews.load(more);
  }

  #open(r: ConsoleReview): void {
    this._editing = r.id;
    this._draft = r.reply?.body ?? '';
    this._error = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector('textarea')?.focus());
  }

  async #save(e: SubmitEvent, r: ConsoleReview): Promise<void> {
    e.preventDefault();
    if (this._busy || !this.api) return;
    this._busy = true;
    this._error = '';
    try {
      this.#reviews.replace(await this.api.reply(r.id, this._draft));
      this._editing = null;
      this._announcement = this.#t.replied;
    } catch (err) {
      this._error = this.#failed(err);
    } finally {
      this._busy = false;
    }
  }

  async #remove(r: ConsoleReview): Promise<void> {
    if (!this.api) return;
    try {
      this.#reviews.replace(await this.api.removeReply(r.id));
      this._announcement = this.#t.replyRemoved;
    } catch (err) {
      this._announcement = this.#failed(err);
    }
  }

  #item(r: ConsoleReview) {
    const t = this.#t;
    const editing = this._editing === r.id;
    return html`<article aria-labelledby="rv-${r.id}">
      <p class="stars" role="img" aria-label=${t.outOfFive(r.rating)}>${starText(r.rating)}</p>
      <h3 id="rv-${r.id}">${r.title}</h3>
      <p class="meta">
        <span>${r.formerMember ? t.formerMember : (r.authorName ?? t.anonymous)}</span>
        ${r.kind === 'expert' ? html`<span>${t.expertReview}</span>` : nothing}
        ${r.verifiedBuyer ? html`<span>${t.verifiedBuyer}</span>` : nothing}
        ${t.status[r.status] ? html`<span>${t.status[r.status]}</span>` : nothing}
        <span>${t.product(r.productId)}</span>
        <time datetime=${new Date(r.createdAt).toISOString()}>${relativeTime(r.createdAt, Date.now(), this.locale)}</time>
        ${r.helpfulCount ? html`<span>${t.helpful(r.helpfulCount)}</span>` : nothing}
      </p>
      <p class="body">${r.body}</p>
      ${r.reply && !editing
        ? html`<div class="reply">
            <p class="meta">${t.yourReply(r.reply.staffName)}</p>
            <p class="body">${r.reply.body}</p>
          </div>`
        : nothing}
      ${editing
        ? html`<form novalidate @submit=${(e: SubmitEvent) => void this.#save(e, r)}>
            <div>
              <label for="reply-${r.id}">${t.replyLabel}</label>
              <textarea
                id="reply-${r.id}"
                .value=${this._draft}
                @input=${(e: InputEvent) => (this._draft = (e.target as HTMLTextAreaElement).value)}
                aria-invalid=${this._error ? 'true' : 'false'}
                aria-describedby="reply-${r.id}-hint${this._error ? ` reply-${r.id}-error` : ''}"
              ></textarea>
              <p class="hint" id="reply-${r.id}-hint">${t.replyHint(this.brand || r.reply?.brand || '')}</p>
              ${this._error ? html`<p class="error" id="reply-${r.id}-error" role="alert">${this._error}</p>` : nothing}
            </div>
            <div class="actions">
              <button class="primary" type="submit" ?disabled=${this._busy}>${r.reply ? t.saveReply : t.postReply}</button>
              <button type="button" @click=${() => (this._editing = null)}>${t.cancel}</button>
            </div>
          </form>`
        : html`<div class="actions">
            <button type="button" @click=${() => this.#open(r)}>${r.reply ? t.editReply : t.reply}</button>
            ${r.reply ? html`<button type="button" @click=${() => void this.#remove(r)}>${t.removeReply}</button>` : nothing}
          </div>`}
    </article>`;
  }

  protected override render() {
    const t = this.#t;
    return html`<section aria-labelledby="reviews-heading">
        <h2 id="reviews-heading" tabindex="-1">${t.heading}</h2>
        <p class="state">${t.intro}</p>
        <label class="inline">
          <input
            type="checkbox"
            .checked=${this._unanswered}
            @change=${(e: Event) => {
              this._unanswered = (e.target as HTMLInputElement).checked;
              void this.#load(false);
            }}
          />
          ${t.unansweredOnly}
        </label>
        <p class="visually-hidden" role="status">${this._announcement}</p>
        ${this.#reviews.render(t, (r) => this.#item(r))}
      </section>
      ${this.role === 'owner' ? this.#setting.render('review-settings-heading', t, t.anonymousSetting) : nothing}`;
  }
}

define('samen-console-reviews', SamenConsoleReviews);

declare global {
  interface HTMLElementTagNameMap {
    'samen-console-reviews': SamenConsoleReviews;
  }
}
