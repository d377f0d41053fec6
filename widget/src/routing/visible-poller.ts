import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface PollOptions {
  /** Milliseconds between polls while something is pending. */
  interval: () => number;
  /** Whether there is anything to wait for; no polling otherwise. */
  pending: () => boolean;
  /** One poll; a rejection counts as a failure and backs off. */
  poll: (signal: AbortSignal) => Promise<void>;
}

/**
 * Polls while the host waits for something (a reply from the brand's team) and only while the
 * page is visible: a hidden tab costs the API nothing, and coming back polls at once. Stops when
 * nothing is pending and when the host leaves the page. Failures back off (up to 8× the
 * interval) so an outage is not hammered.
 */
export class VisiblePoller implements ReactiveController {
  readonly #options: PollOptions;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inFlight: AbortController | undefined;
  #failures = 0;
  #connected = false;

  constructor(host: ReactiveControllerHost, options: PollOptions) {
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.schedule();
  }

  hostDisconnected(): void {
    this.#connected = false;
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#stop();
    this.#inFlight?.abort();
    this.#inFlight = undefined;
  }

  /** (Re)arms the next poll when something is pending and the page is visible; call when the data changes. */
  schedule(delay = this.#options.interval() * 2 ** Math.min(this.#failures, 3)): void {
    this.#stop();
    if (!this.#connected || document.hidden || this.#inFlight || !this.#options.pending()) return;
    this.#timer = setTimeout(() => void this.#run(), delay);
  }

  #onVisibility = (): void => (document.hidden ? this.#stop() : this.schedule(0));

  #stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #run(): Promise<void> {
    this.#timer = undefined;
    const ctrl = (this.#inFlight = new AbortController());
    try {
      await this.#options.poll(ctrl.signal);
      this.#failures = 0;
    } catch {
      if (ctrl.signal.aborted) return;
      this.#failures++;
    } finally {
      if (this.#inFlight === ctrl) this.#inFlight = undefined;
    }
    this.schedule();
  }
}
