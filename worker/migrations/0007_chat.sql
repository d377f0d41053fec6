-- Live chat: conversations between a shopper and the brand's team (and, on product pages, an
-- expert), their messages with per-conversation sequence numbers, attachments kept in R2, and
-- the per-site key that signs WebSocket tickets and attachment links.

-- A conversation's first message is also a private question, so triage, second-contact
-- detection, the SLA and the staff queue work for chat exactly as for questions.
ALTER TABLE questions ADD COLUMN conversation_id TEXT;
CREATE INDEX questions_by_conversation ON questions (site_id, conversation_id) WHERE conversation_id IS NOT NULL;

CREATE TABLE conversations (
  site_id TEXT NOT NULL,
  id TEXT NOT NULL,
  question_id TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('product', 'checkout')),
  product_id TEXT NOT NULL,
  order_ref TEXT,
  author_sub TEXT,
  author_visitor TEXT,
  -- m:<sub> or v:<visitor id>: with start_client_id, makes a retried "start" return the same conversation.
  author_key TEXT NOT NULL,
  start_client_id TEXT NOT NULL,
  shopper_name TEXT,
  -- Where the reply may be emailed (given outside business hours); staff and webhooks only.
  reply_email TEXT,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  last_seq INTEGER NOT NULL DEFAULT 0,
  -- Highest seq each side has read: unread counts and "Seen".
  shopper_read_seq INTEGER NOT NULL DEFAULT 0,
  staff_read_seq INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, id)
);
CREATE UNIQUE INDEX conversations_by_start ON conversations (site_id, author_key, start_client_id);
CREATE INDEX conversations_by_author ON conversations (site_id, author_key, updated_at);
CREATE INDEX conversations_open_by_product ON conversations (site_id, product_id, status, updated_at);
CREATE UNIQUE INDEX conversations_by_question ON conversations (site_id, question_id);

-- Experts who joined a product conversation.
CREATE TABLE conversation_experts (
  site_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  expert_sub TEXT NOT NULL,
  expert_name TEXT NOT NULL,
  joined_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, conversation_id, expert_sub)
);

-- Written only by the conversation's Durable Object (and the first one by "start"), which
-- assigns seq; the unique client id makes every retry of a message a no-op.
CREATE TABLE chat_messages (
  site_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  client_id TEXT NOT NULL,
  sender_kind TEXT NOT NULL CHECK (sender_kind IN ('shopper', 'staff', 'expert', 'system')),
  -- m:<sub>, v:<visitor id>, staff:<id> or 'system'. Never sent to a client.
  sender_id TEXT NOT NULL,
  sender_name TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  attachment_id TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, conversation_id, seq)
);
CREATE UNIQUE INDEX chat_messages_by_client_id ON chat_messages (site_id, conversation_id, client_id);

-- Files in the ATTACHMENTS R2 bucket under r2_key; the type was sniffed from the bytes.
CREATE TABLE chat_attachments (
  site_id TEXT NOT NULL,
  id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  r2_key TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf')),
  size INTEGER NOT NULL,
  name TEXT NOT NULL,
  uploader_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, id)
);
CREATE INDEX chat_attachments_by_conversation ON chat_attachments (site_id, conversation_id);

-- A random HMAC key per site, made on first use: signs WebSocket tickets and attachment links.
-- Not the shop's token secret (the shop's backend knows that one, and many sites have none).
CREATE TABLE chat_keys (
  site_id TEXT NOT NULL PRIMARY KEY,
  secret TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
