/**
 * One Durable Object per conversation (`idFromName(<site>/<conversation>)`): the live room where
 * the shopper, staff and a joined expert meet over hibernating WebSockets.
 *
 * - Every socket's participant (role, id, name) lives in its serialized attachment, so the room
 *   rebuilds after hibernation from `getWebSockets()` alone; nothing else must survive in memory.
 * - Messages are stored in D1 *before* they are acknowledged, once per client id, with the next
 *   seq computed in the same transaction. Stores (and resumes) run one at a time in arrival
 *   order, so broadcasts leave in seq order and a resume never misses a message stored meanwhile.
 * - `hello {lastSeq}` replays everything after `lastSeq`, then `welcome`; from then on the socket
 *   receives broadcasts. Typing, read receipts and presence are never stored (read positions are,
 *   for unread counts).
 */
import { DurableObject } from 'cloudflare:workers';
import { z } from 'zod';
import {
  CHAT_CLIENT_ID,
  CHAT_CLOSE,
  CHAT_LIMITS,
  type ChatFrameErrorCode,
  type ChatMessage,
  type ChatParticipant,
  type ChatRole,
  type ChatServerFrame,
} from '../chat-types.ts';
import { chatKey } from '../domain/chat-tickets.ts';
import { showMessage, type RenderContext } from '../domain/chat.ts';
import { publishQueueEvent } from '../domain/inbox.ts';
import { CHAT_FRAMES_PER_SECOND, ratePolicies } from '../domain/rate-limits.ts';
import { emitWebhookEvent } from '../domain/webhooks.ts';
import {
  findAttachment,
  findConversation,
  listChatMessages,
  markReadStatement,
  storeChatMessage,
  type ChatSender,
  type StoredChatMessage,
  type StoredConversation,
} from '../db/conversations.ts';
import { findMember } from '../db/members.ts';
import { findItem } from '../db/routing.ts';

/** Which conversation a room is, and the public origin its attachment links are made for. */
export interface RoomAddress {
  siteId: string;
  conversationId: string;
  origin: string;
}

/** Who is behind a socket or a REST post (checked by the Worker before it reaches the room). */
export interface RoomParticipant {
  role: ChatRole;
  /** m:<sub>, v:<visitor id> or staff:<id>. */
  id: string;
  name: string;
}

/** The upgrade request's header that carries {@link RoomAddress} & {@link RoomParticipant} (JSON). */
export const ROOM_HEADER = 'X-Samen-Chat';

/** The room of a conversation. */
export const chatRoom = (env: Env, siteId: string, conversationId: string) =>
  env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(`${siteId}/${conversationId}`));

interface SocketState extends RoomParticipant {
  /** Said hello: receives broadcasts from now on. */
  helloed: boolean;
}

/** A new message, however it arrived. */
export interface RoomPost {
  clientId: string;
  text?: string | undefined;
  attachmentId?: string | undefined;
}

/** `inserted` is false for a retry of a message already stored. */
export type RoomPostResult = { ok: true; message: ChatMessage; inserted: boolean } | { ok: false; code: ChatFrameErrorCode; message: string };

const clientFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), lastSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }),
  z.object({
    type: z.literal('msg'),
    clientId: z.string().regex(CHAT_CLIENT_ID),
    text: z.string().optional(),
    attachmentId: z.string().max(64).optional(),
  }),
  z.object({ type: z.literal('typing'), on: z.boolean() }),
  z.object({ type: z.literal('read'), seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }),
]);

const ADDRESS_KEY = 'address';
/** Recent client ids and their senders: a retry is not counted against the limit again. */
const RECENT_MAX = 2000;

const errorMessages: Record<ChatFrameErrorCode, string> = {
  bad_frame: 'That frame is not valid.',
  hello_first: 'Say hello first.',
  message_empty: 'Write a message first.',
  message_too_long: `A message can have at most ${CHAT_LIMITS.textMax.toLocaleString('en')} characters.`,
  attachment_not_found: 'That attachment does not belong to this conversation.',
  client_id_taken: 'That client id was used for another message.',
  rate_limited: 'You are sending messages too fast. Try again in a moment.',
  unavailable: 'The message could not be stored right now. It will be sent again.',
};

const refusal = (code: ChatFrameErrorCode): RoomPostResult => ({ ok: false, code, message: errorMessages[code] });

