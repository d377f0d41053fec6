import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { define } from '../internal/define.ts';
import { relativeTime } from '../internal/relative-time.ts';
import { badge, controls, tokens } from '../styles/shared.ts';
import type { Answer, SamenApi } from '../api/client.ts';
import type { ProfileCard } from '../../../worker/src/reputation-types.ts';
import { en, type Strings } from '../i18n/index.ts';
import { levelText, profileStringsFor, type ProfileStrings } from '../i18n/profile/index.ts';
import { en as profileEn } from '../i18n/profile/en.ts';

/**
 * An answer's byline for an author with a public profile: their name as a button that opens a
 * small profile card (a modal dialog named "Profile of <name>"; Escape or Close returns focus to
 * the name), their level and badges, the Expert or team badge, "(you)" and when. Lives in the
 * community chunk with the answers; the card's data is fetched only when it is opened.
 */
export class SamenAuthor extends LitElement {
  static override properties = {
    api: { attribute: false },
    post: { attribute: false },
    t: { attribute: false },
    now: { type: Number },
    _card: { state: true },
    _failed: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    badge,
    css`
      :host {
        display: inline;
      }
      .name {
        min-block-size: 0;
        padding: 0;
        border: 0;
        background: none;
        color: inherit;
        font-weight: 600;
        text-decoration: underline;
        text-underline-offset: 2px;
      }
      .level {
        font-weight: 600;
        color: var(--_accent);
      }
      ul {
        display: inline;
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        display: inline-block;
        margin-inline-end: 0.25em;
      }
      .badges li {
        background: transparent;
        color: var(--_accent);
        border: 1px solid var(--_accent);
      }
      dialog {
        max-inline-size: min(22em, calc(100vw - 2em));
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_surface);
        color: var(--_text);
        padding: 1em;
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.3);
      }
      h3,
      p {
        margin: 0 0 0.5em;
      }
    `,
  ];

  declare api: SamenApi;
  declare post: Answer;
  declare t: Strings;
  declare now: number;
  declare private _card: ProfileCard | null;
  declare private _failed: boolean;
  private _loading?: AbortController;

  constructor() {
    super();
    this.t = en;
    this.now = Date.now();
    this._card = null;
    this._failed = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Lists reuse elements by position: another author's card must not linger.
    if (changed.has('post') && changed.get('post')?.reputation?.profileId !== this.post.reputation?.profileId) {
      this._loading?.abort();
      this._card = null;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._loading?.abort();
  }

  private get _dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  private async _open(): Promise<void> {
    const id = this.post.reputation?.profileId;
    if (!id) return;
    this._dialog?.showModal();
    this.requestUpdate();
    if (this._card?.profileId === id) return;
    this._loading?.abort();
    const ctrl = (this._loading = new AbortController());
    this._failed = false;
    try {
      const card = await this.api.profile(id, ctrl.signal);
      if (!ctrl.signal.aborted) this._card = card;
    } catch {
      if (!ctrl.signal.aborted) this._failed = true;
    }
  }

  /** Escape and Close both end here: focus goes back to the name that opened the card. */
  private _closed(): void {
    this.requestUpdate();
    this.renderRoot.querySelector<HTMLElement>('.name')?.focus();
  }

  private _renderCard(p: ProfileStrings, name: string) {
    const c = this._card;
    if (this._failed) return html`<p role="alert">${p.failed}</p>`;
    if (!c) return html`<p role="status">${p.loading}</p>`;
    const since = c.memberSince
      ? new Intl.DateTimeFormat(this.t.lang, { month: 'long', year: 'numeric' }).format(new Date(c.memberSince))
      : null;
    return html`<h3>${name}</h3>
      <p class="level">${p.level(levelText(p, c))}</p>
      ${c.badges.length
        ? html`<ul class="badges" aria-label=${p.badgesLabel}>
            ${c.badges.map((b) => html`<li class="badge">${p.badges[b]}</li>`)}
          </ul>`
        : nothing}
      <p>${p.answered(c.answerCount, c.acceptedCount)}</p>
      <p>${p.reviews(c.reviewCount)}</p>
      ${since ? html`<p>${p.memberSince(since)}</p>` : nothing}`;
  }

  protected override render() {
    const { t, post } = this;
    const p = profileStringsFor(this);
    const r = post.reputation;
    const name = post.authorName ?? t.anonymous;
    const open = this._dialog?.open ?? false;
    return html`<button
        type="button"
        class="name"
        aria-haspopup="dialog"
        aria-expanded=${open ? 'true' : 'false'}
        @click=${() => this._open()}
      >
        ${name}
      </button>
      ${post.authorRole === 'expert' || post.authorRole === 'staff'
        ? html`<span class="badge">${post.authorRole === 'staff' ? t.staffTeam(t.brand) : t.expert}</span>`
        : nothing}
      ${p && r
        ? html`<span class="level">${levelText(p, r)}</span>
            ${r.badges.length
              ? html`<ul class="badges" aria-label=${p.badgesLabel}>
                  ${r.badges.map((b) => html`<li class="badge">${p.badges[b]}</li>`)}
                </ul>`
              : nothing}`
        : nothing}
      ${post.mine ? html`(${t.you})` : nothing} ·
      <time datetime=${new Date(post.createdAt).toISOString()}>${relativeTime(post.createdAt, this.now, t.lang)}</time>
      <dialog aria-label=${(p ?? profileEn).profileOf(name)} @close=${() => this._closed()}>
        ${p && open ? this._renderCard(p, name) : nothing}
        <form method="dialog"><button>${(p ?? profileEn).close}</button></form>
      </dialog>`;
  }
}

define('samen-author', SamenAuthor);

declare global {
  interface HTMLElementTagNameMap {
    'samen-author': SamenAuthor;
  }
}
