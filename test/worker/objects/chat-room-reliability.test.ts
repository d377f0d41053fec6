/**
 * The reliability test: a 500-message exchange in each direction between a shopper's
 * socket and a staff socket, while ~10% of frames are lost in each direction and both
 * connections are killed again and again (close, reconnect, `hello {lastSeq}`). The clients
 * resend until acknowledged, like the widget's outbox. At the end both sides hold exactly the
 * same 1,000 messages in the same order, D1 holds each once, and each sender's messages kept
 * the order they were typed in.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { aChatDesk, shopperHandshake, staffHandshake, startChat, ticketFor } from '../routes/chat-helpers.ts';
import { ReliableChatClient, seeded, until } from './reliable-chat-client.ts';

const PER_SIDE = 500;
const LOSS = 0.1;

describe('1,000 messages over lossy, dying connections', () => {
  it('end identical on both sides: same messages, same order, none lost, none doubled', { timeout: 120_000 }, async () => {
    // A new seed each run (printed on failure, so a bad run can be replayed by pinning it here).
    const seed = Date.now() % 1_000_000;
    const random = seeded(seed);
    const { site, agent } = await aChatDesk();
    // The shopper's first message starts the conversation (seq 1); 499 more follow over the socket.
    const started = await startChat(site, { clientId: 'shopper-0', text: 'shopper message 0' });
    const id = started.conversation.id;

    const shopper = new ReliableChatClient({
      name: 'shopper',
      random,
      dropOutgoing: LOSS,
      dropIncoming: LOSS,
      connect: async () => {
        const res = await shopperHandshake(site, id, await ticketFor(site, id, started.caller));
        if (res.status !== 101) throw new Error(`shopper handshake ${res.status}`);
        return res.webSocket!;
      },
    });
    const staff = new ReliableChatClient({
      name: 'staff',
      random,
      dropOutgoing: LOSS,
      dropIncoming: LOSS,
      connect: async () => {
        const res = await staffHandshake(agent.cookie, id);
        if (res.status !== 101) throw new Error(`staff handshake ${res.status}`);
        return res.webSocket!;
      },
    });
    await Promise.all([shopper.start(), staff.start()]);

    // Type steadily on both sides while a chaos loop kills connections at random moments.
    let typing = true;
    const chaos = (async () => {
      while (typing || shopper.unacknowledged || staff.unacknowledged) {
        await new Promise((r) => setTimeout(r, 150 + Math.floor(random() * 350)));
        const who = random();
        if (who < 0.4) shopper.kill();
        else if (who < 0.8) staff.kill();
        else {
          shopper.kill();
          staff.kill();
        }
      }
    })();
    for (let i = 1; i < PER_SIDE; i++) {
      shopper.enqueue(`shopper-${i}`, `shopper message ${i}`);
      staff.enqueue(`staff-${i - 1}`, `staff message ${i - 1}`);
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 40 + Math.floor(random() * 40)));
    }
    staff.enqueue(`staff-${PER_SIDE - 1}`, `staff message ${PER_SIDE - 1}`);
    typing = false;

    const total = 2 * PER_SIDE;
    const state = () =>
      `seed ${seed}; shopper: ${shopper.unacknowledged} unacked, lastSeq ${shopper.lastSeq}, ${JSON.stringify(shopper.stats)}; ` +
      `staff: ${staff.unacknowledged} unacked, lastSeq ${staff.lastSeq}, ${JSON.stringify(staff.stats)}`;
    await until(() => !shopper.unacknowledged && !staff.unacknowledged, 90_000, state);
    await chaos;
    await until(() => shopper.lastSeq >= total && staff.lastSeq >= total, 30_000, state);
    shopper.stop();
    staff.stop();

    const mine = shopper.ordered();
    const theirs = staff.ordered();
    expect(shopper.conflicts.concat(staff.conflicts), state()).toEqual([]);
    expect(mine).toHaveLength(total);
    expect(mine.map((m) => m.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(theirs.map((m) => [m.seq, m.clientId])).toEqual(mine.map((m) => [m.seq, m.clientId]));
    const ids = new Set(mine.map((m) => m.clientId));
    expect(ids.size).toBe(total);
    for (let i = 0; i < PER_SIDE; i++) {
      expect(ids.has(`shopper-${i}`)).toBe(true);
      expect(ids.has(`staff-${i}`)).toBe(true);
    }
    // Each side's messages in the order they were typed.
    const order = (prefix: string) => mine.filter((m) => m.clientId.startsWith(prefix)).map((m) => Number(m.clientId.slice(prefix.length)));
    expect(order('shopper-')).toEqual(Array.from({ length: PER_SIDE }, (_, i) => i));
    expect(order('staff-')).toEqual(Array.from({ length: PER_SIDE }, (_, i) => i));
    // Stored once each, and the text is what was typed.
    for (const m of mine) expect(m.text).toBe(m.clientId.replace('-', ' message '));
    const rows = await env.DB.prepare('SELECT count(*) AS n, count(DISTINCT client_id) AS ids, max(seq) AS top FROM chat_messages WHERE site_id = ? AND conversation_id = ?')
      .bind(site.id, id)
      .first<{ n: number; ids: number; top: number }>();
    expect(rows).toEqual({ n: total, ids: total, top: total });
    // The chaos really happened.
    expect(shopper.stats.kills + staff.stats.kills, state()).toBeGreaterThan(5);
    expect(shopper.stats.framesDropped + staff.stats.framesDropped).toBeGreaterThan(50);
    expect(shopper.stats.framesLost + staff.stats.framesLost).toBeGreaterThan(50);
    console.log(`chat reliability: ${state()}`);
  });
});
