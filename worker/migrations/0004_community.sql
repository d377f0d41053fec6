-- Community answers: publication status, acceptance, helpful votes, "did not help" feedback,
-- reports and moderation with an audit log, full-text search, deflection counters, webhooks.

ALTER TABLE sites ADD COLUMN report_threshold INTEGER NOT NULL DEFAULT 3;
-- JSON array of lower-case words that hold a post for review.
ALTER TABLE sites ADD COLUMN blocklist TEXT NOT NULL DEFAULT '[]';

-- published: public; held: waiting for review (automatic hold); hidden: reported past the threshold;
-- removed: taken down by staff (kept, with an audit row, never silently deleted).
ALTER TABLE questions ADD COLUMN status TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'held', 'hidden', 'removed'));
ALTER TABLE questions ADD COLUMN accepted_answer_id TEXT;
ALTER TABLE questions ADD COLUMN report_count INTEGER NOT NULL DEFAULT 0;
-- When the site's webhooks were told this question is still unanswered (once per question).
ALTER TABLE questions ADD COLUMN unanswered_notified_at INTEGER;
ALTER TABLE answers ADD COLUMN status TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'held', 'hidden', 'removed'));
ALTER TABLE answers ADD COLUMN helpful_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE answers ADD COLUMN report_count INTEGER NOT NULL DEFAULT 0;

-- Unanswered questions the scheduled job has not reported yet.
CREATE INDEX questions_unanswered ON questions (created_at) WHERE answer_count = 0 AND unanswered_notified_at IS NULL AND status = 'published';

-- The console's newest-first list of a whole site's questions.
CREATE INDEX questions_by_site ON questions (site_id, created_at DESC, id DESC);

-- Open questions for experts: unanswered or without an accepted answer, oldest first.
CREATE INDEX questions_open ON questions (site_id, product_id, created_at) WHERE accepted_answer_id IS NULL AND status = 'published';

-- One helpful vote per voter (m:<sub> or v:<visitor>) per answer.
CREATE TABLE answer_votes (
  site_id TEXT NOT NULL,
  answer_id TEXT NOT NULL,
  voter TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, answer_id, voter)
);

-- "This did not help", only from the asker; the routing issue escalates on it.
CREATE TABLE answer_feedback (
  site_id TEXT NOT NULL,
  answer_id TEXT NOT NULL,
  question_id TEXT NOT NULL,
  voter TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, answer_id, voter)
);
CREATE INDEX answer_feedback_by_question ON answer_feedback (site_id, question_id);

CREATE TABLE reports (
  site_id TEXT NOT NULL,
  target_type TEXT NOT NULL CHECK (target_type IN ('question', 'answer')),
  target_id TEXT NOT NULL,
  reporter TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('spam', 'offensive', 'off_topic', 'personal_data')),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, target_type, target_id, reporter)
);

-- Every moderation step, automatic or by staff: who, what and why.
CREATE TABLE moderation_log (
  site_id TEXT NOT NULL,
  id TEXT NOT NULL,
  target_type TEXT NOT NULL CHECK (target_type IN ('question', 'answer')),
  target_id TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('held', 'hidden', 'masked', 'approved', 'removed', 'restored')),
  actor TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, id)
);
CREATE INDEX moderation_log_by_target ON moderation_log (site_id, target_type, target_id, created_at);
CREATE INDEX questions_by_status ON questions (site_id, status, created_at) WHERE status <> 'published';
CREATE INDEX answers_by_status ON answers (site_id, status, created_at) WHERE status <> 'published';

-- Full-text search over a question and its answers. Diacritics are folded (café = cafe,
-- geïnteresseerd = geinteresseerd) and 2- and 3-letter prefixes are indexed for search-as-you-type.
-- The FTS rowid is the question's rowid, so triggers and joins go by rowid (never a table scan).
-- `scope` holds one token for the site and one for the product ('s' / 'p' + hex of the id), so a
-- search is narrowed to a site and product inside the index itself.
CREATE VIRTUAL TABLE questions_fts USING fts5(
  body,
  answers,
  scope,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
INSERT INTO questions_fts (rowid, body, answers, scope)
  SELECT q.rowid, q.body,
         coalesce((SELECT group_concat(a.body, ' ') FROM answers a WHERE a.site_id = q.site_id AND a.question_id = q.id), ''),
         's' || hex(q.site_id) || ' p' || hex(q.product_id)
    FROM questions q;
CREATE TRIGGER questions_fts_insert AFTER INSERT ON questions BEGIN
  INSERT INTO questions_fts (rowid, body, answers, scope)
    VALUES (new.rowid, new.body, '', 's' || hex(new.site_id) || ' p' || hex(new.product_id));
END;
CREATE TRIGGER questions_fts_update AFTER UPDATE OF body ON questions BEGIN
  UPDATE questions_fts SET body = new.body WHERE rowid = new.rowid;
END;
CREATE TRIGGER questions_fts_delete AFTER DELETE ON questions BEGIN
  DELETE FROM questions_fts WHERE rowid = old.rowid;
END;
CREATE TRIGGER answers_fts_insert AFTER INSERT ON answers WHEN new.status = 'published' BEGIN
  UPDATE questions_fts SET answers = answers || ' ' || new.body
   WHERE rowid = (SELECT rowid FROM questions WHERE site_id = new.site_id AND id = new.question_id);
END;
-- An answer erased, removed or restored: rebuild its question's answer text from what is published,
-- so nothing erased stays findable.
CREATE TRIGGER answers_fts_delete AFTER DELETE ON answers BEGIN
  UPDATE questions_fts SET answers = coalesce((SELECT group_concat(a.body, ' ') FROM answers a
      WHERE a.site_id = old.site_id AND a.question_id = old.question_id AND a.status = 'published'), '')
   WHERE rowid = (SELECT rowid FROM questions WHERE site_id = old.site_id AND id = old.question_id);
END;
CREATE TRIGGER answers_fts_status AFTER UPDATE OF status, body ON answers BEGIN
  UPDATE questions_fts SET answers = coalesce((SELECT group_concat(a.body, ' ') FROM answers a
      WHERE a.site_id = new.site_id AND a.question_id = new.question_id AND a.status = 'published'), '')
   WHERE rowid = (SELECT rowid FROM questions WHERE site_id = new.site_id AND id = new.question_id);
END;

-- Deflection funnel per product and day: counts only, no personal data.
CREATE TABLE deflection_events (
  site_id TEXT NOT NULL,
  product_id TEXT NOT NULL,
  day INTEGER NOT NULL, -- days since the epoch (UTC)
  kind TEXT NOT NULL CHECK (kind IN ('suggestions_shown', 'suggestion_opened', 'question_posted', 'deflected', 'abandoned')),
  count INTEGER NOT NULL,
  PRIMARY KEY (site_id, product_id, day, kind)
);

CREATE TABLE webhooks (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  url TEXT NOT NULL,
  events TEXT NOT NULL, -- JSON array of event names
  secret TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, id)
);

CREATE TABLE webhook_deliveries (
  site_id TEXT NOT NULL,
  id TEXT NOT NULL,
  webhook_id TEXT NOT NULL,
  event TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  last_status INTEGER,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  delivered_at INTEGER,
  PRIMARY KEY (site_id, id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (site_id, created_at DESC);
