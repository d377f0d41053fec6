/**
 * The chat room's WebSocket protocol through the real Worker and Durable Object: tickets and the
 * handshake, hello/resume, ack and broadcast to shopper, staff and expert, typing, read receipts,
 * presence, idempotent retries, and refusals of bad frames.
 */
import { env } from 'cloudflare:workers';
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../worker/src/chat-types.ts';
import { chatKey, issueTicket } from '../../../worker/src/domain/chat-tickets.ts';
import { chatRoom } from '../../../worker/src/objects/chat-room.ts';
import { aProductId } from '../../fixtures/rows.ts';
import {
  SHOP_ORIGIN,
  aChatDesk,
  aToken,
  expectError,
  joined,
  messagesOf,
  shopperHandshake,
  shopperSocket,
  staffSocket,
  startChat,
  ticketFor,
  widgetCall,
  wrap,
} from '../routes/chat-helpers.ts';

const seqs = (ms: ChatMessage[]) => ms.map((m) => m.seq);

describe('the live handshake', () => {
  it('needs a WebSocket, the site’s origin, and a valid ticket for this conversation', async () => {
    const { site } = await aChatDesk();
    const started = await startChat(site);
    const id = started.conversation.id;
    const ticket = await ticketFor(site, id, started.caller);

    const noUpgrade = await widgetCall(site, `/conversations/${id}/live?ticket=${ticket}`, { caller: {} });
    await expectError(noUpgrade, 426, 'websocket_required');
    await expectError(await shopperHandshake(site, id, ticket, null), 403, 'origin_not_allowed');
    await expectError(await shopperHandshake(site, id, ticket, 'https://evil.example'), 403, 'origin_not_allowed');
    await expectError(await shopperHandshake(site, id, null), 401, 'ticket_invalid');
    await expectError(await shopperHandshake(site, id, `${ticket.slice(0, -3)}abc`), 401, 'ticket_invalid');

    const key = await chatKey(env.DB, site.id);
    const stale = await issueTicket(key, { site: site.id, conversation: id, role: 'shopper', participant: `v:${started.caller.visitor}`, name: '' }, Date.now() - 61_000);
    await expectError(await shopperHandshake(site, id, stale.ticket), 401, 'ticket_expired');

    const other = await startChat(site);
    await expectError(await shopperHandshake(site, other.conversation.id, ticket), 403, 'ticket_wrong_conversation');

    const ok = await shopperHandshake(site, id, ticket);
    expect(ok.status).toBe(101);
    // A ticket may be reused within its minute (a quick reconnect).
    const again = await shopperHandshake(site, id, ticket);
    expect(again.status).toBe(101);
    wrap(ok.webSocket!).close();
    wrap(again.webSocket!).close();
  });
});

