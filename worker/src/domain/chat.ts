/**
 * Live chat rules: where a new conversation goes, who may take part, and how stored messages
 * and conversations are shown to each participant.
 */
import type { TimePromise } from '../api-types.ts';
import type { ChatAck, ChatMessage, ChatRole, Conversation } from '../chat-types.ts';
import type { ListedConversation, StoredChatMessage, StoredConversation } from '../db/conversations.ts';
import type { RoutingDecision } from './routing.ts';
import type { Triage } from './triage.ts';
import { attachmentUrl } from './chat-tickets.ts';
import { maskPersonalData } from './screening.ts';
import { isMine, type Viewer } from './viewer.ts';

/**
 * A conversation is with the brand's team from its first message: always private and in the
 * queue. Checkout keeps its own reason; elsewhere a complaint, then a second contact, leads;
 * any other chat is a personal contact. Complaints and second contacts have priority.
 */
export function decideChatRouting(decided: RoutingDecision, triage: Triage, earlierContact: string | null): RoutingDecision {
  const priority = triage.complaint || earlierContact !== null;
  if (decided.reason === 'checkout') return { ...decided, visibility: 'private', priority };
  return {
    visibility: 'private',
    reason: triage.complaint ? 'complaint' : earlierContact ? 'second_contact' : 'personal',
    priority,
    category: triage.category,
    complaint: triage.complaint,
  };
}

/** The auto-acknowledgement: outside business hours the chat becomes "leave a message". */
export const chatAck = (promise: TimePromise): ChatAck => ({
  openNow: promise.openNow,
  mode: promise.openNow ? 'live' : 'leave_message',
  promise,
  who: 'team',
});

/** How a viewer of the widget takes part in a conversation, if at all. */
export interface WidgetParticipant {
  role: Exclude<ChatRole, 'staff'>;
  /** m:<sub> or v:<visitor id>. */
  id: string;
  name: string;
}

/** The viewer's key as a shopper: m:<sub> for members, v:<visitor id> otherwise; null without identity. */
export function shopperKeyOf(viewer: Viewer): string | null {
  if (viewer.kind === 'member') return `m:${viewer.sub}`;
  return viewer.visitorId ? `v:${viewer.visitorId}` : null;
}

/**
 * The viewer's part in a conversation: its shopper (by member sub or visitor id), or an expert
 * who joined it (`joined`), else none.
 */
export function widgetParticipant(viewer: Viewer, conv: StoredConversation, joined: boolean): WidgetParticipant | null {
  if (isMine(viewer, conv)) {
    const id = conv.authorSub ? `m:${conv.authorSub}` : `v:${conv.authorVisitor ?? ''}`;
    return { role: 'shopper', id, name: viewer.kind === 'member' ? viewer.name : (conv.shopperName ?? '') };
  }
  if (viewer.kind === 'member' && viewer.role === 'expert' && joined) return { role: 'expert', id: `m:${viewer.sub}`, name: viewer.name };
  return null;
}

/** Whether an expert may join: a product conversation on a product their token lists. */
export const expertCovers = (viewer: Viewer, conv: StoredConversation): boolean =>
  viewer.kind === 'member' && viewer.role === 'expert' && conv.channel === 'product' && viewer.products.includes(conv.productId);

/** How messages are rendered for one recipient. */
export interface RenderContext {
  key: CryptoKey;
  origin: string;
  siteId: string;
  /** Experts are community members: personal data in others' messages is masked for them. */
  forExpert: boolean;
  /** The recipient's own participant id (their own text is never masked). */
  selfId: string | null;
}

/** A stored message as a participant receives it, with a freshly signed attachment link. */
export async function showMessage(m: StoredChatMessage, ctx: RenderContext): Promise<ChatMessage> {
  const text = ctx.forExpert && m.senderId !== ctx.selfId ? maskPersonalData(m.body).body : m.body;
  return {
    seq: m.seq,
    clientId: m.clientId,
    sender: { kind: m.senderKind, name: m.senderName },
    text,
    attachment: m.attachment ? { ...m.attachment, url: await attachmentUrl(ctx.key, ctx.origin, ctx.siteId, m.attachment.id) } : null,
    createdAt: m.createdAt,
  };
}

const PREVIEW_MAX = 140;

/** A conversation in a list; `forExpert` masks the preview like messages. */
export function showConversation(c: ListedConversation, forExpert = false): Conversation {
  const body = c.preview ? (forExpert ? maskPersonalData(c.preview.body).body : c.preview.body) : '';
  return {
    id: c.id,
    channel: c.channel,
    productId: c.channel === 'checkout' ? null : c.productId,
    orderRef: forExpert ? null : c.orderRef,
    status: conversationStatus(c),
    lastSeq: c.lastSeq,
    preview: c.preview
      ? {
          text: body.length > PREVIEW_MAX ? `${body.slice(0, PREVIEW_MAX - 1)}…` : body,
          sender: { kind: c.preview.senderKind, name: c.preview.senderName },
          hasAttachment: c.preview.hasAttachment,
          createdAt: c.preview.createdAt,
        }
      : null,
    unread: c.unread,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

/** Closed once staff resolved its queue item; a new shopper message reopens both. */
export const conversationStatus = (c: Pick<StoredConversation, 'status' | 'itemStatus'>): 'open' | 'closed' =>
  c.status === 'closed' || c.itemStatus === 'resolved' ? 'closed' : 'open';
