/**
 * Live chat over REST as the widget and the console use it: starting a conversation (triage,
 * routing, the auto-acknowledgement, leave-a-message), history, messages as the socket's
 * fallback (idempotent by client id), staff replies as first response, and experts joining.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { MyQuestion } from '../../../worker/src/api-types.ts';
import type { ChatMessage, ConsoleConversation, Conversation, ExpertConversation } from '../../../worker/src/chat-types.ts';
import type { QueuePage } from '../../../worker/src/routes/console-types.ts';
import { aProductId, type SiteRow } from '../../fixtures/rows.ts';
import { consoleCall } from '../../fixtures/staff.ts';
import { exports } from 'cloudflare:workers';
import {
  aChatDesk,
  aToken,
  aVisitorId,
  expectError,
  itemOfConversation,
  joined,
  messagesOf,
  shopperSocket,
  startChat,
  widgetCall,
  type Caller,
} from './chat-helpers.ts';

const console_ = (path: string, init: Parameters<typeof consoleCall>[2] = {}) => consoleCall(exports.default, path, init);

async function myConversations(site: Pick<SiteRow, 'id'>, caller: Caller): Promise<Conversation[]> {
  const res = await widgetCall(site, '/me/conversations', { caller });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json<{ conversations: Conversation[] }>()).conversations;
}

async function post(site: Pick<SiteRow, 'id'>, conversationId: string, caller: Caller, body: Record<string, unknown>) {
  return widgetCall(site, `/conversations/${conversationId}/messages`, { caller, method: 'POST', body });
}

async function staffPost(cookie: string, conversationId: string, body: Record<string, unknown>) {
  return console_(`/conversations/${conversationId}/messages`, { method: 'POST', cookie, body });
}

describe('POST /conversations', () => {
  it('starts a conversation: the first message gets seq 1, the item lands in the queue, and the shopper is told who answers and when', async () => {
    const { site, agent } = await aChatDesk();
    const productId = aProductId();
    const clientId = crypto.randomUUID();
    const started = await startChat(site, { productId, clientId, text: 'Hi! Does the Storm jacket run small?', name: 'Kim', lang: 'en', timeZone: 'Europe/Amsterdam' });
    expect(started.status).toBe(201);
    expect(started.conversation).toEqual({
      id: expect.any(String),
      channel: 'product',
      productId,
      orderRef: null,
      status: 'open',
      lastSeq: 1,
      preview: { text: 'Hi! Does the Storm jacket run small?', sender: { kind: 'shopper', name: 'Kim' }, hasAttachment: false, createdAt: expect.any(Number) },
      unread: 0,
      createdAt: expect.any(Number),
      updatedAt: expect.any(Number),
    } satisfies Conversation);
    expect(started.message).toEqual({
      seq: 1,
      clientId,
      sender: { kind: 'shopper', name: 'Kim' },
      text: 'Hi! Does the Storm jacket run small?',
      attachment: null,
      createdAt: expect.any(Number),
    } satisfies ChatMessage);
    expect(started.ack).toMatchObject({ openNow: true, mode: 'live', who: 'team', promise: { community: null, openNow: true, reopens: null } });
    expect(started.ack.promise.staff.text).toMatch(/\d\d:\d\d|minutes|hour/);

    // Routed like a private question, and shown in the console's queue with its conversation.
    const item = await itemOfConversation(site, started.conversation.id);
    expect(item).toMatchObject({ reason: 'personal', priority: 0, status: 'new' });
    const res = await console_('/queue', { cookie: agent.cookie });
    const page = await res.json<QueuePage>();
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ id: item!.id, conversationId: started.conversation.id, body: 'Hi! Does the Storm jacket run small?', visibility: 'private', productId });
  });

  it('is idempotent on its client id: a retry (even a concurrent one) returns the same conversation', async () => {
    const { site } = await aChatDesk();
    const caller = { visitor: aVisitorId() };
    const body = { productId: aProductId(), clientId: crypto.randomUUID(), text: 'Is this tent really for four people?' };
    const first = await startChat(site, body, caller);
    const again = await startChat(site, body, caller);
    expect(again.status).toBe(200);
    expect(again.conversation.id).toBe(first.conversation.id);
    expect(again.message).toEqual(first.message);

    const raceBody = { productId: aProductId(), clientId: crypto.randomUUID(), text: 'And the footprint, is it included?' };
    const [a, b] = await Promise.all([startChat(site, raceBody, caller), startChat(site, raceBody, caller)]);
    expect(a.conversation.id).toBe(b.conversation.id);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const count = await env.DB.prepare('SELECT count(*) AS n FROM conversations WHERE site_id = ?').bind(site.id).first<{ n: number }>();
    expect(count?.n).toBe(2);
    const questions = await env.DB.prepare('SELECT count(*) AS n FROM questions WHERE site_id = ?').bind(site.id).first<{ n: number }>();
    expect(questions?.n).toBe(2);
    // The same client id from another shopper is another conversation.
    const other = await startChat(site, body, { visitor: aVisitorId() });
    expect(other.conversation.id).not.toBe(first.conversation.id);
  });

  it('at checkout carries the order, and the console shows it', async () => {
    const { site, agent } = await aChatDesk();
    const started = await startChat(site, { channel: 'checkout', orderRef: 'NK-1042', text: 'Can I still change the delivery address?' });
    expect(started.conversation).toMatchObject({ channel: 'checkout', productId: null, orderRef: 'NK-1042' });
    expect(await itemOfConversation(site, started.conversation.id)).toMatchObject({ reason: 'checkout', order_ref: 'NK-1042' });
    const res = await console_(`/conversations/${started.conversation.id}`, { cookie: agent.cookie });
    expect(res.status).toBe(200);
    const { conversation } = await res.json<{ conversation: ConsoleConversation }>();
    expect(conversation).toMatchObject({ channel: 'checkout', orderRef: 'NK-1042', lastSeq: 1, status: 'open' });
  });

  it('starts from a page about no product or order (the shop’s home page), filed as a general question', async () => {
    const { site } = await aChatDesk();
    const started = await startChat(site, { channel: 'product', productId: undefined, text: 'Do you ship to Belgium?' });
    expect(started.conversation).toMatchObject({ channel: 'product' });
    const row = await env.DB.prepare('SELECT product_id FROM staff_items WHERE site_id = ? ORDER BY routed_at DESC LIMIT 1').bind(site.id).first<{ product_id: string }>();
    expect(row?.product_id).toBe('_general');
  });

  it('raises priority for a complaint and for a second contact about the same product', async () => {
    const { site } = await aChatDesk();
    const complaint = await startChat(site, { text: 'Ik wil een klacht indienen, dit is echt schandalig!!' });
    expect(await itemOfConversation(site, complaint.conversation.id)).toMatchObject({ reason: 'complaint', priority: 1 });

    const caller = { visitor: aVisitorId() };
    const productId = aProductId();
    const first = await startChat(site, { productId, text: 'Does it come in green?' }, caller);
    expect(await itemOfConversation(site, first.conversation.id)).toMatchObject({ reason: 'personal', priority: 0 });
    const second = await startChat(site, { productId, text: 'Me again, still wondering about green.' }, caller);
    expect(await itemOfConversation(site, second.conversation.id)).toMatchObject({ reason: 'second_contact', priority: 1 });
  });

  it('becomes "leave a message" outside business hours, keeping a valid email for the reply', async () => {
    const { site } = await aChatDesk({ closed: true });
    // No opening hours at all: closed now; the promise still says when staff answer.
    const started = await startChat(site, { text: 'Do you ship to Belgium?', email: 'kim@example.com' });
    expect(started.ack).toMatchObject({ openNow: false, mode: 'leave_message', who: 'team' });
    const row = await env.DB.prepare('SELECT reply_email FROM conversations WHERE site_id = ? AND id = ?')
      .bind(site.id, started.conversation.id)
      .first<{ reply_email: string }>();
    expect(row?.reply_email).toBe('kim@example.com');
    const res = await widgetCall(site, '/conversations', {
      caller: { visitor: aVisitorId() },
      method: 'POST',
      body: { channel: 'product', productId: aProductId(), text: 'Hello?', clientId: crypto.randomUUID(), email: 'not-an-email' },
    });
    await expectError(res, 400, 'invalid_email');
  });

  it('refuses bad input with a precise code, and a caller without any identity', async () => {
    const { site } = await aChatDesk();
    const base = { channel: 'product', productId: aProductId(), text: 'Hello there', clientId: crypto.randomUUID() };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, productId: 'no spaces' }, 'invalid_product'],
      [{ ...base, channel: 'checkout', productId: undefined }, 'invalid_order_ref'],
      [{ ...base, channel: 'checkout', orderRef: '<script>' }, 'invalid_order_ref'],
      [{ ...base, channel: 'phone' }, 'invalid_channel'],
      [{ ...base, clientId: 'no spaces please' }, 'invalid_client_id'],
      [{ ...base, text: '   ' }, 'message_too_short'],
      [{ ...base, text: 'x'.repeat(5001) }, 'message_too_long'],
      [{ ...base, timeZone: 'Mars/Olympus' }, 'invalid_time_zone'],
    ];
    for (const [body, code] of cases) {
      await expectError(await widgetCall(site, '/conversations', { caller: { visitor: aVisitorId() }, method: 'POST', body }), 400, code);
    }
    await expectError(await widgetCall(site, '/conversations', { method: 'POST', body: base }), 400, 'visitor_required');
  });

  it('keeps the conversation’s question out of "Your questions" and the community', async () => {
    const { site } = await aChatDesk();
    const caller = { visitor: aVisitorId() };
    const started = await startChat(site, { text: 'Where is my invoice for order 1042?' }, caller);
    const asked = await widgetCall(site, `/products/${aProductId()}/questions`, { caller, method: 'POST', body: { text: 'Where is my invoice for order 2077?' } });
    expect(asked.status).toBe(201);
    const res = await widgetCall(site, '/me/questions', { caller });
    const { questions } = await res.json<{ questions: MyQuestion[] }>();
    expect(questions.map((q) => q.body)).toEqual(['Where is my invoice for order [order number hidden]?']);

    const row = await env.DB.prepare('SELECT question_id FROM conversations WHERE site_id = ? AND id = ?').bind(site.id, started.conversation.id).first<{ question_id: string }>();
    await expectError(
      await widgetCall(site, `/questions/${row!.question_id}/community`, { caller, method: 'POST', body: {} }),
      409,
      'conversation_question',
    );
  });
});

describe('GET /me/conversations', () => {
  it('lists the shopper’s own conversations, newest activity first, with a preview and unread count', async () => {
    const { site, agent } = await aChatDesk();
    const caller = { visitor: aVisitorId() };
    const older = await startChat(site, { text: 'First chat' }, caller);
    const newer = await startChat(site, { text: 'Second chat' }, caller);
    expect((await myConversations(site, caller)).map((c) => c.id)).toEqual([newer.conversation.id, older.conversation.id]);

    expect((await staffPost(agent.cookie, older.conversation.id, { clientId: crypto.randomUUID(), text: 'Hello from the team' })).status).toBe(201);
    const [top, next] = await myConversations(site, caller);
    expect(top).toMatchObject({ id: older.conversation.id, unread: 1, lastSeq: 2, preview: { text: 'Hello from the team', sender: { kind: 'staff', name: 'Aziz Agent' } } });
    expect(next).toMatchObject({ id: newer.conversation.id, unread: 0 });

    // Reading (over the socket) clears the count.
    const socket = await joined(shopperSocket(site, older.conversation.id, caller));
    socket.send({ type: 'read', seq: 2 });
    await expect.poll(async () => (await myConversations(site, caller))[0]?.unread).toBe(0);
    socket.close();

    expect(await myConversations(site, { visitor: aVisitorId() })).toEqual([]);
    expect(await myConversations(site, {})).toEqual([]);
  });

  it('are erased with the member, whatever the site’s erase mode, attachments included', async () => {
    const { site } = await aChatDesk();
    const token = await aToken(site, { sub: `erase-${crypto.randomUUID()}`, name: 'Anna' });
    const started = await startChat(site, { text: 'My email is anna@example.com, where is my parcel?' }, { token });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const uploaded = await widgetCall(site, `/conversations/${started.conversation.id}/attachments`, {
      caller: { token },
      method: 'POST',
      body: png,
      headers: { 'Content-Type': 'image/png', 'X-File-Name': 'receipt.png' },
    });
    expect(uploaded.status).toBe(201);
    const { r2_key } = (await env.DB.prepare('SELECT r2_key FROM chat_attachments WHERE site_id = ?').bind(site.id).first<{ r2_key: string }>())!;
    expect(await env.ATTACHMENTS.head(r2_key)).not.toBeNull();

    const exported = await (await widgetCall(site, '/me/export', { caller: { token } })).json<{
      conversations: { id: string; messages: { from: string; text: string }[] }[];
    }>();
    expect(exported.conversations).toEqual([
      { id: started.conversation.id, productId: expect.any(String), orderRef: null, createdAt: expect.any(Number), messages: expect.any(Array) },
    ]);
    expect(exported.conversations[0]?.messages[0]).toMatchObject({ from: 'shopper', text: expect.stringContaining('where is my parcel') });

    expect((await widgetCall(site, '/me', { caller: { token }, method: 'DELETE' })).status).toBe(200);
    expect(await myConversations(site, { token })).toEqual([]);
    const left = await env.DB.prepare(
      `SELECT (SELECT count(*) FROM conversations WHERE site_id = ?1) + (SELECT count(*) FROM chat_messages WHERE site_id = ?1)
            + (SELECT count(*) FROM chat_attachments WHERE site_id = ?1) + (SELECT count(*) FROM questions WHERE site_id = ?1 AND staff_body IS NOT NULL) AS n`,
    )
      .bind(site.id)
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
    await expect.poll(() => env.ATTACHMENTS.head(r2_key)).toBeNull();
  });

  it('finds an identified shopper’s conversations by their shop account', async () => {
    const { site } = await aChatDesk();
    const token = await aToken(site, { sub: 'customer-77', name: 'Anna' });
    const started = await startChat(site, { text: 'Hi from Anna' }, { token });
    expect(started.message.sender).toEqual({ kind: 'shopper', name: 'Anna' });
    // Another device, same account.
    expect((await myConversations(site, { token, visitor: aVisitorId() })).map((c) => c.id)).toEqual([started.conversation.id]);
  });
});

describe('messages over REST', () => {
  it('stores a message once: a retry returns the same seq, and ?after= pages from a seq', async () => {
    const { site } = await aChatDesk();
    const started = await startChat(site);
    const clientId = crypto.randomUUID();
    const first = await post(site, started.conversation.id, started.caller, { clientId, text: 'Also: is it machine washable?' });
    expect(first.status).toBe(201);
    const { message } = await first.json<{ message: ChatMessage }>();
    expect(message).toMatchObject({ seq: 2, clientId, text: 'Also: is it machine washable?', sender: { kind: 'shopper' } });
    const retry = await post(site, started.conversation.id, started.caller, { clientId, text: 'Also: is it machine washable?' });
    expect(retry.status).toBe(200);
    expect((await retry.json<{ message: ChatMessage }>()).message).toEqual(message);
    expect((await messagesOf(site, started.conversation.id, started.caller)).map((m) => m.seq)).toEqual([1, 2]);
    expect((await messagesOf(site, started.conversation.id, started.caller, 1)).map((m) => m.clientId)).toEqual([clientId]);
    await expectError(await widgetCall(site, `/conversations/${started.conversation.id}/messages?after=-1`, { caller: started.caller }), 400, 'invalid_seq');
  });

  it('is private: anyone else gets 404 for reading, writing and tickets', async () => {
    const { site } = await aChatDesk();
    const started = await startChat(site);
    const stranger = { visitor: aVisitorId() };
    const id = started.conversation.id;
    await expectError(await widgetCall(site, `/conversations/${id}/messages`, { caller: stranger }), 404, 'conversation_not_found');
    await expectError(await post(site, id, stranger, { clientId: crypto.randomUUID(), text: 'Let me in' }), 404, 'conversation_not_found');
    await expectError(await widgetCall(site, `/conversations/${id}/ticket`, { caller: stranger, method: 'POST' }), 404, 'conversation_not_found');
    await expectError(await widgetCall(site, `/conversations/${id}/messages`, { caller: {} }), 404, 'conversation_not_found');
    // Another site never finds it.
    const other = await aChatDesk();
    await expectError(await widgetCall(other.site, `/conversations/${id}/messages`, { caller: started.caller }), 404, 'conversation_not_found');
    await expectError(await console_(`/conversations/${id}`, { cookie: other.agent.cookie }), 404, 'conversation_not_found');
  });

  it('refuses an empty or too long message, and a client id another participant used', async () => {
    const { site, agent } = await aChatDesk();
    const started = await startChat(site);
    const id = started.conversation.id;
    await expectError(await post(site, id, started.caller, { clientId: crypto.randomUUID(), text: '  ' }), 400, 'message_empty');
    await expectError(await post(site, id, started.caller, { clientId: crypto.randomUUID(), text: 'x'.repeat(5001) }), 400, 'message_too_long');
    await expectError(await post(site, id, started.caller, { clientId: '../../etc', text: 'hi' }), 400, 'invalid_client_id');
    await expectError(await staffPost(agent.cookie, id, { clientId: started.message.clientId, text: 'Hijack' }), 409, 'client_id_taken');
  });
});

describe('staff in the console', () => {
  it('a staff chat message is the first response: the item waits on the shopper; the shopper writing again brings it back', async () => {
    const { site, agent } = await aChatDesk();
    const started = await startChat(site);
    const id = started.conversation.id;
    const res = await staffPost(agent.cookie, id, { clientId: crypto.randomUUID(), text: 'It runs half a size small.' });
    expect(res.status).toBe(201);
    expect((await res.json<{ message: ChatMessage }>()).message).toMatchObject({ seq: 2, sender: { kind: 'staff', name: 'Aziz Agent' } });
    const item = await itemOfConversation(site, id);
    expect(item).toMatchObject({ status: 'waiting', assignee_id: agent.id });
    expect(item?.first_response_at).toEqual(expect.any(Number));
    const firstResponse = item!.first_response_at;

    // Another staff message changes nothing more.
    expect((await staffPost(agent.cookie, id, { clientId: crypto.randomUUID(), text: 'Anything else?' })).status).toBe(201);
    expect((await itemOfConversation(site, id))?.first_response_at).toBe(firstResponse);

    expect((await post(site, id, started.caller, { clientId: crypto.randomUUID(), text: 'Thanks! And the sleeves?' })).status).toBe(201);
    expect(await itemOfConversation(site, id)).toMatchObject({ status: 'open' });

    // Resolved: the conversation reads closed; a new shopper message reopens both.
    expect((await console_(`/queue/${item!.id}/resolve`, { method: 'POST', cookie: agent.cookie })).status).toBe(200);
    expect((await myConversations(site, started.caller))[0]?.status).toBe('closed');
    expect((await post(site, id, started.caller, { clientId: crypto.randomUUID(), text: 'One more thing…' })).status).toBe(201);
    expect(await itemOfConversation(site, id)).toMatchObject({ status: 'open' });
    expect((await myConversations(site, started.caller))[0]?.status).toBe('open');
    const events = await env.DB.prepare('SELECT kind, actor, detail FROM staff_item_events WHERE site_id = ? AND item_id = ? ORDER BY created_at, rowid')
      .bind(site.id, item!.id)
      .all<{ kind: string; actor: string; detail: string | null }>();
    expect(events.results.map((e) => [e.kind, e.actor, e.detail])).toEqual([
      ['routed', 'system', 'personal'],
      ['replied', agent.id, 'chat'],
      ['resolved', agent.id, null],
      ['reopened', 'shopper', 'chat'],
    ]);

    const list = await console_(`/conversations/${id}/messages?after=0`, { cookie: agent.cookie });
    expect((await list.json<{ messages: ChatMessage[] }>()).messages.map((m) => m.sender.kind)).toEqual(['shopper', 'staff', 'staff', 'shopper', 'shopper']);
  });

  it('sends staff.replied (with the email left for the reply) only while the shopper is not in the chat', async () => {
    const { site, agent } = await aChatDesk({ closed: true });
    await env.DB.prepare(`INSERT INTO webhooks (site_id, id, url, events, secret, created_at) VALUES (?, ?, 'http://127.0.0.1:9/samen', ?, 'whsec_test', ?)`)
      .bind(site.id, crypto.randomUUID(), JSON.stringify(['staff.replied']), Date.now())
      .run();
    const started = await startChat(site, { text: 'Do you ship to Belgium?', email: 'kim@example.com', name: 'Kim' });
    const id = started.conversation.id;
    const deliveries = async () =>
      (await env.DB.prepare('SELECT payload FROM webhook_deliveries WHERE site_id = ?').bind(site.id).all<{ payload: string }>()).results.map(
        (d) => JSON.parse(d.payload) as { event: string; data: Record<string, unknown> },
      );
    expect((await staffPost(agent.cookie, id, { clientId: crypto.randomUUID(), text: 'Yes, we do!' })).status).toBe(201);
    await expect.poll(async () => (await deliveries()).length).toBe(1);
    expect((await deliveries())[0]).toMatchObject({
      event: 'staff.replied',
      data: {
        conversation: { id, seq: 2 },
        question: 'Do you ship to Belgium?',
        reply: { body: 'Yes, we do!', staffName: 'Aziz Agent' },
        shopper: { sub: null, name: 'Kim', email: 'kim@example.com' },
      },
    });

    const socket = await joined(shopperSocket(site, id, started.caller));
    expect((await staffPost(agent.cookie, id, { clientId: crypto.randomUUID(), text: 'Shipping takes two days.' })).status).toBe(201);
    await socket.next('msg', (f) => f.message.seq === 3);
    await new Promise((r) => setTimeout(r, 100));
    expect(await deliveries()).toHaveLength(1);
    socket.close();
  });

  it('refuses the console’s socket without the console’s origin or a session', async () => {
    const { site, agent } = await aChatDesk();
    const started = await startChat(site);
    const { staffHandshake } = await import('./chat-helpers.ts');
    await expectError(await staffHandshake(agent.cookie, started.conversation.id, null), 403, 'csrf_refused');
    await expectError(await staffHandshake(agent.cookie, started.conversation.id, 'https://evil.example'), 403, 'csrf_refused');
    await expectError(await staffHandshake('', started.conversation.id), 401, 'not_signed_in');
    const other = await aChatDesk();
    await expectError(await staffHandshake(other.agent.cookie, started.conversation.id), 404, 'conversation_not_found');
  });
});

describe('experts', () => {
  it('see open chats on their products (personal data masked), join one, and take part as experts', async () => {
    const { site } = await aChatDesk();
    const productId = aProductId();
    const started = await startChat(site, { productId, text: 'Is the Storm jacket warm enough? Mail me at kim@example.com' });
    await startChat(site, { text: 'Elsewhere' });
    const expert = { token: await aToken(site, { name: 'Eva Expert', role: 'expert', products: [productId] }) };

    const res = await widgetCall(site, `/expert/conversations?product=${productId}`, { caller: expert });
    expect(res.status).toBe(200);
    const { conversations } = await res.json<{ conversations: ExpertConversation[] }>();
    expect(conversations).toHaveLength(1);
    expect(conversations[0]).toMatchObject({ id: started.conversation.id, joined: false, productId, orderRef: null });
    expect(conversations[0]?.firstMessage).not.toContain('kim@example.com');

    // Not a participant before joining.
    await expectError(await widgetCall(site, `/conversations/${started.conversation.id}/messages`, { caller: expert }), 404, 'conversation_not_found');
    const join = await widgetCall(site, `/conversations/${started.conversation.id}/join`, { caller: expert, method: 'POST' });
    expect(join.status, await join.clone().text()).toBe(200);
    const messages = await messagesOf(site, started.conversation.id, expert);
    expect(messages[0]?.text).toContain('[email hidden]');
    const answer = await post(site, started.conversation.id, expert, { clientId: crypto.randomUUID(), text: 'Warm down to −5 °C with a fleece.' });
    expect(answer.status).toBe(201);
    expect((await answer.json<{ message: ChatMessage }>()).message.sender).toEqual({ kind: 'expert', name: 'Eva Expert' });
    // The shopper sees their own text unmasked and the expert's answer.
    expect((await messagesOf(site, started.conversation.id, started.caller)).map((m) => m.text)).toEqual([
      'Is the Storm jacket warm enough? Mail me at kim@example.com',
      'Warm down to −5 °C with a fleece.',
    ]);
    const listed = await widgetCall(site, `/expert/conversations`, { caller: expert });
    expect((await listed.json<{ conversations: ExpertConversation[] }>()).conversations[0]).toMatchObject({ joined: true });
  });

  it('cannot join chats on other products, at checkout, or without an expert token', async () => {
    const { site } = await aChatDesk();
    const started = await startChat(site);
    const checkout = await startChat(site, { channel: 'checkout', orderRef: 'NK-1', text: 'Order question' });
    const expert = { token: await aToken(site, { role: 'expert', products: ['something-else'] }) };
    await expectError(await widgetCall(site, `/conversations/${started.conversation.id}/join`, { caller: expert, method: 'POST' }), 403, 'not_your_product');
    await expectError(await widgetCall(site, `/conversations/${checkout.conversation.id}/join`, { caller: expert, method: 'POST' }), 403, 'not_your_product');
    const shopper = { token: await aToken(site) };
    await expectError(await widgetCall(site, `/conversations/${started.conversation.id}/join`, { caller: shopper, method: 'POST' }), 403, 'experts_only');
    await expectError(await widgetCall(site, '/expert/conversations', { caller: shopper }), 403, 'experts_only');
    const wide = await widgetCall(site, `/expert/conversations?product=${started.conversation.productId}`, { caller: expert });
    expect((await wide.json<{ conversations: unknown[] }>()).conversations).toEqual([]);
  });
});
