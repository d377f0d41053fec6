/**
 * axe-core over the chat panel (a modal dialog in the page, outside the widget): empty, with a
 * conversation, with an image and a PDF attached, an attachment refused, "Your conversations",
 * and an expert's open chats; in light, dark and right-to-left.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../../widget/src/chat/samen-chat.ts';
import { FakeApi } from '../../fixtures/fake-api.ts';
import { expectNoAxeViolations } from '../axe.ts';
import { click, deepQueryAll, findByRole, getByRole, typeInto, waitForText } from '../queries.ts';

const LOOKS = [
  { theme: 'light', dir: 'ltr' },
  { theme: 'dark', dir: 'ltr' },
  { theme: 'light', dir: 'rtl' },
] as const;

async function panel(api: FakeApi, context: object = { productId: 'p1' }) {
  const opener = await fixture<HTMLButtonElement>(html`<button>Chat with us</button>`);
  const el = document.createElement('samen-chat');
  Object.assign(el, { api, siteId: `site-${crypto.randomUUID()}`, brand: 'Noordkust Outdoor', context });
  document.body.append(el);
  await el.show(opener);
  await findByRole(el, 'dialog', /^Chat|Open chats/);
  return el;
}

function choose(el: Element, file: File): void {
  const input = deepQueryAll<HTMLInputElement>(el, 'input[type=file]')[0]!;
  const dt = new DataTransfer();
  dt.items.add(file);
  input.files = dt.files;
  input.dispatchEvent(new Event('change'));
}

async function send(el: Element, text: string) {
  typeInto(getByRole<HTMLTextAreaElement>(el, 'textbox', 'Message'), text);
  await click(getByRole(el, 'button', 'Send'));
}

for (const look of LOOKS) {
  describe(`chat panel has no axe violations (${look.theme}, ${look.dir})`, () => {
    before(async () => {
      await emulateMedia({ colorScheme: look.theme });
      document.documentElement.dir = look.dir;
    });
    after(async () => {
      await emulateMedia({ colorScheme: 'light' });
      document.documentElement.dir = '';
    });
    afterEach(() => document.querySelectorAll('samen-chat').forEach((e) => e.remove()));

    it('open, before the first message', async () => {
      const el = await panel(new FakeApi(), { orderRef: 'NK-1042' });
      await expectNoAxeViolations(el);
    });

    it('a conversation with the team’s reply, typing and "Seen"', async () => {
      const api = new FakeApi();
      const el = await panel(api);
      await send(el, 'Where is my parcel?');
      await waitUntil(() => api.chat.conversations.length === 1 && api.chat.sockets.some((s) => s.helloed), 'no live conversation');
      const conv = api.chat.conversations[0]!;
      api.chat.staffSays(conv.id, 'It ships today.');
      await waitForText(el, 'It ships today.');
      api.chat.staffReads(conv.id, 1);
      await waitForText(el, 'Seen');
      api.chat.staffTyping(conv.id, true);
      await waitForText(el, 'is typing');
      await expectNoAxeViolations(el);
    });

    it('an image and a PDF attached, and a file refused', async () => {
      const api = new FakeApi();
      const el = await panel(api);
      choose(el, new File([new Uint8Array(1500)], 'tent-tear.png', { type: 'image/png' }));
      await waitUntil(() => deepQueryAll(el, 'img').length === 1, 'no thumbnail', { timeout: 4000 });
      choose(el, new File([new Uint8Array(2048)], 'invoice.pdf', { type: 'application/pdf' }));
      await findByRole(el, 'link', 'invoice.pdf (2 KB)');
      choose(el, new File([new Uint8Array(10)], 'setup.exe', { type: 'application/x-msdownload' }));
      await findByRole(el, 'alert');
      await expectNoAxeViolations(el);
    });

    it('"Your conversations" for a returning shopper', async () => {
      const api = new FakeApi();
      api.chat.add({ orderRef: 'NK-7', preview: { text: 'Old question', sender: { kind: 'shopper', name: '' }, hasAttachment: false, createdAt: 0 } });
      const el = await panel(api);
      await waitForText(el, 'Old question');
      await expectNoAxeViolations(el);
    });

    it('an expert’s open chats about the product', async () => {
      const api = new FakeApi();
      const conv = api.chat.add({ productId: 'p1' });
      api.chat.store(conv.id, 'c1', 'Is this tent waterproof?', 'shopper', '');
      api.chat.asExpert = true;
      const el = await panel(api, { productId: 'p1', role: 'expert' });
      await findByRole(el, 'button', 'Join: Is this tent waterproof?');
      await expectNoAxeViolations(el);
    });
  });
}

describe('sanity: the chat panel is really checked', () => {
  afterEach(() => document.querySelectorAll('samen-chat').forEach((e) => e.remove()));
  it('an unlabelled field added inside the dialog is caught', async () => {
    const el = await panel(new FakeApi());
    el.shadowRoot!.querySelector('dialog')!.append(document.createElement('input'));
    let failure = '';
    await expectNoAxeViolations(el).catch((err: Error) => (failure = err.message));
    expect(failure).to.contain('label');
  });
});
