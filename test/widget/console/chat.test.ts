import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../widget/src/console/samen-console-chat.ts';
import '../../../widget/src/console/samen-console-queue-item.ts';
import type { SamenConsoleChat } from '../../../widget/src/console/samen-console-chat.ts';
import type { SamenConsoleQueueItem } from '../../../widget/src/console/samen-console-queue-item.ts';
import { connectChatLive, parseChatFrame } from '../../../widget/src/console/chat-live.ts';
import { ConsoleApiError } from '../../../widget/src/console/api.ts';
import { consoleChatStrings } from '../../../widget/src/console/i18n/chat.ts';
import type { ChatMessage, ChatParticipant } from '../../../worker/src/chat-types.ts';
import { FakeConsoleApi } from './fake-console-api.ts';
import { FakeChatApi, FakeSocket, aChatMessage } from './chat-test-helpers.ts';
import { click, findByRole, getByRole, queryAllByRole, settle, typeInto, visibleText, waitForNoText, waitForText } from '../queries.ts';

const en = consoleChatStrings.en;

async function chatPanel(api: FakeChatApi, locale = 'en') {
  const el = await fixture<SamenConsoleChat>(html`<samen-console-chat .chatApi=${api} locale=${locale} conversation-id="conv-1"></samen-console-chat>`);
  await waitForNoText(el, consoleChatStrings[locale as 'en'].loading);
  return el;
}

/** Opens the socket and lets the room greet it. */
async function greet(api: FakeChatApi, lastSeq = 0, participants: ChatParticipant[] = [{ role: 'staff', name: 'Aziz Agent' }]) {
  await waitUntil(() => api.sockets.length > 0, 'a socket is opened');
  const socket = api.last;
  socket.open();
  socket.push({ type: 'welcome', you: { role: 'staff', name: 'Aziz Agent' }, participants, lastSeq });
  await settle();
  return socket;
}

const log = (el: Element) => getByRole(el, 'log', 'Conversation');
const messageBox = (el: Element) => getByRole<HTMLTextAreaElement>(el, 'textbox', 'Message');

