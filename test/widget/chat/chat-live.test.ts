import { expect, waitUntil } from '@open-wc/testing';
import type { ChatMessage } from '../../../worker/src/chat-types.ts';
import { connectLive, type LiveConnection } from '../../../widget/src/chat/chat-live.ts';
import { FakeChat } from './fake-chat.ts';

/** A shopper's connection to `room`'s conversation `id`, with everything it delivered. */
function shopper(room: FakeChat, id: string) {
  const got: ChatMessage[] = [];
  const acked: string[] = [];
  const conn: LiveConnection = connectLive(
    { message: (m) => got.push(m), acked: (c) => acked.push(c) },
    {
      socket: () => room.socket(id),
      send: (clientId, text) => room.post(id, clientId, text),
      since: (after) => room.since(id, after),
    },
    { backoffMs: 5, maxBackoffMs: 40, ackTimeoutMs: 100, pollMs: 30 },
  );
  return { got, acked, conn };
}

describe('chat live connection (outbox, resume, dedupe)', () => {
  let conn: LiveConnection | undefined;
  afterEach(() => conn?.close());

  it('sends in order, is acknowledged, and hands on each message once', async () => {
    const room = new FakeChat();
    const { id } = room.add();
    const s = shopper(room, id);
    conn = s.conn;
    for (let i = 1; i <= 5; i++) s.conn.send(`c${i}`, `hello ${i}`);
    await waitUntil(() => s.acked.length === 5, 'not all acknowledged');
    expect(room.messages.get(id)?.map((m) => m.text)).to.deep.equal(['hello 1', 'hello 2', 'hello 3', 'hello 4', 'hello 5']);
    expect(s.got.map((m) => m.seq)).to.deep.equal([1, 2, 3, 4, 5]);
    expect(s.conn.pending()).to.deep.equal([]);
  });

  it('loses and doubles nothing with 10% of frames dropped and the socket killed again and again (200 each way)', async () => {
    const room = new FakeChat();
    const { id } = room.add();
    room.dropToServer = room.dropToClient = 0.1;
    const s = shopper(room, id);
    conn = s.conn;
    const killer = setInterval(() => room.killSockets(), 120);
    for (let i = 0; i < 200; i++) {
      s.conn.send(`s${i}`, `shopper ${i}`);
      room.staffSays(id, `staff ${i}`);
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 15));
    }
    await waitUntil(() => s.acked.length === 200, `acked ${s.acked.length}/200`, { timeout: 15_000, interval: 50 });
    clearInterval(killer);
    room.dropToServer = room.dropToClient = 0;
    await waitUntil(() => s.got.length === 400, `delivered ${s.got.length}/400`, { timeout: 10_000, interval: 50 });
    const stored = room.messages.get(id) ?? [];
    expect(stored).to.have.length(400);
    expect(new Set(stored.map((m) => m.clientId)).size).to.equal(400);
    // The shopper's messages in the order typed, and both sides with the same list in the same order.
    expect(stored.filter((m) => m.sender.kind === 'shopper').map((m) => m.text)).to.deep.equal(Array.from({ length: 200 }, (_, i) => `shopper ${i}`));
    expect([...s.got].sort((a, b) => a.seq - b.seq).map((m) => m.clientId)).to.deep.equal(stored.map((m) => m.clientId));
    expect(new Set(s.got.map((m) => m.seq)).size).to.equal(400);
  }).timeout(30_000);

  it('falls back to REST while no socket can be opened, then resumes live', async () => {
    const room = new FakeChat();
    const { id } = room.add();
    const s = shopper(room, id);
    conn = s.conn;
    await waitUntil(() => room.sockets.some((x) => x.helloed));
    // Sockets refused (e.g. a proxy), REST still works.
    const socket = room.socket.bind(room);
    room.socket = () => Promise.reject(new Error('refused'));
    room.killSockets();
    s.conn.send('r1', 'over rest');
    room.staffSays(id, 'staff while down');
    await waitUntil(() => s.acked.includes('r1') && s.got.some((m) => m.text === 'staff while down'), 'the REST fallback did not run');
    room.socket = socket;
    s.conn.retry();
    await waitUntil(() => room.sockets.filter((x) => x.helloed && x.readyState === 1).length === 1, 'did not reconnect');
    s.conn.send('r2', 'live again');
    await waitUntil(() => s.acked.includes('r2'));
    expect(room.messages.get(id)?.map((m) => m.text)).to.have.members(['over rest', 'staff while down', 'live again']);
    expect(room.messages.get(id)?.at(-1)?.text).to.equal('live again');
    expect(s.got.map((m) => m.seq).sort()).to.deep.equal([1, 2, 3]);
  });

  it('keeps messages typed while fully offline and sends them in order when back', async () => {
    const room = new FakeChat();
    const { id } = room.add();
    const s = shopper(room, id);
    conn = s.conn;
    await waitUntil(() => room.sockets.some((x) => x.helloed));
    room.offline = true;
    room.killSockets();
    for (const n of [1, 2, 3]) s.conn.send(`o${n}`, `offline ${n}`);
    await new Promise((r) => setTimeout(r, 100));
    expect(s.conn.pending()).to.deep.equal(['o1', 'o2', 'o3']);
    room.offline = false;
    s.conn.retry();
    await waitUntil(() => s.acked.length === 3, 'the outbox was not sent');
    expect(room.messages.get(id)?.map((m) => m.text)).to.deep.equal(['offline 1', 'offline 2', 'offline 3']);
  });
});