export class ChatRoom extends DurableObject<Env> {
  #address: RoomAddress | null = null;
  #conversation: StoredConversation | null = null;
  #chain: Promise<unknown> = Promise.resolve();
  #recent = new Map<string, { seq: number; senderId: string }>();
  #sent = new Map<string, { windowStart: number; count: number }>();
  #frames = new WeakMap<WebSocket, { second: number; count: number }>();
  #readSeq = { shopper: 0, staff: 0 };

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Clients ping to keep proxies from closing an idle socket; answering must not wake the room.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
  }

  /** A participant's socket; the Worker has checked the ticket or session and the origin. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') return new Response('Expected a WebSocket', { status: 426 });
    const who = JSON.parse(request.headers.get(ROOM_HEADER) ?? 'null') as (RoomAddress & RoomParticipant) | null;
    if (!who) return new Response('Missing participant', { status: 400 });
    await this.#remember({ siteId: who.siteId, conversationId: who.conversationId, origin: who.origin });
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [who.role, `p:${who.id}`]);
    const state: SocketState = { role: who.role, id: who.id, name: who.name, helloed: false };
    server.serializeAttachment(state);
    return new Response(null, { status: 101, webSocket: client });
  }

  /** The REST fallback's way in (`POST …/messages`): stored, broadcast, and returned for the sender. */
  async post(address: RoomAddress, sender: RoomParticipant, post: RoomPost): Promise<RoomPostResult> {
    await this.#remember(address);
    return this.#serial(() => this.#store(sender, post));
  }

  override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
    if (this.#flooding(ws)) {
      ws.close(CHAT_CLOSE.policy, 'too many frames');
      return;
    }
    if (typeof raw !== 'string' || raw.length > CHAT_LIMITS.frameMaxBytes) {
      this.#send(ws, { type: 'error', code: 'bad_frame', message: errorMessages.bad_frame });
      return;
    }
    let parsed: ReturnType<typeof clientFrame.safeParse>;
    try {
      parsed = clientFrame.safeParse(JSON.parse(raw));
    } catch {
      parsed = clientFrame.safeParse(null);
    }
    if (!parsed.success) {
      this.#send(ws, { type: 'error', code: 'bad_frame', message: errorMessages.bad_frame });
      return;
    }
    const frame = parsed.data;
    const state = ws.deserializeAttachment() as SocketState;
    switch (frame.type) {
      case 'hello':
        await this.#serial(() => this.#hello(ws, state, frame.lastSeq));
        return;
      case 'msg': {
        // Checked in turn: a msg sent right behind its hello waits for the hello to finish.
        const result = await this.#serial(() => {
          const now = ws.deserializeAttachment() as SocketState;
          return now.helloed ? this.#store(now, frame, ws) : Promise.resolve(refusal('hello_first'));
        });
        if (!result.ok) this.#send(ws, { type: 'error', code: result.code, message: result.message, clientId: frame.clientId });
        return;
      }
      case 'typing':
        if (state.helloed) this.#toOthers(state, { type: 'typing', who: shown(state), on: frame.on });
        return;
      case 'read':
        if (state.helloed) await this.#read(state, frame.seq);
        return;
    }
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    this.#left(ws);
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, 'closing');
    } catch {
      // Already closed.
    }
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    this.#left(ws);
  }

  // ── Frames ───────────────────────────────────────────────────────────────────────────────

  async #hello(ws: WebSocket, state: SocketState, lastSeq: number): Promise<void> {
    const address = await this.#addressOrThrow();
    const render = await this.#renderFor(state);
    let after = lastSeq;
    for (;;) {
      const page = await listChatMessages(this.env.DB, address.siteId, address.conversationId, after, CHAT_LIMITS.pageSize);
      for (const m of page) this.#send(ws, { type: 'msg', message: await showMessage(m, render) });
      const last = page.at(-1);
      if (last) after = last.seq;
      if (page.length < CHAT_LIMITS.pageSize) break;
    }
    const firstHello = !state.helloed;
    const alreadyHere = firstHello && this.#othersOf(state.id, ws);
    if (firstHello) {
      state.helloed = true;
      ws.serializeAttachment(state);
    }
    this.#send(ws, { type: 'welcome', you: shown(state), participants: this.#participants(), lastSeq: after });
    if (firstHello && !alreadyHere) this.#toOthers(state, { type: 'presence', who: shown(state), state: 'joined' });
  }

  async #store(sender: RoomParticipant, post: RoomPost, ws?: WebSocket): Promise<RoomPostResult> {
    const text = post.text ?? '';
    if (text.length > CHAT_LIMITS.textMax) return refusal('message_too_long');
    if (!text.trim() && !post.attachmentId) return refusal('message_empty');
    const address = await this.#addressOrThrow();
    const recent = this.#recent.get(post.clientId);
    if (recent && recent.senderId !== sender.id) return refusal('client_id_taken');
    if (!recent && this.#overLimit(sender)) return refusal('rate_limited');

    let outcome;
    try {
      const conversation = await this.#conversationOrThrow();
      if (post.attachmentId) {
        const attachment = await findAttachment(this.env.DB, address.siteId, post.attachmentId);
        if (!attachment || attachment.conversationId !== address.conversationId) return refusal('attachment_not_found');
      }
      const from: ChatSender = { kind: sender.role, id: sender.id, name: sender.name };
      outcome = await storeChatMessage(
        this.env.DB,
        address.siteId,
        { id: address.conversationId, itemId: conversation.itemId },
        from,
        { clientId: post.clientId, body: text, attachmentId: post.attachmentId ?? null },
        Date.now(),
      );
    } catch (err) {
      console.error('storing a chat message failed', err);
      return refusal('unavailable');
    }
    const stored = outcome.message;
    if (stored.senderId !== sender.id) return refusal('client_id_taken');
    this.#noteRecent(post.clientId, stored.seq, sender.id);
    if (ws) this.#send(ws, { type: 'ack', clientId: stored.clientId, seq: stored.seq });
    if (outcome.inserted) {
      this.#count(sender);
      await this.#broadcast(stored);
      if (outcome.queueChange && this.#conversation?.itemId) {
        publishQueueEvent(this.env, this.ctx, address.siteId, this.#conversation.itemId, outcome.queueChange);
      }
      if (sender.role === 'staff' && !this.#shopperHere()) this.ctx.waitUntil(this.#announceReply(stored));
    }
    return { ok: true, message: await showMessage(stored, await this.#renderFor(sender)), inserted: outcome.inserted };
  }

  async #read(state: SocketState, seq: number): Promise<void> {
    const address = await this.#addressOrThrow();
    // Experts' reading is not the brand's "Seen"; only shopper and staff positions are kept.
    const side = state.role === 'shopper' ? 'shopper' : state.role === 'staff' ? 'staff' : null;
    if (side && seq > this.#readSeq[side]) {
      this.#readSeq[side] = seq;
      try {
        await markReadStatement(this.env.DB, address.siteId, address.conversationId, side, seq).run();
      } catch (err) {
        console.error('storing a read position failed', err);
      }
    }
    this.#toOthers(state, { type: 'read', who: shown(state), seq });
  }

  #left(ws: WebSocket): void {
    const state = ws.deserializeAttachment() as SocketState | null;
    if (!state?.helloed) return;
    if (!this.#othersOf(state.id, ws)) this.#toOthers(state, { type: 'presence', who: shown(state), state: 'left' }, ws);
  }

  // ── Delivery ─────────────────────────────────────────────────────────────────────────────

  async #broadcast(stored: StoredChatMessage): Promise<void> {
    const sockets = this.#openSockets().filter((s) => s.state.helloed);
    if (!sockets.length) return;
    const base = await this.#renderFor(null);
    const plain = JSON.stringify({ type: 'msg', message: await showMessage(stored, base) } satisfies ChatServerFrame);
    let masked: string | null = null;
    for (const { ws, state } of sockets) {
      let text = plain;
      if (state.role === 'expert' && stored.senderId !== state.id) {
        masked ??= JSON.stringify({ type: 'msg', message: await showMessage(stored, { ...base, forExpert: true }) } satisfies ChatServerFrame);
        text = masked;
      }
      sendRaw(ws, text);
    }
  }

  #toOthers(from: RoomParticipant, frame: ChatServerFrame, except?: WebSocket): void {
    const text = JSON.stringify(frame);
    for (const { ws, state } of this.#openSockets()) {
      if (ws !== except && state.helloed && state.id !== from.id) sendRaw(ws, text);
    }
  }

  #send(ws: WebSocket, frame: ChatServerFrame): void {
    sendRaw(ws, JSON.stringify(frame));
  }

  #openSockets(): { ws: WebSocket; state: SocketState }[] {
    return this.ctx
      .getWebSockets()
      .filter((ws) => ws.readyState === WebSocket.OPEN)
      .map((ws) => ({ ws, state: ws.deserializeAttachment() as SocketState }));
  }

  /** Whether the participant has another greeted socket open (tabs, devices). */
  #othersOf(participantId: string, ws: WebSocket): boolean {
    return this.ctx
      .getWebSockets(`p:${participantId}`)
      .some((other) => other !== ws && other.readyState === WebSocket.OPEN && (other.deserializeAttachment() as SocketState).helloed);
  }

  #participants(): ChatParticipant[] {
    const seen = new Map<string, ChatParticipant>();
    for (const { state } of this.#openSockets()) if (state.helloed && !seen.has(state.id)) seen.set(state.id, shown(state));
    return [...seen.values()];
  }

  #shopperHere(): boolean {
    return this.#openSockets().some((s) => s.state.role === 'shopper' && s.state.helloed);
  }

  async #renderFor(who: RoomParticipant | null): Promise<RenderContext> {
    const address = await this.#addressOrThrow();
    return {
      key: await chatKey(this.env.DB, address.siteId),
      origin: address.origin,
      siteId: address.siteId,
      forExpert: who?.role === 'expert',
      selfId: who?.id ?? null,
    };
  }

  // ── Limits ───────────────────────────────────────────────────────────────────────────────

  /** Staff are not limited; shoppers and experts by the `chat` policy, counting new messages only. */
  #overLimit(sender: RoomParticipant): boolean {
    if (sender.role === 'staff') return false;
    const policy = ratePolicies.chat;
    const w = this.#sent.get(sender.id);
    return !!w && Date.now() - w.windowStart < policy.windowMs && w.count >= policy.perActor;
  }

  #count(sender: RoomParticipant): void {
    if (sender.role === 'staff') return;
    const now = Date.now();
    const w = this.#sent.get(sender.id);
    if (!w || now - w.windowStart >= ratePolicies.chat.windowMs) this.#sent.set(sender.id, { windowStart: now, count: 1 });
    else w.count++;
  }

  #flooding(ws: WebSocket): boolean {
    const second = Math.floor(Date.now() / 1000);
    const f = this.#frames.get(ws);
    if (!f || f.second !== second) {
      this.#frames.set(ws, { second, count: 1 });
      return false;
    }
    return ++f.count > CHAT_FRAMES_PER_SECOND;
  }

  #noteRecent(clientId: string, seq: number, senderId: string): void {
    this.#recent.delete(clientId);
    this.#recent.set(clientId, { seq, senderId });
    if (this.#recent.size > RECENT_MAX) this.#recent.delete(this.#recent.keys().next().value as string);
  }

  // ── State ────────────────────────────────────────────────────────────────────────────────

  /** Runs `fn` after everything queued before it (stores and resumes keep their order). */
  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(fn, fn);
    this.#chain = run.catch(() => undefined);
    return run;
  }

  async #remember(address: RoomAddress): Promise<void> {
    const known = await this.#addressOrNull();
    if (known && known.siteId === address.siteId && known.conversationId === address.conversationId && known.origin === address.origin) return;
    this.#address = address;
    await this.ctx.storage.put(ADDRESS_KEY, address);
  }

  async #addressOrNull(): Promise<RoomAddress | null> {
    this.#address ??= (await this.ctx.storage.get<RoomAddress>(ADDRESS_KEY)) ?? null;
    return this.#address;
  }

  async #addressOrThrow(): Promise<RoomAddress> {
    const address = await this.#addressOrNull();
    if (!address) throw new Error('chat room without an address');
    return address;
  }

  async #conversationOrThrow(): Promise<StoredConversation> {
    if (this.#conversation) return this.#conversation;
    const address = await this.#addressOrThrow();
    const found = await findConversation(this.env.DB, address.siteId, address.conversationId);
    if (!found) throw new Error('chat room for a missing conversation');
    this.#conversation = found;
    return found;
  }

  /** `staff.replied` for the site's email system when the shopper is not in the chat to read it. */
  async #announceReply(reply: StoredChatMessage): Promise<void> {
    try {
      const address = await this.#addressOrThrow();
      const conv = await this.#conversationOrThrow();
      const item = conv.itemId ? await findItem(this.env.DB, address.siteId, conv.itemId) : null;
      const member = conv.authorSub ? await findMember(this.env.DB, address.siteId, conv.authorSub) : null;
      await emitWebhookEvent(
        this.env.DB,
        address.siteId,
        'staff.replied',
        {
          item: item
            ? { id: item.id, questionId: item.questionId, productId: item.productId, orderRef: item.orderRef, channel: item.channel }
            : null,
          question: item?.body ?? null,
          conversation: { id: conv.id, seq: reply.seq },
          reply: { body: reply.body, staffName: reply.senderName, createdAt: reply.createdAt, attachment: reply.attachment?.name ?? null },
          shopper: { sub: conv.authorSub, name: item?.authorName ?? conv.shopperName, email: member?.email ?? conv.replyEmail },
        },
        (req) => fetch(req),
      );
    } catch (err) {
      console.error('staff.replied webhook for chat failed', err);
    }
  }
}

const shown = (p: RoomParticipant): ChatParticipant => ({ role: p.role, name: p.name });

function sendRaw(ws: WebSocket, text: string): void {
  try {
    ws.send(text);
  } catch {
    // The socket is closing; its close handler tidies up.
  }
}
