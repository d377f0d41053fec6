/**
 * The shopper's side of a chat room: one WebSocket (a fresh ticket per connection) that greets
 * with `hello {lastSeq}` so the room replays what was missed; an outbox that keeps every message,
 * in order, until the room acknowledges its client id (resent after every reconnect — the room
 * stores each client id once); reconnects with backoff and jitter; and while the socket is down a
 * REST fallback that sends the outbox and fetches news. Messages are handed on once per seq.
 */
import type { ChatFrameErrorCode, ChatMessage, ChatParticipant, ChatServerFrame } from '../../../worker/src/chat-types.ts';
import type { ChatSocket } from '../api/client.ts';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

export interface LiveHandlers {
  message(m: ChatMessage): void;
  /** One of ours is stored (it leaves the outbox). */
  acked(clientId: string): void;
  typing?(who: ChatParticipant, on: boolean): void;
  read?(who: ChatParticipant, seq: number): void;
  presence?(who: ChatParticipant, state: 'joined' | 'left'): void;
  /** The room will never take this message (empty, too long…). */
  refused?(clientId: string, code: ChatFrameErrorCode): void;
  state?(s: LiveState): void;
}

/** What the connection needs from the API. */
export interface LiveTransport {
  socket(): Promise<ChatSocket>;
  send(clientId: string, text: string, attachmentId?: string): Promise<ChatMessage>;
  since(afterSeq: number): Promise<ChatMessage[]>;
}

export interface LiveOptions {
  lastSeq?: number;
  backoffMs?: number;
  maxBackoffMs?: number;
  /** A message unacknowledged this long on an open socket means the socket is dead. */
  ackTimeoutMs?: number;
  pollMs?: number;
}

export interface LiveConnection {
  send(clientId: string, text: string, attachmentId?: string): void;
  typing(on: boolean): void;
  read(seq: number): void;
  /** Unacknowledged client ids, oldest first. */
  pending(): string[];
  /** Connect now (the browser says it is back online). */
  retry(): void;
  close(): void;
}

/** Refusals worth another try later; the message stays in the outbox. */
const TRANSIENT: string[] = ['rate_limited', 'unavailable', 'hello_first'];

/** A server frame, or null for pongs and garbage. */
function parse(data: unknown): ChatServerFrame | null {
  try {
    const v = typeof data === 'string' && data !== 'pong' ? (JSON.parse(data) as ChatServerFrame) : null;
    return typeof v?.type === 'string' ? v : null;
  } catch {
    return null;
  }
}

