/**
 * Live chat in D1: conversations, their messages (seq per conversation, one row per client id),
 * experts who joined, and attachments. Every statement is scoped by site_id.
 */
import type { ChatAttachmentType, ChatChannel, ChatSenderKind } from '../chat-types.ts';
import type { QueueStatus } from '../routes/console-types.ts';

// ── Conversations ──────────────────────────────────────────────────────────────────────────

export interface StoredConversation {
  id: string;
  questionId: string;
  channel: ChatChannel;
  productId: string;
  orderRef: string | null;
  authorSub: string | null;
  authorVisitor: string | null;
  shopperName: string | null;
  replyEmail: string | null;
  status: 'open' | 'closed';
  lastSeq: number;
  shopperReadSeq: number;
  staffReadSeq: number;
  createdAt: number;
  updatedAt: number;
  /** The staff queue item of the conversation's question. */
  itemId: string | null;
  itemStatus: QueueStatus | null;
}

interface ConversationRow {
  id: string;
  question_id: string;
  channel: ChatChannel;
  product_id: string;
  order_ref: string | null;
  author_sub: string | null;
  author_visitor: string | null;
  shopper_name: string | null;
  reply_email: string | null;
  status: 'open' | 'closed';
  last_seq: number;
  shopper_read_seq: number;
  staff_read_seq: number;
  created_at: number;
  updated_at: number;
  item_id: string | null;
  item_status: QueueStatus | null;
}

const CONVERSATION_SELECT = `SELECT c.id, c.question_id, c.channel, c.product_id, c.order_ref, c.author_sub, c.author_visitor, c.shopper_name,
       c.reply_email, c.status, c.last_seq, c.shopper_read_seq, c.staff_read_seq, c.created_at, c.updated_at,
       i.id AS item_id, i.status AS item_status
  FROM conversations c LEFT JOIN staff_items i ON i.site_id = c.site_id AND i.question_id = c.question_id`;

const toConversation = (r: ConversationRow): StoredConversation => ({
  id: r.id,
  questionId: r.question_id,
  channel: r.channel,
  productId: r.product_id,
  orderRef: r.order_ref,
  authorSub: r.author_sub,
  authorVisitor: r.author_visitor,
  shopperName: r.shopper_name,
  replyEmail: r.reply_email,
  status: r.status,
  lastSeq: r.last_seq,
  shopperReadSeq: r.shopper_read_seq,
  staffReadSeq: r.staff_read_seq,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  itemId: r.item_id,
  itemStatus: r.item_status,
});

export async function findConversation(db: D1Database, siteId: string, id: string): Promise<StoredConversation | null> {
  const row = await db.prepare(`${CONVERSATION_SELECT} WHERE c.site_id = ? AND c.id = ?`).bind(siteId, id).first<ConversationRow>();
  return row ? toConversation(row) : null;
}

/** The conversation a shopper started with this client id (a retried "start"). */
export async function findConversationByStart(db: D1Database, siteId: string, authorKey: string, startClientId: string): Promise<StoredConversation | null> {
  const row = await db
    .prepare(`${CONVERSATION_SELECT} WHERE c.site_id = ? AND c.author_key = ? AND c.start_client_id = ?`)
    .bind(siteId, authorKey, startClientId)
    .first<ConversationRow>();
  return row ? toConversation(row) : null;
}

export interface NewConversation {
  id: string;
  questionId: string;
  channel: ChatChannel;
  productId: string;
  orderRef: string | null;
  authorSub: string | null;
  authorVisitor: string | null;
  authorKey: string;
  startClientId: string;
  shopperName: string | null;
  replyEmail: string | null;
  createdAt: number;
}

/**
 * The statements that open a conversation with its first message (seq 1), for the question's
 * own transaction: the unique (author, start client id) index makes a concurrent retry fail as
 * a whole, question included.
 */
