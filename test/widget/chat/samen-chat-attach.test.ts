import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../widget/src/chat/samen-chat.ts';
import { ApiRequestError } from '../../../widget/src/api/client.ts';
import { FakeApi } from '../../fixtures/fake-api.ts';
import { click, deepQueryAll, getByRole, queryAllByRole, typeInto, visibleText, waitForText } from '../queries.ts';

async function panel(api = new FakeApi(), lang = 'en') {
  const opener = await fixture<HTMLButtonElement>(html`<button>Chat with us</button>`);
  const el = document.createElement('samen-chat');
  Object.assign(el, { api, siteId: `site-${crypto.randomUUID()}`, brand: 'Noordkust Outdoor', context: { productId: 'p1' }, lang });
  document.body.append(el);
  await el.show(opener);
  return { el, api };
}

/** A file as the picker would hand it over. */
const aFile = (name: string, type: string, bytes = 1500) => new File([new Uint8Array(bytes)], name, { type });

/** Chooses `file` in the panel's file picker (the button opens it; tests cannot click a native picker). */
function choose(el: Element, file: File): void {
  const input = deepQueryAll<HTMLInputElement>(el, 'input[type=file]')[0]!;
  const dt = new DataTransfer();
  dt.items.add(file);
  input.files = dt.files;
  input.dispatchEvent(new Event('change'));
}

const uploads = (api: FakeApi) => api.chat.log.filter((l) => l.startsWith('upload'));

describe('<samen-chat> attachments', () => {
  afterEach(() => document.querySelectorAll('samen-chat').forEach((e) => e.remove()));

  it('has an "Attach a file" button that opens a picker for images and PDFs', async () => {
    const { el } = await panel();
    const button = getByRole(el, 'button', 'Attach a file');
    const input = deepQueryAll<HTMLInputElement>(el, 'input[type=file]')[0]!;
    let opened = false;
    input.addEventListener('click', (e) => {
      opened = true;
      e.preventDefault();
    });
    await click(button);
    expect(opened).to.equal(true);
    expect(input.accept).to.equal('image/png,image/jpeg,image/gif,image/webp,application/pdf');
  });

  it('starts the conversation for a file chosen first, then sends the image as a thumbnail', async () => {
    const { el, api } = await panel();
    choose(el, aFile('tent-tear.png', 'image/png'));
    await waitUntil(() => api.chat.conversations.length === 1, 'no conversation started');
    const conv = api.chat.conversations[0]!;
    await waitUntil(() => (api.chat.messages.get(conv.id) ?? []).some((m) => m.attachment), 'the image was not sent', { timeout: 4000 });
    const [first, second] = api.chat.messages.get(conv.id)!;
    expect(first!.text).to.equal('tent-tear.png');
    expect(second!.attachment!.name).to.equal('tent-tear.png');
    await waitUntil(() => deepQueryAll(el, 'img').length === 1, 'no thumbnail');
    const img = deepQueryAll<HTMLImageElement>(el, 'img')[0]!;
    expect(img.getAttribute('src')).to.equal(second!.attachment!.url);
    expect(img.alt).to.equal('tent-tear.png');
    expect(img.closest('a')!.getAttribute('href')).to.equal(second!.attachment!.url);
  });

  it('starts with the typed text when there is some, and shows a PDF as a link with its size', async () => {
    const { el, api } = await panel();
    typeInto(getByRole<HTMLTextAreaElement>(el, 'textbox', 'Message'), 'My invoice is wrong');
    choose(el, aFile('invoice.pdf', 'application/pdf', 2048));
    await waitUntil(() => queryAllByRole(el, 'link', 'invoice.pdf (2 KB)').length === 1, 'no link to the PDF', { timeout: 4000 });
    const link = getByRole(el, 'link', 'invoice.pdf (2 KB)');
    expect(link.getAttribute('target')).to.equal('_blank');
    expect(link.getAttribute('rel')).to.contain('noopener');
    const conv = api.chat.conversations[0]!;
    expect(api.chat.messages.get(conv.id)![0]!.text).to.equal('My invoice is wrong');
    expect(visibleText(getByRole(el, 'log', 'Conversation'))).to.contain('My invoice is wrong');
  });

  it('refuses too large, unsupported and empty files before uploading, with readable messages', async () => {
    const { el, api } = await panel();
    choose(el, aFile('huge.png', 'image/png', 10 * 1024 * 1024 + 1));
    await waitForText(el, 'This file is too large. Files can be at most 10 MB.');
    expect(getByRole(el, 'alert').textContent).to.contain('too large');
    choose(el, aFile('setup.exe', 'application/x-msdownload'));
    await waitForText(el, 'Only images (PNG, JPEG, GIF, WebP) and PDF files can be sent.');
    choose(el, aFile('empty.pdf', 'application/pdf', 0));
    await waitForText(el, 'This file is empty.');
    expect(uploads(api)).to.have.length(0);
    expect(api.chat.conversations).to.have.length(0);
  });

  it('shows the API refusing a file (a renamed .exe: 415) readably', async () => {
    const api = new FakeApi();
    api.chat.add();
    const { el } = await panel(api);
    await waitForText(el, 'Your conversations');
    await click(getByRole(el, 'button', /No messages yet/));
    api.chat.upload = async () => {
      throw new ApiRequestError(415, 'unsupported_file_type', 'Only images (PNG, JPEG, GIF, WebP) and PDF files can be sent.');
    };
    choose(el, aFile('photo.png', 'image/png'));
    await waitForText(el, 'Only images (PNG, JPEG, GIF, WebP) and PDF files can be sent.');
    expect(deepQueryAll(el, 'img')).to.have.length(0);
  });

  it('never binds a link that is not http(s) to src or href', async () => {
    const api = new FakeApi();
    api.chat.attachmentUrl = () => 'javascript:alert(1)';
    const { el } = await panel(api);
    choose(el, aFile('x.png', 'image/png'));
    await waitUntil(() => visibleText(getByRole(el, 'log', 'Conversation')).includes('x.png (1 KB)'), 'the file was not listed', { timeout: 4000 });
    expect(deepQueryAll(el, 'img')).to.have.length(0);
    expect(deepQueryAll(el, 'a[href^="javascript"]')).to.have.length(0);
  });

  it('names the button and the messages in Dutch and French', async () => {
    for (const [lang, name, big] of [
      ['nl', 'Bestand bijvoegen', 'Dit bestand is te groot'],
      ['fr', 'Joindre un fichier', 'Ce fichier est trop volumineux'],
    ] as const) {
      const { el } = await panel(new FakeApi(), lang);
      await waitUntil(() => queryAllByRole(el, 'button', name).length === 1, `no ${lang} button`);
      choose(el, aFile('huge.pdf', 'application/pdf', 10 * 1024 * 1024 + 1));
      await waitForText(el, big);
      el.remove();
    }
  });
});

