-- Reviews: expert verdicts and shopper reviews with star ratings, "Verified buyer" from signed
-- purchase claims, helpful votes, one public brand reply per review, questions asked of a
-- reviewer, and per-product rating summaries that triggers keep exact on every write.

-- Whether visitors without a shop account may review (they never get "Verified buyer").
ALTER TABLE sites ADD COLUMN reviews_anonymous INTEGER NOT NULL DEFAULT 0;
-- The optional review fields each product type asks for: JSON {"shoes":["fit","usage"],…}
-- (field keys are Samen's own, so the widget can label them in every language).
ALTER TABLE sites ADD COLUMN review_fields TEXT NOT NULL DEFAULT '{}';
-- The shop's product type, which picks the review fields; set by the owner (CLI or import).
ALTER TABLE products ADD COLUMN product_type TEXT;

CREATE TABLE reviews (
  site_id TEXT NOT NULL,
  id TEXT NOT NULL,
  product_id TEXT NOT NULL,
  -- expert: written by an expert for a product their token lists (verdict, pros and cons).
  kind TEXT NOT NULL CHECK (kind IN ('shopper', 'expert')),
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  pros TEXT NOT NULL DEFAULT '[]', -- JSON array of short lines
  cons TEXT NOT NULL DEFAULT '[]',
  specialism TEXT,
  fields TEXT NOT NULL DEFAULT '{}', -- JSON {"fit":"true_to_size","usage":"weekly"}
  -- Set only from a signed purchase claim of this member for this product (table purchases).
  verified_buyer INTEGER NOT NULL DEFAULT 0,
  author_name TEXT,
  author_sub TEXT,
  author_visitor TEXT,
  author_role TEXT,
  author_erased INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'held', 'hidden', 'removed')),
  helpful_count INTEGER NOT NULL DEFAULT 0,
  report_count INTEGER NOT NULL DEFAULT 0,
  -- The brand's one public reply, written in the console.
  reply_body TEXT,
  reply_staff_id TEXT,
  reply_staff_name TEXT,
  reply_at INTEGER,
  source TEXT NOT NULL DEFAULT 'widget' CHECK (source IN ('widget', 'import')),
  -- The id in the system a review was imported from; re-importing the same file adds nothing.
  external_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, id),
  FOREIGN KEY (site_id, product_id) REFERENCES products(site_id, id) ON DELETE CASCADE
);
-- One review per product per shopper (member or visitor).
CREATE UNIQUE INDEX reviews_one_per_member ON reviews (site_id, product_id, author_sub) WHERE author_sub IS NOT NULL;
CREATE UNIQUE INDEX reviews_one_per_visitor ON reviews (site_id, product_id, author_visitor) WHERE author_visitor IS NOT NULL;
CREATE UNIQUE INDEX reviews_by_external_id ON reviews (site_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX reviews_by_member ON reviews (site_id, author_sub) WHERE author_sub IS NOT NULL;
-- The public list per sort order: published shopper reviews of one product.
CREATE INDEX reviews_newest ON reviews (site_id, product_id, created_at DESC, id DESC) WHERE status = 'published' AND kind = 'shopper';
CREATE INDEX reviews_helpful ON reviews (site_id, product_id, helpful_count DESC, created_at DESC, id DESC) WHERE status = 'published' AND kind = 'shopper';
CREATE INDEX reviews_rating ON reviews (site_id, product_id, rating, created_at DESC, id DESC) WHERE status = 'published' AND kind = 'shopper';
-- Covers the summary recount (an index-only scan of one product).
CREATE INDEX reviews_tally ON reviews (site_id, product_id, status, kind, rating);
-- The console: newest first over the site, and what waits for moderation.
CREATE INDEX reviews_by_site ON reviews (site_id, created_at DESC, id DESC);
CREATE INDEX reviews_by_status ON reviews (site_id, status, created_at) WHERE status <> 'published';

-- One helpful vote per voter (m:<sub> or v:<visitor>) per review.
CREATE TABLE review_votes (
  site_id TEXT NOT NULL,
  review_id TEXT NOT NULL,
  voter TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, review_id, voter)
);
CREATE INDEX review_votes_by_voter ON review_votes (site_id, voter);

