import { LitElement, html, css, nothing } from 'lit';
import { define } from '../internal/define.ts';
import { emitInternal } from '../internal/events.ts';
import { controls, tokens } from '../styles/shared.ts';
import { ApiRequestError, type IdeaCategory, type IdeaSummary, type Me, type SamenApi } from '../api/client.ts';
import { IDEA_CATEGORIES, IDEA_LIMITS as L } from '../../../worker/src/idea-types.ts';
import { en, type Strings } from '../i18n/index.ts';
import { ideaError, ideaStringsFor } from '../i18n/ideas/index.ts';
import { ideaStyles, statusLabel, votesText } from './idea-parts.ts';

type Field = 'title' | 'body' | 'category' | 'name' | 'form';

/** Which field an API error code is about; the rest are shown under the form. */
const fieldOf = (code: string): Field =>
  code.startsWith('idea_title') ? 'title' : code.startsWith('idea_body') ? 'body' : code == 'invalid_idea_category' ? 'category' : code == 'name_too_long' ? 'name' : 'form';

/**
 * "Share an idea": title (with similar ideas shown as it is typed, so the shopper can vote for
 * one instead), description, category, this product or the whole shop, and a name for guests.
 * The typed text survives every failure; each error shows next to its field.
 *
 * @fires shared - (internal) with `{ idea, notice }` once the API stored it
 * @fires open - (internal) with an idea's id: the shopper chose a similar idea
 * @fires cancel - (internal) when the shopper closes the form
 */
export class SamenIdeaForm extends LitElement {
  static override properties = {
    api: { attribute: false },
    t: { attribute: false },
    me: { attribute: false },
    product: { type: String },
    _input: { state: true },
    _errors: { state: true },
    _busy: { state: true },
    _similar: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    ideaStyles,
    css`
      form {
        display: grid;
        gap: 0.75em;
      }
      fieldset {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        display: grid;
        gap: 0.25em;
      }
      legend {
        font-weight: 600;
      }
      fieldset label {
        display: flex;
        gap: 0.5em;
        align-items: baseline;
        font-weight: 400;
        margin: 0;
      }
      input[type='radio'],
      input[type='checkbox'] {
        inline-size: auto;
        accent-color: var(--_accent);
      }
      textarea {
        min-block-size: 6em;
      }
      .similar {
        border-inline-start: 3px solid var(--_accent);
        padding-inline-start: 0.75em;
      }
    `,
  ];

  declare api: SamenApi;
  declare t: Strings;
  declare me: Me | null;
  /** The product page the form is on ('' when none: the idea is about the whole shop). */
  declare product: string;
  declare private _input: { title: string; body: string; category: IdeaCategory | ''; shop: boolean; name: string };
  declare private _errors: Partial<Record<Field, string>>;
  declare private _busy: boolean;
  /** Ideas like the title typed so far. */
  declare private _similar: IdeaSummary[];
  // Like ../search/debounced-query.ts (not imported: sharing it would split it into a chunk of its
  // own that the community chunk then fetches too): waits for a pause, cancels the previous search.
  #timer?: ReturnType<typeof setTimeout>;
  #search?: AbortController;

  constructor() {
    super();
    this.t = en;
    this.me = null;
    this.product = '';
    this._input = { title: '', body: '', category: '', shop: false, name: '' };
    this._errors = {};
    this._busy = false;
    this._similar = [];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#findSimilar('');
  }