describe('<samen-chat> for an identified expert', () => {
  afterEach(() => document.querySelectorAll('samen-chat').forEach((e) => e.remove()));

  it('lists the product\'s open chats, joins one and answers as the expert', async () => {
    const api = new FakeApi();
    const conv = api.chat.add({ productId: 'p1' });
    api.chat.store(conv.id, 'c1', 'Is this tent waterproof?', 'shopper', '');
    api.chat.add({ productId: 'p2' });
    api.chat.asExpert = true;
    const opener = await fixture<HTMLButtonElement>(html`<button>Open chats</button>`);
    const el = document.createElement('samen-chat');
    Object.assign(el, { api, siteId: 's', brand: 'Noordkust', context: { productId: 'p1', role: 'expert' } });
    document.body.append(el);
    await el.show(opener);
    await waitForText(el, 'Open chats about this product');
    expect(queryAllByRole(el, 'button', /^Join:/)).to.have.length(1);
    expect(queryAllByRole(el, 'textbox', 'Message')).to.have.length(0);
    await click(getByRole(el, 'button', 'Join: Is this tent waterproof?'));
    await waitUntil(() => api.chat.joined.has(conv.id), 'not joined');
    await waitForText(el, 'Shopper Is this tent waterproof?');
    typeInto(getByRole<HTMLTextAreaElement>(el, 'textbox', 'Message'), 'Yes, 3000 mm.');
    await click(getByRole(el, 'button', 'Send'));
    await waitUntil(() => api.chat.messages.get(conv.id)!.length === 2, 'the answer was not stored', { timeout: 4000 });
    expect(api.chat.messages.get(conv.id)![1]!.sender).to.deep.equal({ kind: 'expert', name: 'Eva Expert' });
    await waitUntil(() => /You Yes, 3000 mm\./.test(visibleText(getByRole(el, 'log', 'Conversation'))), 'own answer not shown as "You"');
  });

  it('says so when there are no open chats', async () => {
    const api = new FakeApi();
    const opener = await fixture<HTMLButtonElement>(html`<button>Open chats</button>`);
    const el = document.createElement('samen-chat');
    Object.assign(el, { api, siteId: 's', brand: 'Noordkust', context: { productId: 'p9', role: 'expert' } });
    document.body.append(el);
    await el.show(opener);
    await waitForText(el, 'No open chats about this product right now.');
  });
});
