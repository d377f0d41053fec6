/**
 * Live chat for the widget (`/api/v1/sites/:site/…`, the widget's usual Bearer token or visitor
 * id): starting a conversation (triaged and routed like a private question, with the time
 * promise as the auto-acknowledgement), the shopper's conversations, messages over REST (the
 * fallback while the socket is down), WebSocket tickets and the socket itself, attachments, and
 * experts joining product chats. The room itself is `objects/chat-room.ts`.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import {
  CHAT_CLIENT_ID,
  CHAT_LIMITS,
  type ChatFrameErrorCode,
  type ExpertConversation,
  type StartConversationResult,
} from '../chat-types.ts';
import { validate } from '../middleware/validate.ts';
import { ApiError } from '../middleware/errors.ts';
import { enforceRateLimit } from '../middleware/rate-limit.ts';
import { chatKey, checkTicket, issueTicket } from '../domain/chat-tickets.ts';
import {
  chatAck,
  decideChatRouting,
  expertCovers,
  showConversation,
  showMessage,
  shopperKeyOf,
  widgetParticipant,
  type WidgetParticipant,
} from '../domain/chat.ts';
import { timePromise, type Audience } from '../domain/routing.ts';
import { maskPersonalData } from '../domain/screening.ts';
import {
  findConversation,
  findConversationByStart,
  findListedConversation,
  hasJoined,
  joinExpert,
  joinedAmong,
  listChatMessages,
  listConversationsOf,
  listOpenProductConversations,
  newConversationStatements,
  type StoredConversation,
} from '../db/conversations.ts';
import { ROOM_HEADER, chatRoom, type RoomAddress, type RoomPostResult } from '../objects/chat-room.ts';
import { askQuestion, audienceFields, audienceOf } from './ask.ts';
import { receiveAttachment, serveAttachment } from './chat-attachments.ts';
import { authorName, productId } from './questions.ts';
import { CHECKOUT_PRODUCT, GENERAL_PRODUCT, ORDER_REF } from './routing.ts';

type ChatContext = Context<AppEnv>;

const clientId = z.string('invalid_client_id').regex(CHAT_CLIENT_ID, 'invalid_client_id');
const messageText = z.string('message_too_short').max(CHAT_LIMITS.textMax, 'message_too_long');

const startBody = z
  .object({
    channel: z.enum(['product', 'checkout'], 'invalid_channel'),
    productId: productId.optional(),
    orderRef: z.string('invalid_order_ref').trim().regex(ORDER_REF, 'invalid_order_ref').optional(),
    text: messageText.trim().min(1, 'message_too_short'),
    clientId,
    name: authorName,
    email: z.email('invalid_email').max(254, 'invalid_email').optional(),
    ...audienceFields,
  })
  .superRefine((b, ctx) => {
    if (b.channel === 'checkout' && !b.orderRef) ctx.addIssue({ code: 'custom', message: 'invalid_order_ref', path: ['orderRef'] });
  });

const conversationParam = z.object({ site: z.string(), conversation: z.uuid('invalid_input') });
const afterQuery = z.object({ after: z.coerce.number('invalid_seq').int('invalid_seq').min(0, 'invalid_seq').default(0) });
const postBody = z.object({ clientId, text: messageText.optional(), attachmentId: z.string().max(64).optional() });
const ticketQuery = z.object({ ticket: z.string().max(2048).optional() });
const attachmentParam = z.object({ site: z.string(), attachment: z.uuid('invalid_input') });
const linkQuery = z.object({ exp: z.coerce.number().int(), sig: z.string().max(128) });
const expertQuery = z.object({ product: productId.optional() });

const notFound = () => new ApiError(404, 'conversation_not_found', 'This conversation does not exist.');

/** The conversation and the caller's part in it; 404 for anyone who takes no part (it is private). */
async function participantIn(c: ChatContext, conversationId: string): Promise<{ conv: StoredConversation; who: WidgetParticipant }> {
  const site = c.get('site');
  const viewer = c.get('viewer');
  const conv = await findConversation(c.env.DB, site.id, conversationId);
  if (!conv) throw notFound();
  const maybeExpert = viewer.kind === 'member' && viewer.role === 'expert';
  const joined = maybeExpert && (await hasJoined(c.env.DB, site.id, conv.id, viewer.sub));
  const who = widgetParticipant(viewer, conv, joined);
  if (!who) throw notFound();
  return { conv, who };
}

const addressOf = (c: ChatContext, conversationId: string): RoomAddress => ({
  siteId: c.get('site').id,
  conversationId,
  origin: new URL(c.req.url).origin,
});

const renderFor = async (c: ChatContext, who: { role: string; id: string } | null) => ({
  key: await chatKey(c.env.DB, c.get('site').id),
  origin: new URL(c.req.url).origin,
  siteId: c.get('site').id,
  forExpert: who?.role === 'expert',
  selfId: who?.id ?? null,
});

