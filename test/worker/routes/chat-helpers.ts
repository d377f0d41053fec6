/**
 * Shared by the live-chat tests: a shop with an allowed origin, a signing secret and two signed-in
 * staff; shoppers and experts calling the real public API; and sockets opened through the Worker
 * (ticket + origin for the widget, session cookie for the console) with a frame collector.
 */
import { env, exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import type {
  ChatClientFrame,
  ChatMessage,
  ChatServerFrame,
  ChatTicket,
  StartConversationBody,
  StartConversationResult,
} from '../../../worker/src/chat-types.ts';
import { signShopToken } from '../../../worker/src/domain/shop-tokens.ts';
import { aProductId, aSite, type SiteRow } from '../../fixtures/rows.ts';
import { CONSOLE_ORIGIN, aSession, aStaffMember, anIp } from '../../fixtures/staff.ts';

/** The shop's own page origin (allowed for the widget). */
export const SHOP_ORIGIN = 'https://shop.example';
const SECRET = 'chat-test-secret-0123456789abcdef';

export const aVisitorId = (): string => `v_${crypto.randomUUID().replaceAll('-', '')}`;

export interface ChatDesk {
  site: SiteRow;
  owner: { id: string; name: string; cookie: string };
  agent: { id: string; name: string; cookie: string };
}

/** A site open all week (so chats are live unless a test closes it), with an owner and an agent signed in. */
export async function aChatDesk(opts: { closed?: boolean } = {}): Promise<ChatDesk> {
  const site = await aSite(env.DB, { origins: [SHOP_ORIGIN], tokenSecret: SECRET });
  const allDay = [['00:00', '24:00']];
  // Closed: open five minutes on a day that is not today in the site's zone, so closed right now.
  const today = new Intl.DateTimeFormat('en', { weekday: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date()).toLowerCase();
  const otherDay = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].find((d) => d !== today.slice(0, 3))!;
  const hours = opts.closed
    ? { [otherDay]: [['00:00', '00:05']] }
    : { sun: allDay, mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay };
  await env.DB.prepare('UPDATE sites SET business_hours = ? WHERE id = ?').bind(JSON.stringify(hours), site.id).run();
  const owner = await aStaffMember(env.DB, { site, name: 'Olga Owner', role: 'owner' });
  const agent = await aStaffMember(env.DB, { site, name: 'Aziz Agent', role: 'agent' });
  return {
    site,
    owner: { id: owner.id, name: owner.name, cookie: (await aSession(env.DB, { staff: owner })).cookie },
    agent: { id: agent.id, name: agent.name, cookie: (await aSession(env.DB, { staff: agent })).cookie },
  };
}

/** Who calls the widget API: a visitor id, a shop token, or both. */
export interface Caller {
  visitor?: string;
  token?: string;
}

/** A token for a member (shopper, or expert covering `products`). */
export const aToken = (site: Pick<SiteRow, 'id'>, who: { sub?: string; name?: string; role?: 'shopper' | 'expert'; products?: string[] } = {}) =>
  signShopToken(
    { sub: who.sub ?? `m-${crypto.randomUUID()}`, name: who.name ?? 'Mila Member', role: who.role ?? 'shopper', products: who.products ?? [] },
    site.id,
    SECRET,
  );

/** A request to the widget API of `site` as the shop's page makes it, each from its own IP. */
export function widgetCall(
  site: Pick<SiteRow, 'id'>,
  path: string,
  { caller = {}, method = 'GET', body, headers = {} }: { caller?: Caller; method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const h: Record<string, string> = { 'CF-Connecting-IP': anIp(), Origin: SHOP_ORIGIN, ...headers };
  if (caller.visitor) h['X-Samen-Visitor'] = caller.visitor;
  if (caller.token) h.Authorization = `Bearer ${caller.token}`;
  let sent: BodyInit | undefined;
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) sent = body as BodyInit;
  else if (body !== undefined) {
    h['Content-Type'] ??= 'application/json';
    sent = JSON.stringify(body);
  }
  return exports.default.fetch(`https://samen.test/api/v1/sites/${site.id}${path}`, { method, headers: h, body: sent });
}

export async function expectError(res: Response, status: number, code: string): Promise<void> {
  expect(res.status, await res.clone().text()).toBe(status);
  expect(await res.json()).toEqual({ error: { code, message: expect.any(String) } });
}

export interface Started extends StartConversationResult {
  caller: Caller;
  status: number;
}

/** Starts a conversation on a product page (a new visitor unless given). */
export async function startChat(
  site: Pick<SiteRow, 'id'>,
  body: Partial<StartConversationBody> = {},
  caller: Caller = { visitor: aVisitorId() },
): Promise<Started> {
  const res = await widgetCall(site, '/conversations', {
    caller,
    method: 'POST',
    body: {
      channel: 'product',
      ...(body.channel === 'checkout' ? {} : { productId: aProductId() }),
      text: 'Hi! Does the Storm jacket run small?',
      clientId: crypto.randomUUID(),
      ...body,
    },
  });
  expect([200, 201], await res.clone().text()).toContain(res.status);
  return { ...(await res.json<StartConversationResult>()), caller, status: res.status };
}

export async function messagesOf(site: Pick<SiteRow, 'id'>, conversationId: string, caller: Caller, after = 0): Promise<ChatMessage[]> {
  const res = await widgetCall(site, `/conversations/${conversationId}/messages?after=${after}`, { caller });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json<{ messages: ChatMessage[] }>()).messages;
}

