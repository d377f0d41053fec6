import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { LatestLoad } from './latest-load.ts';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The texts a paged list shows around its items, from the view's catalogue. */
export interface PagedListStrings {
  loading: string;
  loadError: string;
  empty: string;
  listLabel: string;
  more: string;
}

/**
 * A console list loaded a page at a time: `load(false)` starts over (a filter changed), `load(true)`
 * appends the next page. Only the latest load counts, and leaving the page cancels it.
 */
export class PagedList<T extends { id: string }> {
  items: T[] = [];
  next: string | null = null;
  status: 'loading' | 'ready' | 'error' = 'loading';
  /** Why the last load failed, in the view's words. */
  error = '';
  readonly #host: ReactiveControllerHost;
  readonly #latest: LatestLoad;
  readonly #fetch: (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>;
  readonly #failed: (err: unknown) => string;

  /** `failed` turns a load's error into the text shown (see `failureText`). */
  constructor(
    host: ReactiveControllerHost,
    fetch: (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>,
    failed: (err: unknown) => string,
  ) {
    this.#host = host;
    this.#latest = new LatestLoad(host);
    this.#fetch = fetch;
    this.#failed = failed;
  }

  async load(more: boolean): Promise<void> {
    if (!more) this.#set({ status: 'loading' });
    await this.#latest.run(
      async (signal) => {
        const page = await this.#fetch(more ? this.next : null, signal);
        this.#set({ items: more ? [...this.items, ...page.items] : page.items, next: page.nextCursor, status: 'ready' });
      },
      (err) => this.#set({ error: this.#failed(err), status: 'error' }),
    );
  }

  /** Shows a changed item in its place. */
  replace(changed: T): void {
    this.#set({ items: this.items.map((i) => (i.id === changed.id ? changed : i)) });
  }

  /** The list's state, or its items (each in a list item) with a button for the next page. */
  render(t: PagedListStrings, item: (x: T) => TemplateResult): TemplateResult {
    if (this.status === 'loading') return html`<p class="state" role="status">${t.loading}</p>`;
    if (this.status === 'error') {
      return html`<div role="alert">
        <p class="state">${t.loadError} ${this.error}</p>
      </div>`;
    }
    if (!this.items.length) return html`<p class="state">${t.empty}</p>`;
    return html`<ul class="plain" aria-label=${t.listLabel}>
        ${this.items.map((x) => html`<li>${item(x)}</li>`)}
      </ul>
      ${this.next ? html`<button type="button" @click=${() => void this.load(true)}>${t.more}</button>` : nothing}`;
  }

  #set(change: Partial<Pick<PagedList<T>, 'items' | 'next' | 'status' | 'error'>>): void {
    Object.assign(this, change);
    this.#host.requestUpdate();
  }
}