export function connectLive(h: LiveHandlers, api: LiveTransport, o: LiveOptions = {}): LiveConnection {
  const backoff = o.backoffMs ?? 500;
  const ackTimeout = o.ackTimeoutMs ?? 8000;
  const outbox: { clientId: string; text: string; attachmentId?: string; sentAt: number | null }[] = [];
  const seen = new Set<number>();
  let lastSeq = o.lastSeq ?? 0;
  let ws: ChatSocket | null = null;
  let welcomed = false;
  let closed = false;
  let failures = 0;
  let polling = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let watch: ReturnType<typeof setInterval> | undefined;
  let poller: ReturnType<typeof setInterval> | undefined;
  let gap: ReturnType<typeof setTimeout> | undefined;

  const state = (s: LiveState) => h.state?.(s);
  const raw = (frame: object): boolean => {
    if (ws?.readyState !== 1) return false;
    try {
      ws.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  };
  const acked = (clientId: string): void => {
    const at = outbox.findIndex((p) => p.clientId === clientId);
    if (at < 0) return;
    outbox.splice(at, 1);
    h.acked(clientId);
    flush();
  };
  const deliver = (m: ChatMessage): void => {
    // Our own message coming back is as good as its ack (which may have been lost).
    acked(m.clientId);
    if (seen.has(m.seq)) return;
    seen.add(m.seq);
    while (seen.has(lastSeq + 1)) lastSeq++;
    h.message(m);
    // A hole below this message (a frame lost or overtaken): fetch it unless it turns up first.
    clearTimeout(gap);
    if (m.seq > lastSeq) gap = setTimeout(() => void api.since(lastSeq).then((ms) => ms.forEach(deliver), () => {}), 1500);
  };
  // One message in flight at a time: if a frame is lost, nothing typed after it can overtake it.
  function flush(): void {
    const p = outbox[0];
    if (welcomed && p?.sentAt === null && raw({ type: 'msg', clientId: p.clientId, text: p.text, attachmentId: p.attachmentId })) p.sentAt = Date.now();
  }

  // While the socket is down: the outbox over REST, in order, then what others wrote.
  const poll = async (): Promise<void> => {
    if (polling || welcomed || closed) return;
    polling = true;
    try {
      while (outbox[0] && !welcomed) deliver(await api.send(outbox[0].clientId, outbox[0].text, outbox[0].attachmentId));
      for (const m of await api.since(lastSeq)) deliver(m);
    } catch {
      // Still offline: the next poll or the socket tries again.
    } finally {
      polling = false;
    }
  };

  const down = (): void => {
    ws = null;
    welcomed = false;
    clearInterval(watch);
    if (closed) return;
    for (const p of outbox) p.sentAt = null;
    state('reconnecting');
    poller ??= setInterval(() => void poll(), o.pollMs ?? 4000);
    clearTimeout(timer);
    timer = setTimeout(connect, Math.min(o.maxBackoffMs ?? 20_000, backoff * 2 ** failures++) * (0.5 + Math.random() / 2));
  };

  const kill = (s: ChatSocket): void => {
    s.onclose = null;
    try {
      s.close();
    } catch {
      // Already closed.
    }
    if (ws === s) down();
  };

  async function connect(): Promise<void> {
    if (closed) return;
    clearTimeout(timer);
    let s: ChatSocket;
    try {
      s = await api.socket();
    } catch {
      return down();
    }
    if (closed) return s.close();
    if (ws) kill(ws);
    ws = s;
    const opening = setTimeout(() => ws === s && s.readyState !== 1 && kill(s), 10_000);
    s.onopen = () => {
      clearTimeout(opening);
      raw({ type: 'hello', lastSeq });
      let silent = false;
      let pinged = Date.now();
      clearInterval(watch);
      watch = setInterval(() => {
        const now = Date.now();
        // An unacknowledged message, or a ping without answer: the socket is dead even if it looks open.
        if (outbox.some((p) => p.sentAt !== null && now - p.sentAt > ackTimeout)) return kill(s);
        if (now - pinged < 25_000) return;
        if (silent) return kill(s);
        silent = true;
        pinged = now;
        try {
          s.send('ping'); // answered by the room's auto-response without waking it
        } catch {
          // Closing; the close event takes over.
        }
      }, 1000);
      s.onmessage = (e) => {
        silent = false;
        const f = parse(e.data);
        if (ws === s && f) receive(f);
      };
    };
    s.onclose = () => ws === s && down();
    s.onerror = () => {};
  }

  function receive(f: ChatServerFrame): void {
    switch (f.type) {
      case 'welcome':
        welcomed = true;
        failures = 0;
        clearInterval(poller);
        poller = undefined;
        state('live');
        return flush();
      case 'msg':
        return deliver(f.message);
      case 'ack':
        return acked(f.clientId);
      case 'typing':
        return h.typing?.(f.who, f.on);
      case 'read':
        return h.read?.(f.who, f.seq);
      case 'presence':
        return h.presence?.(f.who, f.state);
      case 'error': {
        const p = outbox.find((x) => x.clientId === f.clientId);
        if (!p) return;
        if (TRANSIENT.includes(f.code)) {
          setTimeout(() => {
            p.sentAt = null;
            flush();
          }, 2000);
          return;
        }
        outbox.splice(outbox.indexOf(p), 1);
        h.refused?.(p.clientId, f.code);
      }
    }
  }

  state('connecting');
  void connect();

  return {
    send(clientId, text, attachmentId) {
      if (outbox.some((p) => p.clientId === clientId)) return;
      outbox.push({ clientId, text, attachmentId, sentAt: null });
      if (welcomed) flush();
      else void poll();
    },
    typing: (on) => void (welcomed && raw({ type: 'typing', on })),
    read: (seq) => void (welcomed && raw({ type: 'read', seq })),
    pending: () => outbox.map((p) => p.clientId),
    retry() {
      failures = 0;
      if (ws) kill(ws);
      else void connect();
    },
    close() {
      closed = true;
      clearTimeout(timer);
      clearTimeout(gap);
      clearInterval(poller);
      clearInterval(watch);
      if (ws) {
        ws.onclose = null;
        ws.close(1000);
      }
      ws = null;
    },
  };
}
