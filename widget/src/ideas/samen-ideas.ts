import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { define } from '../internal/define.ts';
import { relativeTime } from '../internal/relative-time.ts';
import { badge, controls, tokens } from '../styles/shared.ts';
import { ApiRequestError, type Idea, type IdeaComment, type IdeaNotice, type IdeaSort, type Me, type SamenApi } from '../api/client.ts';
import { IDEA_LIMITS as L } from '../../../worker/src/idea-types.ts';
import { en, type Strings } from '../i18n/index.ts';
import { ideaError, ideaStringsFor, type IdeaStrings } from '../i18n/ideas/index.ts';
import { byline } from '../questions/byline.ts';
import { noticeFor } from '../questions/lazy.ts';
import { ideaStyles, statusLabel, votesText } from './idea-parts.ts';
import './samen-idea-form.ts';

const SORTS: readonly IdeaSort[] = ['top', 'new', 'done'];

/**
 * The Ideas tab (a lazy chunk, loaded when the tab opens): the shop's idea board on this product
 * (its ideas and the shop-wide ones) as Top, New and Done, each idea with its status and a "Vote"
 * toggle; "Share an idea" opens the form. Opening an idea shows its description, the team's
 * explanation of its status, the comments and a comment form. Shopper text is rendered only
 * through Lit text bindings.
 */
export class SamenIdeas extends LitElement {
  static override properties = {
    api: { attribute: false },
    t: { attribute: false },
    me: { attribute: false },
    product: { type: String },
    _sort: { state: true },
    _ideas: { state: true },
    _next: { state: true },
    _status: { state: true },
    _error: { state: true },
    _sharing: { state: true },
    _openId: { state: true },
    _detail: { state: true },
    _comment: { state: true },
    _commentError: { state: true },
    _busy: { state: true },
    _announce: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    badge,
    ideaStyles,
    css`
      h2 {
        font-size: 1.125em;
        margin: 0 0 0.25em;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: 0.5em;
        margin-block: 0.75em;
      }
      .seg {
        display: flex;
      }
      .seg button {
        border-radius: 0;
      }
      .seg button:first-child {
        border-start-start-radius: var(--_radius);
        border-end-start-radius: var(--_radius);
      }
      .seg button:last-child {
        border-start-end-radius: var(--_radius);
        border-end-end-radius: var(--_radius);
      }
      .seg button + button {
        border-inline-start: 0;
      }
      article {
        padding-block: 0.75em;
        border-block-end: 1px solid var(--_border);
        display: grid;
        gap: 0.25em;
      }
      .body {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .note {
        border-inline-start: 3px solid var(--_accent);
        padding-inline-start: 0.75em;
      }
      form {
        display: grid;
        gap: 0.5em;
      }
      [hidden] {
        display: none;
      }
    `,
  ];