/** HTTP status for a refusal from the room. */
export const roomRefusalStatus: Record<ChatFrameErrorCode, 400 | 404 | 409 | 429 | 503> = {
  bad_frame: 400,
  hello_first: 400,
  message_empty: 400,
  message_too_long: 400,
  attachment_not_found: 404,
  client_id_taken: 409,
  rate_limited: 429,
  unavailable: 503,
};

/** A room's answer to a REST post as an HTTP response body, or the refusal as an ApiError. */
export function postedOrThrow(result: RoomPostResult) {
  if (!result.ok) throw new ApiError(roomRefusalStatus[result.code], result.code, result.message);
  return result;
}

/** What "start" answers, for a new conversation and for a retry of the same start alike. */
async function started(c: ChatContext, conversationId: string, who: WidgetParticipant, audience: Audience, promise?: Awaited<ReturnType<typeof timePromise>>) {
  const site = c.get('site');
  const listed = await findListedConversation(c.env.DB, site.id, conversationId, 'shopper');
  const [first] = await listChatMessages(c.env.DB, site.id, conversationId, 0, 1);
  if (!listed || !first) throw notFound();
  const now = Date.now();
  const shown = promise ?? (await timePromise(c.env.DB, site, { productId: listed.productId, visibility: 'private', escalateAt: null }, audience, now));
  const result: StartConversationResult = {
    conversation: showConversation(listed),
    message: await showMessage(first, await renderFor(c, who)),
    ack: chatAck(shown),
  };
  return result;
}

const isUniqueViolation = (err: unknown) => err instanceof Error && /UNIQUE constraint failed: conversations/.test(err.message);

