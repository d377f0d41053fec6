import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { define } from '../internal/define.ts';
import { emitInternal } from '../internal/events.ts';
import { controls, tokens } from '../styles/shared.ts';
import { ApiRequestError, type Review, type ReviewInput, type SamenApi } from '../api/client.ts';
import type { ReviewFieldKey, ReviewForm } from '../../../worker/src/review-types.ts';
import { REVIEW_FIELDS } from '../../../worker/src/review-types.ts';
import { en, type Strings } from '../i18n/index.ts';
import { reviewError, reviewStringsFor } from '../i18n/reviews/index.ts';

type Field = 'rating' | 'title' | 'body' | 'name' | 'notes' | 'specialism' | 'fields' | 'form';

/** Which field an API error code is about; the rest are shown under the form. */
const FIELD_OF: Record<string, Field> = {
  invalid_rating: 'rating',
  review_title_too_short: 'title',
  review_title_too_long: 'title',
  review_too_short: 'body',
  review_too_long: 'body',
  name_too_long: 'name',
  review_notes_too_long: 'notes',
  specialism_too_long: 'specialism',
  invalid_review_fields: 'fields',
};

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/**
 * Writing or editing a review: a radio group "Rating" (1–5 stars), "Title", "Review", the fields
 * the product's type asks for (fit, usage), a name for visitors, and for experts pros, cons and a
 * specialism. The typed text survives every failure; errors show next to their field.
 *
 * @fires saved - (internal) with `{ review, notice }` once the API stored it
 * @fires cancel - (internal) when the shopper closes the form
 */
export class SamenReviewForm extends LitElement {
  static override properties = {
    api: { attribute: false },
    t: { attribute: false },
    form: { attribute: false },
    review: { attribute: false },
    product: { type: String },
    _input: { state: true },
    _busy: { state: true },
    _error: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    css`
      form {
        display: grid;
        gap: 0.75em;
        margin-block: 1em;
      }
      fieldset {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        display: flex;
        flex-wrap: wrap;
        gap: 0.25em 1em;
      }
      legend {
        font-weight: 600;
      }
      fieldset label {
        display: flex;
        gap: 0.25em;
        align-items: center;
        font-weight: 400;
      }
      input[type='radio'] {
        inline-size: auto;
        accent-color: var(--_accent);
      }
      textarea {
        min-block-size: 6em;
      }
      select {
        font: inherit;
        font-size: max(1em, 16px);
        display: block;
      }
    `,
  ];

  declare api: SamenApi;
  declare t: Strings;
  /** What this viewer may write (expert fields, name field, the product's fields). */
  declare form: ReviewForm;
  /** The review being edited; null for a new one. */
  declare review: Review | null;
  declare product: string;
  declare private _input: { rating: number; title: string; body: string; name: string; pros: string; cons: string; specialism: string; fields: Partial<Record<ReviewFieldKey, string>> };
  declare private _busy: boolean;
  declare private _error: { field: Field; message: string } | null;

  constructor() {
    super();
    this.t = en;
    this.review = null;
    this.product = '';
    this.form = { canWrite: true, reason: null, asExpert: false, anonymous: false, fields: [] };
    this._input = { rating: 0, title: '', body: '', name: '', pros: '', cons: '', specialism: '', fields: {} };
    this._busy = false;
    this._error = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const r = this.review;
    if (changed.has('review') && r) {
      this._input = {
        rating: r.rating,
        title: r.title,
        body: r.body,
        name: '',
        pros: r.pros.join('\n'),
        cons: r.cons.join('\n'),
        specialism: r.specialism ?? '',
        fields: { ...r.fields },
      };
    }
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLInputElement>('input:checked, input')?.focus();
  }