-- What the shop's signed purchase claims said: this member bought this product in this order.
CREATE TABLE purchases (
  site_id TEXT NOT NULL,
  member_sub TEXT NOT NULL,
  product_id TEXT NOT NULL,
  order_ref TEXT NOT NULL,
  purchased_at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, member_sub, product_id, order_ref)
);

-- "Ask a reviewer": the product question a shopper asked from a review.
CREATE TABLE review_questions (
  site_id TEXT NOT NULL,
  question_id TEXT NOT NULL,
  review_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, question_id)
);
CREATE INDEX review_questions_by_review ON review_questions (site_id, review_id);

-- Published reviews per product: shopper reviews per star, and the number of expert reviews.
CREATE TABLE review_summaries (
  site_id TEXT NOT NULL,
  product_id TEXT NOT NULL,
  review_count INTEGER NOT NULL,
  rating_sum INTEGER NOT NULL,
  star1 INTEGER NOT NULL,
  star2 INTEGER NOT NULL,
  star3 INTEGER NOT NULL,
  star4 INTEGER NOT NULL,
  star5 INTEGER NOT NULL,
  expert_count INTEGER NOT NULL,
  PRIMARY KEY (site_id, product_id)
);

-- The summary is recounted from the reviews themselves inside the statement that changed them,
-- so every path (widget, moderation, reports, erasure, import) keeps it exact, even under
-- concurrent writes: SQLite runs each write transaction alone.
CREATE TRIGGER reviews_tally_insert AFTER INSERT ON reviews BEGIN
  INSERT INTO review_summaries (site_id, product_id, review_count, rating_sum, star1, star2, star3, star4, star5, expert_count)
  SELECT NEW.site_id, NEW.product_id,
         coalesce(sum(kind = 'shopper'), 0), coalesce(sum(CASE WHEN kind = 'shopper' THEN rating ELSE 0 END), 0),
         coalesce(sum(kind = 'shopper' AND rating = 1), 0), coalesce(sum(kind = 'shopper' AND rating = 2), 0),
         coalesce(sum(kind = 'shopper' AND rating = 3), 0), coalesce(sum(kind = 'shopper' AND rating = 4), 0),
         coalesce(sum(kind = 'shopper' AND rating = 5), 0), coalesce(sum(kind = 'expert'), 0)
    FROM reviews WHERE site_id = NEW.site_id AND product_id = NEW.product_id AND status = 'published'
  ON CONFLICT (site_id, product_id) DO UPDATE SET
    review_count = excluded.review_count, rating_sum = excluded.rating_sum, star1 = excluded.star1, star2 = excluded.star2,
    star3 = excluded.star3, star4 = excluded.star4, star5 = excluded.star5, expert_count = excluded.expert_count;
END;
CREATE TRIGGER reviews_tally_update AFTER UPDATE OF rating, status, kind ON reviews BEGIN
  INSERT INTO review_summaries (site_id, product_id, review_count, rating_sum, star1, star2, star3, star4, star5, expert_count)
  SELECT NEW.site_id, NEW.product_id,
         coalesce(sum(kind = 'shopper'), 0), coalesce(sum(CASE WHEN kind = 'shopper' THEN rating ELSE 0 END), 0),
         coalesce(sum(kind = 'shopper' AND rating = 1), 0), coalesce(sum(kind = 'shopper' AND rating = 2), 0),
         coalesce(sum(kind = 'shopper' AND rating = 3), 0), coalesce(sum(kind = 'shopper' AND rating = 4), 0),
         coalesce(sum(kind = 'shopper' AND rating = 5), 0), coalesce(sum(kind = 'expert'), 0)
    FROM reviews WHERE site_id = NEW.site_id AND product_id = NEW.product_id AND status = 'published'
  ON CONFLICT (site_id, product_id) DO UPDATE SET
    review_count = excluded.review_count, rating_sum = excluded.rating_sum, star1 = excluded.star1, star2 = excluded.star2,
    star3 = excluded.star3, star4 = excluded.star4, star5 = excluded.star5, expert_count = excluded.expert_count;
