/**
 * The console's side of a live chat room (`GET /api/v1/console/conversations/:id/live`): one
 * WebSocket that greets with `hello {lastSeq}` (the room replays what was missed), an outbox that
 * keeps every message until the room acknowledges it (resent after every reconnect; the room
 * stores each client id once), reconnects with backoff and jitter, and — while the socket is
 * down — a REST fallback that sends the outbox and fetches new messages, so staff never stop.
 */
import type { ChatFrameErrorCode, ChatMessage, ChatParticipant, ChatServerFrame } from '../../../worker/src/chat-types.ts';
import type { LiveSocket } from './queue-live.ts';

export type ChatLiveState = 'connecting' | 'live' | 'reconnecting';

export interface ChatLiveHandlers {
  onMessage(message: ChatMessage): void;
  /** One of ours is stored under `seq`. */
  onAck(clientId: string, seq: number): void;
  onWelcome?(participants: ChatParticipant[], lastSeq: number): void;
  onTyping?(who: ChatParticipant, on: boolean): void;
  onRead?(who: ChatParticipant, seq: number): void;
  onPresence?(who: ChatParticipant, state: 'joined' | 'left'): void;
  /** A message the room will never take (empty, too long…): it has left the outbox. */
  onRefused?(clientId: string, code: ChatFrameErrorCode): void;
  onState?(state: ChatLiveState): void;
}

/** While the socket is down: the REST way to send and to catch up. */
export interface ChatFallback {
  send(clientId: string, text: string, attachmentId?: string): Promise<ChatMessage>;
  since(afterSeq: number): Promise<ChatMessage[]>;
}

export interface ChatLiveOptions {
  createSocket: () => LiveSocket;
  /** The highest seq already shown (messages loaded over REST). */
  lastSeq?: number;
  fallback?: ChatFallback;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** An unacknowledged message older than this on an open socket means the socket is dead. */
  ackTimeoutMs?: number;
  /** How often the REST fallback runs while the socket is down. */
  pollMs?: number;
  pingMs?: number;
}

export interface ChatLiveConnection {
  /** Queues a message; it is sent now if live, else as soon as possible. */
  send(clientId: string, text: string, attachmentId?: string): void;
  typing(on: boolean): void;
  read(seq: number): void;
  /** Client ids not yet acknowledged, oldest first. */
  pending(): string[];
  close(): void;
}

/** Refusals worth trying again later; the message stays in the outbox. */
const TRANSIENT = new Set<ChatFrameErrorCode>(['rate_limited', 'unavailable', 'hello_first']);

/** A server frame, or null for anything else (pongs, garbage). */
export function parseChatFrame(data: unknown): ChatServerFrame | null {
  if (typeof data !== 'string' || data === 'pong') return null;
  try {
    const v: unknown = JSON.parse(data);
    return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string' ? (v as ChatServerFrame) : null;
  } catch {
    return null;
  }
}

