/**
 * What a file really is, from its first bytes: a name or a Content-Type header says nothing
 * (an executable renamed to `photo.png` still starts with `MZ`). Only the formats chat accepts.
 */
import type { ChatAttachmentType } from '../chat-types.ts';

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0): boolean =>
  bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);

const ascii = (s: string): number[] => [...s].map((ch) => ch.charCodeAt(0));

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii('GIF87a');
const GIF89 = ascii('GIF89a');
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');
const PDF = ascii('%PDF-');

/** How many leading bytes {@link sniffFileType} needs. */
export const SNIFF_BYTES = 12;

/** The content type the bytes prove, or null when they are none of PNG, JPEG, GIF, WebP or PDF. */
export function sniffFileType(head: Uint8Array): ChatAttachmentType | null {
  if (startsWith(head, PNG)) return 'image/png';
  if (startsWith(head, JPEG)) return 'image/jpeg';
  if (startsWith(head, GIF87) || startsWith(head, GIF89)) return 'image/gif';
  if (startsWith(head, RIFF) && startsWith(head, WEBP, 8)) return 'image/webp';
  if (startsWith(head, PDF)) return 'application/pdf';
  return null;
}

/** The file extension that matches a sniffed type (used when the sent name has the wrong one). */
export const extensionOf: Record<ChatAttachmentType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

/**
 * A safe display name: the last path segment of what the browser sent (percent-decoded), without
 * control or quote characters, at most 120 characters; `attachment.<ext>` when nothing is left.
 */
export function cleanFileName(sent: string | undefined, type: ChatAttachmentType): string {
  let name = sent ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // Not percent-encoded: keep as sent.
  }
  name = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '')
    .trim()
    .slice(0, 120);
  return name || `attachment.${extensionOf[type]}`;
}
