import { LitElement, html, css, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { define } from '../internal/define.ts';
import { emitInternal } from '../internal/events.ts';
import { relativeTime } from '../internal/relative-time.ts';
import { controls, tokens } from '../styles/shared.ts';
import { articleListStyles, consoleStyles } from './styles.ts';
import {
  ConsoleApiError,
  MODERATION_REASON_MAX,
  isSignedOut,
  type ConsoleApi,
  type ConsoleModerationItem,
  type ConsoleModerationLogEntry,
  type ModerationDecision,
} from './api.ts';
import { consoleErrorText, en, type ConsoleStrings } from './i18n/index.ts';
import { LatestLoad } from './latest-load.ts';

type Status = 'loading' | 'ready' | 'error';

interface History {
  status: Status;
  entries: ConsoleModerationLogEntry[];
}

/** The decisions that fit an item's status. */
const decisionsFor = (item: ConsoleModerationItem): ModerationDecision[] =>
  item.status === 'removed' ? ['restore'] : ['approve', 'remove'];

/**
 * "Moderation" (owners and agents): questions and answers held for review, hidden after reports
 * or removed, with Approve / Remove / Restore, an optional reason for the audit log, and each
 * item's history. Shopper text is rendered only through Lit text bindings.
 *
 * @fires session-ended - (internal) when the API says the session is gone
 */
export class SamenConsoleModeration extends LitElement {
  static override properties = {
    api: { attribute: false },
    t: { attribute: false },
    locale: { type: String },
    _items: { state: true },
    _status: { state: true },
    _reasons: { state: true },
    _busy: { state: true },
    _error: { state: true },
    _announcement: { state: true },
    _histories: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    consoleStyles,
    articleListStyles,
    css`
      .kind {
        margin: 0;
        font-size: 0.875rem;
        font-weight: 600;
      }
      .badge {
        display: inline-block;
        margin-inline-start: 0.5rem;
        padding-inline: 0.5rem;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        font-weight: 400;
      }
      .badge.removed {
        border-color: var(--_error);
        color: var(--_error);
      }
      .body {
        margin: 0;
      }
      .history {
        font-size: 0.875rem;
      }
      .history li {
        border: 0;
        padding-block: 0.25rem;
      }
    `,
  ];

  declare api: ConsoleApi;
  declare t: ConsoleStrings;
  declare locale: string;
  declare private _items: ConsoleModerationItem[];
  declare private _status: Status;
  /** What staff typed as the reason, per item id. */
  declare private _reasons: Record<string, string>;
  /** The item a decision is being sent for. */
  declare private _busy: string | null;
  declare private _error: { id: string | null; message: string } | null;
  declare private _announcement: string;
  /** Open histories, per item id. */
  declare private _histories: Record<string, History>;
  private _loading = new LatestLoad(this);
  private _now = Date.now();

  constructor() {
    super();
    this.t = en;
    this.locale = 'en';
    this._items = [];
    this._status = 'loading';
    this._reasons = {};
    this._busy = null;
    this._error = null;
    this._announcement = '';
    this._histories = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.api) void this._load();
  }

  /** Loads the queue; `quiet` keeps the current list on screen while it refreshes after a decision. */
  private async _load(quiet = false): Promise<void> {
    if (!quiet) this._status = 'loading';
    await this._loading.run(
      async (signal) => {
        const items = await this.api.moderationQueue(signal);
        this._now = Date.now();
        this._items = items;
        this._status = 'ready';
        // Histories of items that left the queue are dropped; open ones are reloaded (a decision adds a row).
        const open = Object.keys(this._histories).filter((id) => items.some((i) => i.id === id));
        this._histories = Object.fromEntries(open.map((id) => [id, this._histories[id]!]));
        for (const id of open) {
          const item = items.find((i) => i.id === id);
          if (item) void this._loadHistory(item);
        }
      },
      (err) => {
        if (isSignedOut(err)) emitInternal(this, 'session-ended');
        else if (quiet) this._error = { id: null, message: consoleErrorText(this.t, err) };
        else this._status = 'error';
      },
    );
  }

  private async _decide(item: ConsoleModerationItem, decision: ModerationDecision): Promise<void> {
    if (this._busy) return;
    this._busy = item.id;
    this._error = null;
    this._announcement = '';
    const reason = (this._reasons[item.id] ?? '').trim();
    try {
      await this.api.moderate(item.targetType, item.id, decision, reason || undefined);
      this._announcement = this.t.decided[decision];
      this._reasons = { ...this._reasons, [item.id]: '' };
      await this._load(true);
      // Enabled again before focus moves: a disabled button cannot take focus.
      this._busy = null;
      // The item may have left the list (approved, restored): keep keyboard focus in the view.
      await this.updateComplete;
      const next = this.renderRoot.querySelector<HTMLElement>(`#actions-${CSS.escape(item.id)} button`);
      (next ?? this.renderRoot.querySelector<HTMLElement>('h2'))?.focus();
    } catch (err) {
      if (isSignedOut(err)) {
        emitInternal(this, 'session-ended');
        return;
      }
      this._error = { id: item.id, message: consoleErrorText(this.t, err, 'moderation_reason_too_long') };
      // Someone else decided, or the item is gone: show the list as it is now, with the message on top.
      const code = err instanceof ConsoleApiError ? err.code : '';
      if (code === 'moderation_conflict' || code.endsWith('_not_found')) {
        this._error = { id: null, message: this._error.message };
        await this._load(true);
      }
    } finally {
      this._busy = null;
    }
  }

  private async _toggleHistory(item: ConsoleModerationItem): Promise<void> {
    if (this._histories[item.id]) {
      const { [item.id]: _closed, ...rest } = this._histories;
      this._histories = rest;
      return;
    }
    await this._loadHistory(item);
  }

  private async _loadHistory(item: ConsoleModerationItem): Promise<void> {
    this._histories = { ...this._histories, [item.id]: { status: 'loading', entries: this._histories[item.id]?.entries ?? [] } };
    try {
      const entries = await this.api.moderationLog(item.targetType, item.id);
      if (this._histories[item.id]) this._histories = { ...this._histories, [item.id]: { status: 'ready', entries } };
    } catch (err) {
      if (isSignedOut(err)) {
        emitInternal(this, 'session-ended');
        return;
      }
      if (this._histories[item.id]) this._histories = { ...this._histories, [item.id]: { status: 'error', entries: [] } };
    }
  }

  /** A stored reason in the reader's language where Samen wrote it (hold reasons, report counts); staff text as written. */
  private _reasonText(reason: string): string {
    const t = this.t;
    const held = t.holdReasons[reason];
    if (held) return held;
    const reported = /^reported by (\d+) shoppers$/.exec(reason);
    if (reported) return t.reportedBy(Number(reported[1]));
    return reason;
  }

  private _actor(e: ConsoleModerationLogEntry): string {
    if (e.actorName) return e.actorName;
    if (e.actor === 'system') return this.t.automatic;
    if (e.actor.startsWith('staff:')) return this.t.formerStaff;
    return e.actor;
  }

  private _label(decision: ModerationDecision): string {
    const t = this.t;
    return { approve: t.approve, remove: t.removeItem, restore: t.restore }[decision];
  }

  private _renderHistory(item: ConsoleModerationItem) {
    const t = this.t;
    const history = this._histories[item.id];
    if (!history) return nothing;
    if (history.status === 'error') return html`<p class="error" role="alert">${t.historyError}</p>`;
    if (history.status === 'loading' && !history.entries.length) return html`<p class="state" role="status">${t.loading}</p>`;
    return html`<ol class="plain history" id="history-${item.id}" aria-label=${t.historyLabel}>
      ${history.entries.map(
        (e) => html`<li>
          <strong>${t.historyActions[e.action]}</strong> · ${this._actor(e)} · ${this._reasonText(e.reason)} ·
          <time datetime=${new Date(e.createdAt).toISOString()}>${relativeTime(e.createdAt, this._now, this.locale)}</time>
        </li>`,
      )}
    </ol>`;
  }

  private _renderItem(item: ConsoleModerationItem) {
    const t = this.t;
    const busy = this._busy !== null;
    const error = this._error?.id === item.id ? this._error.message : '';
    const reasonId = `reason-${item.id}`;
    const describedBy = [error ? `error-${item.id}` : '', `reason-hint-${item.id}`].filter(Boolean).join(' ');
    const open = Boolean(this._histories[item.id]);
    return html`<li>
      <article aria-labelledby="body-${item.id}">
        <p class="kind">
          ${t.itemKinds[item.targetType]}
          <span class="badge ${item.status}">${t.itemStatus[item.status]}</span>
        </p>
        <p class="body" id="body-${item.id}">${item.body}</p>
        <p class="meta">
          <span>${item.authorName ?? t.anonymous}</span>
          <span>${t.product(item.productId)}</span>
          <span>${t.reportCount(item.reportCount)}</span>
          ${item.lastReason ? html`<span>${t.lastReason(this._reasonText(item.lastReason))}</span>` : nothing}
          <time datetime=${new Date(item.createdAt).toISOString()}>${relativeTime(item.createdAt, this._now, this.locale)}</time>
        </p>
        <div>
          <label for=${reasonId}>${t.reasonLabel}</label>
          <input
            id=${reasonId}
            autocomplete="off"
            maxlength=${MODERATION_REASON_MAX}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${describedBy}
            .value=${this._reasons[item.id] ?? ''}
            @input=${(e: InputEvent) => (this._reasons = { ...this._reasons, [item.id]: (e.target as HTMLInputElement).value })}
          />
          <p class="hint" id="reason-hint-${item.id}">${t.reasonHint}</p>
        </div>
        ${error ? html`<p class="error" id="error-${item.id}" role="alert">${error}</p>` : nothing}
        <div class="actions" id="actions-${item.id}">
          ${decisionsFor(item).map(
            (d) => html`<button
              type="button"
              class=${d === 'remove' ? 'danger' : 'primary'}
              aria-describedby="body-${item.id}"
              ?disabled=${busy}
              @click=${() => void this._decide(item, d)}
            >
              ${this._label(d)}
            </button>`,
          )}
          <button type="button" aria-expanded=${open ? 'true' : 'false'} @click=${() => void this._toggleHistory(item)}>
            ${open ? t.hideHistory : t.showHistory}
          </button>
        </div>
        ${this._renderHistory(item)}
      </article>
    </li>`;
  }

  private _renderList() {
    const t = this.t;
    switch (this._status) {
      case 'loading':
        return html`<p class="state" role="status">${t.loading}</p>`;
      case 'error':
        return html`<div role="alert">
          <p>${t.moderationError}</p>
          <button type="button" @click=${() => void this._load()}>${t.retry}</button>
        </div>`;
      case 'ready':
        if (!this._items.length) return html`<p class="state">${t.moderationEmpty}</p>`;
        return html`<ul class="plain" aria-label=${t.moderationListLabel}>
          ${repeat(this._items, (i) => `${i.targetType}:${i.id}`, (i) => this._renderItem(i))}
        </ul>`;
    }
  }

  protected override render() {
    const t = this.t;
    const general = this._error && this._error.id === null ? this._error.message : '';
    return html`<section aria-labelledby="moderation-heading">
      <h2 id="moderation-heading" tabindex="-1">${t.moderationTab}</h2>
      <p class="state">${t.moderationIntro}</p>
      ${general ? html`<p class="error" role="alert">${general}</p>` : nothing}
      <p class="status" role="status">${this._announcement}</p>
      ${this._renderList()}
    </section>`;
  }
}

define('samen-console-moderation', SamenConsoleModeration);

declare global {
  interface HTMLElementTagNameMap {
    'samen-console-moderation': SamenConsoleModeration;
  }
}
