/**
 * Signed capabilities for live chat, with a random HMAC-SHA-256 key per site kept in D1
 * (`chat_keys`, made on first use, so no configuration is needed in dev, tests or production):
 *
 * - **WebSocket tickets.** Browsers cannot put headers on a WebSocket handshake, so the widget
 *   first asks `POST …/conversations/:id/ticket` (with its usual Bearer token or visitor id) and
 *   connects with `?ticket=`. A ticket names the site, the conversation, the participant and
 *   their role, and expires after 60 s; it may be reused within that minute (a quick reconnect).
 * - **Attachment links.** `GET …/attachments/:id?exp=&sig=` serves a file to whoever holds a link
 *   that has not expired; links are only ever handed to the conversation's participants (images
 *   in `<img>` cannot send credentials either).
 *
 * The key is not the shop's token secret: the shop's backend knows that one (it could mint
 * tickets for any conversation), and many sites have none.
 */
import { z } from 'zod';
import type { ChatRole } from '../chat-types.ts';
import { CHAT_LIMITS } from '../chat-types.ts';

const enc = new TextEncoder();

const b64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

function fromB64url(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return null;
  try {
    const bin = atob(s.replaceAll('-', '+').replaceAll('_', '/') + '='.repeat((4 - (s.length % 4)) % 4));
    return Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

// Keys per site for this isolate's lifetime: a key never changes once made.
const keys = new Map<string, Promise<CryptoKey>>();

async function loadKey(db: D1Database, siteId: string): Promise<CryptoKey> {
  const fresh = b64url(crypto.getRandomValues(new Uint8Array(32)));
  // Insert-if-missing and read in one round trip; two isolates racing both read the winner's key.
  const [, read] = await db.batch<{ secret: string }>([
    db.prepare('INSERT INTO chat_keys (site_id, secret, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').bind(siteId, fresh, Date.now()),
    db.prepare('SELECT secret FROM chat_keys WHERE site_id = ?').bind(siteId),
  ]);
  const secret = read?.results[0]?.secret;
  if (!secret) throw new Error('chat key missing after insert');
  return crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

/** The site's chat signing key (cached per isolate). */
export function chatKey(db: D1Database, siteId: string): Promise<CryptoKey> {
  let key = keys.get(siteId);
  if (!key) {
    key = loadKey(db, siteId);
    keys.set(siteId, key);
    key.catch(() => keys.delete(siteId));
  }
  return key;
}

const sign = async (key: CryptoKey, data: string): Promise<string> =>
  b64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(data))));

async function verifySig(key: CryptoKey, data: string, sig: string): Promise<boolean> {
  const mac = fromB64url(sig);
  // crypto.subtle.verify compares in constant time.
  return mac !== null && mac.length === 32 && crypto.subtle.verify('HMAC', key, mac, enc.encode(data));
}

// ── Tickets ────────────────────────────────────────────────────────────────────────────────

/** What a ticket grants: one participant, one conversation, until `exp`. */
export interface TicketClaims {
  site: string;
  conversation: string;
  role: ChatRole;
  /** m:<sub>, v:<visitor id> or staff:<id>. */
  participant: string;
  name: string;
  exp: number;
}

const claimsSchema = z.object({
  site: z.string().max(64),
  conversation: z.string().max(64),
  role: z.enum(['shopper', 'staff', 'expert']),
  participant: z.string().max(200),
  name: z.string().max(200),
  exp: z.number().int(),
});

/** `<base64url JSON claims>.<base64url HMAC>`. */
export async function issueTicket(key: CryptoKey, claims: Omit<TicketClaims, 'exp'>, now = Date.now()): Promise<{ ticket: string; expiresAt: number }> {
  const expiresAt = now + CHAT_LIMITS.ticketTtlMs;
  const body = b64url(enc.encode(JSON.stringify({ ...claims, exp: expiresAt })));
  return { ticket: `${body}.${await sign(key, `ticket.${body}`)}`, expiresAt };
}

export type TicketProblem = 'ticket_invalid' | 'ticket_expired' | 'ticket_wrong_conversation';

/** The ticket's claims if it is genuine, unexpired and for this site and conversation. */
export async function checkTicket(
  key: CryptoKey,
  ticket: string,
  expect: { site: string; conversation: string },
  now = Date.now(),
): Promise<{ ok: true; claims: TicketClaims } | { ok: false; problem: TicketProblem }> {
  const [body, sig, extra] = ticket.split('.');
  if (!body || !sig || extra !== undefined || ticket.length > 2048) return { ok: false, problem: 'ticket_invalid' };
  if (!(await verifySig(key, `ticket.${body}`, sig))) return { ok: false, problem: 'ticket_invalid' };
  let parsed: z.ZodSafeParseResult<TicketClaims>;
  try {
    parsed = claimsSchema.safeParse(JSON.parse(new TextDecoder().decode(fromB64url(body) ?? new Uint8Array())));
  } catch {
    return { ok: false, problem: 'ticket_invalid' };
  }
  if (!parsed.success) return { ok: false, problem: 'ticket_invalid' };
  const claims = parsed.data;
  if (claims.exp <= now) return { ok: false, problem: 'ticket_expired' };
  if (claims.site !== expect.site || claims.conversation !== expect.conversation) return { ok: false, problem: 'ticket_wrong_conversation' };
  return { ok: true, claims };
}

// ── Attachment links ───────────────────────────────────────────────────────────────────────

/** Links expire on a 10-minute grid so a file shown twice gets the same (cacheable) URL. */
const LINK_GRID_MS = 10 * 60_000;

/** `<origin>/api/v1/sites/<site>/attachments/<id>?exp=&sig=`, valid for about an hour. */
export async function attachmentUrl(key: CryptoKey, origin: string, siteId: string, attachmentId: string, now = Date.now()): Promise<string> {
  const exp = Math.ceil((now + CHAT_LIMITS.attachmentUrlTtlMs) / LINK_GRID_MS) * LINK_GRID_MS;
  const sig = await sign(key, `attachment.${siteId}.${attachmentId}.${exp}`);
  return `${origin}/api/v1/sites/${encodeURIComponent(siteId)}/attachments/${encodeURIComponent(attachmentId)}?exp=${exp}&sig=${sig}`;
}

/** Whether an attachment link is genuine and unexpired. */
export async function checkAttachmentLink(key: CryptoKey, siteId: string, attachmentId: string, exp: number, sig: string, now = Date.now()): Promise<'ok' | 'expired' | 'invalid'> {
  if (!(await verifySig(key, `attachment.${siteId}.${attachmentId}.${exp}`, sig))) return 'invalid';
  return exp > now ? 'ok' : 'expired';
}
