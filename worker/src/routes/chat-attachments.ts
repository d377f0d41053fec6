/**
 * Attachments for live chat, shared by the shopper's and the console's routes: a raw upload is
 * read with a hard 10 MB cap (the declared length is checked first, the bytes counted anyway),
 * its type is sniffed from the bytes, and it is stored in the ATTACHMENTS R2 bucket with a row in
 * D1. Files are served only through signed, expiring links (see `domain/chat-tickets.ts`).
 */
import { CHAT_LIMITS, type ChatAttachment } from '../chat-types.ts';
import { ApiError } from '../middleware/errors.ts';
import { attachmentUrl, chatKey, checkAttachmentLink } from '../domain/chat-tickets.ts';
import { cleanFileName, sniffFileType, SNIFF_BYTES } from '../domain/file-types.ts';
import { findAttachment, insertAttachment } from '../db/conversations.ts';

const tooLarge = () => new ApiError(413, 'file_too_large', `Files can be at most ${CHAT_LIMITS.attachmentMaxBytes / 1024 / 1024} MB.`);

/** The request body, refused with 413 as soon as it passes the cap. */
async function readCapped(req: Request): Promise<Uint8Array> {
  const declared = Number(req.headers.get('Content-Length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > CHAT_LIMITS.attachmentMaxBytes) throw tooLarge();
  if (!req.body) throw new ApiError(400, 'file_empty', 'The file is empty.');
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > CHAT_LIMITS.attachmentMaxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (size === 0) throw new ApiError(400, 'file_empty', 'The file is empty.');
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/**
 * Stores the upload in `req` for a conversation; 413 `file_too_large`, 415
 * `unsupported_file_type` (whatever the name or Content-Type claim), 400 `file_empty`.
 */
export async function receiveAttachment(env: Env, req: Request, siteId: string, conversationId: string, uploaderId: string): Promise<ChatAttachment> {
  const bytes = await readCapped(req);
  const type = sniffFileType(bytes.subarray(0, SNIFF_BYTES));
  if (!type) throw new ApiError(415, 'unsupported_file_type', 'Only images (PNG, JPEG, GIF, WebP) and PDF files can be sent.');
  const id = crypto.randomUUID();
  const name = cleanFileName(req.headers.get('X-File-Name') ?? undefined, type);
  const r2Key = `${siteId}/${conversationId}/${id}`;
  await env.ATTACHMENTS.put(r2Key, bytes, { httpMetadata: { contentType: type } });
  await insertAttachment(env.DB, siteId, { id, conversationId, r2Key, type, size: bytes.byteLength, name, uploaderId, createdAt: Date.now() });
  const url = await attachmentUrl(await chatKey(env.DB, siteId), new URL(req.url).origin, siteId, id);
  return { id, name, type, size: bytes.byteLength, url };
}

/** The file behind a signed link: 403 `link_invalid`, 410 `link_expired`, 404 `attachment_not_found`. */
export async function serveAttachment(env: Env, siteId: string, attachmentId: string, exp: number, sig: string): Promise<Response> {
  const verdict = await checkAttachmentLink(await chatKey(env.DB, siteId), siteId, attachmentId, exp, sig);
  if (verdict === 'invalid') throw new ApiError(403, 'link_invalid', 'This link is not valid.');
  if (verdict === 'expired') throw new ApiError(410, 'link_expired', 'This link has expired. Open the conversation again for a fresh one.');
  const row = await findAttachment(env.DB, siteId, attachmentId);
  const object = row ? await env.ATTACHMENTS.get(row.r2Key) : null;
  if (!row || !object) throw new ApiError(404, 'attachment_not_found', 'This file does not exist.');
  const inline = row.type.startsWith('image/');
  const filename = encodeURIComponent(row.name);
  return new Response(object.body, {
    status: 200,
    headers: {
      'Content-Type': row.type,
      'Content-Length': String(row.size),
      'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${filename}`,
      'Cache-Control': `private, max-age=${Math.max(0, Math.floor((exp - Date.now()) / 1000))}`,
      'X-Content-Type-Options': 'nosniff',
      // Opened directly, a file can never run script in the API's origin.
      'Content-Security-Policy': "default-src 'none'; img-src 'self'; sandbox",
    },
  });
}
