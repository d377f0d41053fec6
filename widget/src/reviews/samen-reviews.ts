import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { define } from '../internal/define.ts';
import { noteInteraction } from '../internal/interaction.ts';
import { badge, controls, tokens } from '../styles/shared.ts';
import {
  ApiRequestError,
  type Me,
  type PostInput,
  type Review,
  type ReviewOverview,
  type ReviewSort,
  type ReviewWritten,
  type SamenApi,
} from '../api/client.ts';
import { en, errorText, type Strings } from '../i18n/index.ts';
import { reviewError, reviewStringsFor, type ReviewStrings } from '../i18n/reviews/index.ts';
import { byline } from '../questions/byline.ts';
import { loadCommunity, noticeFor } from '../questions/lazy.ts';
import { starText } from './stars.ts';
import './samen-review-form.ts';

const SORTS: readonly ReviewSort[] = ['helpful', 'newest', 'highest', 'lowest'];
const RATINGS = [5, 4, 3, 2, 1];

/**
 * The Reviews tab (a lazy chunk, loaded when the tab opens): the rating summary with a bar per
 * star, the experts' verdicts, the viewer's own review (edit, delete) or "Write a review", then
 * shopper reviews sorted and filtered, five at a time. Each review has a "Helpful" toggle,
 * "Report", "Ask … a question" and the brand's reply.
 */
export class SamenReviews extends LitElement {
  static override properties = {
    api: { attribute: false },
    t: { attribute: false },
    me: { attribute: false },
    product: { type: String },
    _overview: { state: true },
    _reviews: { state: true },
    _next: { state: true },
    _sort: { state: true },
    _stars: { state: true },
    _status: { state: true },
    _error: { state: true },
    _form: { state: true },
    _open: { state: true },
    _busy: { state: true },
    _announce: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    badge,
    css`
      h2 {
        font-size: 1.125em;
        margin: 1.5em 0 0.5em;
      }
      h3 {
        font-size: 1em;
        margin: 0;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      p {
        margin: 0.25em 0;
      }
      .avg {
        font-size: 1.125em;
        font-weight: 700;
      }
      .stars {
        color: var(--samen-star, #b7791f);
        letter-spacing: 0.1em;
      }
      .dist li {
        display: grid;
        grid-template-columns: 3em 1fr 3em;
        gap: 0.5em;
        align-items: center;
      }
      meter {
        inline-size: 100%;
      }
      article {
        padding-block: 1em;
        border-block-end: 1px solid var(--_border);
      }
      .meta,
      .count,
      .state {
        color: var(--_muted);
        font-size: 0.875em;
      }
      .body {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .reply {
        border-inline-start: 3px solid var(--_accent);
        padding-inline-start: 0.75em;
        margin-block-start: 0.5em;
      }
      .actions,
      .controls {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em;
        align-items: center;
        margin-block: 0.5em;
      }
      select {
        font: inherit;
        font-size: max(1em, 16px);
        padding: 0.25em;
        border-radius: var(--_radius);
      }
      [aria-pressed='true'] {
        background: var(--_accent);
        color: var(--_on-accent);
      }
    `,
  ];

  declare api: SamenApi;
  declare t: Strings;
  /** Who is using the widget (their name is shown when they ask a reviewer). */
  declare me: Me | null;
  declare product: string;
  declare private _overview: ReviewOverview | null;
  declare private _reviews: Review[];
  declare private _next: string | null;
  declare private _sort: ReviewSort;
  declare private _stars: number | null;
  declare private _status: 'loading' | 'ready' | 'error';
  /** Code of the last failure to load, or ''. */
  declare private _error: string;
  /** The write form: a new review, editing one's own, or closed. */
  declare private _form: 'new' | 'edit' | null;
  /** What is open under a review: `report:<id>`, `ask:<id>`, `delete:<id>`, or ''. */
  declare private _open: string;
  declare private _busy: boolean;
  /** Text for the live region: what just happened. */
  declare private _announce: string;
  #loading?: AbortController;
  #now = Date.now();

