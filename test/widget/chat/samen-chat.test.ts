import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../widget/src/chat/samen-chat.ts';
import type { SamenChat } from '../../../widget/src/chat/samen-chat.ts';
import { FakeApi } from '../../fixtures/fake-api.ts';
import { click, deepActiveElement, getByRole, queryAllByRole, typeInto, visibleText, waitForText } from '../queries.ts';

async function panel(api = new FakeApi(), context = { orderRef: 'NK-1042' }) {
  const opener = await fixture<HTMLButtonElement>(html`<button>Chat with us</button>`);
  const el = document.createElement('samen-chat');
  el.api = api;
  el.siteId = `site-${crypto.randomUUID()}`;
  el.brand = 'Noordkust Outdoor';
  el.context = context;
  document.body.append(el);
  opener.focus();
  await el.show(opener);
  return { el, api, opener };
}

async function send(el: Element, text: string) {
  typeInto(getByRole<HTMLTextAreaElement>(el, 'textbox', 'Message'), text);
  await click(getByRole(el, 'button', 'Send'));
}

describe('<samen-chat>', () => {
  afterEach(() => document.querySelectorAll('samen-chat').forEach((e) => e.remove()));

  it('is a dialog with the log "Conversation", the textbox "Message" (16px or more) and "Send"', async () => {
    const { el } = await panel();
    expect(getByRole(el, 'dialog', /^Chat/)).to.exist;
    expect(getByRole(el, 'log', 'Conversation')).to.exist;
    const box = getByRole(el, 'textbox', 'Message');
    expect(parseFloat(getComputedStyle(box).fontSize)).to.be.at.least(16);
    expect(getByRole(el, 'button', 'Send')).to.exist;
    expect(visibleText(el)).to.contain('About order NK-1042');
  });

  it('starts the conversation with the order, shows the acknowledgement, then staff typing, the reply and "Seen"', async () => {
    const { el, api } = await panel();
    await send(el, 'Where is my parcel?');
    await waitForText(el, 'Noordkust Outdoor team will answer today before 15:30.');
    const conv = api.chat.conversations[0];
    expect(conv?.orderRef).to.equal('NK-1042');
    await waitUntil(() => api.chat.sockets.some((s) => s.helloed), 'no live socket');
    api.chat.staffTyping(conv!.id, true);
    await waitForText(el, 'Sanne is typing…');
    api.chat.staffSays(conv!.id, 'It ships today.');
    await waitForText(el, 'It ships today.');
    expect(visibleText(el)).not.to.contain('is typing');
    api.chat.staffReads(conv!.id, 1);
    await waitForText(el, 'Seen');
    expect(visibleText(getByRole(el, 'log', 'Conversation'))).to.match(/You Where is my parcel\?.*Sanne It ships today\./);
  });

  it('says "leave a message" outside business hours and checks the optional email', async () => {
    const api = new FakeApi();
    api.chat.ack = { ...api.chat.ack, openNow: false, mode: 'leave_message', promise: { ...api.chat.ack.promise, openNow: false, reopens: { at: 0, text: 'tomorrow before 09:00' } } };
    const { el } = await panel(api);
    typeInto(getByRole<HTMLInputElement>(el, 'textbox', 'Email for our reply (optional)'), 'not-an-email');
    await send(el, 'Can I still change my address?');
    expect(getByRole(el, 'alert').textContent).to.contain('valid email');
    expect(api.chat.conversations).to.have.length(0);
    typeInto(getByRole<HTMLInputElement>(el, 'textbox', 'Email for our reply (optional)'), 'eva@example.com');
    await send(el, 'Can I still change my address?');
    await waitForText(el, 'We are away right now — back tomorrow before 09:00. Leave a message and we will reply here.');
  });

  it('keeps a message typed while offline and sends it once when back', async () => {
    const { el, api } = await panel();
    await send(el, 'First');
    await waitUntil(() => api.chat.sockets.some((s) => s.helloed && s.readyState === 1));
    api.chat.offline = true;
    dispatchEvent(new Event('offline'));
    await send(el, 'Typed offline');
    await waitForText(el, 'Reconnecting');
    expect(visibleText(el)).to.contain('Typed offline');
    api.chat.offline = false;
    dispatchEvent(new Event('online'));
    await waitUntil(() => api.chat.messages.get(api.chat.conversations[0]!.id)?.length === 2, 'not sent after reconnecting', { timeout: 8000 });
    await waitUntil(() => !visibleText(el).includes('Reconnecting'));
    const log = visibleText(getByRole(el, 'log', 'Conversation'));
    expect(log.match(/Typed offline/g)).to.have.length(1);
  });

  it('lists "Your conversations" for a returning shopper, who may continue one', async () => {
    const api = new FakeApi();
    const old = api.chat.add({ orderRef: 'NK-7', preview: { text: 'Old question', sender: { kind: 'shopper', name: '' }, hasAttachment: false, createdAt: 0 } });
    api.chat.store(old.id, 'x1', 'Old question', 'shopper', '');
    const { el } = await panel(api);
    await waitForText(el, 'Your conversations');
    await click(getByRole(el, 'button', /Old question/));
    await waitForText(el, 'Old question');
    expect(getByRole(el, 'log', 'Conversation').textContent).to.contain('Old question');
    expect(queryAllByRole(el, 'button', 'Start a new conversation')).to.have.length(0);
  });

  it('closes on Escape and gives focus back to the launcher', async () => {
    const { el, opener } = await panel();
    expect(deepActiveElement()).to.equal(getByRole(el, 'textbox', 'Message'));
    el.renderRoot.querySelector('dialog')!.dispatchEvent(new Event('cancel'));
    el.close();
    await waitUntil(() => document.activeElement === opener, 'focus did not return to the launcher');
  });

  it('speaks Dutch', async () => {
    const api = new FakeApi();
    const opener = await fixture<HTMLButtonElement>(html`<button>Chat</button>`);
    const el: SamenChat = document.createElement('samen-chat');
    Object.assign(el, { api, siteId: 's', brand: 'Noordkust', context: { productId: 'p1' }, lang: 'nl' });
    document.body.append(el);
    await el.show(opener);
    await waitUntil(() => queryAllByRole(el, 'textbox', 'Bericht').length === 1);
    expect(getByRole(el, 'button', 'Versturen')).to.exist;
  });
});
