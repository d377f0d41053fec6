import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../widget/src/console/samen-console-chat.ts';
import type { SamenConsoleChat } from '../../../widget/src/console/samen-console-chat.ts';
import { ConsoleApiError } from '../../../widget/src/console/api.ts';
import { consoleChatStrings } from '../../../widget/src/console/i18n/chat.ts';
import { FakeChatApi, aChatMessage } from './chat-test-helpers.ts';
import { click, deepQueryAll, getByRole, queryAllByRole, settle, visibleText, waitForNoText, waitForText } from '../queries.ts';

async function chatPanel(api: FakeChatApi, locale = 'en') {
  const el = await fixture<SamenConsoleChat>(html`<samen-console-chat .chatApi=${api} locale=${locale} conversation-id="conv-1"></samen-console-chat>`);
  await waitForNoText(el, consoleChatStrings[locale as 'en'].loading);
  await waitUntil(() => api.sockets.length > 0, 'a socket is opened');
  api.last.open();
  api.last.push({ type: 'welcome', you: { role: 'staff', name: 'Aziz Agent' }, participants: [], lastSeq: 0 });
  await settle();
  return el;
}

const aFile = (name: string, type: string, bytes = 3000) => new File([new Uint8Array(bytes)], name, { type });

function choose(el: Element, file: File): void {
  const input = deepQueryAll<HTMLInputElement>(el, 'input[type=file]')[0]!;
  const dt = new DataTransfer();
  dt.items.add(file);
  input.files = dt.files;
  input.dispatchEvent(new Event('change'));
}

describe('<samen-console-chat> attachments', () => {
  it('"Attach a file" opens a picker for images and PDFs; the upload is sent as a message with its id', async () => {
    const api = new FakeChatApi();
    const el = await chatPanel(api);
    const input = deepQueryAll<HTMLInputElement>(el, 'input[type=file]')[0]!;
    let opened = false;
    input.addEventListener('click', (e) => {
      opened = true;
      e.preventDefault();
    });
    await click(getByRole(el, 'button', 'Attach a file'));
    expect(opened).to.equal(true);
    expect(input.accept).to.equal('image/png,image/jpeg,image/gif,image/webp,application/pdf');

    choose(el, aFile('label.pdf', 'application/pdf'));
    await waitUntil(() => api.last.frames().some((f) => f.type === 'msg'), 'no message sent');
    const frame = api.last.frames().find((f) => f.type === 'msg')!;
    expect(frame.attachmentId).to.equal(api.uploads[0]!.id);
    await waitForText(el, '📎 label.pdf');
    // The room stores it and sends it back with its signed link.
    api.last.push({ type: 'ack', clientId: frame.clientId as string, seq: 1 });
    api.last.push({ type: 'msg', message: aChatMessage(1, { clientId: frame.clientId as string, text: '', sender: { kind: 'staff', name: 'Aziz Agent' }, attachment: api.uploads[0]! }) });
    await waitUntil(() => queryAllByRole(el, 'link', 'label.pdf (3 KB)').length === 1, 'no link to the file');
    expect(getByRole(el, 'link', 'label.pdf (3 KB)').getAttribute('href')).to.equal('https://api.samen.test/a/label.pdf');
  });

  it('shows an image as a thumbnail, and never binds a non-http(s) link', async () => {
    const api = new FakeChatApi();
    api.messagesList = [
      aChatMessage(1, { text: '', attachment: { id: 'a1', name: 'tear.png', type: 'image/png', size: 5000, url: 'https://api.samen.test/a/tear.png' } }),
      aChatMessage(2, { text: '', attachment: { id: 'a2', name: 'evil.png', type: 'image/png', size: 5000, url: 'javascript:alert(1)' } }),
    ];
    const el = await chatPanel(api);
    const imgs = deepQueryAll<HTMLImageElement>(el, 'img');
    expect(imgs.map((i) => i.getAttribute('src'))).to.deep.equal(['https://api.samen.test/a/tear.png']);
    expect(deepQueryAll(el, '[href^="javascript"]')).to.have.length(0);
    expect(visibleText(el)).to.contain('evil.png (5 KB)');
  });

  it('refuses too large, unsupported and empty files before uploading, and says why the API refused one', async () => {
    const api = new FakeChatApi();
    const el = await chatPanel(api);
    choose(el, aFile('huge.png', 'image/png', 10 * 1024 * 1024 + 1));
    await waitForText(el, 'This file is too large. Files can be at most 10 MB.');
    expect(getByRole(el, 'alert').textContent).to.contain('too large');
    choose(el, aFile('setup.exe', 'application/x-msdownload'));
    await waitForText(el, 'Only images (PNG, JPEG, GIF, WebP) and PDF files can be sent.');
    choose(el, aFile('empty.pdf', 'application/pdf', 0));
    await waitForText(el, 'This file is empty.');
    expect(api.uploads).to.have.length(0);

    api.failUpload = new ConsoleApiError(415, 'unsupported_file_type', 'Only images and PDF files can be sent.');
    choose(el, aFile('renamed.png', 'image/png'));
    await waitForText(el, 'Only images (PNG, JPEG, GIF, WebP) and PDF files can be sent.');
    api.failUpload = new ConsoleApiError(0, 'network', 'offline');
    choose(el, aFile('photo.png', 'image/png'));
    await waitForText(el, 'The file could not be uploaded. Try again.');
    expect(api.last.frames().filter((f) => f.type === 'msg')).to.have.length(0);
  });

  it('speaks Dutch and French', async () => {
    for (const [locale, name, big] of [
      ['nl', 'Bestand bijvoegen', 'Dit bestand is te groot'],
      ['fr', 'Joindre un fichier', 'Ce fichier est trop volumineux'],
    ] as const) {
      const el = await chatPanel(new FakeChatApi(), locale);
      expect(queryAllByRole(el, 'button', name)).to.have.length(1);
      choose(el, aFile('huge.pdf', 'application/pdf', 10 * 1024 * 1024 + 1));
      await waitForText(el, big);
    }
  });
});
