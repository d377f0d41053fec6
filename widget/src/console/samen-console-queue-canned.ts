import { LitElement, html, css, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { define } from '../internal/define.ts';
import { emitInternal } from '../internal/events.ts';
import { controls, tokens } from '../styles/shared.ts';
import { consoleStyles, queueStyles } from './styles.ts';
import { CANNED_TITLE_MAX, STAFF_MESSAGE_MAX, isSignedOut, type CannedResponse, type ConsoleApi } from './api.ts';
import { consoleErrorText, en, type ConsoleStrings } from './i18n/index.ts';

type Field = 'title' | 'body';

/**
 * The site's canned responses (any staff member): the list with Delete, and a form to add one.
 * Placeholders `{{name}}` and `{{product}}` stay as written; the item view fills them in.
 *
 * @fires session-ended - (internal) when the API says the session is gone
 */
export class SamenConsoleQueueCanned extends LitElement {
  static override properties = {
    api: { attribute: false },
    t: { attribute: false },
    _canned: { state: true },
    _status: { state: true },
    _title: { state: true },
    _body: { state: true },
    _field: { state: true },
    _busy: { state: true },
    _error: { state: true },
    _announcement: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    consoleStyles,
    queueStyles,
    css`
      .list > li {
        border-block-end: 1px solid var(--_border);
        padding-block: 0.75rem;
        display: grid;
        gap: 0.25rem;
        max-inline-size: 44rem;
      }
      .list h4 {
        margin: 0;
        font-size: 1rem;
      }
      form {
        margin-block-start: 1.5rem;
      }
    `,
  ];

  declare api: ConsoleApi;
  declare t: ConsoleStrings;
  declare private _canned: CannedResponse[];
  declare private _status: 'loading' | 'ready' | 'error';
  declare private _title: string;
  declare private _body: string;
  /** The field the last error is about. */
  declare private _field: Field | null;
  declare private _busy: boolean;
  declare private _error: string;
  declare private _announcement: string;

  constructor() {
    super();
    this.t = en;
    this._canned = [];
    this._status = 'loading';
    this._title = '';
    this._body = '';
    this._field = null;
    this._busy = false;
    this._error = '';
    this._announcement = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.api) void this._load();
  }

  private async _load(): Promise<void> {
    this._status = 'loading';
    try {
      this._canned = await this.api.canned();
      this._status = 'ready';
    } catch (err) {
      if (isSignedOut(err)) emitInternal(this, 'session-ended');
      else this._status = 'error';
    }
  }

  private async _add(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const t = this.t;
    const [title, body] = [this._title.trim(), this._body.trim()];
    const field: Field | null = !title || title.length > CANNED_TITLE_MAX ? 'title' : !body || body.length > STAFF_MESSAGE_MAX ? 'body' : null;
    this._announcement = '';
    if (field) {
      this._field = field;
      this._error = field === 'title' ? t.errors.title_invalid : t.errors.body_invalid;
      this.renderRoot.querySelector<HTMLElement>(`#canned-${field}`)?.focus();
      return;
    }
    this._busy = true;
    this._field = null;
    this._error = '';
    try {
      const canned = await this.api.addCanned(title, body);
      this._canned = [...this._canned, canned];
      this._title = '';
      this._body = '';
      this._announcement = t.queue.cannedAdded(canned.title);
    } catch (err) {
      if (isSignedOut(err)) {
        emitInternal(this, 'session-ended');
        return;
      }
      this._error = consoleErrorText(t, err);
      const code = (err as { code?: string }).code;
      this._field = code === 'body_invalid' ? 'body' : code === 'title_invalid' ? 'title' : null;
    } finally {
      this._busy = false;
    }
  }

  private async _delete(canned: CannedResponse): Promise<void> {
    if (this._busy) return;
    this._busy = true;
    this._error = '';
    this._field = null;
    this._announcement = '';
    try {
      await this.api.deleteCanned(canned.id);
      this._canned = this._canned.filter((c) => c.id !== canned.id);
      this._announcement = this.t.queue.cannedDeleted(canned.title);
    } catch (err) {
      if (isSignedOut(err)) {
        emitInternal(this, 'session-ended');
        return;
      }
      this._error = consoleErrorText(this.t, err);
      if ((err as { code?: string }).code === 'canned_not_found') this._canned = this._canned.filter((c) => c.id !== canned.id);
    } finally {
      this._busy = false;
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#canned-heading')?.focus();
  }

  private _renderList() {
    const t = this.t;
    switch (this._status) {
      case 'loading':
        return html`<p class="state" role="status">${t.loading}</p>`;
      case 'error':
        return html`<div role="alert">
          <p>${t.queue.cannedError}</p>
          <button type="button" @click=${() => void this._load()}>${t.retry}</button>
        </div>`;
      case 'ready':
        if (!this._canned.length) return html`<p class="state">${t.queue.cannedEmpty}</p>`;
        return html`<ul class="plain list" aria-label=${t.queue.cannedListLabel}>
          ${repeat(
            this._canned,
            (c) => c.id,
            (c) => html`<li>
              <h4>${c.title}</h4>
              <p class="body">${c.body}</p>
              <p class="actions">
                <button type="button" aria-label=${t.queue.deleteCanned(c.title)} ?disabled=${this._busy} @click=${() => void this._delete(c)}>
                  ${t.queue.deleteLabel}
                </button>
              </p>
            </li>`,
          )}
        </ul>`;
    }
  }

  protected override render() {
    const t = this.t;
    const q = t.queue;
    const describedBy = (field: Field, hint = '') =>
      [this._field === field ? 'canned-error' : '', hint].filter(Boolean).join(' ') || nothing;
    return html`<section aria-labelledby="canned-heading">
      <h3 id="canned-heading" tabindex="-1">${q.cannedHeading}</h3>
      <p class="state">${q.cannedIntro}</p>
      <p class="status" role="status">${this._announcement}</p>
      ${this._error && !this._field ? html`<p class="error" role="alert">${this._error}</p>` : nothing} ${this._renderList()}
      <form @submit=${(e: SubmitEvent) => void this._add(e)} novalidate aria-labelledby="add-canned-heading">
        <h4 id="add-canned-heading">${q.addCannedHeading}</h4>
        <div>
          <label for="canned-title">${q.cannedTitle}</label>
          <input
            id="canned-title"
            autocomplete="off"
            maxlength=${CANNED_TITLE_MAX}
            aria-invalid=${this._field === 'title' ? 'true' : 'false'}
            aria-describedby=${describedBy('title')}
            .value=${this._title}
            @input=${(e: InputEvent) => (this._title = (e.target as HTMLInputElement).value)}
          />
        </div>
        <div>
          <label for="canned-body">${q.cannedBody}</label>
          <textarea
            id="canned-body"
            rows="5"
            maxlength=${STAFF_MESSAGE_MAX}
            aria-invalid=${this._field === 'body' ? 'true' : 'false'}
            aria-describedby=${describedBy('body', 'canned-hint')}
            .value=${this._body}
            @input=${(e: InputEvent) => (this._body = (e.target as HTMLTextAreaElement).value)}
          ></textarea>
          <p class="hint" id="canned-hint">${q.cannedIntro}</p>
        </div>
        ${this._error && this._field ? html`<p class="error" id="canned-error" role="alert">${this._error}</p>` : nothing}
        <p class="actions"><button type="submit" class="primary" ?disabled=${this._busy}>${q.addCanned}</button></p>
      </form>
    </section>`;
  }
}

define('samen-console-queue-canned', SamenConsoleQueueCanned);

declare global {
  interface HTMLElementTagNameMap {
    'samen-console-queue-canned': SamenConsoleQueueCanned;
  }
}