describe('hello and resume', () => {
  it('replays every message after lastSeq, then welcomes with the participants', async () => {
    const { site, agent } = await aChatDesk();
    const started = await startChat(site, { name: 'Kim' });
    const id = started.conversation.id;
    const staff = await joined(staffSocket(agent.cookie, id));
    for (const text of ['one', 'two', 'three']) staff.send({ type: 'msg', clientId: `s-${text}`, text });
    await staff.next('ack', (f) => f.clientId === 's-three');

    const shopper = await shopperSocket(site, id, started.caller);
    shopper.send({ type: 'hello', lastSeq: 2 });
    const welcome = await shopper.next('welcome');
    expect(shopper.all('msg').map((f) => f.message.seq)).toEqual([3, 4]);
    expect(welcome).toEqual({
      type: 'welcome',
      you: { role: 'shopper', name: 'Kim' },
      participants: expect.arrayContaining([{ role: 'staff', name: 'Aziz Agent' }, { role: 'shopper', name: 'Kim' }]),
      lastSeq: 4,
    });
    // The welcome comes after the replay.
    expect(shopper.frames.map((f) => f.type)).toEqual(['msg', 'msg', 'welcome']);

    // Resuming from 0 gets everything, in order.
    const fresh = await shopperSocket(site, id, started.caller);
    fresh.send({ type: 'hello', lastSeq: 0 });
    await fresh.next('welcome');
    expect(fresh.all('msg').map((f) => [f.message.seq, f.message.sender.kind])).toEqual([
      [1, 'shopper'],
      [2, 'staff'],
      [3, 'staff'],
      [4, 'staff'],
    ]);
    for (const s of [staff, shopper, fresh]) s.close();
  });

  it('refuses messages before hello, and frames that are not valid', async () => {
    const { site } = await aChatDesk();
    const started = await startChat(site);
    const socket = await shopperSocket(site, started.conversation.id, started.caller);
    socket.send({ type: 'msg', clientId: 'early', text: 'hi' });
    expect(await socket.next('error')).toMatchObject({ code: 'hello_first', clientId: 'early' });
    socket.send('not json');
    socket.send(JSON.stringify({ type: 'msg', clientId: 'has spaces', text: 'x' }));
    socket.send(JSON.stringify({ type: 'shout' }));
    await expect.poll(() => socket.all('error').filter((e) => e.code === 'bad_frame').length).toBe(3);
    socket.send({ type: 'hello', lastSeq: 0 });
    await socket.next('welcome');
    socket.send({ type: 'msg', clientId: 'empty', text: '   ' });
    expect(await socket.next('error', (e) => e.clientId === 'empty')).toMatchObject({ code: 'message_empty' });
    socket.send({ type: 'msg', clientId: 'long', text: 'x'.repeat(5001) });
    expect(await socket.next('error', (e) => e.clientId === 'long')).toMatchObject({ code: 'message_too_long' });
    socket.send({ type: 'msg', clientId: 'ghost', attachmentId: crypto.randomUUID() });
    expect(await socket.next('error', (e) => e.clientId === 'ghost')).toMatchObject({ code: 'attachment_not_found' });
    expect(seqs(await messagesOf(site, started.conversation.id, started.caller))).toEqual([1]);
    socket.close();
  });

  it('takes a message sent right behind its hello, without waiting for the welcome', async () => {
    const { site } = await aChatDesk();
    const started = await startChat(site);
    const socket = await shopperSocket(site, started.conversation.id, started.caller);
    socket.send({ type: 'hello', lastSeq: 1 });
    socket.send({ type: 'msg', clientId: 'eager', text: 'Straight away' });
    expect(await socket.next('ack')).toEqual({ type: 'ack', clientId: 'eager', seq: 2 });
    await socket.next('msg', (f) => f.message.clientId === 'eager');
    expect(socket.frames.map((f) => f.type)).toEqual(['welcome', 'ack', 'msg']);
    socket.close();
  });

  it('closes a socket that floods the room', async () => {
    const { site } = await aChatDesk();
    const started = await startChat(site);
    const socket = await joined(shopperSocket(site, started.conversation.id, started.caller));
    for (let i = 0; i < 150; i++) socket.send({ type: 'typing', on: i % 2 === 0 });
    expect((await socket.closed).code).toBe(1008);
  });
});

