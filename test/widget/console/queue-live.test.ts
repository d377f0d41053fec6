import { expect, waitUntil } from '@open-wc/testing';
import {
  connectQueueLive,
  parseQueueLiveEvent,
  queueLiveUrl,
  type LiveSocket,
  type QueueLiveState,
} from '../../../widget/src/console/queue-live.ts';
import type { QueueLiveEvent } from '../../../widget/src/console/api.ts';

/** A WebSocket stand-in the test drives: open it, push frames, drop it. */
class FakeSocket implements LiveSocket {
  static made: FakeSocket[] = [];
  readyState = 0;
  onopen: ((ev: Event) => unknown) | null = null;
  onmessage: ((ev: MessageEvent) => unknown) | null = null;
  onclose: ((ev: CloseEvent) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  closedWith: number | null = null;
  readonly sent: string[] = [];
  readonly url: string;
  constructor(url: string) {
    this.url = url;
    FakeSocket.made.push(this);
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  receive(data: string): void {
    this.onmessage?.(new MessageEvent('message', { data }));
  }
  drop(): void {
    this.readyState = 3;
    this.onerror?.(new Event('error'));
    this.onclose?.(new CloseEvent('close', { code: 1006 }));
  }
  close(code?: number): void {
    this.readyState = 3;
    this.closedWith = code ?? 1005;
  }
  send(data: string): void {
    this.sent.push(data);
  }
}

const last = (): FakeSocket => FakeSocket.made[FakeSocket.made.length - 1]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function recorder() {
  const events: QueueLiveEvent[] = [];
  const states: QueueLiveState[] = [];
  let resyncs = 0;
  return {
    events,
    states,
    resyncs: () => resyncs,
    handlers: {
      onEvent: (e: QueueLiveEvent) => events.push(e),
      onResync: () => void resyncs++,
      onState: (s: QueueLiveState) => states.push(s),
    },
  };
}

const fast = { url: 'ws://example.test/api/v1/console/queue/live', createSocket: (u: string) => new FakeSocket(u), pollMs: 40, initialBackoffMs: 20, maxBackoffMs: 80 };

describe('queue live transport', () => {
  beforeEach(() => {
    FakeSocket.made = [];
  });

  it('connects to /api/v1/console/queue/live on the page’s own origin, ws: or wss:', () => {
    expect(queueLiveUrl('http://localhost:8787/console/?lang=nl').href).to.equal('ws://localhost:8787/api/v1/console/queue/live');
    expect(queueLiveUrl('https://samen.example/console/').href).to.equal('wss://samen.example/api/v1/console/queue/live');
    expect(queueLiveUrl().host).to.equal(location.host);
  });

  it('passes on queue events and ignores any other frame', async () => {
    const r = recorder();
    const live = connectQueueLive(r.handlers, fast);
    expect(r.states).to.deep.equal(['connecting']);
    last().open();
    expect(r.states).to.deep.equal(['connecting', 'live']);
    last().receive(JSON.stringify({ type: 'queue', itemId: 'i1', change: 'routed' }));
    for (const junk of ['pong', '{"type":"queue"}', '{"type":"other","itemId":"x","change":"routed"}', '{"type":"queue","itemId":"x","change":"exploded"}', 'null']) {
      last().receive(junk);
    }
    last().receive(JSON.stringify({ type: 'queue', itemId: 'i2', change: 'replied', extra: true }));
    expect(r.events).to.deep.equal([
      { type: 'queue', itemId: 'i1', change: 'routed' },
      { type: 'queue', itemId: 'i2', change: 'replied' },
    ]);
    expect(r.resyncs(), 'no resync on a first, clean connect').to.equal(0);
    live.close();
    expect(parseQueueLiveEvent(42)).to.equal(null);
  });

  it('polls while the socket is down, reconnects with growing backoff, and resyncs once it is back', async () => {
    const r = recorder();
    const live = connectQueueLive(r.handlers, fast);
    last().drop();
    expect(r.states).to.deep.equal(['connecting', 'polling']);

    // The reconnect fails twice more: attempts keep coming, further apart, and polling goes on.
    const started = performance.now();
    await waitUntil(() => FakeSocket.made.length === 2, 'first reconnect', { timeout: 1000 });
    last().drop();
    await waitUntil(() => FakeSocket.made.length === 3, 'second reconnect', { timeout: 1000 });
    const twoAttempts = performance.now() - started;
    expect(twoAttempts, 'backoff: 10–20 ms then 20–40 ms').to.be.greaterThan(25);
    await waitUntil(() => r.resyncs() >= 1, 'a poll while down', { timeout: 1000 });

    const before = r.resyncs();
    last().open();
    expect(r.states[r.states.length - 1]).to.equal('live');
    expect(r.resyncs(), 'one resync after the reconnect: events may have been missed').to.equal(before + 1);
    await sleep(120);
    expect(r.resyncs(), 'no polling while live').to.equal(before + 1);
    live.close();
  });

  it('treats a socket that never opens as down', async () => {
    const r = recorder();
    const live = connectQueueLive(r.handlers, { ...fast, connectTimeoutMs: 30 });
    await waitUntil(() => r.states.includes('polling'), 'polling after the connect timeout', { timeout: 1000 });
    expect(FakeSocket.made[0]!.closedWith).to.not.equal(null);
    live.close();
  });

  it('pings while open, and treats a socket that stops answering as down', async () => {
    const r = recorder();
    const live = connectQueueLive(r.handlers, { ...fast, pingMs: 30 });
    const socket = last();
    socket.open();
    await waitUntil(() => socket.sent.length >= 1, 'a ping', { timeout: 1000, interval: 5 });
    expect(socket.sent[0]).to.equal('ping');
    socket.receive('pong');
    await waitUntil(() => socket.sent.length >= 2, 'a second ping after the pong', { timeout: 1000, interval: 5 });
    expect(r.states[r.states.length - 1]).to.equal('live');
    // No answer to the second ping: at the next one the socket is given up and a new one is made.
    await waitUntil(() => r.states[r.states.length - 1] === 'polling', 'down after a silent ping', { timeout: 1000, interval: 5 });
    expect(socket.closedWith).to.not.equal(null);
    await waitUntil(() => FakeSocket.made.length === 2, 'reconnect', { timeout: 1000 });
    live.close();
  });

  it('stops for good on close(): socket closed normally, no reconnect, no polling', async () => {
    const r = recorder();
    const live = connectQueueLive(r.handlers, fast);
    last().open();
    const socket = last();
    live.close();
    expect(socket.closedWith).to.equal(1000);
    await sleep(150);
    expect(FakeSocket.made).to.have.length(1);
    expect(r.resyncs()).to.equal(0);

    // Closing while down stops the polling and the pending reconnect as well.
    const r2 = recorder();
    const live2 = connectQueueLive(r2.handlers, fast);
    last().drop();
    live2.close();
    const made = FakeSocket.made.length;
    await sleep(150);
    expect(FakeSocket.made.length).to.equal(made);
    expect(r2.resyncs()).to.equal(0);
  });
});