export function newConversationStatements(
  db: D1Database,
  siteId: string,
  c: NewConversation,
  first: { clientId: string; senderId: string; senderName: string; text: string },
): D1PreparedStatement[] {
  return [
    db.prepare('UPDATE questions SET conversation_id = ? WHERE site_id = ? AND id = ?').bind(c.id, siteId, c.questionId),
    db
      .prepare(
        `INSERT INTO conversations (site_id, id, question_id, channel, product_id, order_ref, author_sub, author_visitor, author_key,
                                    start_client_id, shopper_name, reply_email, status, last_seq, shopper_read_seq, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', 1, 1, ?, ?)`,
      )
      .bind(
        siteId, c.id, c.questionId, c.channel, c.productId, c.orderRef, c.authorSub, c.authorVisitor, c.authorKey,
        c.startClientId, c.shopperName, c.replyEmail, c.createdAt, c.createdAt,
      ),
    db
      .prepare(
        `INSERT INTO chat_messages (site_id, conversation_id, seq, client_id, sender_kind, sender_id, sender_name, body, attachment_id, created_at)
         VALUES (?, ?, 1, ?, 'shopper', ?, ?, ?, NULL, ?)`,
      )
      .bind(siteId, c.id, first.clientId, first.senderId, first.senderName, first.text, c.createdAt),
  ];
}

/** A conversation as listed: the latest message and the count the viewer has not read. */
export interface ListedConversation extends StoredConversation {
  preview: { body: string; senderKind: ChatSenderKind; senderName: string; hasAttachment: boolean; createdAt: number } | null;
  unread: number;
  firstMessage: string;
}

interface ListedRow extends ConversationRow {
  p_body: string | null;
  p_kind: ChatSenderKind | null;
  p_name: string | null;
  p_attachment: string | null;
  p_created_at: number | null;
  unread: number;
  first_body: string | null;
}

/** `?R` is the read seq column to count unread from; `?U` the sender kind that does not count. */
const listedSelect = (readColumn: 'shopper_read_seq' | 'staff_read_seq', ownKind: ChatSenderKind) => `SELECT c.id, c.question_id, c.channel,
       c.product_id, c.order_ref, c.author_sub, c.author_visitor, c.shopper_name, c.reply_email, c.status, c.last_seq, c.shopper_read_seq,
       c.staff_read_seq, c.created_at, c.updated_at, i.id AS item_id, i.status AS item_status,
       p.body AS p_body, p.sender_kind AS p_kind, p.sender_name AS p_name, p.attachment_id AS p_attachment, p.created_at AS p_created_at,
       (SELECT count(*) FROM chat_messages u WHERE u.site_id = c.site_id AND u.conversation_id = c.id AND u.seq > c.${readColumn}
           AND u.sender_kind <> '${ownKind}') AS unread,
       (SELECT f.body FROM chat_messages f WHERE f.site_id = c.site_id AND f.conversation_id = c.id AND f.seq = 1) AS first_body
  FROM conversations c
  LEFT JOIN staff_items i ON i.site_id = c.site_id AND i.question_id = c.question_id
  LEFT JOIN chat_messages p ON p.site_id = c.site_id AND p.conversation_id = c.id AND p.seq = c.last_seq`;

const toListed = (r: ListedRow): ListedConversation => ({
  ...toConversation(r),
  preview:
    r.p_kind === null
      ? null
      : { body: r.p_body ?? '', senderKind: r.p_kind, senderName: r.p_name ?? '', hasAttachment: r.p_attachment !== null, createdAt: r.p_created_at ?? 0 },
  unread: r.unread,
  firstMessage: r.first_body ?? '',
});

/** A shopper's conversations (by member sub or visitor id), most recently active first. */
export async function listConversationsOf(
  db: D1Database,
  siteId: string,
  author: { sub: string | null; visitorId: string | null },
  limit: number,
): Promise<ListedConversation[]> {
  const keys = [author.sub ? `m:${author.sub}` : null, author.visitorId ? `v:${author.visitorId}` : null].filter((k): k is string => k !== null);
  if (!keys.length) return [];
  const { results } = await db
    .prepare(
      `${listedSelect('shopper_read_seq', 'shopper')}
        WHERE c.site_id = ?1 AND c.author_key IN (SELECT value FROM json_each(?2))
        ORDER BY c.updated_at DESC, c.id DESC LIMIT ?3`,
    )
    .bind(siteId, JSON.stringify(keys), limit)
    .all<ListedRow>();
  return results.map(toListed);
}

/** One conversation as listed, unread counted for one side. */
export async function findListedConversation(db: D1Database, siteId: string, id: string, side: 'shopper' | 'staff'): Promise<ListedConversation | null> {
  const row = await db
    .prepare(`${side === 'shopper' ? listedSelect('shopper_read_seq', 'shopper') : listedSelect('staff_read_seq', 'staff')} WHERE c.site_id = ? AND c.id = ?`)
    .bind(siteId, id)
    .first<ListedRow>();
  return row ? toListed(row) : null;
}

