import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A view's one running load: a new one cancels the one before (the filter changed mid-flight) and
 * leaving the page cancels it, so a late answer never lands in a view that has moved on.
 */
export class LatestLoad implements ReactiveController {
  #running?: AbortController;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Runs `work` as the latest load; `failed` hears of its error unless the load was cancelled. */
  async run(work: (signal: AbortSignal) => Promise<void>, failed: (err: unknown) => void): Promise<void> {
    this.#running?.abort();
    const { signal } = (this.#running = new AbortController());
    try {
      await work(signal);
    } catch (err) {
      if (!signal.aborted) failed(err);
    }
  }

  hostDisconnected(): void {
    this.#running?.abort();
  }
}