export async function ticketFor(site: Pick<SiteRow, 'id'>, conversationId: string, caller: Caller): Promise<string> {
  const res = await widgetCall(site, `/conversations/${conversationId}/ticket`, { caller, method: 'POST' });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json<ChatTicket>()).ticket;
}

/** The queue item of a conversation (from D1). */
export async function itemOfConversation(site: Pick<SiteRow, 'id'>, conversationId: string) {
  return env.DB.prepare(
    `SELECT i.id, i.status, i.reason, i.priority, i.category, i.order_ref, i.first_response_at, i.assignee_id
       FROM staff_items i JOIN questions q ON q.site_id = i.site_id AND q.id = i.question_id
      WHERE i.site_id = ? AND q.conversation_id = ?`,
  )
    .bind(site.id, conversationId)
    .first<{ id: string; status: string; reason: string; priority: number; category: string | null; order_ref: string | null; first_response_at: number | null; assignee_id: string | null }>();
}

// ── Sockets ────────────────────────────────────────────────────────────────────────────────

/** An accepted client WebSocket with everything it received. */
export interface Socket {
  ws: WebSocket;
  frames: ChatServerFrame[];
  send(frame: ChatClientFrame | string): void;
  /** Resolves with the first frame (received so far or later) that matches. */
  next<T extends ChatServerFrame['type']>(type: T, match?: (f: Extract<ChatServerFrame, { type: T }>) => boolean, ms?: number): Promise<Extract<ChatServerFrame, { type: T }>>;
  /** Frames of one type so far. */
  all<T extends ChatServerFrame['type']>(type: T): Extract<ChatServerFrame, { type: T }>[];
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

export function wrap(ws: WebSocket): Socket {
  ws.accept();
  const frames: ChatServerFrame[] = [];
  const waiters: (() => void)[] = [];
  let onClosed: (v: { code: number; reason: string }) => void = () => {};
  const closed = new Promise<{ code: number; reason: string }>((r) => (onClosed = r));
  ws.addEventListener('message', (e) => {
    frames.push(JSON.parse(typeof e.data === 'string' ? e.data : new TextDecoder().decode(e.data as ArrayBuffer)) as ChatServerFrame);
    for (const w of waiters.splice(0)) w();
  });
  ws.addEventListener('close', (e) => onClosed({ code: e.code, reason: e.reason }));
  return {
    ws,
    frames,
    send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    next: (type, match = () => true, ms = 5000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${type} frame within ${ms} ms; got ${JSON.stringify(frames).slice(0, 2000)}`)), ms);
        const check = () => {
          const found = frames.find((f) => f.type === type && match(f as never));
          if (found) {
            clearTimeout(timer);
            resolve(found as never);
          } else waiters.push(check);
        };
        check();
      }),
    all: (type) => frames.filter((f) => f.type === type) as never,
    closed,
    close: () => {
      try {
        ws.close(1000, 'done');
      } catch {
        /* already closed */
      }
    },
  };
}

/** The raw handshake response of the widget's live socket. */
export const shopperHandshake = (site: Pick<SiteRow, 'id'>, conversationId: string, ticket: string | null, origin: string | null = SHOP_ORIGIN) =>
  exports.default.fetch(
    `https://samen.test/api/v1/sites/${site.id}/conversations/${conversationId}/live${ticket === null ? '' : `?ticket=${encodeURIComponent(ticket)}`}`,
    { headers: { Upgrade: 'websocket', ...(origin ? { Origin: origin } : {}) } },
  );

/** The widget's live socket (ticket first), not yet greeted. */
export async function shopperSocket(site: Pick<SiteRow, 'id'>, conversationId: string, caller: Caller): Promise<Socket> {
  const res = await shopperHandshake(site, conversationId, await ticketFor(site, conversationId, caller));
  expect(res.status, res.status === 101 ? '' : await res.clone().text()).toBe(101);
  return wrap(res.webSocket!);
}

export const staffHandshake = (cookie: string, conversationId: string, origin: string | null = CONSOLE_ORIGIN) =>
  exports.default.fetch(`${CONSOLE_ORIGIN}/api/v1/console/conversations/${conversationId}/live`, {
    headers: { Upgrade: 'websocket', Cookie: cookie, ...(origin ? { Origin: origin } : {}) },
  });

/** The console's live socket, not yet greeted. */
export async function staffSocket(cookie: string, conversationId: string): Promise<Socket> {
  const res = await staffHandshake(cookie, conversationId);
  expect(res.status, res.status === 101 ? '' : await res.clone().text()).toBe(101);
  return wrap(res.webSocket!);
}

/** Opens and greets (hello → welcome). */
export async function joined(open: Promise<Socket>, lastSeq = 0): Promise<Socket> {
  const s = await open;
  s.send({ type: 'hello', lastSeq });
  await s.next('welcome');
  return s;
}