/** Open product conversations on these products (an expert's list), most recently active first. */
export async function listOpenProductConversations(db: D1Database, siteId: string, productIds: string[], limit: number): Promise<ListedConversation[]> {
  if (!productIds.length) return [];
  const { results } = await db
    .prepare(
      `${listedSelect('staff_read_seq', 'staff')}
        WHERE c.site_id = ?1 AND c.channel = 'product' AND c.status = 'open' AND c.product_id IN (SELECT value FROM json_each(?2))
          AND (i.status IS NULL OR i.status <> 'resolved')
        ORDER BY c.updated_at DESC, c.id DESC LIMIT ?3`,
    )
    .bind(siteId, JSON.stringify(productIds), limit)
    .all<ListedRow>();
  return results.map(toListed);
}

/** Conversations behind some questions (to keep them out of "Your questions"). */
export async function conversationQuestionIds(db: D1Database, siteId: string, questionIds: string[]): Promise<Set<string>> {
  if (!questionIds.length) return new Set();
  const { results } = await db
    .prepare(`SELECT id FROM questions WHERE site_id = ? AND id IN (SELECT value FROM json_each(?)) AND conversation_id IS NOT NULL`)
    .bind(siteId, JSON.stringify(questionIds))
    .all<{ id: string }>();
  return new Set(results.map((r) => r.id));
}

/** Moves a side's read position forward (never back, never past the last message). */
export function markReadStatement(db: D1Database, siteId: string, conversationId: string, side: 'shopper' | 'staff', seq: number): D1PreparedStatement {
  const column = side === 'shopper' ? 'shopper_read_seq' : 'staff_read_seq';
  return db
    .prepare(`UPDATE conversations SET ${column} = max(${column}, min(?, last_seq)) WHERE site_id = ? AND id = ?`)
    .bind(seq, siteId, conversationId);
}

// ── Experts ────────────────────────────────────────────────────────────────────────────────

export async function joinExpert(db: D1Database, siteId: string, conversationId: string, expert: { sub: string; name: string }, now: number): Promise<void> {
  await db
    .prepare(
      `INSERT INTO conversation_experts (site_id, conversation_id, expert_sub, expert_name, joined_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (site_id, conversation_id, expert_sub) DO UPDATE SET expert_name = excluded.expert_name`,
    )
    .bind(siteId, conversationId, expert.sub, expert.name, now)
    .run();
}

export async function hasJoined(db: D1Database, siteId: string, conversationId: string, expertSub: string): Promise<boolean> {
  const row = await db
    .prepare('SELECT 1 AS yes FROM conversation_experts WHERE site_id = ? AND conversation_id = ? AND expert_sub = ?')
    .bind(siteId, conversationId, expertSub)
    .first<{ yes: number }>();
  return row !== null;
}

/** Which of these conversations the expert has joined. */
export async function joinedAmong(db: D1Database, siteId: string, expertSub: string, conversationIds: string[]): Promise<Set<string>> {
  if (!conversationIds.length) return new Set();
  const { results } = await db
    .prepare(
      `SELECT conversation_id AS id FROM conversation_experts WHERE site_id = ? AND expert_sub = ? AND conversation_id IN (SELECT value FROM json_each(?))`,
    )
    .bind(siteId, expertSub, JSON.stringify(conversationIds))
    .all<{ id: string }>();
  return new Set(results.map((r) => r.id));
}

// ── Messages ───────────────────────────────────────────────────────────────────────────────

export interface StoredChatMessage {
  seq: number;
  clientId: string;
  senderKind: ChatSenderKind;
  senderId: string;
  senderName: string;
  body: string;
  createdAt: number;
  attachment: { id: string; name: string; type: ChatAttachmentType; size: number } | null;
}

interface MessageRow {
  seq: number;
  client_id: string;
  sender_kind: ChatSenderKind;
  sender_id: string;
  sender_name: string;
  body: string;
  created_at: number;
  a_id: string | null;
  a_name: string | null;
  a_type: ChatAttachmentType | null;
  a_size: number | null;
}

