/**
 * A test client that behaves like the widget's outbox on a bad network: it keeps every message it
 * typed until the server acknowledges it (resending after a timeout, one at a time so a sender's
 * messages keep their order), resumes with `hello {lastSeq}` after each reconnect, and asks for a
 * replay when it notices a gap in the seqs. The harness can make it lose frames in both
 * directions and kill its connection at any moment.
 */
import type { ChatMessage, ChatServerFrame } from '../../../worker/src/chat-types.ts';

/** A small seeded generator (mulberry32), so a failing run can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ReliableClientOptions {
  name: string;
  /** Opens a new socket (a fresh ticket each time for the widget); not yet accepted. */
  connect: () => Promise<WebSocket>;
  random: () => number;
  /** Chance that a frame this client sends is lost on the way. */
  dropOutgoing?: number;
  /** Chance that a frame the server sends this client is lost on the way. */
  dropIncoming?: number;
  /** Resend an unacknowledged message (or hello) after this long. */
  resendMs?: number;
  /** Stay under the room's flood limit, like a real client would. */
  maxFramesPerSecond?: number;
}

interface Pending {
  clientId: string;
  text: string;
  sentAt: number | null;
}

export class ReliableChatClient {
  readonly name: string;
  /** Every message seen, by seq. */
  readonly messages = new Map<number, ChatMessage>();
  /** Two different messages seen under one seq (must stay empty). */
  readonly conflicts: string[] = [];
  readonly stats = { framesSent: 0, framesDropped: 0, framesLost: 0, resends: 0, acks: 0, reconnects: 0, resyncs: 0, kills: 0 };
  readonly #opts: Required<Omit<ReliableClientOptions, 'name' | 'connect' | 'random'>> & Pick<ReliableClientOptions, 'connect' | 'random'>;
  readonly #outbox: Pending[] = [];
  #ws: WebSocket | null = null;
  #welcomed = false;
  #helloAt = 0;
  #contiguous = 0;
  /** The highest seq the server has mentioned (messages, acks, welcome). */
  #known = 0;
  #resyncAt = 0;
  /** When a frame last arrived: a quiet socket may have lost the last broadcast, which no later frame reveals. */
  #heardAt = 0;
  #second = 0;
  #framesThisSecond = 0;
  #timer: ReturnType<typeof setInterval> | null = null;
  #stopped = false;
  #connecting = false;

  constructor(opts: ReliableClientOptions) {
    this.name = opts.name;
    this.#opts = { dropOutgoing: 0, dropIncoming: 0, resendMs: 60, maxFramesPerSecond: 80, ...opts };
  }

  get lastSeq(): number {
    return this.#contiguous;
  }

  get unacknowledged(): number {
    return this.#outbox.length;
  }

  async start(): Promise<void> {
    this.#timer = setInterval(() => this.#tick(), 5);
    await this.#open();
  }

  /** The shopper types a message: into the outbox, sent when the connection allows. */
  enqueue(clientId: string, text: string): void {
    this.#outbox.push({ clientId, text, sentAt: null });
  }

