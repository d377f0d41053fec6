/**
 * Live chat in the console (`/api/v1/console/conversations/…`, session cookie): staff read a
 * conversation and its messages, write (over the socket, or REST while it is down), attach files,
 * and join the room live as role `staff` with their own name. Every query is scoped by the
 * session's site.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { CHAT_CLIENT_ID, CHAT_LIMITS, type ConsoleConversation } from '../chat-types.ts';
import { validate } from '../middleware/validate.ts';
import { ApiError } from '../middleware/errors.ts';
import { staffSession, type ConsoleEnv } from '../middleware/staff-session.ts';
import { chatKey } from '../domain/chat-tickets.ts';
import { conversationStatus, showMessage } from '../domain/chat.ts';
import { findListedConversation, listChatMessages, type ListedConversation } from '../db/conversations.ts';
import { ROOM_HEADER, chatRoom, type RoomAddress, type RoomParticipant } from '../objects/chat-room.ts';
import { receiveAttachment } from './chat-attachments.ts';
import { postedOrThrow } from './conversations.ts';

type StaffContext = Context<ConsoleEnv>;

const conversationParam = z.object({ conversation: z.uuid('invalid_input') });
const afterQuery = z.object({ after: z.coerce.number('invalid_seq').int('invalid_seq').min(0, 'invalid_seq').default(0) });
const postBody = z.object({
  clientId: z.string('invalid_client_id').regex(CHAT_CLIENT_ID, 'invalid_client_id'),
  text: z.string('message_too_short').max(CHAT_LIMITS.textMax, 'message_too_long').optional(),
  attachmentId: z.string().max(64).optional(),
});

async function conversationOf(c: StaffContext, id: string): Promise<ListedConversation> {
  const conv = await findListedConversation(c.env.DB, c.get('staff').siteId, id, 'staff');
  if (!conv) throw new ApiError(404, 'conversation_not_found', 'This conversation does not exist.');
  return conv;
}

const staffParticipant = (c: StaffContext): RoomParticipant => ({ role: 'staff', id: `staff:${c.get('staff').staffId}`, name: c.get('staff').name });

const addressOf = (c: StaffContext, conversationId: string): RoomAddress => ({
  siteId: c.get('staff').siteId,
  conversationId,
  origin: new URL(c.req.url).origin,
});

function shownToStaff(c: ListedConversation): ConsoleConversation {
  return {
    id: c.id,
    channel: c.channel,
    productId: c.channel === 'checkout' ? null : c.productId,
    orderRef: c.orderRef,
    status: conversationStatus(c),
    lastSeq: c.lastSeq,
    itemId: c.itemId,
    shopper: { name: c.shopperName, sub: c.authorSub, replyEmail: c.replyEmail },
    shopperReadSeq: c.shopperReadSeq,
    staffReadSeq: c.staffReadSeq,
    unread: c.unread,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export const consoleConversationRoutes = new Hono<ConsoleEnv>()
  .get('/conversations/:conversation/live', staffSession, validate('param', conversationParam), async (c) => {
    // Browsers send cookies on cross-site WebSocket handshakes: the origin is checked as on writes.
    if (c.req.header('Origin') !== new URL(c.req.url).origin) {
      throw new ApiError(403, 'csrf_refused', 'This request did not come from the Samen console, so it was refused.');
    }
    if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') throw new ApiError(426, 'websocket_required', 'Connect with a WebSocket.');
    const conv = await conversationOf(c, c.req.valid('param').conversation);
    const headers = new Headers({ Upgrade: 'websocket', [ROOM_HEADER]: JSON.stringify({ ...addressOf(c, conv.id), ...staffParticipant(c) }) });
    const res = await chatRoom(c.env, c.get('staff').siteId, conv.id).fetch(new Request('https://chat/live', { headers }));
    // A fresh response: the console guard adds headers after us, and a forwarded one is immutable.
    return new Response(null, { status: res.status, webSocket: res.webSocket });
  })
  .get('/conversations/:conversation', staffSession, validate('param', conversationParam), async (c) => {
    return c.json({ conversation: shownToStaff(await conversationOf(c, c.req.valid('param').conversation)) }, 200);
  })
  .get('/conversations/:conversation/messages', staffSession, validate('param', conversationParam), validate('query', afterQuery), async (c) => {
    const conv = await conversationOf(c, c.req.valid('param').conversation);
    const siteId = c.get('staff').siteId;
    const rows = await listChatMessages(c.env.DB, siteId, conv.id, c.req.valid('query').after, CHAT_LIMITS.pageSize);
    const render = { key: await chatKey(c.env.DB, siteId), origin: new URL(c.req.url).origin, siteId, forExpert: false, selfId: null };
    return c.json({ messages: await Promise.all(rows.map((m) => showMessage(m, render))) }, 200);
  })
  .post('/conversations/:conversation/messages', staffSession, validate('param', conversationParam), validate('json', postBody), async (c) => {
    const conv = await conversationOf(c, c.req.valid('param').conversation);
    const room = chatRoom(c.env, c.get('staff').siteId, conv.id);
    const result = postedOrThrow(await room.post(addressOf(c, conv.id), staffParticipant(c), c.req.valid('json')));
    return c.json({ message: result.message }, result.inserted ? 201 : 200);
  })
  .post('/conversations/:conversation/attachments', staffSession, validate('param', conversationParam), async (c) => {
    const conv = await conversationOf(c, c.req.valid('param').conversation);
    const attachment = await receiveAttachment(c.env, c.req.raw, c.get('staff').siteId, conv.id, staffParticipant(c).id);
    return c.json({ attachment }, 201);
  });