describe('<samen-console-chat>', () => {
  it('shows the history in a log named "Conversation", then resumes live from the last message', async () => {
    const api = new FakeChatApi();
    api.messagesList = [aChatMessage(1, { text: 'Where is my parcel? Order NK-1042' }), aChatMessage(2, { sender: { kind: 'staff', name: 'Aziz Agent' }, text: 'Checking now.' })];
    const el = await chatPanel(api);
    expect(visibleText(log(el))).to.include('Kim (shopper)');
    expect(visibleText(log(el))).to.include('Where is my parcel? Order NK-1042');
    expect(visibleText(log(el))).to.include('Aziz Agent (team)');
    expect(queryAllByRole(log(el), 'listitem')).to.have.length(2);
    const socket = await greet(api, 2, [
      { role: 'staff', name: 'Aziz Agent' },
      { role: 'shopper', name: 'Kim' },
    ]);
    expect(socket.frames()[0]).to.deep.equal({ type: 'hello', lastSeq: 2 });
    await waitForText(el, 'In this chat: Aziz Agent (team), Kim (shopper)');
    await waitForText(el, en.states.live);
    // A live message from the shopper appears once, even if the room sends it twice.
    socket.push({ type: 'msg', message: aChatMessage(3, { text: 'Thanks!' }) });
    socket.push({ type: 'msg', message: aChatMessage(3, { text: 'Thanks!' }) });
    await waitForText(log(el), 'Thanks!');
    expect(queryAllByRole(log(el), 'listitem')).to.have.length(3);
    // …and staff have read it.
    await waitUntil(() => socket.frames().some((f) => f.type === 'read' && f.seq === 3), 'a read receipt is sent');
  });

  it('sends on Send: shown as "Sending…" until the room acknowledges it, then as the stored message', async () => {
    const api = new FakeChatApi();
    api.messagesList = [aChatMessage(1)];
    const el = await chatPanel(api);
    const socket = await greet(api, 1);
    typeInto(messageBox(el), 'Your parcel left the depot this morning.');
    await click(getByRole(el, 'button', 'Send'));
    await waitForText(log(el), en.sending);
    const sent = socket.frames().find((f) => f.type === 'msg')!;
    expect(sent).to.include({ text: 'Your parcel left the depot this morning.' });
    expect(messageBox(el).value).to.equal('');
    const clientId = String(sent.clientId);
    socket.push({ type: 'ack', clientId, seq: 2 });
    socket.push({ type: 'msg', message: aChatMessage(2, { clientId, sender: { kind: 'staff', name: 'Aziz Agent' }, text: 'Your parcel left the depot this morning.' }) });
    await waitForNoText(log(el), en.sending);
    expect(visibleText(log(el)).match(/Your parcel left the depot/g)).to.have.length(1);
  });

  it('Enter sends, Shift+Enter does not', async () => {
    const api = new FakeChatApi();
    const el = await chatPanel(api);
    const socket = await greet(api);
    typeInto(messageBox(el), 'Line one');
    messageBox(el).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true, composed: true }));
    await settle();
    expect(socket.frames().filter((f) => f.type === 'msg')).to.have.length(0);
    messageBox(el).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await settle();
    expect(socket.frames().filter((f) => f.type === 'msg')).to.have.length(1);
  });

  it('shows who is typing, and "Seen" under the team message the shopper has read', async () => {
    const api = new FakeChatApi();
    api.messagesList = [aChatMessage(1), aChatMessage(2, { sender: { kind: 'staff', name: 'Aziz Agent' }, text: 'Hello Kim' })];
    const el = await chatPanel(api);
    const socket = await greet(api, 2);
    socket.push({ type: 'typing', who: { role: 'shopper', name: 'Kim' }, on: true });
    await waitForText(el, 'Kim is typing…');
    socket.push({ type: 'typing', who: { role: 'shopper', name: 'Kim' }, on: false });
    await waitForNoText(el, 'Kim is typing…');
    expect(visibleText(log(el))).not.to.include(en.seen);
    socket.push({ type: 'read', who: { role: 'shopper', name: 'Kim' }, seq: 2 });
    await waitForText(log(el), en.seen);
    const items = queryAllByRole(log(el), 'listitem');
    expect(visibleText(items[1]!)).to.include(en.seen);
  });

  it('announces who joins and leaves', async () => {
    const api = new FakeChatApi();
    const el = await chatPanel(api);
    const socket = await greet(api);
    await waitForText(el, en.nobodyElse);
    socket.push({ type: 'presence', who: { role: 'expert', name: 'Eva' }, state: 'joined' });
    await waitForText(el, 'Eva joined the chat.');
    await waitForText(el, 'In this chat: Aziz Agent (team), Eva (expert)');
    socket.push({ type: 'presence', who: { role: 'expert', name: 'Eva' }, state: 'left' });
    await waitForText(el, 'Eva left the chat.');
  });

  it('keeps what staff typed while offline and sends it, once, after reconnecting', async () => {
    const api = new FakeChatApi();
    api.offline = true;
    const el = await chatPanel(api);
    const first = await greet(api);
    first.drop();
    await waitForText(el, en.states.reconnecting);
    typeInto(messageBox(el), 'Sent while the connection was down');
    await click(getByRole(el, 'button', 'Send'));
    await waitForText(log(el), en.sending);
    expect(first.frames().filter((f) => f.type === 'msg')).to.have.length(0);
    // The reconnect (after a backoff of about a second).
    await waitUntil(() => api.sockets.length === 2, 'a new socket', { timeout: 4000 });
    const second = await greet(api);
    const resent = second.frames().filter((f) => f.type === 'msg');
    expect(resent).to.have.length(1);
    expect(resent[0]).to.include({ text: 'Sent while the connection was down' });
    expect(second.frames()[0]).to.deep.equal({ type: 'hello', lastSeq: 0 });
  });

  it('refuses an empty message with a readable error, and gives back a message the room refused', async () => {
    const api = new FakeChatApi();
    const el = await chatPanel(api);
    const socket = await greet(api);
    await click(getByRole(el, 'button', 'Send'));
    expect(visibleText(getByRole(el, 'alert'))).to.equal(en.errors.message_empty);
    expect(messageBox(el).getAttribute('aria-invalid')).to.equal('true');
    typeInto(messageBox(el), 'Something the room will refuse');
    await click(getByRole(el, 'button', 'Send'));
    const clientId = String(socket.frames().find((f) => f.type === 'msg')!.clientId);
    socket.push({ type: 'error', code: 'attachment_not_found', message: 'x', clientId });
    await findByRole(el, 'alert');
    expect(visibleText(getByRole(el, 'alert'))).to.equal(en.errors.generic);
    expect(messageBox(el).value).to.equal('Something the room will refuse');
  });

  it('links attachments only when the link is http(s), and renders every text as text', async () => {
    const api = new FakeChatApi();
    api.messagesList = [
      aChatMessage(1, { text: '<img src=x onerror=alert(1)>', attachment: { id: 'a1', name: 'receipt.pdf', type: 'application/pdf', size: 2048, url: 'https://samen.test/api/v1/sites/s/attachments/a1?exp=1&sig=x' } }),
      aChatMessage(2, { text: '', attachment: { id: 'a2', name: 'evil.png', type: 'image/png', size: 10, url: 'javascript:alert(1)' } }),
    ];
    const el = await chatPanel(api);
    const link = getByRole<HTMLAnchorElement>(el, 'link', 'receipt.pdf (2 KB)');
    expect(link.href).to.match(/^https:\/\/samen\.test\//);
    expect(link.rel).to.equal('noopener noreferrer');
    expect(queryAllByRole(el, 'link')).to.have.length(1);
    expect(visibleText(log(el))).to.include('evil.png');
    expect(visibleText(log(el))).to.include('<img src=x onerror=alert(1)>');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('shows a load error with a retry', async () => {
    const api = new FakeChatApi();
    api.failLoad = new ConsoleApiError(500, 'internal', 'x');
    const el = await chatPanel(api);
    expect(visibleText(getByRole(el, 'alert'))).to.include(en.loadError);
    api.failLoad = null;
    await click(getByRole(el, 'button', en.retry));
    await findByRole(el, 'log', 'Conversation');
  });

  it('speaks Dutch and French', async () => {
    for (const locale of ['nl', 'fr'] as const) {
      const t = consoleChatStrings[locale];
      const el = await chatPanel(new FakeChatApi(), locale);
      getByRole(el, 'log', t.conversation);
      getByRole(el, 'textbox', t.message);
      getByRole(el, 'button', t.send);
    }
  });
});

describe('the queue item of a live chat', () => {
  it('shows the conversation with the order number, and the chat instead of the reply form', async () => {
    const api = new FakeConsoleApi().signedInAs('agent', 'Aziz Agent');
    const item = api.addQueueItem({ conversationId: 'conv-1', channel: 'checkout', orderRef: 'NK-1042', body: 'Where is my parcel?' });
    const chatApi = new FakeChatApi();
    chatApi.messagesList = [aChatMessage(1, { text: 'Where is my parcel?' })];
    const el = await fixture<SamenConsoleQueueItem>(
      html`<samen-console-queue-item .api=${api} .chatApi=${chatApi} item-id=${item.id} staff-id=${api.signedIn!.staff.id}></samen-console-queue-item>`,
    );
    await findByRole(el, 'log', 'Conversation');
    expect(visibleText(el)).to.include('NK-1042');
    getByRole(el, 'heading', en.heading);
    getByRole(el, 'textbox', 'Message');
    expect(queryAllByRole(el, 'textbox', 'Reply to shopper')).to.have.length(0);
    getByRole(el, 'textbox', 'Internal note');
  });
});

describe('connectChatLive', () => {
  it('ignores pongs and garbage', () => {
    expect(parseChatFrame('pong')).to.equal(null);
    expect(parseChatFrame('{not json')).to.equal(null);
    expect(parseChatFrame('[1,2]')).to.equal(null);
    expect(parseChatFrame(JSON.stringify({ type: 'ack', clientId: 'a', seq: 1 }))).to.deep.equal({ type: 'ack', clientId: 'a', seq: 1 });
  });

  it('sends the outbox over REST while the socket is down, and catches up on news', async () => {
    const api = new FakeChatApi();
    api.messagesList = [aChatMessage(1)];
    const received: ChatMessage[] = [];
    const acked: string[] = [];
    const sockets: FakeSocket[] = [];
    const conn = connectChatLive(
      { onMessage: (m) => received.push(m), onAck: (id) => acked.push(id) },
      {
        createSocket: () => {
          const s = new FakeSocket();
          sockets.push(s);
          return s;
        },
        lastSeq: 1,
        pollMs: 20,
        initialBackoffMs: 10_000,
        fallback: { send: (id, text) => api.send('conv-1', id, text), since: (after) => api.messages('conv-1', after) },
      },
    );
    sockets[0]!.drop();
    api.messagesList.push(aChatMessage(2, { text: 'Arrived while offline' }));
    conn.send('mine-1', 'Via REST');
    await waitUntil(() => acked.includes('mine-1'), 'sent over REST');
    await waitUntil(() => received.some((m) => m.seq === 2), 'news fetched');
    expect(api.restSent).to.deep.equal([{ clientId: 'mine-1', text: 'Via REST' }]);
    expect(conn.pending()).to.deep.equal([]);
    conn.close();
  });

  it('treats a socket that never acknowledges as dead and resends on the next one', async () => {
    const sockets: FakeSocket[] = [];
    const conn = connectChatLive(
      { onMessage: () => {}, onAck: () => {} },
      {
        createSocket: () => {
          const s = new FakeSocket();
          sockets.push(s);
          return s;
        },
        ackTimeoutMs: 100,
        initialBackoffMs: 10,
      },
    );
    sockets[0]!.open();
    sockets[0]!.push({ type: 'welcome', you: { role: 'staff', name: 'A' }, participants: [], lastSeq: 0 });
    conn.send('m-1', 'Hello?');
    await waitUntil(() => sockets.length === 2, 'reconnected', { timeout: 3000 });
    expect(sockets[0]!.closedWith).not.to.equal(null);
    sockets[1]!.open();
    sockets[1]!.push({ type: 'welcome', you: { role: 'staff', name: 'A' }, participants: [], lastSeq: 0 });
    expect(sockets[1]!.frames().filter((f) => f.type === 'msg')).to.deep.equal([{ type: 'msg', clientId: 'm-1', text: 'Hello?' }]);
    conn.close();
  });
});