export const conversationRoutes = new Hono<AppEnv>()
  .post('/conversations', validate('json', startBody), async (c) => {
    const body = c.req.valid('json');
    const site = c.get('site');
    const viewer = c.get('viewer');
    const authorKey = shopperKeyOf(viewer);
    if (!authorKey) throw new ApiError(400, 'visitor_required', 'Send your visitor id (X-Samen-Visitor) or a shop token.');
    const audience = audienceOf(c, body);
    const who: WidgetParticipant = { role: 'shopper', id: authorKey, name: viewer.kind === 'member' ? viewer.name : (body.name ?? '') };
    const again = await findConversationByStart(c.env.DB, site.id, authorKey, body.clientId);
    if (again) return c.json(await started(c, again.id, who, audience), 200);

    const conversationId = crypto.randomUUID();
    const productOf = body.channel === 'checkout' ? CHECKOUT_PRODUCT : (body.productId ?? GENERAL_PRODUCT);
    let asked;
    try {
      asked = await askQuestion(c, {
        productId: productOf,
        channel: body.channel,
        orderRef: body.orderRef ?? null,
        text: body.text,
        authorName: body.name ?? null,
        audience,
        route: decideChatRouting,
        after: ({ questionId }) =>
          newConversationStatements(
            c.env.DB,
            site.id,
            {
              id: conversationId,
              questionId,
              channel: body.channel,
              productId: productOf,
              orderRef: body.orderRef ?? null,
              authorSub: viewer.kind === 'member' ? viewer.sub : null,
              authorVisitor: viewer.kind === 'member' ? null : viewer.visitorId,
              authorKey,
              startClientId: body.clientId,
              shopperName: who.name || null,
              replyEmail: body.email ?? null,
              createdAt: Date.now(),
            },
            { clientId: body.clientId, senderId: authorKey, senderName: who.name, text: body.text },
          ),
      });
    } catch (err) {
      // The same start sent twice at once: the second transaction lost on the unique index.
      if (!isUniqueViolation(err)) throw err;
      const winner = await findConversationByStart(c.env.DB, site.id, authorKey, body.clientId);
      if (!winner) throw err;
      return c.json(await started(c, winner.id, who, audience), 200);
    }
    return c.json(await started(c, conversationId, who, audience, asked.routing.promise), 201);
  })
  .get('/me/conversations', async (c) => {
    const viewer = c.get('viewer');
    if (viewer.kind === 'anonymous') return c.json({ conversations: [] }, 200);
    const rows = await listConversationsOf(
      c.env.DB,
      c.get('site').id,
      { sub: viewer.kind === 'member' ? viewer.sub : null, visitorId: viewer.visitorId },
      50,
    );
    return c.json({ conversations: rows.map((r) => showConversation(r)) }, 200);
  })
  .get('/conversations/:conversation/messages', validate('param', conversationParam), validate('query', afterQuery), async (c) => {
    const { who } = await participantIn(c, c.req.valid('param').conversation);
    const rows = await listChatMessages(c.env.DB, c.get('site').id, c.req.valid('param').conversation, c.req.valid('query').after, CHAT_LIMITS.pageSize);
    const render = await renderFor(c, who);
    return c.json({ messages: await Promise.all(rows.map((m) => showMessage(m, render))) }, 200);
  })
  .post('/conversations/:conversation/messages', validate('param', conversationParam), validate('json', postBody), async (c) => {
    const conversationId = c.req.valid('param').conversation;
    const { who } = await participantIn(c, conversationId);
    await enforceRateLimit(c, 'chat', who.id);
    const result = postedOrThrow(await chatRoom(c.env, c.get('site').id, conversationId).post(addressOf(c, conversationId), who, c.req.valid('json')));
    return c.json({ message: result.message }, result.inserted ? 201 : 200);
  })
  .post('/conversations/:conversation/ticket', validate('param', conversationParam), async (c) => {
    const conversationId = c.req.valid('param').conversation;
    const { who } = await participantIn(c, conversationId);
    const site = c.get('site');
    const issued = await issueTicket(await chatKey(c.env.DB, site.id), {
      site: site.id,
      conversation: conversationId,
      role: who.role,
      participant: who.id,
      name: who.name,
    });
    return c.json(issued, 200);
  })
  .get('/conversations/:conversation/live', validate('param', conversationParam), validate('query', ticketQuery), async (c) => {
    if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') throw new ApiError(426, 'websocket_required', 'Connect with a WebSocket.');
    const site = c.get('site');
    // The site middleware lets requests without an Origin through (servers); a browser's
    // WebSocket always sends one, and it must be one of the site's pages.
    const origin = c.req.header('Origin');
    if (origin === undefined || !site.origins.includes(origin)) throw new ApiError(403, 'origin_not_allowed', 'Samen is not enabled for this website.');
    const conversationId = c.req.valid('param').conversation;
    const ticket = c.req.valid('query').ticket;
    if (!ticket) throw new ApiError(401, 'ticket_invalid', 'Ask for a ticket first (POST …/ticket).');
    const checked = await checkTicket(await chatKey(c.env.DB, site.id), ticket, { site: site.id, conversation: conversationId });
    if (!checked.ok) {
      if (checked.problem === 'ticket_wrong_conversation') throw new ApiError(403, checked.problem, 'This ticket is for another conversation.');
      if (checked.problem === 'ticket_expired') throw new ApiError(401, checked.problem, 'This ticket has expired. Ask for a new one.');
      throw new ApiError(401, checked.problem, 'This ticket is not valid.');
    }
    const { claims } = checked;
    const headers = new Headers({
      Upgrade: 'websocket',
      [ROOM_HEADER]: JSON.stringify({ ...addressOf(c, conversationId), role: claims.role, id: claims.participant, name: claims.name }),
    });
    const res = await chatRoom(c.env, site.id, conversationId).fetch(new Request('https://chat/live', { headers }));
    // A fresh response: the site middleware adds CORS headers after us, and a forwarded one is immutable.
    return new Response(null, { status: res.status, webSocket: res.webSocket });
  })
  .post('/conversations/:conversation/attachments', validate('param', conversationParam), async (c) => {
    const conversationId = c.req.valid('param').conversation;
    const { who } = await participantIn(c, conversationId);
    await enforceRateLimit(c, 'chat', who.id);
    const attachment = await receiveAttachment(c.env, c.req.raw, c.get('site').id, conversationId, who.id);
    return c.json({ attachment }, 201);
  })
  .get('/attachments/:attachment', validate('param', attachmentParam), validate('query', linkQuery), async (c) => {
    const { exp, sig } = c.req.valid('query');
    return serveAttachment(c.env, c.get('site').id, c.req.valid('param').attachment, exp, sig);
  })
  .post('/conversations/:conversation/join', validate('param', conversationParam), async (c) => {
    const viewer = c.get('viewer');
    if (viewer.kind !== 'member' || viewer.role !== 'expert') throw new ApiError(403, 'experts_only', 'Only the brand’s experts can join a chat.');
    const site = c.get('site');
    const conv = await findConversation(c.env.DB, site.id, c.req.valid('param').conversation);
    if (!conv) throw notFound();
    if (!expertCovers(viewer, conv)) throw new ApiError(403, 'not_your_product', 'You can join chats about the products you cover.');
    await joinExpert(c.env.DB, site.id, conv.id, { sub: viewer.sub, name: viewer.name }, Date.now());
    const listed = await findListedConversation(c.env.DB, site.id, conv.id, 'staff');
    if (!listed) throw notFound();
    return c.json({ conversation: showConversation(listed, true) }, 200);
  })
  .get('/expert/conversations', validate('query', expertQuery), async (c) => {
    const viewer = c.get('viewer');
    if (viewer.kind !== 'member' || viewer.role !== 'expert') throw new ApiError(403, 'experts_only', 'Open chats are for the brand’s experts.');
    const { product } = c.req.valid('query');
    // Only products the token lists: a product in the query that the expert does not cover shows nothing.
    const products = product ? viewer.products.filter((p) => p === product) : viewer.products;
    const site = c.get('site');
    const rows = await listOpenProductConversations(c.env.DB, site.id, products.slice(0, 500), 50);
    const joined = await joinedAmong(c.env.DB, site.id, viewer.sub, rows.map((r) => r.id));
    const conversations: ExpertConversation[] = rows.map((r) => ({
      ...showConversation(r, true),
      firstMessage: maskPersonalData(r.firstMessage).body,
      joined: joined.has(r.id),
    }));
    return c.json({ conversations }, 200);
  });