describe('messages', () => {
  it('are acknowledged to the sender and broadcast to shopper, staff and a joined expert', async () => {
    const { site, agent, owner } = await aChatDesk();
    const productId = aProductId();
    const started = await startChat(site, { productId, name: 'Kim', text: 'Does it fit over a fleece? Call 06 12345678' });
    const id = started.conversation.id;
    const expertCaller = { token: await aToken(site, { name: 'Eva Expert', role: 'expert', products: [productId] }) };
    expect((await widgetCall(site, `/conversations/${id}/join`, { caller: expertCaller, method: 'POST' })).status).toBe(200);

    const shopper = await joined(shopperSocket(site, id, started.caller));
    const aziz = await joined(staffSocket(agent.cookie, id));
    const olga = await joined(staffSocket(owner.cookie, id));
    const expert = await joined(shopperSocket(site, id, expertCaller));
    expect((await expert.next('welcome')).you).toEqual({ role: 'expert', name: 'Eva Expert' });
    // The expert's replay masks the shopper's phone number.
    expect(expert.all('msg')[0]?.message.text).toContain('[phone hidden]');

    shopper.send({ type: 'msg', clientId: 'c-1', text: 'Hello? Order NK-1042 by the way' });
    expect(await shopper.next('ack', (f) => f.clientId === 'c-1')).toEqual({ type: 'ack', clientId: 'c-1', seq: 2 });
    for (const s of [shopper, aziz, olga, expert]) {
      const { message } = await s.next('msg', (f) => f.message.clientId === 'c-1');
      expect(message).toMatchObject({ seq: 2, sender: { kind: 'shopper', name: 'Kim' } });
      expect(message.text).toBe(s === expert ? 'Hello? Order [order number hidden] by the way' : 'Hello? Order NK-1042 by the way');
    }
    aziz.send({ type: 'msg', clientId: 'c-2', text: 'Yes, it does.' });
    expect(await aziz.next('ack', (f) => f.clientId === 'c-2')).toMatchObject({ seq: 3 });
    expect((await shopper.next('msg', (f) => f.message.clientId === 'c-2')).message.sender).toEqual({ kind: 'staff', name: 'Aziz Agent' });
    expert.send({ type: 'msg', clientId: 'c-3', text: 'I wear it with a fleece all winter.' });
    await expert.next('ack', (f) => f.clientId === 'c-3');
    expect((await olga.next('msg', (f) => f.message.clientId === 'c-3')).message).toMatchObject({ seq: 4, sender: { kind: 'expert', name: 'Eva Expert' } });
    for (const s of [shopper, aziz, olga, expert]) s.close();
  });

  it('a retried message is stored once: the same seq is acknowledged again, nothing is broadcast twice', async () => {
    const { site, agent } = await aChatDesk();
    const started = await startChat(site);
    const id = started.conversation.id;
    const staff = await joined(staffSocket(agent.cookie, id));
    const shopper = await joined(shopperSocket(site, id, started.caller));
    shopper.send({ type: 'msg', clientId: 'retry-me', text: 'Are you there?' });
    shopper.send({ type: 'msg', clientId: 'retry-me', text: 'Are you there?' });
    await expect.poll(() => shopper.all('ack').filter((a) => a.clientId === 'retry-me').length).toBe(2);
    expect(new Set(shopper.all('ack').map((a) => a.seq))).toEqual(new Set([2]));
    // After a reconnect the outbox sends it again: still one message.
    shopper.close();
    const back = await joined(shopperSocket(site, id, started.caller), 2);
    back.send({ type: 'msg', clientId: 'retry-me', text: 'Are you there?' });
    expect(await back.next('ack')).toEqual({ type: 'ack', clientId: 'retry-me', seq: 2 });
    back.send({ type: 'msg', clientId: 'next-one', text: 'Hello?' });
    await staff.next('msg', (f) => f.message.clientId === 'next-one');
    expect(staff.all('msg').map((f) => f.message.clientId)).toEqual([started.message.clientId, 'retry-me', 'next-one']);
    expect(seqs(await messagesOf(site, id, started.caller))).toEqual([1, 2, 3]);
    const rows = await env.DB.prepare('SELECT count(*) AS n FROM chat_messages WHERE site_id = ? AND conversation_id = ?').bind(site.id, id).first<{ n: number }>();
    expect(rows?.n).toBe(3);
    staff.close();
    back.close();
  });

  it('a message the shopper sent over REST reaches the sockets too', async () => {
    const { site, agent } = await aChatDesk();
    const started = await startChat(site);
    const staff = await joined(staffSocket(agent.cookie, started.conversation.id));
    const res = await widgetCall(site, `/conversations/${started.conversation.id}/messages`, {
      caller: started.caller,
      method: 'POST',
      body: { clientId: 'via-rest', text: 'Socket is down, sending this way' },
    });
    expect(res.status).toBe(201);
    expect((await staff.next('msg', (f) => f.message.clientId === 'via-rest')).message.seq).toBe(2);
    staff.close();
  });
});

