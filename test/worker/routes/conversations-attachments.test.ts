/**
 * Chat attachments: stored in R2, typed by their bytes (a renamed executable is refused whatever
 * its name and Content-Type), capped at 10 MB, and served only through signed, expiring links.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ChatAttachment, ChatMessage } from '../../../worker/src/chat-types.ts';
import { attachmentUrl, chatKey } from '../../../worker/src/domain/chat-tickets.ts';
import { consoleCall } from '../../fixtures/staff.ts';
import { exports } from 'cloudflare:workers';
import { aChatDesk, aVisitorId, expectError, joined, shopperSocket, staffSocket, startChat, widgetCall, type Caller } from './chat-helpers.ts';
import type { SiteRow } from '../../fixtures/rows.ts';

/** A real 1×1 PNG. */
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='), (c) => c.charCodeAt(0));
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
/** The start of a Windows executable ("MZ" header, then the DOS stub). */
const EXE = Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00, ...new TextEncoder().encode('This program cannot be run in DOS mode.')]);

const upload = (site: Pick<SiteRow, 'id'>, conversationId: string, caller: Caller, bytes: Uint8Array | ReadableStream, name: string, type: string) =>
  widgetCall(site, `/conversations/${conversationId}/attachments`, {
    caller,
    method: 'POST',
    body: bytes instanceof Uint8Array ? bytes : undefined,
    headers: { 'Content-Type': type, 'X-File-Name': encodeURIComponent(name) },
  });

const pathOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

describe('POST /conversations/:id/attachments', () => {
  it('stores an image in R2 and serves it to whoever has the signed link, as what it really is', async () => {
    const { site } = await aChatDesk();
    const started = await startChat(site);
    const res = await upload(site, started.conversation.id, started.caller, PNG, 'photo of my receipt.png', 'image/png');
    expect(res.status, await res.clone().text()).toBe(201);
    const { attachment } = await res.json<{ attachment: ChatAttachment }>();
    expect(attachment).toMatchObject({ name: 'photo of my receipt.png', type: 'image/png', size: PNG.byteLength });
    expect(attachment.url).toMatch(new RegExp(`^https://samen.test/api/v1/sites/${site.id}/attachments/${attachment.id}\\?exp=\\d+&sig=[\\w-]{43}$`));

    const file = await exports.default.fetch(attachment.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('Content-Type')).toBe('image/png');
    expect(file.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(file.headers.get('Content-Disposition')).toContain('inline');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PNG);
    const row = await env.DB.prepare('SELECT r2_key FROM chat_attachments WHERE site_id = ? AND id = ?').bind(site.id, attachment.id).first<{ r2_key: string }>();
    expect(await env.ATTACHMENTS.head(row!.r2_key)).not.toBeNull();
  });

  it('sends an attachment in a message; everyone in the room gets a working link', async () => {
    const { site, agent } = await aChatDesk();
    const started = await startChat(site);
    const id = started.conversation.id;
    const res = await upload(site, id, started.caller, PDF, 'invoice.pdf', 'application/pdf');
    const { attachment } = await res.json<{ attachment: ChatAttachment }>();
    expect(attachment.type).toBe('application/pdf');
    const staff = await joined(staffSocket(agent.cookie, id));
    const shopper = await joined(shopperSocket(site, id, started.caller));
    shopper.send({ type: 'msg', clientId: 'att-1', attachmentId: attachment.id });
    await shopper.next('ack', (f) => f.clientId === 'att-1');
    const got = (await staff.next('msg', (f) => f.message.clientId === 'att-1')).message;
    expect(got).toMatchObject({ text: '', attachment: { id: attachment.id, name: 'invoice.pdf', type: 'application/pdf', size: PDF.byteLength } });
    const file = await exports.default.fetch(got.attachment!.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('Content-Disposition')).toBe(`attachment; filename*=UTF-8''invoice.pdf`);
    // The console's own history carries a link too.
    const list = await consoleCall(exports.default, `/conversations/${id}/messages`, { cookie: agent.cookie });
    const messages = (await list.json<{ messages: ChatMessage[] }>()).messages;
    expect((await exports.default.fetch(messages.at(-1)!.attachment!.url)).status).toBe(200);
    staff.close();
    shopper.close();
  });

  it('refuses a renamed executable with 415, whatever its name and Content-Type say', async () => {
    const { site } = await aChatDesk();
    const started = await startChat(site);
    await expectError(await upload(site, started.conversation.id, started.caller, EXE, 'holiday-photo.png', 'image/png'), 415, 'unsupported_file_type');
    await expectError(
      await upload(site, started.conversation.id, started.caller, new TextEncoder().encode('<svg onload="alert(1)"/>'), 'x.svg', 'image/svg+xml'),
      415,
      'unsupported_file_type',
    );
    const count = await env.DB.prepare('SELECT count(*) AS n FROM chat_attachments WHERE site_id = ?').bind(site.id).first<{ n: number }>();
    expect(count?.n).toBe(0);
  });

  it('refuses a file over 10 MB with 413, declared or streamed', async () => {
    const { site } = await aChatDesk();
    const started = await startChat(site);
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PNG);
    await expectError(await upload(site, started.conversation.id, started.caller, big, 'huge.png', 'image/png'), 413, 'file_too_large');

    // No Content-Length: the bytes are counted as they arrive.
    const chunk = new Uint8Array(1024 * 1024);
    chunk.set(PNG);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 11) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await exports.default.fetch(`https://samen.test/api/v1/sites/${site.id}/conversations/${started.conversation.id}/attachments`, {
      method: 'POST',
      headers: { 'X-Samen-Visitor': started.caller.visitor!, 'Content-Type': 'image/png', 'X-File-Name': 'stream.png' },
      body: stream,
    });
    await expectError(res, 413, 'file_too_large');
    // Exactly 10 MB is fine.
    const limit = big.subarray(0, 10 * 1024 * 1024);
    expect((await upload(site, started.conversation.id, started.caller, limit, 'limit.png', 'image/png')).status).toBe(201);
  });

  it('is for participants only, and an empty body is refused', async () => {
    const { site } = await aChatDesk();
    const started = await startChat(site);
    await expectError(await upload(site, started.conversation.id, { visitor: aVisitorId() }, PNG, 'a.png', 'image/png'), 404, 'conversation_not_found');
    await expectError(await upload(site, started.conversation.id, started.caller, new Uint8Array(), 'a.png', 'image/png'), 400, 'file_empty');
  });

  it('an attachment of another conversation cannot be sent', async () => {
    const { site } = await aChatDesk();
    const mine = await startChat(site);
    const theirs = await startChat(site);
    const res = await upload(site, theirs.conversation.id, theirs.caller, PNG, 'a.png', 'image/png');
    const { attachment } = await res.json<{ attachment: ChatAttachment }>();
    await expectError(
      await widgetCall(site, `/conversations/${mine.conversation.id}/messages`, { caller: mine.caller, method: 'POST', body: { clientId: 'x1', attachmentId: attachment.id } }),
      404,
      'attachment_not_found',
    );
  });
});

