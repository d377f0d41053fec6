import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { define } from '../internal/define.ts';
import { emitInternal } from '../internal/events.ts';
import { controls, tokens } from '../styles/shared.ts';
import type { PostInput } from '../api/client.ts';
import { en, errorText, type Strings } from '../i18n/index.ts';
import { loadCommunity } from './lazy.ts';

let formCount = 0;

/**
 * The write box shared by "ask a question" and "answer": a text area, an optional
 * display name, a submit button and errors shown next to the field they concern.
 * The typed text survives every failure; it is cleared only once the server stored it.
 *
 * @fires posted - (internal) after `send` resolved
 * @fires cancel - (internal) when the shopper closes the form
 */
export class SamenPostForm extends LitElement {
  static override properties = {
    label: { type: String },
    submitLabel: { attribute: 'submit-label', type: String },
    hint: { type: String },
    minLength: { attribute: 'min-length', type: Number },
    tooShortCode: { attribute: 'too-short-code', type: String },
    cancelable: { type: Boolean },
    postingAs: { attribute: 'posting-as', type: String },
    focusOnOpen: { attribute: 'focus-on-open', type: Boolean },
    t: { attribute: false },
    send: { attribute: false },
    _text: { state: true },
    _name: { state: true },
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
      }
      textarea {
        min-block-size: 5em;
        resize: vertical;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em;
        align-items: center;
      }
    `,
  ];

  declare label: string;
  declare submitLabel: string;
  declare hint: string;
  declare minLength: number;
  declare tooShortCode: string;
  declare cancelable: boolean;
  /** The identified member's name: shown instead of the name field. */
  declare postingAs: string;
  declare focusOnOpen: boolean;
  declare t: Strings;
  declare send: (input: PostInput) => Promise<void>;
  // Internal state, also read and written by ./post-send.ts (the lazy half of sending).
  declare _text: string;
  declare _name: string;
  declare _busy: boolean;
  declare _error: { field: 'text' | 'name' | 'form'; message: string } | null;
  readonly #id = `f${++formCount}`;

  constructor() {
    super();
    this.label = '';
    this.submitLabel = '';
    this.hint = '';
    this.minLength = 1;
    this.tooShortCode = '';
    this.cancelable = false;
    this.postingAs = '';
    this.focusOnOpen = false;
    this.t = en;
    this.send = async () => {};
    this._text = '';
    this._name = '';
    this._busy = false;
    this._error = null;
  }

  protected override firstUpdated(_changed: PropertyValues): void {
    if (this.focusOnOpen) this.focus();
  }

  override focus(): void {
    this.renderRoot.querySelector('textarea')?.focus();
  }

  #submit(e: SubmitEvent): void {
    e.preventDefault();
    if (this._busy) return;
    const text = this._text.trim();
    if (text.length < this.minLength) {
      this._error = { field: 'text', message: errorText(this.t, this.tooShortCode) };
      this.focus();
      return;
    }
    this._busy = true;
    this._error = null;
    // The call and what follows are in the lazy chunk (the ask form fetches it on focus).
    void loadCommunity().then(
      (m) => m.sendPost(this, text),
      () => {
        this._busy = false;
        this._error = { field: 'form', message: errorText(this.t, 'network') };
      },
    );
  }

  #errorFor(field: 'text' | 'name' | 'form') {
    return this._error?.field === field
      ? html`<p class="error" id="${this.#id}-${field}-error" role="alert">${this._error.message}</p>`
      : nothing;
  }

  protected override render() {
    const id = this.#id;
    const textInvalid = this._error?.field === 'text';
    const nameInvalid = this._error?.field === 'name';
    return html`<form novalidate @submit=${this.#submit}>
      <div>
        <label for="${id}-text">${this.label}</label>
        <textarea
          id="${id}-text"
          .value=${this._text}
          @input=${(e: InputEvent) => (this._text = (e.target as HTMLTextAreaElement).value)}
          aria-invalid=${textInvalid ? 'true' : 'false'}
          aria-describedby="${textInvalid ? `${id}-text-error ` : ''}${id}-hint"
        ></textarea>
        ${this.#errorFor('text')}
        <p class="hint" id="${id}-hint">${this.hint}</p>
      </div>
      ${this.postingAs
        ? html`<p class="hint">${this.t.postingAs(this.postingAs)}</p>`
        : html`<div>
        <label for="${id}-name">${this.t.yourName}</label>
        <input
          id="${id}-name"
          autocomplete="nickname"
          .value=${this._name}
          @input=${(e: InputEvent) => (this._name = (e.target as HTMLInputElement).value)}
          aria-invalid=${nameInvalid ? 'true' : 'false'}
          aria-describedby=${nameInvalid ? `${id}-name-error` : nothing}
        />
        ${this.#errorFor('name')}
      </div>`}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this._busy}>
          ${this._busy ? this.t.posting : this.submitLabel}
        </button>
        ${this.cancelable
          ? html`<button type="button" @click=${() => emitInternal(this, 'cancel')}>${this.t.cancel}</button>`
          : nothing}
      </div>
      ${this.#errorFor('form')}
    </form>`;
  }
}

define('samen-post-form', SamenPostForm);

declare global {
  interface HTMLElementTagNameMap {
    'samen-post-form': SamenPostForm;
  }
}