END;
CREATE TRIGGER reviews_tally_delete AFTER DELETE ON reviews BEGIN
  INSERT INTO review_summaries (site_id, product_id, review_count, rating_sum, star1, star2, star3, star4, star5, expert_count)
  SELECT OLD.site_id, OLD.product_id,
         coalesce(sum(kind = 'shopper'), 0), coalesce(sum(CASE WHEN kind = 'shopper' THEN rating ELSE 0 END), 0),
         coalesce(sum(kind = 'shopper' AND rating = 1), 0), coalesce(sum(kind = 'shopper' AND rating = 2), 0),
         coalesce(sum(kind = 'shopper' AND rating = 3), 0), coalesce(sum(kind = 'shopper' AND rating = 4), 0),
         coalesce(sum(kind = 'shopper' AND rating = 5), 0), coalesce(sum(kind = 'expert'), 0)
    FROM reviews WHERE site_id = OLD.site_id AND product_id = OLD.product_id AND status = 'published'
  ON CONFLICT (site_id, product_id) DO UPDATE SET
    review_count = excluded.review_count, rating_sum = excluded.rating_sum, star1 = excluded.star1, star2 = excluded.star2,
    star3 = excluded.star3, star4 = excluded.star4, star5 = excluded.star5, expert_count = excluded.expert_count;
  -- A review's votes and question links go with it.
  DELETE FROM review_votes WHERE site_id = OLD.site_id AND review_id = OLD.id;
  DELETE FROM review_questions WHERE site_id = OLD.site_id AND review_id = OLD.id;
END;

-- Erasing a member (the shopper's own "delete my data", or the owner in the console) takes
-- their reviews along the way the site chose for posts, and their votes and purchases always.
CREATE TRIGGER members_erased_reviews AFTER DELETE ON members BEGIN
  DELETE FROM reviews WHERE site_id = OLD.site_id AND author_sub = OLD.sub
     AND (SELECT erase_mode FROM sites WHERE id = OLD.site_id) = 'delete';
  UPDATE reviews SET author_sub = NULL, author_name = NULL, author_role = NULL, author_visitor = NULL, author_erased = 1,
                     specialism = NULL
   WHERE site_id = OLD.site_id AND author_sub = OLD.sub;
  DELETE FROM review_votes WHERE site_id = OLD.site_id AND voter = 'm:' || OLD.sub;
  DELETE FROM purchases WHERE site_id = OLD.site_id AND member_sub = OLD.sub;
END;

-- Reviews can be reported and moderated like questions and answers. SQLite cannot change a
-- CHECK constraint in place, so the two tables are rebuilt with 'review' allowed (same columns).
CREATE TABLE reports_v2 (
  site_id TEXT NOT NULL,
  target_type TEXT NOT NULL CHECK (target_type IN ('question', 'answer', 'review')),
  target_id TEXT NOT NULL,
  reporter TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('spam', 'offensive', 'off_topic', 'personal_data')),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, target_type, target_id, reporter)
);
INSERT INTO reports_v2 (site_id, target_type, target_id, reporter, reason, created_at)
  SELECT site_id, target_type, target_id, reporter, reason, created_at FROM reports;
DROP TABLE reports;
ALTER TABLE reports_v2 RENAME TO reports;

CREATE TABLE moderation_log_v2 (
  site_id TEXT NOT NULL,
  id TEXT NOT NULL,
  target_type TEXT NOT NULL CHECK (target_type IN ('question', 'answer', 'review')),
  target_id TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('held', 'hidden', 'masked', 'approved', 'removed', 'restored')),
  actor TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, id)
);
INSERT INTO moderation_log_v2 (site_id, id, target_type, target_id, action, actor, reason, created_at)
  SELECT site_id, id, target_type, target_id, action, actor, reason, created_at FROM moderation_log;
DROP TABLE moderation_log;
ALTER TABLE moderation_log_v2 RENAME TO moderation_log;
CREATE INDEX moderation_log_by_target ON moderation_log (site_id, target_type, target_id, created_at);
