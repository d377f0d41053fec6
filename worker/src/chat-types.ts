/**
 * Live chat (issue 7): the shapes shared by the Worker, the shopper widget and the staff console —
 * REST bodies and the WebSocket frames of a conversation (one `ChatRoom` Durable Object each).
 * Types and plain constants only, free of Workers and DOM types so every build can import it.
 *
 * Delivery guarantees, in short: every message carries a client-generated `clientId`; the server
 * stores it once per conversation (a retry with the same id returns the stored message) and gives
 * it a per-conversation `seq` (1, 2, 3 … without gaps). A client remembers the highest `seq` it has
 * seen and resumes with `{type:'hello', lastSeq}` (or `GET …/messages?after=`) after a drop.
 */
import type { TimePromise } from './api-types.ts';

/** Where a conversation was started. */
export type ChatChannel = 'product' | 'checkout';
/** Who wrote a message; `system` is Samen itself. */
export type ChatSenderKind = 'shopper' | 'staff' | 'expert' | 'system';
/** A connected participant's role. */
export type ChatRole = 'shopper' | 'staff' | 'expert';

/** Limits both ends agree on. */
export const CHAT_LIMITS = {
  /** Longest message text, in characters. */
  textMax: 5000,
  /** Longest client id (the widget uses a UUID). */
  clientIdMax: 64,
  /** Largest attachment, in bytes (10 MiB). */
  attachmentMaxBytes: 10 * 1024 * 1024,
  /** Messages per `GET …/messages` page and per resume burst. */
  pageSize: 500,
  /** How long a WebSocket ticket is valid. */
  ticketTtlMs: 60_000,
  /** How long a signed attachment URL is valid. */
  attachmentUrlTtlMs: 60 * 60_000,
  /** Longest WebSocket frame the server accepts, in characters (a full message with JSON escapes fits). */
  frameMaxBytes: 64 * 1024,
} as const;

/** A client id: 1–64 of `A–Z a–z 0–9 _ -` (a UUID fits). */
export const CHAT_CLIENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Content types an attachment may have (sniffed from the bytes, never taken from the name). */
export const CHAT_ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'] as const;
export type ChatAttachmentType = (typeof CHAT_ATTACHMENT_TYPES)[number];

/** A stored attachment; `url` is signed for participants and expires (see {@link CHAT_LIMITS}). */
export interface ChatAttachment {
  id: string;
  name: string;
  type: ChatAttachmentType;
  size: number;
  url: string;
}

/** One message of a conversation. */
export interface ChatMessage {
  /** Per-conversation order, from 1, without gaps. */
  seq: number;
  /** The sender's own id for the message (idempotency). */
  clientId: string;
  sender: { kind: ChatSenderKind; name: string };
  /** May be empty when the message is only an attachment. */
  text: string;
  attachment: ChatAttachment | null;
  createdAt: number;
}

/** A conversation as its shopper (and a joined expert) sees it in the list. */
export interface Conversation {
  id: string;
  channel: ChatChannel;
  /** The product page it was started on; null at checkout. */
  productId: string | null;
  /** The order the checkout page passed. */
  orderRef: string | null;
  /** `closed` once staff resolved it; writing again reopens it. */
  status: 'open' | 'closed';
  /** The highest `seq` so far. */
  lastSeq: number;
  /** The latest message, shortened to 140 characters. */
  preview: { text: string; sender: { kind: ChatSenderKind; name: string }; hasAttachment: boolean; createdAt: number } | null;
  /** Messages from others after the viewer's last `read`. */
  unread: number;
  createdAt: number;
  updatedAt: number;
}

/**
 * The auto-acknowledgement of a new conversation: who will answer and when. Outside business
 * hours `mode` is `leave_message` (the shopper may leave an email for the reply).
 */
export interface ChatAck {
  openNow: boolean;
  mode: 'live' | 'leave_message';
  promise: TimePromise;
  who: 'team';
}

// ── REST ───────────────────────────────────────────────────────────────────────────────────

/** `POST /sites/:site/conversations`. */
export interface StartConversationBody {
  channel: ChatChannel;
  /** Required on a product page. */
  productId?: string;
  /** Required at checkout. */
  orderRef?: string;
  text: string;
  clientId: string;
  /** Shown to staff; members' names come from their token. */
  name?: string;
  lang?: 'en' | 'nl' | 'fr';
  timeZone?: string;
  /** For the reply by email (`staff.replied` webhook), e.g. outside business hours. */
  email?: string;
}

/** 201 (new) or 200 (the same `clientId` retried) for {@link StartConversationBody}. */
export interface StartConversationResult {
  conversation: Conversation;
  message: ChatMessage;
  ack: ChatAck;
}

/** `POST …/conversations/:id/messages` (REST fallback while the socket is down). */
export interface PostChatMessageBody {
  clientId: string;
  text?: string;
  attachmentId?: string;
}

/** `POST …/conversations/:id/ticket`. */
export interface ChatTicket {
  ticket: string;
  expiresAt: number;
}

/** `GET /sites/:site/expert/conversations?product=`: open product chats an expert may join. */
export interface ExpertConversation extends Conversation {
  /** The shopper's first message. */
  firstMessage: string;
  joined: boolean;
}

/** `GET /console/conversations/:id`: the conversation as staff see it. */
export interface ConsoleConversation {
  id: string;
  channel: ChatChannel;
  productId: string | null;
  orderRef: string | null;
  status: 'open' | 'closed';
  lastSeq: number;
  /** The queue item of the conversation. */
  itemId: string | null;
  shopper: { name: string | null; sub: string | null; replyEmail: string | null };
  /** Highest seq the shopper has read ("Seen"), and staff. */
  shopperReadSeq: number;
  staffReadSeq: number;
  unread: number;
  createdAt: number;
  updatedAt: number;
}

// ── WebSocket frames ───────────────────────────────────────────────────────────────────────

/** A participant as others see them. */
export interface ChatParticipant {
  role: ChatRole;
  name: string;
}

export type ChatClientFrame =
  | { type: 'hello'; lastSeq: number }
  | { type: 'msg'; clientId: string; text?: string; attachmentId?: string }
  | { type: 'typing'; on: boolean }
  | { type: 'read'; seq: number };

export type ChatServerFrame =
  | { type: 'welcome'; you: ChatParticipant; participants: ChatParticipant[]; lastSeq: number }
  | { type: 'msg'; message: ChatMessage }
  | { type: 'ack'; clientId: string; seq: number }
  | { type: 'typing'; who: ChatParticipant; on: boolean }
  | { type: 'read'; who: ChatParticipant; seq: number }
  | { type: 'presence'; who: ChatParticipant; state: 'joined' | 'left' }
  | { type: 'error'; code: ChatFrameErrorCode; message: string; clientId?: string };

/**
 * Why a frame was refused. `rate_limited` and `unavailable` are worth a retry later (the outbox
 * keeps the message); the others mean the frame itself is wrong.
 */
export type ChatFrameErrorCode =
  | 'bad_frame'
  | 'hello_first'
  | 'message_empty'
  | 'message_too_long'
  | 'attachment_not_found'
  | 'client_id_taken'
  | 'rate_limited'
  | 'unavailable';

/** Close codes the server uses: policy (frames too big or too fast) and "ticket expired, get a new one". */
export const CHAT_CLOSE = { policy: 1008, goingAway: 1001 } as const;
