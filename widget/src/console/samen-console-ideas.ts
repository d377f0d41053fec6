import { LitElement, html, css, nothing } from 'lit';
import { define } from '../internal/define.ts';
import { emitInternal } from '../internal/events.ts';
import { relativeTime } from '../internal/relative-time.ts';
import { controls, tokens } from '../styles/shared.ts';
import { consoleStyles } from './styles.ts';
import { ConsoleApiError, isSignedOut } from './api.ts';
import { createConsoleIdeasApi, type ConsoleIdea, type ConsoleIdeasApi, type IdeaStatus } from './ideas-api.ts';
import { IDEA_STATUSES } from '../../../worker/src/idea-types.ts';
import { consoleIdeasStrings, type ConsoleIdeasStrings } from './i18n/ideas.ts';
import type { Language } from './i18n/index.ts';

/**
 * "Ideas" (owners and agents): the site's idea board, newest first, filtered by status. Staff set
 * an idea's public status with an explanation shoppers read, publish ideas held for review, and
 * merge a duplicate into the idea to keep (its votes move there); owners also choose whether the
 * widget shows the Ideas tab. Shopper text is rendered only through Lit text bindings.
 *
 * @fires session-ended - (internal) when the API says the session is gone
 */
export class SamenConsoleIdeas extends LitElement {
  static override properties = {
    api: { attribute: false },
    locale: { type: String },
    role: { type: String },
    _ideas: { state: true },
    _next: { state: true },
    _status: { state: true },
    _filter: { state: true },
    _open: { state: true },
    _draft: { state: true },
    _targets: { state: true },
    _busy: { state: true },
    _error: { state: true },
    _announcement: { state: true },
    _enabled: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    consoleStyles,
    css`
      li + li {
        border-block-start: 1px solid var(--_border);
      }
      article {
        padding-block: 1rem;
        display: grid;
        gap: 0.5rem;
        max-inline-size: 48rem;
      }
      p {
        margin: 0;
      }
      .body {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .note {
        border-inline-start: 3px solid var(--_accent);
        padding-inline-start: 0.75rem;
      }
      .pill {
        font-weight: 700;
        color: var(--_accent);
      }
      label.inline {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        font-weight: 400;
      }
      label.inline input {
        inline-size: auto;
      }
    `,
  ];

  /** The idea board calls; created for the page's own origin unless one is given (tests). */
  declare api: ConsoleIdeasApi | null;
  declare locale: Language;
  /** The signed-in staff member's role: owners also get the board's setting. */
  declare role: 'owner' | 'agent';
  declare private _ideas: ConsoleIdea[];
  declare private _next: string | null;
  declare private _status: 'loading' | 'ready' | 'error';
  /** The status filter; null: all. */
  declare private _filter: IdeaStatus | null;
  /** What is open under an idea: `status:<id>`, `merge:<id>`, or ''. */
  declare private _open: string;
  /** The open form's values: the new status and explanation, or the idea to merge into. */
  declare private _draft: { status: IdeaStatus; note: string; into: string };
  /** Ideas a duplicate can be merged into. */
  declare private _targets: ConsoleIdea[];
  declare private _busy: boolean;
  declare private _error: string;
  declare private _announcement: string;
  declare private _enabled: boolean | null;
  #loading?: AbortController;

  constructor() {
    super();
    this.api = null;
    this.locale = 'en';
    this.role = 'agent';
    this._ideas = this._targets = [];
    this._next = this._filter = this._enabled = null;
    this._status = 'loading';
    this._open = this._error = this._announcement = '';
    this._draft = { status: 'new', note: '', into: '' };
    this._busy = false;
  }