const MESSAGE_SELECT = `SELECT m.seq, m.client_id, m.sender_kind, m.sender_id, m.sender_name, m.body, m.created_at,
       a.id AS a_id, a.name AS a_name, a.type AS a_type, a.size AS a_size
  FROM chat_messages m LEFT JOIN chat_attachments a ON a.site_id = m.site_id AND a.id = m.attachment_id`;

const toMessage = (r: MessageRow): StoredChatMessage => ({
  seq: r.seq,
  clientId: r.client_id,
  senderKind: r.sender_kind,
  senderId: r.sender_id,
  senderName: r.sender_name,
  body: r.body,
  createdAt: r.created_at,
  attachment: r.a_id ? { id: r.a_id, name: r.a_name ?? '', type: r.a_type ?? 'application/pdf', size: r.a_size ?? 0 } : null,
});

/** Messages after `afterSeq`, ascending, at most `limit`. */
export async function listChatMessages(db: D1Database, siteId: string, conversationId: string, afterSeq: number, limit: number): Promise<StoredChatMessage[]> {
  const { results } = await db
    .prepare(`${MESSAGE_SELECT} WHERE m.site_id = ? AND m.conversation_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?`)
    .bind(siteId, conversationId, afterSeq, limit)
    .all<MessageRow>();
  return results.map(toMessage);
}

export interface ChatSender {
  kind: Exclude<ChatSenderKind, 'system'>;
  /** m:<sub>, v:<visitor id> or staff:<id>. */
  id: string;
  name: string;
}

/** What one stored message changed in the staff queue. */
export interface StoreOutcome {
  message: StoredChatMessage;
  /** False when the client id was already stored (a retry): nothing new happened. */
  inserted: boolean;
  /** The queue item moved (staff's first response, or the shopper wrote again): tell the consoles. */
  queueChange: 'replied' | 'shopper_wrote' | null;
}

/**
 * Stores a message once. In one transaction: the message gets the next seq (computed in SQL from
 * the conversation's `last_seq`, so seqs have no gaps even if two writers raced) unless its
 * client id is already there; `last_seq` follows; and the queue item moves — a staff message is
 * the first response and leaves the item waiting on the shopper, a shopper message puts a
 * waiting (or resolved) item back in front of staff. Then the stored row is read back, new or not.
 */
export async function storeChatMessage(
  db: D1Database,
  siteId: string,
  conv: { id: string; itemId: string | null },
  sender: ChatSender,
  m: { clientId: string; body: string; attachmentId: string | null },
  now: number,
): Promise<StoreOutcome> {
  const insert = db
    .prepare(
      `INSERT INTO chat_messages (site_id, conversation_id, seq, client_id, sender_kind, sender_id, sender_name, body, attachment_id, created_at)
       SELECT ?1, ?2, c.last_seq + 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9 FROM conversations c
        WHERE c.site_id = ?1 AND c.id = ?2
          AND NOT EXISTS (SELECT 1 FROM chat_messages x WHERE x.site_id = ?1 AND x.conversation_id = ?2 AND x.client_id = ?3)
       RETURNING seq`,
    )
    .bind(siteId, conv.id, m.clientId, sender.kind, sender.id, sender.name, m.body, m.attachmentId, now);
  const bump = db
    .prepare(
      `UPDATE conversations SET last_seq = (SELECT max(seq) FROM chat_messages WHERE site_id = ?1 AND conversation_id = ?2), updated_at = ?3
        WHERE site_id = ?1 AND id = ?2 AND last_seq < (SELECT max(seq) FROM chat_messages WHERE site_id = ?1 AND conversation_id = ?2)`,
    )
    .bind(siteId, conv.id, now);
  const queue = conv.itemId ? queueStatements(db, siteId, conv.itemId, sender, m.clientId, conv.id, now) : { statements: [], movedAt: -1 };
  const read = db.prepare(`${MESSAGE_SELECT} WHERE m.site_id = ? AND m.conversation_id = ? AND m.client_id = ?`).bind(siteId, conv.id, m.clientId);
  const results = await db.batch([insert, bump, ...queue.statements, read]);
  const row = (results.at(-1)?.results[0] as MessageRow | undefined) ?? null;
  if (!row) throw new Error('conversation not found while storing a message');
  const inserted = (results[0]?.results.length ?? 0) > 0;
  const moved = queue.movedAt >= 0 && (results[2 + queue.movedAt]?.results.length ?? 0) > 0;
  return {
    message: toMessage(row),
    inserted,
    queueChange: moved ? (sender.kind === 'staff' ? 'replied' : 'shopper_wrote') : null,
  };
}

