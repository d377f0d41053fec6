/**
 * The site owner's JavaScript API (issue 10): `samen.open()`, `close()`, `ask(text)` on the global
 * the loader puts on the page, and the DOM events on `document` the page can listen to.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { SamenWidget } from '../../widget/src/samen-widget.ts';
import { define } from '../../widget/src/internal/define.ts';
import { openChat } from '../../widget/src/chat/index.ts';
import { en } from '../../widget/src/i18n/index.ts';
import { FakeApi } from '../fixtures/fake-api.ts';
import { click, deepActiveElement, findByRole, getByRole, settle, typeInto, waitForNoText } from './queries.ts';
// The loader's global, as a shop's page gets it.
import '../../widget/src/loader.ts';

define('samen-widget', SamenWidget);

interface SamenGlobal {
  open(): void;
  close(): void;
  ask(text: string): void;
}
const samen = (window as typeof window & { samen: SamenGlobal }).samen;

/** Every public event of `type` the page sees from now on. */
function listen(type: string): CustomEvent[] {
  const seen: CustomEvent[] = [];
  document.addEventListener(type, (e) => seen.push(e as CustomEvent));
  return seen;
}

const chatDialog = () => document.querySelector('samen-chat')?.shadowRoot?.querySelector('dialog');

describe('the samen JavaScript API', () => {
  const chatApi = new FakeApi();

  before(async () => {
    // The page's one chat panel, created (and closed) with a fake API; samen.open() reuses it.
    const panel = await openChat({ apiBase: new URL('/api/v1/', location.href), siteId: 's1' }, null, {}, chatApi);
    panel.close();
    await settle();
  });

  it('puts the chat launcher and the global on the page', () => {
    expect(document.querySelector('samen-launcher')).to.exist;
    expect(samen.open).to.be.a('function');
    expect(samen.close).to.be.a('function');
    expect(samen.ask).to.be.a('function');
  });

  it('opens and closes the chat panel, telling the page with samen-open and samen-close', async () => {
    const opened = listen('samen-open');
    const closed = listen('samen-close');
    samen.open();
    await waitUntil(() => chatDialog()?.open, 'the chat panel did not open');
    await waitUntil(() => opened.length === 1, 'no samen-open');
    expect(opened[0]!.bubbles).to.equal(true);
    expect(opened[0]!.composed).to.equal(true);
    samen.close();
    await waitUntil(() => closed.length === 1, 'no samen-close');
    expect(chatDialog()?.open).to.equal(false);
    // Closing what is closed says nothing.
    samen.close();
    await settle();
    expect(closed).to.have.length(1);
  });

  it('fires samen-message with the conversation id (not the text) when the shopper sends a message', async () => {
    const messages = listen('samen-message');
    samen.open();
    await waitUntil(() => chatDialog()?.open, 'the chat panel did not open');
    const chat = document.querySelector('samen-chat')!;
    await settle();
    typeInto(getByRole<HTMLTextAreaElement>(chat, 'textbox', 'Message'), 'Does the jacket run small?');
    await click(getByRole(chat, 'button', 'Send'));
    await waitUntil(() => messages.length === 1, 'no samen-message');
    const conv = chatApi.chat.conversations[0]!;
    expect(messages[0]!.detail).to.deep.equal({ conversationId: conv.id });
    samen.close();
    await settle();
  });

  describe('with a widget on the page', () => {
    afterEach(() => document.querySelectorAll('samen-widget').forEach((el) => el.remove()));

    it('ask(text) fills the question box on the Questions tab and focuses it, without sending', async () => {
      const api = new FakeApi();
      const el = await fixture<SamenWidget>(html`<samen-widget .api=${api} product=${api.productId}></samen-widget>`);
      await click(await findByRole(el, 'tab', 'Reviews'));
      samen.ask('Is it warm enough for winter?');
      await waitUntil(() => getByRole(el, 'tab', 'Questions').getAttribute('aria-selected') === 'true', 'not on the Questions tab');
      const box = getByRole<HTMLTextAreaElement>(el, 'textbox', 'Your question');
      await waitUntil(() => box.value === 'Is it warm enough for winter?', 'the question box was not filled');
      expect(deepActiveElement()).to.equal(box);
      await settle();
      expect(api.calls.some((c) => c.method === 'askQuestion')).to.equal(false);
      // The shopper posts it: what is sent is the text ask() put there.
      await click(getByRole(el, 'button', 'Post question'));
      await findByRole(el, 'article', 'Is it warm enough for winter?');
    });

    it('ask() waits for a widget that is still starting', async () => {
      const api = new FakeApi();
      const release = api.hold('site');
      const el = await fixture<SamenWidget>(html`<samen-widget .api=${api} product=${api.productId}></samen-widget>`);
      samen.ask('Does it have a hood?');
      release();
      await waitUntil(() => {
        const box = el.shadowRoot!.querySelector('samen-questions')?.shadowRoot?.querySelector('samen-post-form')?.shadowRoot?.querySelector('textarea');
        return box?.value === 'Does it have a hood?';
      }, 'the question box was not filled once the widget started');
    });

    it('fires samen-question with the id and visibility, never the text, when a question is posted', async () => {
      const posted = listen('samen-question');
      const api = new FakeApi();
      const el = await fixture<SamenWidget>(html`<samen-widget .api=${api} product=${api.productId}></samen-widget>`);
      await findByRole(el, 'tab', 'Questions');
      await waitForNoText(el, en.loading);
      typeInto(getByRole(el, 'textbox', 'Your question'), 'Can I wash it at 40 degrees?');
      await click(getByRole(el, 'button', 'Post question'));
      await waitUntil(() => posted.length === 1, 'no samen-question');
      const { detail } = posted[0]!;
      expect(Object.keys(detail)).to.have.members(['id', 'visibility']);
      expect(detail.visibility).to.equal('public');
      expect(api.storedQuestions.map((q) => q.id)).to.include(detail.id);
      expect(posted[0]!.bubbles && posted[0]!.composed).to.equal(true);
    });
  });
});
