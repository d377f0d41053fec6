-- Insights: daily rollups of the countable figures, a per-question "first community answer"
-- time, and covering indexes for the figures read from the rows themselves (medians).
--
-- daily_stats holds, per site, UTC day (days since the epoch), product and metric, how many
-- source rows count towards that metric. Every row is counted twice: under its product and
-- under product '*' (all products), so the whole-site report reads ~90 × 12 rows for 90 days.
-- Ideas without a product count under product '' (and '*').
-- Metrics and their source rows (a row's day is that of its created_at, routed_at for staff items):
--   question         questions that did not start a chat (conversation_id IS NULL), any status
--   chat             conversations
--   review           reviews written in Samen (source = 'widget'; imports were not contacts here)
--   idea             ideas, merged duplicates included (each was a contact)
--   complaint        questions flagged as complaints by triage
--   routed:<reason>  staff items by their reason (personal, checkout, complaint, second_contact, timeout, not_helpful)
--   defl:<kind>      deflection_events counts, under '*' only (per product, deflection_events is read directly)
-- Triggers add and subtract inside the statement that changed the source row, so every path
-- (widget, console, erasure, cascades) keeps the rollup equal to a recount; a test checks it.
-- Rows that drop to zero stay (value 0) and mean nothing.

CREATE TABLE daily_stats (
  site_id TEXT NOT NULL,
  day INTEGER NOT NULL,
  product_id TEXT NOT NULL,
  metric TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (site_id, product_id, day, metric)
) WITHOUT ROWID;
-- Every product's figures over a period (top products).
CREATE INDEX daily_stats_by_day ON daily_stats (site_id, day, metric, product_id, value);

-- questions ─────────────────────────────────────────────────────────────────────────────────
CREATE TRIGGER questions_stats_insert AFTER INSERT ON questions BEGIN
  INSERT INTO daily_stats (site_id, day, product_id, metric, value)
    SELECT NEW.site_id, NEW.created_at / 86400000, p.value, m.value, 1
      FROM json_each(json_array(NEW.product_id, '*')) p,
           json_each(json_array(CASE WHEN NEW.conversation_id IS NULL THEN 'question' END,
                                CASE WHEN NEW.complaint = 1 THEN 'complaint' END)) m
     WHERE m.value IS NOT NULL
  ON CONFLICT (site_id, day, product_id, metric) DO UPDATE SET value = value + excluded.value;
END;
CREATE TRIGGER questions_stats_delete AFTER DELETE ON questions BEGIN
  INSERT INTO daily_stats (site_id, day, product_id, metric, value)
    SELECT OLD.site_id, OLD.created_at / 86400000, p.value, m.value, -1
      FROM json_each(json_array(OLD.product_id, '*')) p,
           json_each(json_array(CASE WHEN OLD.conversation_id IS NULL THEN 'question' END,
                                CASE WHEN OLD.complaint = 1 THEN 'complaint' END)) m
     WHERE m.value IS NOT NULL
  ON CONFLICT (site_id, day, product_id, metric) DO UPDATE SET value = value + excluded.value;
END;
CREATE TRIGGER questions_stats_update AFTER UPDATE OF conversation_id, complaint, product_id, created_at ON questions BEGIN
  INSERT INTO daily_stats (site_id, day, product_id, metric, value)
    SELECT OLD.site_id, OLD.created_at / 86400000, p.value, m.value, -1
      FROM json_each(json_array(OLD.product_id, '*')) p,
           json_each(json_array(CASE WHEN OLD.conversation_id IS NULL THEN 'question' END,
                                CASE WHEN OLD.complaint = 1 THEN 'complaint' END)) m
     WHERE m.value IS NOT NULL
  ON CONFLICT (site_id, day, product_id, metric) DO UPDATE SET value = value + excluded.value;
  INSERT INTO daily_stats (site_id, day, product_id, metric, value)
    SELECT NEW.site_id, NEW.created_at / 86400000, p.value, m.value, 1
      FROM json_each(json_array(NEW.product_id, '*')) p,
           json_each(json_array(CASE WHEN NEW.conversation_id IS NULL THEN 'question' END,
                                CASE WHEN NEW.complaint = 1 THEN 'complaint' END)) m
     WHERE m.value IS NOT NULL
  ON CONFLICT (site_id, day, product_id, metric) DO UPDATE SET value = value + excluded.value;
END;

-- conversations ─────────────────────────────────────────────────────────────────────────────
CREATE TRIGGER conversations_stats_insert AFTER INSERT ON conversations BEGIN
  INSERT INTO daily_stats (site_id, day, product_id, metric, value)
    SELECT NEW.site_id, NEW.created_at / 86400000, p.value, 'chat', 1 FROM json_each(json_array(NEW.product_id, '*')) p WHERE true
  ON CONFLICT (site_id, day, product_id, metric) DO UPDATE SET value = value + excluded.value;
END;
CREATE TRIGGER conversations_stats_delete AFTER DELETE ON conversations BEGIN
  INSERT INTO daily_stats (site_id, day, product_id, metric, value)
    SELECT OLD.site_id, OLD.created_at / 86400000, p.value, 'chat', -1 FROM json_each(json_array(OLD.product_id, '*')) p WHERE true
  ON CONFLICT (site_id, day, product_id, metric) DO UPDATE SET value = value + excluded.value;
END;
CREATE TRIGGER conversations_stats_update AFTER UPDATE OF product_id, created_at ON conversations BEGIN
  INSERT INTO daily_stats (site_id, day, product_id, metric, value)
    SELECT OLD.site_id, OLD.created_at / 86400000, p.value, 'chat', -1 FROM json_each(json_array(OLD.product_id, '*')) p WHERE true
  ON CONFLICT (site_id, day, product_id, metric) DO UPDATE SET value = value + excluded.value;
  INSERT INTO daily_stats (site_id, day, product_id, metric, value)
    SELECT NEW.site_id, NEW.created_at / 86400000, p.value, 'chat', 1 FROM json_each(json_array(NEW.product_id, '*')) p WHERE true
  ON CONFLICT (site_id, day, product_id, metric) DO UPDATE SET value = value + excluded.value;
END;

-- reviews (written in Samen only) ───────────────────────────────────────────────────────────
CREATE TRIGGER reviews_stats_insert AFTER INSERT ON reviews WHEN NEW.source = 'widget' BEGIN
  INSERT INTO daily_stats (site_id, day, product_id, metric, value)
    SELECT NEW.site_id, NEW.created_at / 86400000, p.value, 'review', 1 FROM json_each(json_array(NEW.product_id, '*')) p WHERE true
  ON CONFLICT (site_id, day, product_id, metric) DO UPDATE SET value = value + excluded.value;
END;
CREATE TRIGGER reviews_stats_delete AFTER DELETE ON reviews WHEN OLD.source = 'widget' BEGIN
  INSERT INTO daily_stats (site_id, day, product_id, metric, value)
    SELECT OLD.site_id, OLD.created_at / 86400000, p.value, 'review', -1 FROM json_each(json_array(OLD.product_id, '*')) p WHERE true
  ON CONFLICT (site_id, day, product_id, metric) DO UPDATE SET value = value + excluded.value;
END;
CREATE TRIGGER reviews_stats_update AFTER UPDATE OF source, product_id, created_at ON reviews BEGIN
  INSERT INTO daily_stats (site_id, day, product_id, metric, value)
    SELECT OLD.site_id, OLD.created_at / 86400000, p.value, 'review', -1 FROM json_each(json_array(OLD.product_id, '*')) p WHERE OLD.source = 'widget'
  ON CONFLICT (site_id, day, product_id, metric) DO UPDATE SET value = value + excluded.value;
  INSERT INTO daily_stats (site_id, day, product_id, metric, value)
    SELECT NEW.site_id, NEW.created_at / 86400000, p.value, 'review', 1 FROM json_each(json_array(NEW.product_id, '*')) p WHERE NEW.source = 'widget'
  ON CONFLICT (site_id, day, product_id, metric) DO UPDATE SET value = value + excluded.value;
END;

-- ideas ─────────────────────────────────────────────────────────────────────────────────────
CREATE TRIGGER ideas_stats_insert AFTER INSERT ON ideas BEGIN
  INSERT INTO daily_stats (site_id, day, product_id, metric, value)
    SELECT NEW.site_id, NEW.created_at / 86400000, p.value, 'idea', 1 FROM json_each(json_array(coalesce(NEW.product_id, ''), '*')) p WHERE true
  ON CONFLICT (site_id, day, product_id, metric) DO UPDATE SET value = value + excluded.value;
END;
CREATE TRIGGER ideas_stats_delete AFTER DELETE ON ideas BEGIN
  INSERT INTO daily_stats (site_id, day, product_id, metric, value)
    SELECT OLD.site_id, OLD.created_at / 86400000, p.value, 'idea', -1 FROM json_each(json_array(coalesce(OLD.product_id, ''), '*')) p WHERE true
  ON CONFLICT (site_id, day, product_id, metric) DO UPDATE SET value = value + excluded.value;
END;
CREATE TRIGGER ideas_stats_update AFTER UPDATE OF product_id, created_at ON ideas BEGIN
  INSERT INTO daily_stats (site_id, day, product_id, metric, value)
    SELECT OLD.site_id, OLD.created_at / 86400000, p.value, 'idea', -1 FROM json_each(json_array(coalesce(OLD.product_id, ''), '*')) p WHERE true
  ON CONFLICT (site_id, day, product_id, metric) DO UPDATE SET value = value + excluded.value;
  INSERT INTO daily_stats (site_id, day, product_id, metric, value)
    SELECT NEW.site_id, NEW.created_at / 86400000, p.value, 'idea', 1 FROM json_each(json_array(coalesce(NEW.product_id, ''), '*')) p WHERE true
  ON CONFLICT (site_id, day, product_id, metric) DO UPDATE SET value = value + excluded.value;
END;

-- staff items (escalations) ─────────────────────────────────────────────────────────────────
CREATE TRIGGER staff_items_stats_insert AFTER INSERT ON staff_items BEGIN
  INSERT INTO daily_stats (site_id, day, product_id, metric, value)
    SELECT NEW.site_id, NEW.routed_at / 86400000, p.value, 'routed:' || NEW.reason, 1 FROM json_each(json_array(NEW.product_id, '*')) p WHERE true
  ON CONFLICT (site_id, day, product_id, metric) DO UPDATE SET value = value + excluded.value;
END;
CREATE TRIGGER staff_items_stats_delete AFTER DELETE ON staff_items BEGIN
  INSERT INTO daily_stats (site_id, day, product_id, metric, value)
    SELECT OLD.site_id, OLD.routed_at / 86400000, p.value, 'routed:' || OLD.reason, -1 FROM json_each(json_array(OLD.product_id, '*')) p WHERE true
  ON CONFLICT (site_id, day, product_id, metric) DO UPDATE SET value = value + excluded.value;
END;
CREATE TRIGGER staff_items_stats_update AFTER UPDATE OF reason, product_id, routed_at ON staff_items BEGIN
  INSERT INTO daily_stats (site_id, day, product_id, metric, value)
    SELECT OLD.site_id, OLD.routed_at / 86400000, p.value, 'routed:' || OLD.reason, -1 FROM json_each(json_array(OLD.product_id, '*')) p WHERE true
  ON CONFLICT (site_id, day, product_id, metric) DO UPDATE SET value = value + excluded.value;
  INSERT INTO daily_stats (site_id, day, product_id, metric, value)
    SELECT NEW.site_id, NEW.routed_at / 86400000, p.value, 'routed:' || NEW.reason, 1 FROM json_each(json_array(NEW.product_id, '*')) p WHERE true
  ON CONFLICT (site_id, day, product_id, metric) DO UPDATE SET value = value + excluded.value;
END;

-- deflection counters (already daily per product; summed over products here) ─────────────────
CREATE TRIGGER deflection_stats_insert AFTER INSERT ON deflection_events BEGIN
  INSERT INTO daily_stats (site_id, day, product_id, metric, value) VALUES (NEW.site_id, NEW.day, '*', 'defl:' || NEW.kind, NEW.count)
  ON CONFLICT (site_id, day, product_id, metric) DO UPDATE SET value = value + excluded.value;
END;
CREATE TRIGGER deflection_stats_update AFTER UPDATE ON deflection_events BEGIN
  INSERT INTO daily_stats (site_id, day, product_id, metric, value) VALUES (OLD.site_id, OLD.day, '*', 'defl:' || OLD.kind, -OLD.count)
  ON CONFLICT (site_id, day, product_id, metric) DO UPDATE SET value = value + excluded.value;
  INSERT INTO daily_stats (site_id, day, product_id, metric, value) VALUES (NEW.site_id, NEW.day, '*', 'defl:' || NEW.kind, NEW.count)
  ON CONFLICT (site_id, day, product_id, metric) DO UPDATE SET value = value + excluded.value;
END;
CREATE TRIGGER deflection_stats_delete AFTER DELETE ON deflection_events BEGIN
  INSERT INTO daily_stats (site_id, day, product_id, metric, value) VALUES (OLD.site_id, OLD.day, '*', 'defl:' || OLD.kind, -OLD.count)
  ON CONFLICT (site_id, day, product_id, metric) DO UPDATE SET value = value + excluded.value;
END;

-- First community answer per question ────────────────────────────────────────────────────────
-- When the first published answer by anyone but staff arrived; recomputed from the answers on
-- every change, so removal, restoring and erasure keep it exact. The community answer rate and
-- its median read it from an index instead of joining every answer of the period.
ALTER TABLE questions ADD COLUMN first_community_answer_at INTEGER;
CREATE TRIGGER answers_first_insert AFTER INSERT ON answers WHEN NEW.status = 'published' AND coalesce(NEW.author_role, '') <> 'staff' BEGIN
  UPDATE questions SET first_community_answer_at = min(coalesce(first_community_answer_at, NEW.created_at), NEW.created_at)
   WHERE site_id = NEW.site_id AND id = NEW.question_id;
END;
CREATE TRIGGER answers_first_update AFTER UPDATE OF status, author_role, created_at, question_id ON answers BEGIN
  UPDATE questions SET first_community_answer_at = (SELECT min(a.created_at) FROM answers a
      WHERE a.site_id = questions.site_id AND a.question_id = questions.id AND a.status = 'published' AND coalesce(a.author_role, '') <> 'staff')
   WHERE site_id = NEW.site_id AND id IN (OLD.question_id, NEW.question_id);
END;
CREATE TRIGGER answers_first_delete AFTER DELETE ON answers BEGIN
  UPDATE questions SET first_community_answer_at = (SELECT min(a.created_at) FROM answers a
      WHERE a.site_id = questions.site_id AND a.question_id = questions.id AND a.status = 'published' AND coalesce(a.author_role, '') <> 'staff')
   WHERE site_id = OLD.site_id AND id = OLD.question_id;
END;

-- Contributions per member and day ──────────────────────────────────────────────────────────
-- member_daily counts, per site, product (and '*'), UTC day of the answer and member
-- ('m:<sub>' or 'v:<visitor id>'), the published answers by anyone but staff and how many of
-- them are their question's accepted answer: the report's top contributors without joining
-- every answer of the period to its question. Kept like daily_stats; the same test recounts it.
CREATE TABLE member_daily (
  site_id TEXT NOT NULL,
  product_id TEXT NOT NULL,
  day INTEGER NOT NULL,
  member_key TEXT NOT NULL,
  answers INTEGER NOT NULL,
  accepted INTEGER NOT NULL,
  PRIMARY KEY (site_id, product_id, day, member_key)
) WITHOUT ROWID;

CREATE TRIGGER answers_member_insert AFTER INSERT ON answers
WHEN NEW.status = 'published' AND coalesce(NEW.author_role, '') <> 'staff' AND coalesce(NEW.author_sub, NEW.author_visitor) IS NOT NULL BEGIN
  INSERT INTO member_daily (site_id, product_id, day, member_key, answers, accepted)
    SELECT NEW.site_id, p.value, NEW.created_at / 86400000,
           CASE WHEN NEW.author_sub IS NOT NULL THEN 'm:' || NEW.author_sub ELSE 'v:' || NEW.author_visitor END, 1, q.accepted_answer_id IS NEW.id
      FROM questions q, json_each(json_array(q.product_id, '*')) p
     WHERE q.site_id = NEW.site_id AND q.id = NEW.question_id
  ON CONFLICT (site_id, product_id, day, member_key) DO UPDATE SET answers = answers + excluded.answers, accepted = accepted + excluded.accepted;
END;
-- When a question is deleted its answers go by cascade after it: the question's own trigger
-- below has subtracted them already, and the join here finds no question.
CREATE TRIGGER answers_member_delete AFTER DELETE ON answers
WHEN OLD.status = 'published' AND coalesce(OLD.author_role, '') <> 'staff' AND coalesce(OLD.author_sub, OLD.author_visitor) IS NOT NULL BEGIN
  INSERT INTO member_daily (site_id, product_id, day, member_key, answers, accepted)
    SELECT OLD.site_id, p.value, OLD.created_at / 86400000,
           CASE WHEN OLD.author_sub IS NOT NULL THEN 'm:' || OLD.author_sub ELSE 'v:' || OLD.author_visitor END, -1, -(q.accepted_answer_id IS OLD.id)
      FROM questions q, json_each(json_array(q.product_id, '*')) p
     WHERE q.site_id = OLD.site_id AND q.id = OLD.question_id
  ON CONFLICT (site_id, product_id, day, member_key) DO UPDATE SET answers = answers + excluded.answers, accepted = accepted + excluded.accepted;
END;
CREATE TRIGGER answers_member_update AFTER UPDATE OF status, author_role, author_sub, author_visitor, created_at, question_id ON answers BEGIN
  INSERT INTO member_daily (site_id, product_id, day, member_key, answers, accepted)
    SELECT OLD.site_id, p.value, OLD.created_at / 86400000,
           CASE WHEN OLD.author_sub IS NOT NULL THEN 'm:' || OLD.author_sub ELSE 'v:' || OLD.author_visitor END, -1, -(q.accepted_answer_id IS OLD.id)
      FROM questions q, json_each(json_array(q.product_id, '*')) p
     WHERE q.site_id = OLD.site_id AND q.id = OLD.question_id
       AND OLD.status = 'published' AND coalesce(OLD.author_role, '') <> 'staff' AND coalesce(OLD.author_sub, OLD.author_visitor) IS NOT NULL
  ON CONFLICT (site_id, product_id, day, member_key) DO UPDATE SET answers = answers + excluded.answers, accepted = accepted + excluded.accepted;
  INSERT INTO member_daily (site_id, product_id, day, member_key, answers, accepted)
    SELECT NEW.site_id, p.value, NEW.created_at / 86400000,
           CASE WHEN NEW.author_sub IS NOT NULL THEN 'm:' || NEW.author_sub ELSE 'v:' || NEW.author_visitor END, 1, q.accepted_answer_id IS NEW.id
      FROM questions q, json_each(json_array(q.product_id, '*')) p
     WHERE q.site_id = NEW.site_id AND q.id = NEW.question_id
       AND NEW.status = 'published' AND coalesce(NEW.author_role, '') <> 'staff' AND coalesce(NEW.author_sub, NEW.author_visitor) IS NOT NULL
  ON CONFLICT (site_id, product_id, day, member_key) DO UPDATE SET answers = answers + excluded.answers, accepted = accepted + excluded.accepted;
END;
-- A question accepting another answer, or moving to another product: its answers are counted again.
CREATE TRIGGER questions_member_update AFTER UPDATE OF accepted_answer_id, product_id ON questions BEGIN
  INSERT INTO member_daily (site_id, product_id, day, member_key, answers, accepted)
    SELECT a.site_id, p.value, a.created_at / 86400000,
           CASE WHEN a.author_sub IS NOT NULL THEN 'm:' || a.author_sub ELSE 'v:' || a.author_visitor END, -1, -(OLD.accepted_answer_id IS a.id)
      FROM answers a, json_each(json_array(OLD.product_id, '*')) p
     WHERE a.site_id = OLD.site_id AND a.question_id = OLD.id
       AND a.status = 'published' AND coalesce(a.author_role, '') <> 'staff' AND coalesce(a.author_sub, a.author_visitor) IS NOT NULL
  ON CONFLICT (site_id, product_id, day, member_key) DO UPDATE SET answers = answers + excluded.answers, accepted = accepted + excluded.accepted;
  INSERT INTO member_daily (site_id, product_id, day, member_key, answers, accepted)
    SELECT a.site_id, p.value, a.created_at / 86400000,
           CASE WHEN a.author_sub IS NOT NULL THEN 'm:' || a.author_sub ELSE 'v:' || a.author_visitor END, 1, NEW.accepted_answer_id IS a.id
      FROM answers a, json_each(json_array(NEW.product_id, '*')) p
     WHERE a.site_id = NEW.site_id AND a.question_id = NEW.id
       AND a.status = 'published' AND coalesce(a.author_role, '') <> 'staff' AND coalesce(a.author_sub, a.author_visitor) IS NOT NULL
  ON CONFLICT (site_id, product_id, day, member_key) DO UPDATE SET answers = answers + excluded.answers, accepted = accepted + excluded.accepted;
END;
CREATE TRIGGER questions_member_delete BEFORE DELETE ON questions BEGIN
  INSERT INTO member_daily (site_id, product_id, day, member_key, answers, accepted)
    SELECT a.site_id, p.value, a.created_at / 86400000,
           CASE WHEN a.author_sub IS NOT NULL THEN 'm:' || a.author_sub ELSE 'v:' || a.author_visitor END, -1, -(OLD.accepted_answer_id IS a.id)
      FROM answers a, json_each(json_array(OLD.product_id, '*')) p
     WHERE a.site_id = OLD.site_id AND a.question_id = OLD.id
       AND a.status = 'published' AND coalesce(a.author_role, '') <> 'staff' AND coalesce(a.author_sub, a.author_visitor) IS NOT NULL
  ON CONFLICT (site_id, product_id, day, member_key) DO UPDATE SET answers = answers + excluded.answers, accepted = accepted + excluded.accepted;
END;

-- Covering indexes for the figures read from rows: questions of a period (community rate and
-- median), staff items of a period (first response, resolution, SLA).
CREATE INDEX questions_insights ON questions (site_id, created_at, visibility, status, complaint, product_id, first_community_answer_at);
CREATE INDEX staff_items_insights ON staff_items (site_id, routed_at, product_id, first_response_at, resolved_at, sla_due_at);

-- Backfill from what is already stored.
UPDATE questions SET first_community_answer_at = (SELECT min(a.created_at) FROM answers a
    WHERE a.site_id = questions.site_id AND a.question_id = questions.id AND a.status = 'published' AND coalesce(a.author_role, '') <> 'staff');
-- (One statement per source table: D1 caps the terms of a compound SELECT.)
INSERT INTO daily_stats (site_id, day, product_id, metric, value)
  SELECT q.site_id, q.created_at / 86400000, p.value, m.value, count(*)
    FROM questions q, json_each(json_array(q.product_id, '*')) p,
         json_each(json_array(CASE WHEN q.conversation_id IS NULL THEN 'question' END, CASE WHEN q.complaint = 1 THEN 'complaint' END)) m
   WHERE m.value IS NOT NULL GROUP BY 1, 2, 3, 4;
INSERT INTO daily_stats (site_id, day, product_id, metric, value)
  SELECT c.site_id, c.created_at / 86400000, p.value, 'chat', count(*)
    FROM conversations c, json_each(json_array(c.product_id, '*')) p WHERE true GROUP BY 1, 2, 3;
INSERT INTO daily_stats (site_id, day, product_id, metric, value)
  SELECT r.site_id, r.created_at / 86400000, p.value, 'review', count(*)
    FROM reviews r, json_each(json_array(r.product_id, '*')) p WHERE r.source = 'widget' GROUP BY 1, 2, 3;
INSERT INTO daily_stats (site_id, day, product_id, metric, value)
  SELECT i.site_id, i.created_at / 86400000, p.value, 'idea', count(*)
    FROM ideas i, json_each(json_array(coalesce(i.product_id, ''), '*')) p WHERE true GROUP BY 1, 2, 3;
INSERT INTO daily_stats (site_id, day, product_id, metric, value)
  SELECT s.site_id, s.routed_at / 86400000, p.value, 'routed:' || s.reason, count(*)
    FROM staff_items s, json_each(json_array(s.product_id, '*')) p WHERE true GROUP BY 1, 2, 3, 4;
INSERT INTO daily_stats (site_id, day, product_id, metric, value)
  SELECT d.site_id, d.day, '*', 'defl:' || d.kind, sum(d.count) FROM deflection_events d WHERE true GROUP BY 1, 2, 4;
INSERT INTO member_daily (site_id, product_id, day, member_key, answers, accepted)
  SELECT a.site_id, p.value, a.created_at / 86400000,
         CASE WHEN a.author_sub IS NOT NULL THEN 'm:' || a.author_sub ELSE 'v:' || a.author_visitor END, count(*), sum(q.accepted_answer_id IS a.id)
    FROM answers a JOIN questions q ON q.site_id = a.site_id AND q.id = a.question_id, json_each(json_array(q.product_id, '*')) p
   WHERE a.status = 'published' AND coalesce(a.author_role, '') <> 'staff' AND coalesce(a.author_sub, a.author_visitor) IS NOT NULL
   GROUP BY 1, 2, 3, 4;
