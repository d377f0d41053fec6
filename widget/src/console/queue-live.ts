/**
 * Live updates of the staff queue: a WebSocket to `GET /api/v1/console/queue/live` that pushes a
 * {@link QueueLiveEvent} whenever an item is routed or changes. The socket can drop (deploys,
 * sleeping laptops, proxies), so it reconnects with exponential backoff, and while it is down the
 * console polls instead, so staff never sit in front of a stale queue.
 */
import type { QueueLiveEvent } from '../../../worker/src/routes/console-types.ts';

/** `connecting` before the first socket opens; `live` while one is open; `polling` while it is down. */
export type QueueLiveState = 'connecting' | 'live' | 'polling';

export interface QueueLiveHandlers {
  /** Something changed in the queue. */
  onEvent(event: QueueLiveEvent): void;
  /** Reload everything: each poll while the socket is down, and after a reconnect (events may have been missed). */
  onResync(): void;
  onState?(state: QueueLiveState): void;
}

export interface QueueLiveConnection {
  /** Stops for good: closes the socket, no reconnects, no polling. */
  close(): void;
}

/** The part of a WebSocket this module uses, so tests can hand it a stand-in. */
export interface LiveSocket {
  readonly readyState: number;
  onopen: ((ev: Event) => unknown) | null;
  onmessage: ((ev: MessageEvent) => unknown) | null;
  onclose: ((ev: CloseEvent) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  close(code?: number, reason?: string): void;
  send(data: string): void;
}

export interface QueueLiveOptions {
  /** The socket's URL (ws: or wss:); {@link queueLiveUrl} by default. */
  url?: URL | string;
  createSocket?: (url: string) => LiveSocket;
  /** How often to reload while the socket is down. */
  pollMs?: number;
  /** First reconnect delay, doubled per failure up to `maxBackoffMs` (with jitter). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A socket still not open after this long counts as down. */
  connectTimeoutMs?: number;
  /**
   * How often to send `ping` while open (the site inbox answers `pong` without waking up). It keeps
   * proxies from closing an idle socket, and a socket that stays silent until the next ping is dead.
   */
  pingMs?: number;
}

export const POLL_INTERVAL_MS = 30_000;
const INITIAL_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;
const CONNECT_TIMEOUT_MS = 10_000;
const PING_MS = 30_000;

/** The live socket's address on the page's own origin (the session cookie authenticates it). */
export function queueLiveUrl(page: string = location.href): URL {
  const url = new URL('/api/v1/console/queue/live', page);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url;
}

const CHANGES = new Set<QueueLiveEvent['change']>(['routed', 'claimed', 'replied', 'noted', 'resolved', 'reopened', 'published', 'moved_to_community', 'shopper_wrote']);

/** A frame as a queue event, or null for anything else (pongs, future frame types, garbage). */
export function parseQueueLiveEvent(data: unknown): QueueLiveEvent | null {
  if (typeof data !== 'string') return null;
  let v: unknown;
  try {
    v = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const { type, itemId, change } = v as Record<string, unknown>;
  if (type !== 'queue' || typeof itemId !== 'string' || !CHANGES.has(change as QueueLiveEvent['change'])) return null;
  return { type, itemId, change: change as QueueLiveEvent['change'] };
}

/** Opens the live connection; it keeps itself up until {@link QueueLiveConnection.close}. */
export function connectQueueLive(handlers: QueueLiveHandlers, options: QueueLiveOptions = {}): QueueLiveConnection {
  const url = String(options.url ?? queueLiveUrl());
  const createSocket = options.createSocket ?? ((u: string) => new WebSocket(u));
  const pollMs = options.pollMs ?? POLL_INTERVAL_MS;
  const initialBackoff = options.initialBackoffMs ?? INITIAL_BACKOFF_MS;
  const maxBackoff = options.maxBackoffMs ?? MAX_BACKOFF_MS;
  const connectTimeout = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  const pingMs = options.pingMs ?? PING_MS;

  let socket: LiveSocket | null = null;
  let closed = false;
  let failures = 0;
  let missedEvents = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let connectTimer: ReturnType<typeof setTimeout> | undefined;
  let pollTimer: ReturnType<typeof setInterval> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  /** Nothing arrived since the last ping. */
  let silent = false;
  let state: QueueLiveState | null = null;

  const setState = (next: QueueLiveState): void => {
    if (state === next) return;
    state = next;
    handlers.onState?.(next);
  };

  const stopPolling = (): void => {
    clearInterval(pollTimer);
    pollTimer = undefined;
  };

  const stopPinging = (): void => {
    clearInterval(pingTimer);
    pingTimer = undefined;
  };

  const down = (): void => {
    clearTimeout(connectTimer);
    stopPinging();
    socket = null;
    if (closed) return;
    missedEvents = true;
    pollTimer ??= setInterval(() => handlers.onResync(), pollMs);
    setState('polling');
    // Jitter keeps a whole team's consoles from reconnecting in the same instant after a deploy.
    const delay = Math.min(maxBackoff, initialBackoff * 2 ** failures) * (0.5 + Math.random() / 2);
    failures++;
    clearTimeout(reconnectTimer);
    reconnectTimer = setTimeout(connect, delay);
  };

  function connect(): void {
    if (closed) return;
    let ws: LiveSocket;
    try {
      ws = createSocket(url);
    } catch {
      down();
      return;
    }
    socket = ws;
    connectTimer = setTimeout(() => {
      if (socket !== ws || ws.readyState === 1) return;
      ws.onclose = null;
      ws.close();
      down();
    }, connectTimeout);
    ws.onopen = () => {
      if (socket !== ws) return;
      clearTimeout(connectTimer);
      failures = 0;
      stopPolling();
      silent = false;
      pingTimer = setInterval(() => {
        if (socket !== ws) return;
        if (silent) {
          // No pong since the last ping: the connection is gone without a close (sleep, network switch).
          ws.onclose = null;
          ws.close();
          down();
          return;
        }
        silent = true;
        try {
          ws.send('ping');
        } catch {
          // A socket that cannot send is closing; its close event takes over.
        }
      }, pingMs);
      setState('live');
      if (missedEvents) {
        missedEvents = false;
        handlers.onResync();
      }
    };
    ws.onmessage = (e) => {
      if (socket !== ws) return;
      silent = false;
      const event = parseQueueLiveEvent(e.data);
      if (event) handlers.onEvent(event);
    };
    ws.onclose = () => {
      if (socket === ws) down();
    };
    // An error is always followed by a close, which does the work.
    ws.onerror = () => {};
  }

  setState('connecting');
  connect();

  return {
    close() {
      if (closed) return;
      closed = true;
      clearTimeout(reconnectTimer);
      clearTimeout(connectTimer);
      stopPolling();
      stopPinging();
      const ws = socket;
      socket = null;
      if (ws) {
        ws.onclose = null;
        ws.close(1000);
      }
    },
  };
}
