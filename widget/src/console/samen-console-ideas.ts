import { LitElement, html, css, nothing } from 'lit';
import { define } from '../internal/define.ts';
import { relativeTime } from '../internal/relative-time.ts';
import { controls, tokens } from '../styles/shared.ts';
import { articleListStyles, consoleStyles, inlineLabelStyles } from './styles.ts';
import { ConsoleApiError } from './api.ts';
import { OwnerToggle } from './owner-toggle.ts';
import { PagedList } from './paged-list.ts';
import { failureText } from './view-errors.ts';
import { createConsoleIdeasApi, type ConsoleIdea, type ConsoleIdeasApi, type IdeaStatus } from './ideas-api.ts';
import { IDEA_STATUSES, type ConsoleIdeaPage } from '../../../worker/src/idea-types.ts';
import { consoleIdeasStrings, type ConsoleIdeasStrings } from './i18n/ideas.ts';
import type { Language } from './i18n/index.ts';

/** How many pages of 20 ideas the merge form offers to keep (the whole board of any real shop). */
const MAX_TARGET_PAGES = 25;

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
    _filter: { state: true },
    _open: { state: true },
    _draft: { state: true },
    _targets: { state: true },
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
      .note {
        border-inline-start: 3px solid var(--_accent);
        padding-inline-start: 0.75rem;
      }
      .pill {
        font-weight: 700;
        color: var(--_accent);
      }
    `,
  ];

  /** The idea board calls; created for the page's own origin unless one is given (tests). */
  declare api: ConsoleIdeasApi | null;
  declare locale: Language;
  /** The signed-in staff member's role: owners also get the board's setting. */
  declare role: 'owner' | 'agent';
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
  #ideas = new PagedList<ConsoleIdea>(
    this,
    async (cursor, signal) => {
      const page = await this.api!.ideas({ status: this._filter, cursor }, signal);
      return { items: page.ideas, nextCursor: page.nextCursor };
    },
    (err) => this.#failed(err),
  );
  #setting = new OwnerToggle(this, {
    read: async () => (await this.api!.settings()).enabled,
    write: async (on) => (await this.api!.saveSettings({ enabled: on })).enabled,
    announce: (text) => (this._announcement = text),
    saved: () => this.#t.settingsSaved,
    failed: (err) => this.#failed(err),
  });

  constructor() {
    super();
    this.api = null;
    this.locale = 'en';
    this.role = 'agent';
    this._targets = [];
    this._filter = null;
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
    if (this.role === 'owner') void this.#setting.load();
  }

  #failed(err: unknown): string {
    return failureText(this, this.#t.errors, err);
  }

  async #load(more: boolean): Promise<void> {
    if (this.api) await this.#ideas.load(more);
  }

  async #openForm(kind: 'status' | 'merge', idea: ConsoleIdea): Promise<void> {
    this._open = `${kind}:${idea.id}`;
    this._draft = { status: idea.status, note: idea.statusNote ?? '', into: '' };
    this._error = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${kind}-${idea.id}`)?.focus());
    if (kind === 'merge') {
      // Any idea can be the one to keep, whatever the list is filtered on or how far it was paged:
      // fetch the whole board (up to MAX_TARGET_PAGES pages), newest first.
      try {
        const all: ConsoleIdea[] = [];
        let cursor: string | null = null;
        for (let page = 0; page < MAX_TARGET_PAGES; page++) {
          const got: ConsoleIdeaPage = await this.api!.ideas({ status: null, cursor });
          all.push(...got.ideas);
          if (!(cursor = got.nextCursor)) break;
        }
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

  #saveStatus = (e: Event, idea: ConsoleIdea) =>
    this.#run(e, async () => {
      this.#ideas.replace(await this.api!.change(idea.id, { status: this._draft.status, note: this._draft.note }));
      return this.#t.statusSaved(idea.title);
    });

  #publish = (idea: ConsoleIdea) =>
    this.#run(null, async () => {
      this.#ideas.replace(await this.api!.change(idea.id, { moderation: 'published' }));
      return this.#t.published(idea.title);
    });

  #merge = (e: Event, idea: ConsoleIdea) =>
    this.#run(e, async () => {
      // Checked here, not by the API: a code like the API's so it reads from the same catalogue.
      if (!this._draft.into) throw new ConsoleApiError(0, 'choose_target', 'No idea to merge into was chosen.');
      const kept = await this.api!.merge(idea.id, this._draft.into);
      await this.#load(false);
      return this.#t.merged(idea.title, kept.title);
    });

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
        ${this.#ideas.render(t, (i) => this.#item(i))}
      </section>
      ${this.role === 'owner' ? this.#setting.render('idea-settings-heading', t, t.enabledSetting) : nothing}`;
  }
}

define('samen-console-ideas', SamenConsoleIdeas);

declare global {
  interface HTMLElementTagNameMap {
    'samen-console-ideas': SamenConsoleIdeas;
  }
}