describe('typing, read receipts and presence', () => {
  it('tells the others who is typing and who has seen what, never the sender itself', async () => {
    const { site, agent } = await aChatDesk();
    const started = await startChat(site, { name: 'Kim' });
    const id = started.conversation.id;
    const shopper = await joined(shopperSocket(site, id, started.caller));
    const staff = await joined(staffSocket(agent.cookie, id));

    staff.send({ type: 'typing', on: true });
    expect(await shopper.next('typing')).toEqual({ type: 'typing', who: { role: 'staff', name: 'Aziz Agent' }, on: true });
    staff.send({ type: 'msg', clientId: 'r-1', text: 'Here you go' });
    await shopper.next('msg', (f) => f.message.clientId === 'r-1');
    shopper.send({ type: 'read', seq: 2 });
    expect(await staff.next('read')).toEqual({ type: 'read', who: { role: 'shopper', name: 'Kim' }, seq: 2 });
    await expect
      .poll(async () => (await env.DB.prepare('SELECT shopper_read_seq AS s FROM conversations WHERE site_id = ? AND id = ?').bind(site.id, id).first<{ s: number }>())?.s)
      .toBe(2);
    // A read position never goes back or beyond the last message.
    shopper.send({ type: 'read', seq: 1 });
    shopper.send({ type: 'read', seq: 99 });
    await staff.next('read', (f) => f.seq === 99);
    const row = await env.DB.prepare('SELECT shopper_read_seq AS s FROM conversations WHERE site_id = ? AND id = ?').bind(site.id, id).first<{ s: number }>();
    expect(row?.s).toBe(2);
    expect(staff.all('typing')).toEqual([]);
    expect(shopper.all('read')).toEqual([]);
    shopper.close();
    staff.close();
  });

  it('announces staff joining and leaving, once per person however many tabs they open', async () => {
    const { site, agent } = await aChatDesk();
    const started = await startChat(site, { name: 'Kim' });
    const id = started.conversation.id;
    const shopper = await joined(shopperSocket(site, id, started.caller));
    const tab1 = await joined(staffSocket(agent.cookie, id));
    expect(await shopper.next('presence')).toEqual({ type: 'presence', who: { role: 'staff', name: 'Aziz Agent' }, state: 'joined' });
    const tab2 = await joined(staffSocket(agent.cookie, id));
    tab2.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(shopper.all('presence')).toHaveLength(1);
    tab1.close();
    expect(await shopper.next('presence', (f) => f.state === 'left')).toEqual({ type: 'presence', who: { role: 'staff', name: 'Aziz Agent' }, state: 'left' });
    shopper.close();
  });

  it('keeps each socket’s participant across hibernation (the attachment is all there is)', async () => {
    const { site, agent } = await aChatDesk();
    const started = await startChat(site);
    const id = started.conversation.id;
    const staff = await joined(staffSocket(agent.cookie, id));
    const states = await runInDurableObject(chatRoom(env, site.id, id), (_room, state) =>
      state.getWebSockets().map((ws) => ws.deserializeAttachment() as { role: string; name: string; helloed: boolean }),
    );
    expect(states).toEqual([{ role: 'staff', id: `staff:${agent.id}`, name: 'Aziz Agent', helloed: true }]);
    expect(JSON.stringify(states[0]).length).toBeLessThan(200);
    staff.close();
  });
});

describe('origins', () => {
  it('only the site’s own pages may open the widget socket', async () => {
    const { site } = await aChatDesk();
    const started = await startChat(site);
    const ticket = await ticketFor(site, started.conversation.id, started.caller);
    const res = await shopperHandshake(site, started.conversation.id, ticket, SHOP_ORIGIN);
    expect(res.status).toBe(101);
    wrap(res.webSocket!).close();
  });
});
