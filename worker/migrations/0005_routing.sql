-- Routing to brand staff: triage results and private visibility on questions, each site's
-- business hours and time limits, the staff queue with its event log, staff replies and
-- internal notes, and canned responses.

-- The site's service desk. Business hours: JSON {"mon":[["09:00","17:30"]],…} in the site's zone;
-- holidays: JSON ["2026-12-25",…]; both windows count business time only.
ALTER TABLE sites ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/Amsterdam';
ALTER TABLE sites ADD COLUMN business_hours TEXT NOT NULL DEFAULT '{"mon":[["09:00","17:30"]],"tue":[["09:00","17:30"]],"wed":[["09:00","17:30"]],"thu":[["09:00","17:30"]],"fri":[["09:00","17:30"]]}';
ALTER TABLE sites ADD COLUMN holidays TEXT NOT NULL DEFAULT '[]';
-- The ambassador-first window: how long the community has before staff step in.
ALTER TABLE sites ADD COLUMN community_window_ms INTEGER NOT NULL DEFAULT 14400000;
-- Staff's first-response target.
ALTER TABLE sites ADD COLUMN sla_ms INTEGER NOT NULL DEFAULT 14400000;
-- The owner's own triage words: JSON {"invoice":["factuurtje"],…}.
ALTER TABLE sites ADD COLUMN triage_keywords TEXT NOT NULL DEFAULT '{}';

-- public: the community sees it; private: only the asker and staff ever do.
ALTER TABLE questions ADD COLUMN visibility TEXT NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'private'));
-- Where it was asked: a product page or the checkout (about an order).
ALTER TABLE questions ADD COLUMN channel TEXT NOT NULL DEFAULT 'product' CHECK (channel IN ('product', 'checkout'));
ALTER TABLE questions ADD COLUMN category TEXT;
ALTER TABLE questions ADD COLUMN complaint INTEGER NOT NULL DEFAULT 0;
-- The triage rules that fired (JSON array of text), so staff can read why.
ALTER TABLE questions ADD COLUMN triage_matched TEXT NOT NULL DEFAULT '[]';
-- The order the checkout page passed in; shown to the asker and staff only.
ALTER TABLE questions ADD COLUMN order_ref TEXT;
-- The text as the shopper wrote it when screening masked personal data in `body`; staff only.
ALTER TABLE questions ADD COLUMN staff_body TEXT;
-- End of the ambassador-first window; cleared once the question is routed or resolved by the community.
ALTER TABLE questions ADD COLUMN escalate_at INTEGER;
CREATE INDEX questions_escalation ON questions (escalate_at) WHERE escalate_at IS NOT NULL;
CREATE INDEX questions_escalation_by_site ON questions (site_id, escalate_at) WHERE escalate_at IS NOT NULL;

-- The staff queue: one item per routed question, ever (the unique index makes routing idempotent
-- when the alarm, the sweep and a "did not help" race for the same question).
CREATE TABLE staff_items (
  site_id TEXT NOT NULL,
  id TEXT NOT NULL,
  question_id TEXT NOT NULL,
  product_id TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('personal', 'checkout', 'complaint', 'second_contact', 'timeout', 'not_helpful')),
  category TEXT,
  -- 1 for complaints and second contacts: they come first.
  priority INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'open', 'waiting', 'resolved')),
  assignee_id TEXT,
  -- m:<sub> or v:<visitor id>: how a second contact is recognised. Never sent to a client.
  shopper_key TEXT,
  order_ref TEXT,
  -- The earlier question of a second contact.
  related_question_id TEXT,
  sla_due_at INTEGER NOT NULL,
  routed_at INTEGER NOT NULL,
  first_response_at INTEGER,
  resolved_at INTEGER,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, id)
);
CREATE UNIQUE INDEX staff_items_by_question ON staff_items (site_id, question_id);
CREATE INDEX staff_items_queue ON staff_items (site_id, status, priority DESC, sla_due_at);
CREATE INDEX staff_items_by_shopper ON staff_items (site_id, shopper_key, routed_at) WHERE shopper_key IS NOT NULL;

-- What happened to an item, oldest first: routed (exactly once, written by the trigger below in
-- the same statement as the item), claimed, replied, noted, resolved, reopened, published.
CREATE TABLE staff_item_events (
  site_id TEXT NOT NULL,
  id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('routed', 'claimed', 'replied', 'noted', 'resolved', 'reopened', 'published')),
  -- 'system', 'shopper' or a staff id.
  actor TEXT NOT NULL,
  detail TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, id)
);
CREATE INDEX staff_item_events_by_item ON staff_item_events (site_id, item_id, created_at);
CREATE INDEX staff_item_events_by_kind ON staff_item_events (site_id, kind, created_at);

CREATE TRIGGER staff_items_routed AFTER INSERT ON staff_items BEGIN
  INSERT INTO staff_item_events (site_id, id, item_id, kind, actor, detail, created_at)
  VALUES (NEW.site_id, 'routed:' || NEW.id, NEW.id, 'routed', 'system', NEW.reason, NEW.routed_at);
END;

-- Replies (sent to the shopper) and internal notes (staff only).
CREATE TABLE staff_messages (
  site_id TEXT NOT NULL,
  id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('reply', 'note')),
  staff_id TEXT NOT NULL,
  -- Kept with the message so a reply still reads right after the account is deleted.
  staff_name TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, id)
);
CREATE INDEX staff_messages_by_item ON staff_messages (site_id, item_id, created_at);

CREATE TABLE canned_responses (
  site_id TEXT NOT NULL,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, id)
);