export function connectChatLive(handlers: ChatLiveHandlers, options: ChatLiveOptions): ChatLiveConnection {
  const initialBackoff = options.initialBackoffMs ?? 1000;
  const maxBackoff = options.maxBackoffMs ?? 30_000;
  const ackTimeout = options.ackTimeoutMs ?? 10_000;
  const pollMs = options.pollMs ?? 5000;
  const pingMs = options.pingMs ?? 30_000;

  const outbox: { clientId: string; text: string; attachmentId?: string; sentAt: number | null }[] = [];
  const seen = new Set<number>();
  let lastSeq = options.lastSeq ?? 0;
  let socket: LiveSocket | null = null;
  let welcomed = false;
  let closed = false;
  let failures = 0;
  let state: ChatLiveState | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let pollTimer: ReturnType<typeof setInterval> | undefined;
  let watchTimer: ReturnType<typeof setInterval> | undefined;
  let polling = false;

  const setState = (next: ChatLiveState): void => {
    if (state === next) return;
    state = next;
    handlers.onState?.(next);
  };

  const raw = (frame: object): boolean => {
    if (!socket || socket.readyState !== 1) return false;
    try {
      socket.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  };

  const deliver = (m: ChatMessage): void => {
    if (seen.has(m.seq)) return;
    seen.add(m.seq);
    while (seen.has(lastSeq + 1)) lastSeq++;
    handlers.onMessage(m);
  };

  const acked = (clientId: string, seq: number): void => {
    const at = outbox.findIndex((p) => p.clientId === clientId);
    if (at < 0) return;
    outbox.splice(at, 1);
    handlers.onAck(clientId, seq);
  };

  const flush = (): void => {
    if (!welcomed) return;
    const now = Date.now();
    for (const p of outbox) if (p.sentAt === null && raw({ type: 'msg', clientId: p.clientId, text: p.text, attachmentId: p.attachmentId })) p.sentAt = now;
  };

  /** While down: send the outbox and fetch news over REST. */
  const poll = async (): Promise<void> => {
    if (polling || !options.fallback || welcomed) return;
    polling = true;
    try {
      for (const p of [...outbox]) {
        const message = await options.fallback.send(p.clientId, p.text, p.attachmentId);
        deliver(message);
        acked(p.clientId, message.seq);
      }
      for (const m of await options.fallback.since(lastSeq)) deliver(m);
    } catch {
      // Still offline: the next poll or the socket's return tries again.
    } finally {
      polling = false;
    }
  };

  const down = (): void => {
    socket = null;
    welcomed = false;
    clearInterval(watchTimer);
    watchTimer = undefined;
    if (closed) return;
    for (const p of outbox) p.sentAt = null;
    setState('reconnecting');
    pollTimer ??= setInterval(() => void poll(), pollMs);
    const delay = Math.min(maxBackoff, initialBackoff * 2 ** failures) * (0.5 + Math.random() / 2);
    failures++;
    clearTimeout(reconnectTimer);
    reconnectTimer = setTimeout(connect, delay);
  };

  const kill = (ws: LiveSocket): void => {
    ws.onclose = null;
    try {
      ws.close();
    } catch {
      // Already closed.
    }
    if (socket === ws) down();
  };

  function connect(): void {
    if (closed) return;
    let ws: LiveSocket;
    try {
      ws = options.createSocket();
    } catch {
      down();
      return;
    }
    socket = ws;
    welcomed = false;
    const connectTimer = setTimeout(() => {
      if (socket === ws && ws.readyState !== 1) kill(ws);
    }, 10_000);
    ws.onopen = () => {
      clearTimeout(connectTimer);
      if (socket !== ws) return;
      raw({ type: 'hello', lastSeq });
      let silent = false;
      let lastPing = Date.now();
      watchTimer = setInterval(() => {
        if (socket !== ws) return;
        const now = Date.now();
        // A message unacknowledged for too long, or no pong to the last ping: the socket is dead.
        if (outbox.some((p) => p.sentAt !== null && now - p.sentAt > ackTimeout)) return kill(ws);
        if (now - lastPing >= pingMs) {
          if (silent) return kill(ws);
          silent = true;
          lastPing = now;
          try {
            ws.send('ping');
          } catch {
            // Closing; the close event takes over.
          }
        }
      }, Math.min(1000, ackTimeout / 2));
      ws.onmessage = (e) => {
        if (socket !== ws) return;
        silent = false;
        const frame = parseChatFrame(e.data);
        if (frame) receive(frame);
      };
    };
    ws.onclose = () => {
      if (socket === ws) down();
    };
    ws.onerror = () => {};
  }

  function receive(frame: ChatServerFrame): void {
    switch (frame.type) {
      case 'welcome':
        welcomed = true;
        failures = 0;
        clearInterval(pollTimer);
        pollTimer = undefined;
        setState('live');
        handlers.onWelcome?.(frame.participants, frame.lastSeq);
        flush();
        return;
      case 'msg':
        deliver(frame.message);
        return;
      case 'ack':
        acked(frame.clientId, frame.seq);
        return;
      case 'typing':
        handlers.onTyping?.(frame.who, frame.on);
        return;
      case 'read':
        handlers.onRead?.(frame.who, frame.seq);
        return;
      case 'presence':
        handlers.onPresence?.(frame.who, frame.state);
        return;
      case 'error': {
        const p = frame.clientId ? outbox.find((o) => o.clientId === frame.clientId) : undefined;
        if (!p) return;
        if (TRANSIENT.has(frame.code)) {
          // Try again a little later.
          setTimeout(() => {
            p.sentAt = null;
            flush();
          }, 2000);
          return;
        }
        outbox.splice(outbox.indexOf(p), 1);
        handlers.onRefused?.(p.clientId, frame.code);
        return;
      }
    }
  }

  setState('connecting');
  connect();

  return {
    send(clientId, text, attachmentId) {
      outbox.push({ clientId, text, attachmentId, sentAt: null });
      flush();
    },
    typing(on) {
      if (welcomed) raw({ type: 'typing', on });
    },
    read(seq) {
      if (welcomed) raw({ type: 'read', seq });
    },
    pending: () => outbox.map((p) => p.clientId),
    close() {
      if (closed) return;
      closed = true;
      clearTimeout(reconnectTimer);
      clearInterval(pollTimer);
      clearInterval(watchTimer);
      const ws = socket;
      socket = null;
      if (ws) {
        ws.onclose = null;
        ws.close(1000);
      }
    },
  };
}