  #set(key: keyof SamenReviewForm['_input'], value: string | number): void {
    this._input = { ...this._input, [key]: value };
  }

  async #submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const v = this._input;
    const expert = this.review ? this.review.kind === 'expert' : this.form.asExpert;
    // The same rules as the API, checked first so the shopper hears at once.
    const local = !v.rating ? 'invalid_rating' : v.title.trim().length < 2 ? 'review_title_too_short' : v.body.trim().length < 20 ? 'review_too_short' : '';
    const input: ReviewInput = {
      rating: v.rating,
      title: v.title,
      body: v.body,
      fields: Object.fromEntries(Object.entries(v.fields).filter(([, value]) => value)),
      ...(this.form.anonymous && v.name.trim() ? { authorName: v.name } : {}),
      ...(expert ? { pros: lines(v.pros), cons: lines(v.cons), specialism: v.specialism } : {}),
    };
    this._busy = true;
    this._error = null;
    try {
      if (local) throw new ApiRequestError(400, local, local);
      const written = this.review ? await this.api.editReview(this.review.id, input) : await this.api.writeReview(this.product, input);
      emitInternal(this, 'saved', written);
    } catch (err) {
      const code = err instanceof ApiRequestError ? err.code : 'generic';
      const c = reviewStringsFor(this);
      this._error = { field: FIELD_OF[code] ?? 'form', message: c ? reviewError(this.t, c, code) : code };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], .error')?.focus();
    } finally {
      this._busy = false;
    }
  }

  #error(field: Field) {
    return this._error?.field === field
      ? html`<p class="error" id="${field}-error" role="alert" tabindex="-1">${this._error.message}</p>`
      : nothing;
  }

  /** aria-invalid and aria-describedby for a field, with its hint when it has one. */
  #described(field: Field, hint = '') {
    const bad = this._error?.field === field;
    return { invalid: bad ? 'true' : 'false', by: `${bad ? `${field}-error ` : ''}${hint}`.trim() || nothing };
  }

  protected override render() {
    const c = reviewStringsFor(this);
    if (!c) return nothing;
    const t = this.t;
    const v = this._input;
    const expert = this.review ? this.review.kind === 'expert' : this.form.asExpert;
    const text = (id: string, key: 'title' | 'specialism' | 'name', label: string, field: Field) => {
      const d = this.#described(field);
      return html`<div>
        <label for=${id}>${label}</label>
        <input id=${id} .value=${v[key]} @input=${(e: InputEvent) => this.#set(key, (e.target as HTMLInputElement).value)} aria-invalid=${d.invalid} aria-describedby=${d.by} />
        ${this.#error(field)}
      </div>`;
    };
    const area = (id: string, key: 'body' | 'pros' | 'cons', label: string, field: Field, hint?: string) => {
      const d = this.#described(field, hint ? `${id}-hint` : '');
      return html`<div>
        <label for=${id}>${label}</label>
        <textarea id=${id} .value=${v[key]} @input=${(e: InputEvent) => this.#set(key, (e.target as HTMLTextAreaElement).value)} aria-invalid=${d.invalid} aria-describedby=${d.by}></textarea>
        ${this.#error(field)} ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing}
      </div>`;
    };
    const rating = this.#described('rating');
    return html`<form novalidate @submit=${this.#submit} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && emitInternal(this, 'cancel')}>
      <fieldset role="radiogroup" aria-labelledby="rating-label" aria-invalid=${rating.invalid} aria-describedby=${rating.by}>
        <legend id="rating-label">${c.rating}</legend>
        ${[1, 2, 3, 4, 5].map(
          (n) => html`<label><input type="radio" name="rating" .checked=${v.rating === n} @change=${() => this.#set('rating', n)} />${c.stars(n)}</label>`,
        )}
      </fieldset>
      ${this.#error('rating')} ${text('title', 'title', c.title, 'title')} ${area('body', 'body', c.review, 'body', c.reviewHint)}
      ${this.form.fields.map(
        (key) => html`<div>
          <label for="field-${key}">${c.fields[key]}</label>
          <select id="field-${key}" @change=${(e: Event) => (this._input = { ...v, fields: { ...v.fields, [key]: (e.target as HTMLSelectElement).value } })}>
            <option value="">${c.choose}</option>
            ${REVIEW_FIELDS[key].map((o) => html`<option value=${o} ?selected=${v.fields[key] === o}>${c.fieldValues[o]}</option>`)}
          </select>
        </div>`,
      )}
      ${this.#error('fields')}
      ${expert
        ? html`${area('pros', 'pros', c.prosInput, 'notes')} ${area('cons', 'cons', c.consInput, 'notes')}
          ${text('specialism', 'specialism', c.specialism, 'specialism')}`
        : nothing}
      ${this.form.anonymous && !this.review ? text('name', 'name', t.yourName, 'name') : nothing}
      <div>
        <button class="primary" type="submit" ?disabled=${this._busy}>${this._busy ? t.posting : this.review ? c.saveReview : c.postReview}</button>
        <button type="button" @click=${() => emitInternal(this, 'cancel')}>${t.cancel}</button>
      </div>
      ${this.#error('form')}
    </form>`;
  }
}

define('samen-review-form', SamenReviewForm);

declare global {
  interface HTMLElementTagNameMap {
    'samen-review-form': SamenReviewForm;
  }
}