describe('GET /attachments/:id (signed links)', () => {
  it('refuses a forged or altered link with 403 and an expired one with 410', async () => {
    const { site } = await aChatDesk();
    const started = await startChat(site);
    const res = await upload(site, started.conversation.id, started.caller, PNG, 'a.png', 'image/png');
    const { attachment } = await res.json<{ attachment: ChatAttachment }>();
    const url = new URL(attachment.url);
    const sig = url.searchParams.get('sig')!;
    const exp = Number(url.searchParams.get('exp'));

    const tampered = new URL(url);
    tampered.searchParams.set('sig', `${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`);
    await expectError(await exports.default.fetch(tampered.href), 403, 'link_invalid');
    const longer = new URL(url);
    longer.searchParams.set('exp', String(exp + 3600e3));
    await expectError(await exports.default.fetch(longer.href), 403, 'link_invalid');
    const other = await upload(site, started.conversation.id, started.caller, PNG, 'b.png', 'image/png');
    const otherId = (await other.json<{ attachment: ChatAttachment }>()).attachment.id;
    await expectError(await exports.default.fetch(url.href.replace(attachment.id, otherId)), 403, 'link_invalid');
    // Another site's key does not open this site's files.
    const elsewhere = await aChatDesk();
    await expectError(await exports.default.fetch(url.href.replace(`/sites/${site.id}/`, `/sites/${elsewhere.site.id}/`)), 403, 'link_invalid');

    const key = await chatKey(env.DB, site.id);
    const expired = await attachmentUrl(key, 'https://samen.test', site.id, attachment.id, Date.now() - 3 * 3600e3);
    await expectError(await exports.default.fetch(`https://samen.test${pathOf(expired)}`), 410, 'link_expired');
  });
});