  /** Similar ideas for `title` after a 250 ms pause; earlier results stay until new ones arrive. */
  #findSimilar(title: string): void {
    clearTimeout(this.#timer);
    this.#search?.abort();
    const q = title.trim();
    if (!q) this._similar = [];
    else {
      this.#timer = setTimeout(() => {
        const ctrl = (this.#search = new AbortController());
        this.api.similarIdeas(q, this.#productId(), ctrl.signal).then(
          (found) => ctrl.signal.aborted || (this._similar = found),
          () => {},
        );
      }, 250);
    }
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector('input')?.focus();
  }

  #productId(): string | null {
    return this.product && !this._input.shop ? this.product : null;
  }

  #set(key: 'title' | 'body' | 'name' | 'category' | 'shop', value: string | boolean): void {
    this._input = { ...this._input, [key]: value };
    if (key == 'title') this.#findSimilar(value as string);
  }

  async #submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const v = this._input;
    const title = v.title.trim().length;
    const body = v.body.trim().length;
    // The API's rules, checked first so every field's problem shows at once.
    const local = Object.entries({
      title: title < L.title.min ? 'idea_title_too_short' : title > L.title.max ? 'idea_title_too_long' : '',
      body: body < L.body.min ? 'idea_body_too_short' : body > L.body.max ? 'idea_body_too_long' : '',
      category: v.category ? '' : 'invalid_idea_category',
      name: v.name.trim().length > 60 ? 'name_too_long' : '',
    }).filter(([, code]) => code);
    this._busy = true;
    try {
      if (local.length) {
        this.#show(local);
        return;
      }
      const name = this.me?.kind == 'member' ? '' : v.name.trim();
      const shared = await this.api.shareIdea({
        title: v.title,
        body: v.body,
        category: v.category as IdeaCategory,
        productId: this.#productId(),
        ...(name ? { name } : {}),
      });
      this._input = { title: '', body: '', category: '', shop: false, name: '' };
      this._errors = {};
      this.#findSimilar('');
      emitInternal(this, 'shared', shared);
    } catch (err) {
      const code = err instanceof ApiRequestError ? err.code : 'generic';
      this.#show([[fieldOf(code), code]]);
    } finally {
      this._busy = false;
    }
  }

  /** Shows each error next to its field and moves focus to the first field in trouble. */
  #show(errors: [string, string][]): void {
    const c = ideaStringsFor(this);
    this._errors = Object.fromEntries(errors.map(([field, code]) => [field, c ? ideaError(this.t, c, code) : code]));
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], .error')?.focus());
  }

  #error(field: Field) {
    const message = this._errors[field];
    return message ? html`<p class="error" id="${field}-error" role="alert" tabindex="-1">${message}</p>` : nothing;
  }

  /** aria-invalid and aria-describedby for a field, with its hint when it has one. */
  #a11y(field: Field, hint = '') {
    const bad = !!this._errors[field];
    return { invalid: bad ? 'true' : 'false', by: `${bad ? `${field}-error ` : ''}${hint}`.trim() || nothing };
  }

  #similarIdeas() {
    const found = this._similar;
    const c = ideaStringsFor(this)!;
    return found.length
      ? html`<section class="similar" aria-labelledby="similar">
          <h4 id="similar">${c.similarHeading}</h4>
          <ul class="plain">
            ${found.map(
              (i) => html`<li>
                <button type="button" class="link" @click=${() => emitInternal(this, 'open', i.id)}>${i.title}</button>
                ${statusLabel(c, i.status)} <span class="count">${votesText(c, i.voteCount, this.t.lang)}</span>
              </li>`,
            )}
          </ul>
        </section>`
      : nothing;
  }

  protected override render() {
    const c = ideaStringsFor(this);
    if (!c) return nothing;
    const t = this.t;
    const v = this._input;
    const title = this.#a11y('title', 'title-hint');
    const body = this.#a11y('body', 'body-hint');
    const category = this.#a11y('category');
    const name = this.#a11y('name');
    return html`<form novalidate @submit=${this.#submit} @keydown=${(e: KeyboardEvent) => e.key == 'Escape' && emitInternal(this, 'cancel')}>
      <h3>${c.formHeading}</h3>
      <div>
        <label for="title">${c.title}</label>
        <input
          id="title"
          autocomplete="off"
          .value=${v.title}
          @input=${(e: InputEvent) => this.#set('title', (e.target as HTMLInputElement).value)}
          aria-invalid=${title.invalid}
          aria-describedby=${title.by}
        />
        ${this.#error('title')}
        <p class="hint" id="title-hint">${c.titleHint}</p>
      </div>
      ${this.#similarIdeas()}
      <div>
        <label for="body">${c.description}</label>
        <textarea
          id="body"
          .value=${v.body}
          @input=${(e: InputEvent) => this.#set('body', (e.target as HTMLTextAreaElement).value)}
          aria-invalid=${body.invalid}
          aria-describedby=${body.by}
        ></textarea>
        ${this.#error('body')}
        <p class="hint" id="body-hint">${c.descriptionHint}</p>
      </div>
      <fieldset aria-invalid=${category.invalid} aria-describedby=${category.by}>
        <legend>${c.category}</legend>
        ${IDEA_CATEGORIES.map(
          (k) => html`<label>
            <input type="radio" name="category" .checked=${v.category == k} @change=${() => this.#set('category', k)} />
            <span><strong>${c.categories[k]}</strong> · ${c.categoryHints[k]}</span>
          </label>`,
        )}
      </fieldset>
      ${this.#error('category')}
      ${this.product
        ? html`<fieldset>
            <legend>${c.scope}</legend>
            <label><input type="radio" name="scope" .checked=${!v.shop} @change=${() => this.#set('shop', false)} />${c.scopeProduct}</label>
            <label><input type="radio" name="scope" .checked=${v.shop} @change=${() => this.#set('shop', true)} />${c.wholeShop}</label>
          </fieldset>`
        : nothing}
      ${this.me?.kind == 'member' && this.me.name
        ? html`<p class="hint">${t.postingAs(this.me.name)}</p>`
        : html`<div>
            <label for="name">${t.yourName}</label>
            <input
              id="name"
              autocomplete="nickname"
              .value=${v.name}
              @input=${(e: InputEvent) => this.#set('name', (e.target as HTMLInputElement).value)}
              aria-invalid=${name.invalid}
              aria-describedby=${name.by}
            />
            ${this.#error('name')}
          </div>`}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this._busy}>${this._busy ? t.posting : c.postIdea}</button>
        <button type="button" @click=${() => emitInternal(this, 'cancel')}>${t.cancel}</button>
      </div>
      ${this.#error('form')}
    </form>`;
  }
}

define('samen-idea-form', SamenIdeaForm);

declare global {
  interface HTMLElementTagNameMap {
    'samen-idea-form': SamenIdeaForm;
  }
}