  /** The connection dies (a tunnel, a sleeping laptop); the client reconnects after a short backoff. */
  kill(): void {
    if (!this.#ws) return;
    this.stats.kills++;
    this.#drop();
    setTimeout(() => void this.#open(), 5 + Math.floor(this.#opts.random() * 30));
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#drop();
  }

  /** Messages in seq order. */
  ordered(): ChatMessage[] {
    return [...this.messages.values()].sort((a, b) => a.seq - b.seq);
  }

  async #open(): Promise<void> {
    if (this.#stopped || this.#ws || this.#connecting) return;
    this.#connecting = true;
    try {
      const ws = await this.#opts.connect();
      ws.accept();
      ws.addEventListener('message', (e) => {
        if (ws !== this.#ws) return;
        this.#receive(JSON.parse(typeof e.data === 'string' ? e.data : new TextDecoder().decode(e.data as ArrayBuffer)) as ChatServerFrame);
      });
      ws.addEventListener('close', () => {
        if (ws !== this.#ws) return;
        // Closed by the server (or the runtime): reconnect like a kill.
        this.#drop();
        setTimeout(() => void this.#open(), 20);
      });
      this.#ws = ws;
      this.#welcomed = false;
      this.stats.reconnects++;
      this.#hello();
    } catch {
      setTimeout(() => void this.#open(), 50);
    } finally {
      this.#connecting = false;
    }
  }

  #drop(): void {
    const ws = this.#ws;
    this.#ws = null;
    this.#welcomed = false;
    // Whatever was in flight is unknown now: resend it once connected again.
    for (const p of this.#outbox) p.sentAt = null;
    try {
      ws?.close(1000, 'killed');
    } catch {
      /* already closed */
    }
  }

  #hello(): void {
    this.#helloAt = Date.now();
    this.#send({ type: 'hello', lastSeq: this.#contiguous });
  }

  #tick(): void {
    if (this.#stopped || !this.#ws) return;
    const now = Date.now();
    if (!this.#welcomed) {
      // The hello or the welcome was lost.
      if (now - this.#helloAt > this.#opts.resendMs * 2) this.#hello();
      return;
    }
    if (now - this.#heardAt > this.#opts.resendMs * 10 && now - this.#resyncAt > this.#opts.resendMs * 10) {
      // Quiet for a while: ask anyway, as the widget's periodic sync does (the welcome tells the last seq).
      this.#resyncAt = now;
      this.stats.resyncs++;
      this.#send({ type: 'hello', lastSeq: this.#contiguous });
    } else if (this.#known > this.#contiguous && now - this.#resyncAt > this.#opts.resendMs * 2) {
      // A gap: some broadcast never arrived. Ask for everything after the last complete seq.
      this.#resyncAt = now;
      this.stats.resyncs++;
      this.#send({ type: 'hello', lastSeq: this.#contiguous });
    }
    this.#flush(now);
  }

  /** One message in flight at a time, so this sender's messages are stored in the order typed. */
  #flush(now: number): void {
    const head = this.#outbox[0];
    if (!head || !this.#welcomed) return;
    if (head.sentAt !== null && now - head.sentAt < this.#opts.resendMs) return;
    if (head.sentAt !== null) this.stats.resends++;
    if (this.#send({ type: 'msg', clientId: head.clientId, text: head.text })) head.sentAt = now;
  }

  /** Sends unless over the frame budget; the network may still lose it. */
  #send(frame: object): boolean {
    const ws = this.#ws;
    if (!ws) return false;
    const second = Math.floor(Date.now() / 1000);
    if (second !== this.#second) {
      this.#second = second;
      this.#framesThisSecond = 0;
    }
    if (this.#framesThisSecond >= this.#opts.maxFramesPerSecond) return false;
    this.#framesThisSecond++;
    if (this.#opts.random() < this.#opts.dropOutgoing) {
      this.stats.framesDropped++;
      return true;
    }
    try {
      ws.send(JSON.stringify(frame));
      this.stats.framesSent++;
      return true;
    } catch {
      return false;
    }
  }

  #receive(frame: ChatServerFrame): void {
    if (this.#opts.random() < this.#opts.dropIncoming) {
      this.stats.framesLost++;
      return;
    }
    this.#heardAt = Date.now();
    switch (frame.type) {
      case 'welcome':
        this.#welcomed = true;
        this.#known = Math.max(this.#known, frame.lastSeq);
        this.#flush(Date.now());
        return;
      case 'ack': {
        this.stats.acks++;
        this.#known = Math.max(this.#known, frame.seq);
        const at = this.#outbox.findIndex((p) => p.clientId === frame.clientId);
        if (at >= 0) this.#outbox.splice(at, 1);
        this.#flush(Date.now());
        return;
      }
      case 'msg': {
        const m = frame.message;
        this.#known = Math.max(this.#known, m.seq);
        const had = this.messages.get(m.seq);
        if (had && had.clientId !== m.clientId) this.conflicts.push(`${this.name}: seq ${m.seq} was ${had.clientId}, now ${m.clientId}`);
        this.messages.set(m.seq, m);
        while (this.messages.has(this.#contiguous + 1)) this.#contiguous++;
        return;
      }
      default:
        return;
    }
  }
}

/** Resolves once `done()` holds, checking every few ms; rejects with `describe()` after `ms`. */
export async function until(done: () => boolean, ms: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${describe()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
