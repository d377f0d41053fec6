import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiRequestError } from '../api/client.ts';

/**
 * Runs a search as the shopper types: waits for a pause (250 ms), cancels the request of the
 * previous text, and asks its host to render when results (or an error code) arrive. Earlier
 * results stay in place while the next ones load, so the list does not flicker.
 */
export class DebouncedQuery<T> implements ReactiveController {
  /** The trimmed text the results are for; empty when there is no query. */
  query = '';
  /** Results for the latest text, or null before any arrived (and with no query). */
  results: T[] | null = null;
  /** Error code of the last failed request, or ''. */
  error = '';
  private readonly _host: ReactiveControllerHost;
  private readonly _fetch: (q: string, signal: AbortSignal) => Promise<T[]>;
  private _timer?: ReturnType<typeof setTimeout>;
  private _request?: AbortController;

  constructor(host: ReactiveControllerHost, fetch: (q: string, signal: AbortSignal) => Promise<T[]>, readonly delay = 250) {
    this._host = host;
    this._fetch = fetch;
    host.addController(this);
  }

  /** The text as typed now. */
  set(text: string): void {
    const q = text.trim();
    if (q === this.query) return;
    this.query = q;
    this.hostDisconnected();
    this.error = '';
    if (q) this._timer = setTimeout(() => void this._run(q), this.delay);
    else this.results = null;
    this._host.requestUpdate();
  }

  private async _run(q: string): Promise<void> {
    const request = (this._request = new AbortController());
    let results: T[] | null = null;
    let error = '';
    try {
      results = await this._fetch(q, request.signal);
    } catch (err) {
      error = err instanceof ApiRequestError ? err.code : 'generic';
    }
    // A newer text took over meanwhile: its request decides.
    if (request.signal.aborted) return;
    this.results = results;
    this.error = error;
    this._host.requestUpdate();
  }

  hostDisconnected(): void {
    clearTimeout(this._timer);
    this._request?.abort();
  }
}