  declare api: SamenApi;
  declare t: Strings;
  /** Who is using the widget: members post under their account's name. */
  declare me: Me | null;
  /** The product page's id; '' for the shop's board only. */
  declare product: string;
  declare private _sort: IdeaSort;
  declare private _ideas: Idea[];
  declare private _next: string | null;
  declare private _status: 'loading' | 'ready' | 'error';
  /** Code of the last failure to load (the list, or the open idea), or ''. */
  declare private _error: string;
  /** The share form is open (kept, hidden, while a similar idea is looked at). */
  declare private _sharing: boolean;
  /** The idea being looked at, and what the API said about it once loaded. */
  declare private _openId: string | null;
  declare private _detail: { idea: Idea; comments: IdeaComment[] } | null;
  declare private _comment: { text: string; name: string };
  declare private _commentError: { field: 'text' | 'name' | 'form'; message: string } | null;
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
    this._sort = 'top';
    this._ideas = [];
    this._next = this._openId = this._detail = this._commentError = null;
    this._status = 'loading';
    this._error = this._announce = '';
    this._sharing = this._busy = false;
    this._comment = { text: '', name: '' };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.api && (changed.has('product') || changed.has('api') || changed.has('me'))) void this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#loading?.abort();
  }

  #code = (err: unknown) => (err instanceof ApiRequestError ? err.code : 'generic');

  #text(code: string): string {
    const c = ideaStringsFor(this);
    return c ? ideaError(this.t, c, code) : code;
  }

  async #load(more = false): Promise<void> {
    this.#loading?.abort();
    const ctrl = (this.#loading = new AbortController());
    if (!more) this._status = 'loading';
    this._busy = true;
    try {
      const page = await this.api.ideas({ productId: this.product || null, sort: this._sort, cursor: more ? this._next : null }, ctrl.signal);
      this.#now = Date.now();
      this._ideas = more ? [...this._ideas, ...page.ideas.filter((i) => !this._ideas.some((k) => k.id === i.id))] : page.ideas;
      this._next = page.nextCursor;
      this._status = 'ready';
    } catch (err) {
      if (ctrl.signal.aborted) return;
      this._error = this.#code(err);
      if (more) this._announce = this.#text(this._error);
      else this._status = 'error';
    } finally {
      if (this.#loading === ctrl) this._busy = false;
    }
  }

  #focus(selector: string, root: () => ParentNode | null | undefined = () => this.renderRoot): void {
    void this.updateComplete.then(() => root()?.querySelector<HTMLElement>(selector)?.focus());
  }

  async #open(id: string): Promise<void> {
    this._openId = id;
    this._detail = null;
    this._error = '';
    this._comment = { text: '', name: '' };
    this._commentError = null;
    try {
      const detail = await this.api.idea(id);
      if (this._openId !== id) return;
      this.#now = Date.now();
      this._detail = detail;
    } catch (err) {
      this._error = this.#code(err);
    }
    this.#focus('#idea');
  }

  #close(): void {
    const id = this._openId;
    this._openId = this._detail = null;
    if (this._sharing) this.#focus('input', () => this.renderRoot.querySelector('samen-idea-form')?.renderRoot);
    else this.#focus(`[data-id="${id}"]`);
  }

  /** An idea changed (a vote): in the list and in the open idea. */
  #replace(changed: Idea): void {
    this._ideas = this._ideas.map((i) => (i.id === changed.id ? changed : i));
    if (this._detail?.idea.id === changed.id) this._detail = { ...this._detail, idea: changed };
  }

  async #vote(idea: Idea): Promise<void> {
    try {
      const { voted, voteCount } = await this.api.voteIdea(idea.id, !idea.voted);
      this.#replace({ ...idea, voted, voteCount });
    } catch (err) {
      this._announce = this.#text(this.#code(err));
    }
  }

  /** What to add about a post just stored: held for review, personal data masked. */
  async #noticeText(c: IdeaStrings, notice: IdeaNotice): Promise<string> {
    const masked = await noticeFor({ status: 'published', masked: notice.masked }, 'question', this.t.lang).catch(() => '');
    return `${notice.status === 'held' ? c.ideaHeld : ''} ${masked}`.trim();
  }

  #shared = async (e: CustomEvent<{ idea: Idea; notice: IdeaNotice }>): Promise<void> => {
    const c = ideaStringsFor(this)!;
    this._sharing = false;
    this._sort = 'new';
    void this.#load();
    await this.#open(e.detail.idea.id);
    this._announce = `${c.ideaPosted} ${await this.#noticeText(c, e.detail.notice)}`.trim();
  };

  async #postComment(e: SubmitEvent, c: IdeaStrings, idea: Idea): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const text = this._comment.text.trim();
    const name = this.me?.kind == 'member' ? '' : this._comment.name.trim();
    this._busy = true;
    try {
      if (text.length < L.comment.min || text.length > L.comment.max) {
        throw new ApiRequestError(400, text.length < L.comment.min ? 'idea_comment_too_short' : 'idea_comment_too_long', '');
      }
      const { comment, notice } = await this.api.commentOnIdea(idea.id, name ? { body: text, name } : { body: text });
      this._comment = { text: '', name: '' };
      this._commentError = null;
      if (this._detail?.idea.id === idea.id) {
        this._detail = { idea: { ...this._detail.idea, commentCount: this._detail.comments.length + 1 }, comments: [...this._detail.comments, comment] };
      }
      this._announce = `${c.commentPosted} ${await this.#noticeText(c, notice)}`.trim();
    } catch (err) {
      const code = this.#code(err);
      this._commentError = { field: code.startsWith('idea_comment') ? 'text' : code == 'name_too_long' ? 'name' : 'form', message: this.#text(code) };
      this.#focus('[aria-invalid="true"], .error');
    } finally {
      this._busy = false;
    }
  }

  #voteButton(c: IdeaStrings, idea: Idea) {
    return html`<p class="actions">
      <button type="button" aria-pressed=${idea.voted} @click=${() => void this.#vote(idea)}>${c.vote}</button>
      <span class="count">${votesText(c, idea.voteCount, this.t.lang)}</span>
    </p>`;
  }

  #item(c: IdeaStrings, idea: Idea) {
    return html`<li>
      <article aria-labelledby="i-${idea.id}">
        <h3><button type="button" class="link" id="i-${idea.id}" data-id=${idea.id} @click=${() => void this.#open(idea.id)}>${idea.title}</button></h3>
        <p class="meta">${statusLabel(c, idea.status)} ${c.categories[idea.category]} · ${c.comments(idea.commentCount)}</p>
        ${this.#voteButton(c, idea)}
      </article>
    </li>`;
  }

  #list(c: IdeaStrings) {
    const sort = this._sort;
    return html`<div class="bar">
        <button type="button" class="primary" @click=${() => (this._sharing = true)}>${c.shareIdea}</button>
        <div class="seg" role="group" aria-label=${c.show}>
          ${SORTS.map(
            (s) => html`<button
              type="button"
              aria-pressed=${s === sort}
              @click=${() => {
                this._sort = s;
                void this.#load();
              }}
            >
              ${c.sorts[s]}
            </button>`,
          )}
        </div>
      </div>
      ${this._status === 'loading'
        ? html`<p class="state" role="status">${c.loading}</p>`
        : this._status === 'error'
          ? html`<div role="alert">
              <p class="state">${c.loadError} ${this.#text(this._error)}</p>
              <button type="button" @click=${() => void this.#load()}>${this.t.retry}</button>
            </div>`
          : this._ideas.length
            ? html`<ul class="plain" aria-label=${c.listLabel[sort]}>
                ${this._ideas.map((i) => this.#item(c, i))}
              </ul>`
            : html`<p class="state">${c.empty[sort]}</p>`}
      ${this._next && this._status === 'ready'
        ? html`<button type="button" ?disabled=${this._busy} @click=${() => void this.#load(true)}>${this._busy ? c.loading : c.more}</button>`
        : nothing}`;
  }

  #commentForm(c: IdeaStrings, idea: Idea) {
    const t = this.t;
    const err = this._commentError;
    const bad = (field: string) => (err?.field === field ? 'true' : 'false');
    const error = (field: string) =>
      err?.field === field ? html`<p class="error" id="comment-${field}-error" role="alert" tabindex="-1">${err.message}</p>` : nothing;
    return html`<form novalidate @submit=${(e: SubmitEvent) => void this.#postComment(e, c, idea)}>
      <div>
        <label for="comment">${c.yourComment}</label>
        <textarea
          id="comment"
          .value=${this._comment.text}
          @input=${(e: InputEvent) => (this._comment = { ...this._comment, text: (e.target as HTMLTextAreaElement).value })}
          aria-invalid=${bad('text')}
          aria-describedby=${err?.field === 'text' ? 'comment-text-error' : nothing}
        ></textarea>
        ${error('text')}
      </div>
      ${this.me?.kind == 'member' && this.me.name
        ? html`<p class="hint">${t.postingAs(this.me.name)}</p>`
        : html`<div>
            <label for="comment-name">${t.yourName}</label>
            <input
              id="comment-name"
              autocomplete="nickname"
              .value=${this._comment.name}
              @input=${(e: InputEvent) => (this._comment = { ...this._comment, name: (e.target as HTMLInputElement).value })}
              aria-invalid=${bad('name')}
              aria-describedby=${err?.field === 'name' ? 'comment-name-error' : nothing}
            />
            ${error('name')}
          </div>`}
      <p><button class="primary" type="submit" ?disabled=${this._busy}>${this._busy ? t.posting : c.postComment}</button></p>
      ${error('form')}
    </form>`;
  }

  #detail(c: IdeaStrings) {
    const t = this.t;
    const back = html`<p><button type="button" @click=${() => this.#close()}>${c.back}</button></p>`;
    const d = this._detail;
    if (!d) {
      return html`${back}
        ${this._error
          ? html`<p class="error" id="idea" role="alert" tabindex="-1">${this.#text(this._error)}</p>`
          : html`<p class="state" role="status">${c.loading}</p>`}`;
    }
    const { idea, comments } = d;
    return html`${back}
      <article aria-labelledby="idea">
        <h3 id="idea" tabindex="-1">${idea.title}</h3>
        <p class="meta">
          ${statusLabel(c, idea.status)} ${c.categories[idea.category]}${idea.productId ? nothing : ` · ${c.wholeShop}`} ·
          ${byline(t, { ...idea, authorRole: null }, this.#now)}
        </p>
        ${idea.mergedInto
          ? html`<p>${c.mergedInto}</p>
              <p><button type="button" @click=${() => void this.#open(idea.mergedInto!)}>${c.openMerged}</button></p>`
          : this.#voteButton(c, idea)}
        <p class="body">${idea.body}</p>
        ${idea.statusNote
          ? html`<div class="note">
              <p class="meta">${c.statusFrom(t.brand)}${idea.statusAt
                  ? html` · <time datetime=${new Date(idea.statusAt).toISOString()}>${relativeTime(idea.statusAt, this.#now, t.lang)}</time>`
                  : nothing}</p>
              <p class="body">${idea.statusNote}</p>
            </div>`
          : nothing}
        <h4 id="comments">${c.commentsHeading}</h4>
        ${comments.length
          ? html`<ul class="plain" aria-labelledby="comments">
              ${comments.map((cm) => html`<li><p class="meta">${byline(t, cm, this.#now)}</p><p class="body">${cm.body}</p></li>`)}
            </ul>`
          : html`<p class="state">${c.comments(0)}</p>`}
        ${idea.mergedInto ? nothing : this.#commentForm(c, idea)}
      </article>`;
  }

  protected override render() {
    const c = ideaStringsFor(this);
    if (!c) return nothing;
    const open = this._openId !== null;
    return html`<h2>${c.heading}</h2>
      <p class="state">${c.intro}</p>
      <p class="visually-hidden" role="status">${this._announce}</p>
      ${this._sharing
        ? html`<samen-idea-form
            ?hidden=${open}
            .api=${this.api}
            .t=${this.t}
            .me=${this.me}
            product=${this.product}
            @shared=${this.#shared}
            @open=${(e: CustomEvent<string>) => void this.#open(e.detail)}
            @cancel=${() => {
              this._sharing = false;
              this.#focus('.primary');
            }}
          ></samen-idea-form>`
        : nothing}
      ${open ? this.#detail(c) : this._sharing ? nothing : this.#list(c)}`;
  }
}

define('samen-ideas', SamenIdeas);

declare global {
  interface HTMLElementTagNameMap {
    'samen-ideas': SamenIdeas;
  }
}