  get #t(): ConsoleIdeasStrings {
    return consoleIdeasStrings[this.locale] ?? consoleIdeasStrings.en;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.api ??= createConsoleIdeasApi();
    void this.#load(false);
    if (this.role === 'owner') void this.#loadSettings();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#loading?.abort();
  }

  #failed(err: unknown): string {
    if (isSignedOut(err)) emitInternal(this, 'session-ended');
    const errors = this.#t.errors;
    const code = err instanceof ConsoleApiError ? err.code : err instanceof Error && err.message in errors ? err.message : 'generic';
    return Object.hasOwn(errors, code) ? errors[code as keyof typeof errors] : errors.generic;
  }

  async #load(more: boolean): Promise<void> {
    if (!this.api) return;
    this.#loading?.abort();
    const ctrl = (this.#loading = new AbortController());
    if (!more) this._status = 'loading';
    try {
      const page = await this.api.ideas({ status: this._filter, cursor: more ? this._next : null }, ctrl.signal);
      this._ideas = more ? [...this._ideas, ...page.ideas] : page.ideas;
      this._next = page.nextCursor;
      this._status = 'ready';
    } catch (err) {
      if (ctrl.signal.aborted) return;
      this._error = this.#failed(err);
      this._status = 'error';
    }
  }

  async #loadSettings(): Promise<void> {
    try {
      this._enabled = (await this.api!.settings()).enabled;
    } catch (err) {
      this.#failed(err);
    }
  }

  async #openForm(kind: 'status' | 'merge', idea: ConsoleIdea): Promise<void> {
    this._open = `${kind}:${idea.id}`;
    this._draft = { status: idea.status, note: idea.statusNote ?? '', into: '' };
    this._error = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${kind}-${idea.id}`)?.focus());
    if (kind === 'merge') {
      // Any open idea can be the one to keep, whatever the list is filtered on.
      try {
        const all = this._filter ? (await this.api!.ideas({ status: null, cursor: null })).ideas : this._ideas;
        this._targets = all.filter((i) => i.id !== idea.id && !i.mergedInto);
      } catch (err) {
        this._error = this.#failed(err);
      }
    }
  }

  /** Runs a change from an open form (or a button), announcing `done` and keeping the form open on failure. */
  async #run(e: Event | null, work: () => Promise<string>): Promise<void> {
    e?.preventDefault();
    if (this._busy) return;
    this._busy = true;
    this._error = '';
    try {
      this._announcement = await work();
      this._open = '';
    } catch (err) {
      this._error = this.#failed(err);
      if (!this._open) this._announcement = this._error;
    } finally {
      this._busy = false;
    }
  }

  #replace(changed: ConsoleIdea): void {
    this._ideas = this._ideas.map((i) => (i.id === changed.id ? changed : i));
  }

  #saveStatus = (e: Event, idea: ConsoleIdea) =>
    this.#run(e, async () => {
      this.#replace(await this.api!.change(idea.id, { status: this._draft.status, note: this._draft.note }));
      return this.#t.statusSaved(idea.title);
    });

  #publish = (idea: ConsoleIdea) =>
    this.#run(null, async () => {
      this.#replace(await this.api!.change(idea.id, { moderation: 'published' }));
      return this.#t.published(idea.title);
    });

  #merge = (e: Event, idea: ConsoleIdea) =>
    this.#run(e, async () => {
      if (!this._draft.into) throw new Error('choose_target');
      const kept = await this.api!.merge(idea.id, this._draft.into);
      await this.#load(false);
      return this.#t.merged(idea.title, kept.title);
    });

  async #saveSettings(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    try {
      this._enabled = (await this.api!.saveSettings({ enabled: this._enabled ?? false })).enabled;
      this._announcement = this.#t.settingsSaved;
    } catch (err) {
      this._announcement = this.#failed(err);
    }
  }

  /** The error of the open form, tied to its field. */
  #formError(id: string) {
    return this._error ? html`<p class="error" id="${id}-error" role="alert">${this._error}</p>` : nothing;
  }

  #statusForm(idea: ConsoleIdea) {
    const t = this.#t;
    const id = `status-${idea.id}`;
    return html`<form novalidate @submit=${(e: SubmitEvent) => void this.#saveStatus(e, idea)}>
      <div>
        <label for=${id}>${t.newStatus}</label>
        <select id=${id} @change=${(e: Event) => (this._draft = { ...this._draft, status: (e.target as HTMLSelectElement).value as IdeaStatus })}>
          ${IDEA_STATUSES.map((s) => html`<option value=${s} ?selected=${s === this._draft.status}>${t.status[s]}</option>`)}
        </select>
      </div>
      <div>
        <label for="note-${idea.id}">${t.publicNote}</label>
        <textarea
          id="note-${idea.id}"
          .value=${this._draft.note}
          @input=${(e: InputEvent) => (this._draft = { ...this._draft, note: (e.target as HTMLTextAreaElement).value })}
          aria-invalid=${this._error ? 'true' : 'false'}
          aria-describedby="note-${idea.id}-hint${this._error ? ` ${id}-error` : ''}"
        ></textarea>
        <p class="hint" id="note-${idea.id}-hint">${t.noteHint}</p>
        ${this.#formError(id)}
      </div>
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this._busy}>${t.save}</button>
        <button type="button" @click=${() => (this._open = '')}>${t.cancel}</button>
      </div>
    </form>`;
  }

  #mergeForm(idea: ConsoleIdea) {
    const t = this.#t;
    const id = `merge-${idea.id}`;
    return html`<form novalidate @submit=${(e: SubmitEvent) => void this.#merge(e, idea)}>
      <div>
        <label for=${id}>${t.mergeInto}</label>
        <select
          id=${id}
          aria-invalid=${this._error ? 'true' : 'false'}
          aria-describedby="${id}-hint${this._error ? ` ${id}-error` : ''}"
          @change=${(e: Event) => (this._draft = { ...this._draft, into: (e.target as HTMLSelectElement).value })}
        >
          <option value="">${t.chooseIdea}</option>
          ${this._targets.map((i) => html`<option value=${i.id} ?selected=${i.id === this._draft.into}>${i.title} (${t.votes(i.voteCount)})</option>`)}
        </select>
        <p class="hint" id="${id}-hint">${t.mergeHint}</p>
        ${this.#formError(id)}
      </div>
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this._busy}>${t.confirmMerge}</button>
        <button type="button" @click=${() => (this._open = '')}>${t.cancel}</button>
      </div>
    </form>`;
  }

  #item(idea: ConsoleIdea) {
    const t = this.#t;
    const open = this._open;
    return html`<article aria-labelledby="idea-${idea.id}">
      <h3 id="idea-${idea.id}">${idea.title}</h3>
      <p class="meta">
        <span class="pill">${t.status[idea.status]}</span>
        <span>${t.votes(idea.voteCount)}</span>
        <span>${t.comments(idea.commentCount)}</span>
        <span>${idea.productId ? t.product(idea.productId) : t.wholeShop}</span>
        <span>${t.categories[idea.category]}</span>
        <span>${idea.formerMember ? t.formerMember : (idea.authorName ?? t.anonymous)}</span>
        <time datetime=${new Date(idea.createdAt).toISOString()}>${relativeTime(idea.createdAt, Date.now(), this.locale)}</time>
        ${idea.mergedFrom.length ? html`<span>${t.mergedFrom(idea.mergedFrom.length)}</span>` : nothing}
        ${idea.mergedInto ? html`<span>${t.mergedAway}</span>` : nothing}
      </p>
      ${idea.moderation === 'held' ? html`<p class="pill">${t.held}</p>` : nothing}
      <p class="body">${idea.body}</p>
      ${idea.statusNote
        ? html`<div class="note">
            <p class="meta">${t.publicNote}</p>
            <p class="body">${idea.statusNote}</p>
          </div>`
        : nothing}
      ${open === `status:${idea.id}`
        ? this.#statusForm(idea)
        : open === `merge:${idea.id}`
          ? this.#mergeForm(idea)
          : idea.mergedInto
            ? nothing
            : html`<div class="actions">
                <button type="button" @click=${() => void this.#openForm('status', idea)}>${t.changeStatus}</button>
                <button type="button" @click=${() => void this.#openForm('merge', idea)}>${t.merge}</button>
                ${idea.moderation === 'held' ? html`<button type="button" @click=${() => void this.#publish(idea)}>${t.publish}</button>` : nothing}
              </div>`}
    </article>`;
  }

  #list() {
    const t = this.#t;
    if (this._status === 'loading') return html`<p class="state" role="status">${t.loading}</p>`;
    if (this._status === 'error') {
      return html`<div role="alert">
        <p class="state">${t.loadError} ${this._error}</p>
      </div>`;
    }
    if (!this._ideas.length) return html`<p class="state">${t.empty}</p>`;
    return html`<ul class="plain" aria-label=${t.listLabel}>
        ${this._ideas.map((i) => html`<li>${this.#item(i)}</li>`)}
      </ul>
      ${this._next ? html`<button type="button" @click=${() => void this.#load(true)}>${t.more}</button>` : nothing}`;
  }

  protected override render() {
    const t = this.#t;
    return html`<section aria-labelledby="ideas-heading">
        <h2 id="ideas-heading" tabindex="-1">${t.heading}</h2>
        <p class="state">${t.intro}</p>
        <div>
          <label for="ideas-filter">${t.statusFilter}</label>
          <select
            id="ideas-filter"
            @change=${(e: Event) => {
              this._filter = ((e.target as HTMLSelectElement).value || null) as IdeaStatus | null;
              void this.#load(false);
            }}
          >
            <option value="">${t.allStatuses}</option>
            ${IDEA_STATUSES.map((s) => html`<option value=${s} ?selected=${s === this._filter}>${t.status[s]}</option>`)}
          </select>
        </div>
        <p class="visually-hidden" role="status">${this._announcement}</p>
        ${this.#list()}
      </section>
      ${this.role === 'owner' && this._enabled !== null
        ? html`<section aria-labelledby="idea-settings-heading">
            <h2 id="idea-settings-heading">${t.settingsHeading}</h2>
            <form @submit=${(e: SubmitEvent) => void this.#saveSettings(e)}>
              <label class="inline">
                <input type="checkbox" .checked=${this._enabled} @change=${(e: Event) => (this._enabled = (e.target as HTMLInputElement).checked)} />
                ${t.enabledSetting}
              </label>
              <div><button class="primary" type="submit">${t.saveSettings}</button></div>
            </form>
          </section>`
        : nothing}`;
  }
}

define('samen-console-ideas', SamenConsoleIdeas);

declare global {
  interface HTMLElementTagNameMap {
    'samen-console-ideas': SamenConsoleIdeas;
  }
}