  constructor() {
    super();
    this.t = en;
    this.me = null;
    this.product = '';
    this._overview = null;
    this._reviews = [];
    this._next = null;
    this._sort = 'helpful';
    this._stars = null;
    this._status = 'loading';
    this._error = this._open = this._announce = '';
    this._form = null;
    this._busy = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.api && this.product && (changed.has('product') || changed.has('api') || changed.has('me'))) void this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#loading?.abort();
  }

  /** The summary and the first page; `listOnly` when only the order or filter changed. */
  async #load(listOnly = false, more = false): Promise<void> {
    this.#loading?.abort();
    const ctrl = (this.#loading = new AbortController());
    this._busy = true;
    if (!more) this._status = 'loading';
    try {
      const [overview, page] = await Promise.all([
        listOnly || more ? this._overview : this.api.reviewOverview(this.product, ctrl.signal),
        this.api.reviews(this.product, { sort: this._sort, stars: this._stars, cursor: more ? this._next : null }, ctrl.signal),
      ]);
      this.#now = Date.now();
      this._overview = overview;
      this._reviews = more ? [...this._reviews, ...page.reviews.filter((r) => !this._reviews.some((k) => k.id === r.id))] : page.reviews;
      this._next = page.nextCursor;
      this._status = 'ready';
    } catch (err) {
      if (ctrl.signal.aborted) return;
      this._error = err instanceof ApiRequestError ? err.code : 'generic';
      if (more) this._announce = this.#errorText(this._error);
      else this._status = 'error';
    } finally {
      if (this.#loading === ctrl) this._busy = false;
    }
  }

  #errorText(code: string): string {
    const c = reviewStringsFor(this);
    return c ? reviewError(this.t, c, code) : errorText(this.t, code);
  }

  /** A review changed (a vote): everywhere it is shown. */
  #replace(updated: Review): void {
    const o = this._overview;
    this._reviews = this._reviews.map((r) => (r.id === updated.id ? updated : r));
    if (o) this._overview = { ...o, experts: o.experts.map((r) => (r.id === updated.id ? updated : r)) };
  }

  async #vote(c: ReviewStrings, r: Review): Promise<void> {
    try {
      const { helpful, helpfulCount } = await this.api.setReviewHelpful(r.id, !r.votedHelpful);
      this.#replace({ ...r, votedHelpful: helpful, helpfulCount });
      noteInteraction(this);
    } catch (err) {
      this._announce = reviewError(this.t, c, err instanceof ApiRequestError ? err.code : 'generic');
    }
  }

  #saved = async (e: CustomEvent<ReviewWritten>): Promise<void> => {
    const c = reviewStringsFor(this);
    const edited = this._form === 'edit';
    this._form = null;
    noteInteraction(this);
    // What was masked (emails, phone numbers…); held reviews get the reviews' own words.
    const masked = await noticeFor({ ...e.detail.notice, status: 'published' }, 'answer', this.t.lang);
    const held = e.detail.notice.status === 'held' ? c?.reviewHeld : '';
    this._announce = `${c ? (edited ? c.reviewSaved : c.reviewPosted) : ''} ${held} ${masked}`.trim();
    await this.#load();
    this.#focus('#mine');
  };

  async #delete(c: ReviewStrings, r: Review): Promise<void> {
    try {
      await this.api.deleteReview(r.id);
      this._open = '';
      this._announce = c.reviewDeleted;
      noteInteraction(this);
      await this.#load();
      this.#focus('.write');
    } catch (err) {
      this._announce = reviewError(this.t, c, err instanceof ApiRequestError ? err.code : 'generic');
    }
  }

  #ask(c: ReviewStrings, r: Review) {
    return async (input: PostInput): Promise<void> => {
      const { notice } = await this.api.askReviewer(r.id, input);
      this._open = '';
      noteInteraction(this);
      this._announce = `${c.questionSent} ${await noticeFor(notice, 'question', this.t.lang)}`.trim();
    };
  }

  #focus(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  #toggle(what: string): void {
    this._open = this._open === what ? '' : what;
    if (what.startsWith('report')) void loadCommunity().then(() => this.requestUpdate());
  }

  #item(c: ReviewStrings, r: Review) {
    const t = this.t;
    const name = r.formerMember ? null : r.authorName;
    const open = this._open;
    const fields = Object.entries(r.fields) as [keyof ReviewStrings['fields'], keyof ReviewStrings['fieldValues']][];
    const list = (label: string, lines: string[]) =>
      lines.length ? html`<h4>${label}</h4><ul>${lines.map((l) => html`<li>${l}</li>`)}</ul>` : nothing;
    return html`<article aria-labelledby="r-${r.id}" id=${r.mine ? 'mine' : nothing} tabindex="-1">
      <p class="stars" role="img" aria-label=${c.outOfFive(r.rating)}>${starText(r.rating)}</p>
      <h3 id="r-${r.id}">${r.title}</h3>
      <p class="meta">
        ${byline(t, r, this.#now)}${r.editedAt ? ` · ${c.edited}` : nothing}${r.specialism ? ` · ${r.specialism}` : nothing}
        ${r.verifiedBuyer ? html`<span class="badge">${c.verifiedBuyer}</span>` : nothing}
      </p>
      ${fields.length ? html`<p class="meta">${fields.map(([k, v], i) => html`${i ? ' · ' : ''}${c.fields[k]}: ${c.fieldValues[v]}`)}</p>` : nothing}
      <p class="body">${r.body}</p>
      ${list(c.pros, r.pros)} ${list(c.cons, r.cons)}
      ${r.reply
        ? html`<div class="reply">
            <p class="meta">${c.replyFrom(r.reply.brand)}</p>
            <p class="body">${r.reply.body}</p>
          </div>`
        : nothing}
      <div class="actions" @pointerover=${loadCommunity}>
        ${r.mine
          ? html`<button type="button" @click=${() => (this._form = 'edit')}>${c.editReview}</button>
              <button type="button" aria-expanded=${open === `delete:${r.id}`} @click=${() => this.#toggle(`delete:${r.id}`)}>
                ${c.deleteReview}
              </button>`
          : html`<button type="button" aria-pressed=${r.votedHelpful} @click=${() => void this.#vote(c, r)}>${c.helpful}</button>
              ${r.helpfulCount ? html`<span class="count">${c.helpfulCount(r.helpfulCount)}</span>` : nothing}
              <button type="button" aria-expanded=${open === `report:${r.id}`} @click=${() => this.#toggle(`report:${r.id}`)}>
                ${t.report}
              </button>
              <button type="button" aria-expanded=${open === `ask:${r.id}`} @click=${() => this.#toggle(`ask:${r.id}`)}>
                ${name ? c.askReviewer(name) : c.askAnonymous}
              </button>`}
      </div>
      ${open === `delete:${r.id}`
        ? html`<button type="button" class="primary" @click=${() => void this.#delete(c, r)}>${c.deleteReview}</button>
            <button type="button" @click=${() => (this._open = '')}>${t.cancel}</button>`
        : nothing}
      ${open === `report:${r.id}` && customElements.get('samen-report')
        ? html`<samen-report .api=${this.api} .t=${t} type="review" target=${r.id} @cancel=${() => (this._open = '')}></samen-report>`
        : nothing}
      ${open === `ask:${r.id}`
        ? html`<samen-post-form
            .t=${t}
            .send=${this.#ask(c, r)}
            label=${c.yourQuestionTo(name ?? t.anonymous)}
            submit-label=${c.sendQuestion}
            hint=""
            min-length="10"
            too-short-code="question_too_short"
            cancelable
            focus-on-open
            posting-as=${this.me?.kind === 'member' ? (this.me.name ?? '') : ''}
            @cancel=${() => (this._open = '')}
          ></samen-post-form>`
        : nothing}
    </article>`;
  }

  #summary(c: ReviewStrings, o: ReviewOverview) {
    const s = o.summary;
    const lang = this.t.lang;
    if (!s.count || s.average === null) return html`<p class="state">${c.noReviews}</p>`;
    const average = s.average.toLocaleString(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    return html`<p class="avg">
        <span class="stars" aria-hidden="true">${starText(Math.round(s.average))}</span>
        ${c.summary(average, s.count.toLocaleString(lang), s.count)}
      </p>
      <ul class="dist" aria-label=${c.distribution}>
        ${RATINGS.map((n) => {
          const count = s.stars[n - 1] ?? 0;
          return html`<li>
            <span class="visually-hidden">${c.perStar(c.stars(n), count)}</span>
            <span aria-hidden="true">${n} ★</span>
            <meter aria-hidden="true" min="0" max=${s.count} value=${count}></meter>
            <span aria-hidden="true">${count}</span>
          </li>`;
        })}
      </ul>`;
  }

  /** The viewer's own review, the form, or "Write a review" (or why they cannot). */
  #mine(c: ReviewStrings, o: ReviewOverview) {
    const mine = o.mine;
    if (this._form) {
      return html`<samen-review-form
        .api=${this.api}
        .t=${this.t}
        .form=${o.form}
        .review=${this._form === 'edit' ? mine : null}
        product=${this.product}
        @saved=${this.#saved}
        @cancel=${() => {
          this._form = null;
          this.#focus(mine ? '#mine' : '.write');
        }}
      ></samen-review-form>`;
    }
    if (mine) {
      return html`<h2>${c.yourReview}</h2>
        ${mine.status === 'published' ? nothing : html`<p class="hint">${mine.status === 'hidden' ? c.reviewHidden : c.reviewHeld}</p>`}
        ${this.#item(c, mine)}`;
    }
    return o.form.canWrite
      ? html`<button type="button" class="primary write" @click=${() => (this._form = 'new')}>${c.writeReview}</button>`
      : html`<p class="hint">${c.signInToReview}</p>`;
  }

  #list(c: ReviewStrings) {
    const shown = this._reviews.filter((r) => !r.mine);
    const pick = (e: Event) => (e.target as HTMLSelectElement).value;
    return html`<h2 id="list">${c.listLabel}</h2>
      <div class="controls">
        <label for="sort">${c.sortBy}</label>
        <select
          id="sort"
          @change=${(e: Event) => {
            this._sort = pick(e) as ReviewSort;
            void this.#load(true);
          }}
        >
          ${SORTS.map((s) => html`<option value=${s} ?selected=${s === this._sort}>${c.sorts[s]}</option>`)}
        </select>
        <label for="stars">${c.filterBy}</label>
        <select
          id="stars"
          @change=${(e: Event) => {
            this._stars = Number(pick(e)) || null;
            void this.#load(true);
          }}
        >
          <option value="">${c.allRatings}</option>
          ${RATINGS.map((n) => html`<option value=${n} ?selected=${n === this._stars}>${c.stars(n)}</option>`)}
        </select>
      </div>
      ${this._status === 'loading'
        ? html`<p class="state" role="status">${c.loading}</p>`
        : shown.length
          ? html`<ul aria-labelledby="list">
              ${shown.map((r) => html`<li>${this.#item(c, r)}</li>`)}
            </ul>`
          : html`<p class="state">${c.noMatches}</p>`}
      ${this._next && this._status === 'ready'
        ? html`<button type="button" ?disabled=${this._busy} @click=${() => void this.#load(true, true)}>
            ${this._busy ? c.loading : c.moreReviews}
          </button>`
        : nothing}`;
  }

  protected override render() {
    const c = reviewStringsFor(this);
    const o = this._overview;
    if (!c) return nothing;
    if (!o) {
      return this._status === 'error'
        ? html`<div role="alert">
            <p class="state">${c.loadError} ${reviewError(this.t, c, this._error)}</p>
            <button type="button" @click=${() => void this.#load()}>${this.t.retry}</button>
          </div>`
        : html`<p class="state" role="status">${c.loading}</p>`;
    }
    const experts = o.experts.filter((r) => !r.mine);
    return html`${this.#summary(c, o)}
      ${experts.length
        ? html`<h2>${c.expertVerdict}</h2>
            ${experts.map((r) => this.#item(c, r))}`
        : nothing}
      ${this.#mine(c, o)}
      <p class="visually-hidden" role="status">${this._announce}</p>
      ${o.summary.count ? this.#list(c) : nothing}`;
  }
}

define('samen-reviews', SamenReviews);

declare global {
  interface HTMLElementTagNameMap {
    'samen-reviews': SamenReviews;
  }
}
