import { LitElement, html, css, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { define } from '../internal/define.ts';
import { emitInternal } from '../internal/events.ts';
import { relativeTime } from '../internal/relative-time.ts';
import { controls, tokens } from '../styles/shared.ts';
import { consoleStyles, queueStyles } from './styles.ts';
import {
  QUEUE_CATEGORIES,
  QUEUE_STATUSES,
  isSignedOut,
  type ConsoleApi,
  type QueueCategory,
  type QueueFilter,
  type QueueItem,
  type QueueLiveConnection,
  type QueueLiveState,
  type QueuePage,
  type QueueStatus,
} from './api.ts';
import { dueTime } from './queue-format.ts';
import { consoleErrorText, en, type ConsoleStrings } from './i18n/index.ts';
import './samen-console-queue-item.ts';
import './samen-console-queue-canned.ts';
import type { SamenConsoleQueueItem } from './samen-console-queue-item.ts';

type Status = 'loading' | 'ready' | 'error';
type StatusFilter = QueueStatus | 'active';

interface Filters {
  status: StatusFilter;
  product: string;
  category: QueueCategory | '';
  /** '' anyone, 'me', 'none' (unassigned). */
  assignee: '' | 'me' | 'none';
}

const STATUS_FILTERS: readonly StatusFilter[] = ['active', ...QUEUE_STATUSES];

/**
 * "Queue" (owners and agents): the questions routed to the brand's team, most urgent first as the
 * API orders them, with filters, live updates (WebSocket, polling while it is down), the item view
 * and the team's canned responses. Shopper text is rendered only through Lit text bindings.
 *
 * @fires session-ended - (internal) when the API says the session is gone
 */
export class SamenConsoleQueue extends LitElement {
  static override properties = {
    api: { attribute: false },
    t: { attribute: false },
    locale: { type: String },
    staffId: { type: String, attribute: 'staff-id' },
    _page: { state: true },
    _status: { state: true },
    _error: { state: true },
    _filters: { state: true },
    _products: { state: true },
    _open: { state: true },
    _live: { state: true },
    _cannedOpen: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    consoleStyles,
    queueStyles,
    css`
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem 1rem;
        align-items: end;
        margin-block-end: 1rem;
      }
      .live {
        font-size: 0.875rem;
        color: var(--_muted);
        margin: 0 0 1rem;
      }
      .rows > li + li {
        border-block-start: 1px solid var(--_border);
      }
      .rows article {
        padding-block: 0.75rem;
        padding-inline-start: 0.75rem;
        border-inline-start: 4px solid transparent;
        display: grid;
        gap: 0.25rem;
      }
      .rows article.breached {
        border-inline-start-color: var(--_error);
      }
      .rows article.near {
        border-inline-start-style: dashed;
        border-inline-start-color: var(--_error);
      }
      .canned {
        margin-block-start: 2rem;
      }
    `,
  ];

  declare api: ConsoleApi;
  declare t: ConsoleStrings;
  declare locale: string;
  /** The signed-in staff member, so the item view knows what "assigned to you" is. */
  declare staffId: string;
  declare private _page: QueuePage | null;
  declare private _status: Status;
  /** A refresh failed while a list was on screen: the list stays, with this message. */
  declare private _error: string;
  declare private _filters: Filters;
  /** Products seen in any page, for the product filter (the API has no product list of its own). */
  declare private _products: string[];
  /** The item whose view is open; its summary from the list when there was one. */
  declare private _open: { id: string; summary: QueueItem | null } | null;
  declare private _live: QueueLiveState;
  declare private _cannedOpen: boolean;
  private _loading?: AbortController;
  private _connection?: QueueLiveConnection;
  private _now = Date.now();

  constructor() {
    super();
    this.t = en;
    this.locale = 'en';
    this.staffId = '';
    this._page = null;
    this._status = 'loading';
    this._error = '';
    this._filters = { status: 'active', product: '', category: '', assignee: '' };
    this._products = [];
    this._open = null;
    this._live = 'connecting';
    this._cannedOpen = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.api) return;
    void this._load();
    this._connection = this.api.queueLive({
      onEvent: () => this._refresh(),
      onResync: () => this._refresh(),
      onState: (state) => (this._live = state),
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._loading?.abort();
    this._connection?.close();
    this._connection = undefined;
  }

  /** Something changed elsewhere: reload the list and the open item without clearing the screen. */
  private _refresh(): void {
    void this._load(true);
    this._itemView()?.refresh();
  }

  private _itemView(): SamenConsoleQueueItem | null {
    return this.renderRoot?.querySelector('samen-console-queue-item') ?? null;
  }

  private _query(): QueueFilter {
    const f = this._filters;
    return {
      status: f.status,
      ...(f.product ? { product: f.product } : {}),
      ...(f.category ? { category: f.category } : {}),
      ...(f.assignee ? { assignee: f.assignee } : {}),
    };
  }

  /** Loads the list; `quiet` keeps the current one on screen while it refreshes. */
  private async _load(quiet = false): Promise<void> {
    this._loading?.abort();
    const ctrl = (this._loading = new AbortController());
    if (!quiet || this._status !== 'ready') this._status = 'loading';
    try {
      const page = await this.api.queue(this._query(), ctrl.signal);
      if (ctrl.signal.aborted) return;
      this._now = Date.now();
      this._page = page;
      const products = new Set([...this._products, ...page.items.map((i) => i.productId)]);
      this._products = [...products].sort();
      this._error = '';
      this._status = 'ready';
    } catch (err) {
      if (ctrl.signal.aborted) return;
      if (isSignedOut(err)) emitInternal(this, 'session-ended');
      else if (this._status === 'ready') this._error = consoleErrorText(this.t, err);
      else this._status = 'error';
    }
  }

  private _setFilter<K extends keyof Filters>(key: K, value: Filters[K]): void {
    this._filters = { ...this._filters, [key]: value };
    void this._load();
  }

  private _openItem(id: string, summary: QueueItem | null): void {
    this._open = { id, summary };
  }

  private async _back(): Promise<void> {
    const id = this._open?.id;
    this._open = null;
    void this._load(true);
    await this.updateComplete;
    // Back where the user left: the row they opened, else the view's heading.
    const row = id ? this.renderRoot.querySelector<HTMLElement>(`#row-${CSS.escape(id)}`) : null;
    (row ?? this.renderRoot.querySelector<HTMLElement>('h2'))?.focus();
  }

  private _statusLabel(s: StatusFilter): string {
    const t = this.t.queue;
    const counts = this._page?.counts;
    if (!counts) return t.statuses[s];
    const n = s === 'active' ? counts.new + counts.open + counts.waiting : counts[s];
    return t.statusOption(t.statuses[s], n);
  }

  private _renderFilters() {
    const t = this.t.queue;
    const f = this._filters;
    const products = f.product && !this._products.includes(f.product) ? [...this._products, f.product] : this._products;
    return html`<div class="filters" role="group" aria-label=${t.filters}>
      <div>
        <label for="queue-status">${t.status}</label>
        <select id="queue-status" @change=${(e: Event) => this._setFilter('status', (e.target as HTMLSelectElement).value as StatusFilter)}>
          ${STATUS_FILTERS.map((s) => html`<option value=${s} ?selected=${f.status === s}>${this._statusLabel(s)}</option>`)}
        </select>
      </div>
      <div>
        <label for="queue-product">${t.product}</label>
        <select id="queue-product" @change=${(e: Event) => this._setFilter('product', (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!f.product}>${t.allProducts}</option>
          ${products.map((p) => html`<option value=${p} ?selected=${f.product === p}>${p}</option>`)}
        </select>
      </div>
      <div>
        <label for="queue-category">${t.category}</label>
        <select
          id="queue-category"
          @change=${(e: Event) => this._setFilter('category', (e.target as HTMLSelectElement).value as QueueCategory | '')}
        >
          <option value="" ?selected=${!f.category}>${t.allCategories}</option>
          ${QUEUE_CATEGORIES.map((c) => html`<option value=${c} ?selected=${f.category === c}>${t.categories[c]}</option>`)}
        </select>
      </div>
      <div>
        <label for="queue-assignee">${t.assignee}</label>
        <select
          id="queue-assignee"
          @change=${(e: Event) => this._setFilter('assignee', (e.target as HTMLSelectElement).value as Filters['assignee'])}
        >
          <option value="" ?selected=${!f.assignee}>${t.anyone}</option>
          <option value="me" ?selected=${f.assignee === 'me'}>${t.me}</option>
          <option value="none" ?selected=${f.assignee === 'none'}>${t.unassigned}</option>
        </select>
      </div>
    </div>`;
  }

  private _renderRow(item: QueueItem) {
    const t = this.t.queue;
    const rowId = `row-${item.id}`;
    const showDue = item.status !== 'resolved' && item.firstResponseAt === null;
    return html`<li>
      <article class=${item.status === 'resolved' ? 'ok' : item.sla} aria-labelledby=${rowId}>
        <p class="flags">
          ${item.priority ? html`<span class="flag priority">${t.priority}</span>` : nothing}
          ${item.sla === 'breached' && item.status !== 'resolved' ? html`<span class="flag overdue">${t.overdue}</span>` : nothing}
          ${item.sla === 'near' && item.status !== 'resolved' ? html`<span class="flag soon">${t.dueSoon}</span>` : nothing}
          <span class="flag status">${t.statuses[item.status]}</span>
        </p>
        <button type="button" class="open" id=${rowId} @click=${() => this._openItem(item.id, item)}>${item.body}</button>
        <p class="meta">
          <span>${this.t.product(item.productId)}</span>
          ${item.category ? html`<span>${t.categoryOf(t.categories[item.category])}</span>` : nothing}
          <span>${t.reason(t.reasons[item.reason])}</span>
          <span>${item.assignee ? t.assignedTo(item.assignee.name) : t.unassigned}</span>
          ${showDue ? html`<span>${t.due(dueTime(item.slaDueAt, this._now, this.locale))}</span>` : nothing}
          <time datetime=${new Date(item.askedAt).toISOString()}>${t.asked(relativeTime(item.askedAt, this._now, this.locale))}</time>
        </p>
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
          <p>${t.queue.error}</p>
          <button type="button" @click=${() => void this._load()}>${t.retry}</button>
        </div>`;
      case 'ready': {
        const items = this._page?.items ?? [];
        return html`${this._error
            ? html`<div class="error-box" role="alert">
                <p class="error">${t.queue.error} ${this._error}</p>
                <button type="button" @click=${() => void this._load(true)}>${t.retry}</button>
              </div>`
            : nothing}
          ${items.length
            ? html`<ul class="plain rows" aria-label=${t.queue.listLabel}>
                ${repeat(items, (i) => i.id, (i) => this._renderRow(i))}
              </ul>`
            : html`<p class="state">${t.queue.empty}</p>`}`;
      }
    }
  }

  private _renderCanned() {
    const t = this.t.queue;
    return html`<div class="canned">
      <button type="button" aria-expanded=${this._cannedOpen ? 'true' : 'false'} aria-controls="canned-panel" @click=${() => (this._cannedOpen = !this._cannedOpen)}>
        ${t.manageCanned}
      </button>
      <div id="canned-panel">
        ${this._cannedOpen
          ? html`<samen-console-queue-canned
              .api=${this.api}
              .t=${this.t}
              @session-ended=${() => emitInternal(this, 'session-ended')}
            ></samen-console-queue-canned>`
          : nothing}
      </div>
    </div>`;
  }

  protected override render() {
    const t = this.t;
    if (this._open) {
      return html`<samen-console-queue-item
        .api=${this.api}
        .t=${t}
        .summary=${this._open.summary}
        item-id=${this._open.id}
        locale=${this.locale}
        staff-id=${this.staffId}
        @back=${() => void this._back()}
        @open-item=${(e: CustomEvent<string>) => this._openItem(e.detail, null)}
        @session-ended=${() => emitInternal(this, 'session-ended')}
      ></samen-console-queue-item>`;
    }
    return html`<section aria-labelledby="queue-heading">
      <h2 id="queue-heading" tabindex="-1">${t.queue.tab}</h2>
      <p class="state">${t.queue.intro}</p>
      <p class="live">${t.queue.live[this._live]}</p>
      ${this._renderFilters()} ${this._renderList()} ${this._renderCanned()}
    </section>`;
  }
}

define('samen-console-queue', SamenConsoleQueue);

declare global {
  interface HTMLElementTagNameMap {
    'samen-console-queue': SamenConsoleQueue;
  }
}