/**
 * The item's move for a new message, guarded so a retry changes nothing: each statement checks
 * that the row with this client id was written just now by this sender. Staff: the first
 * response, the item then waits on the shopper (statement 0 returns the item when it moved).
 * Shopper: a waiting or resolved item comes back to staff (statement 1 returns it), and a resolved
 * one gets a `reopened` event (written first, while the item still reads resolved).
 */
function queueStatements(
  db: D1Database,
  siteId: string,
  itemId: string,
  sender: ChatSender,
  clientId: string,
  conversationId: string,
  now: number,
): { statements: D1PreparedStatement[]; movedAt: number } {
  const justStored = `EXISTS (SELECT 1 FROM chat_messages WHERE site_id = ?1 AND conversation_id = ?4 AND client_id = ?5 AND created_at = ?3 AND sender_id = ?6)`;
  const bind = (stmt: D1PreparedStatement, ...more: unknown[]) => stmt.bind(siteId, itemId, now, conversationId, clientId, sender.id, ...more);
  if (sender.kind === 'staff') {
    const staffId = sender.id.replace(/^staff:/, '');
    return {
      movedAt: 0,
      statements: [
        bind(
          db.prepare(
            `UPDATE staff_items SET status = 'waiting', first_response_at = coalesce(first_response_at, ?3), updated_at = ?3,
                    assignee_id = coalesce(assignee_id, ?7)
              WHERE site_id = ?1 AND id = ?2 AND status IN ('new', 'open') AND ${justStored}
             RETURNING id`,
          ),
          staffId,
        ),
        bind(
          db.prepare(
            `INSERT INTO staff_item_events (site_id, id, item_id, kind, actor, detail, created_at)
             SELECT ?1, ?8, ?2, 'replied', ?7, 'chat', ?3
              WHERE EXISTS (SELECT 1 FROM staff_items WHERE site_id = ?1 AND id = ?2 AND updated_at = ?3 AND status = 'waiting') AND ${justStored}`,
          ),
          staffId,
          crypto.randomUUID(),
        ),
      ],
    };
  }
  if (sender.kind !== 'shopper') return { statements: [], movedAt: -1 };
  return {
    movedAt: 1,
    statements: [
      bind(
        db.prepare(
          `INSERT INTO staff_item_events (site_id, id, item_id, kind, actor, detail, created_at)
           SELECT ?1, ?7, ?2, 'reopened', 'shopper', 'chat', ?3
            WHERE EXISTS (SELECT 1 FROM staff_items WHERE site_id = ?1 AND id = ?2 AND status = 'resolved') AND ${justStored}`,
        ),
        crypto.randomUUID(),
      ),
      bind(
        db.prepare(
          `UPDATE staff_items SET status = 'open', resolved_at = NULL, updated_at = ?3
            WHERE site_id = ?1 AND id = ?2 AND status IN ('waiting', 'resolved') AND ${justStored}
           RETURNING id`,
        ),
      ),
    ],
  };
}

// ── Attachments ────────────────────────────────────────────────────────────────────────────

export interface StoredAttachment {
  id: string;
  conversationId: string;
  r2Key: string;
  type: ChatAttachmentType;
  size: number;
  name: string;
  uploaderId: string;
  createdAt: number;
}

export async function insertAttachment(db: D1Database, siteId: string, a: StoredAttachment): Promise<void> {
  await db
    .prepare(
      `INSERT INTO chat_attachments (site_id, id, conversation_id, r2_key, type, size, name, uploader_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(siteId, a.id, a.conversationId, a.r2Key, a.type, a.size, a.name, a.uploaderId, a.createdAt)
    .run();
}

export async function findAttachment(db: D1Database, siteId: string, id: string): Promise<StoredAttachment | null> {
  return db
    .prepare(
      `SELECT id, conversation_id AS conversationId, r2_key AS r2Key, type, size, name, uploader_id AS uploaderId, created_at AS createdAt
         FROM chat_attachments WHERE site_id = ? AND id = ?`,
    )
    .bind(siteId, id)
    .first<StoredAttachment>();
}
