-- The idea board: shoppers' ideas per site (optionally about one product), one vote per shopper,
-- comments, a public status with staff's explanation, and duplicates merged into one idea.
-- vote_count and comment_count are kept exact by triggers inside the statement that changed
-- the votes or comments, so every path (widget, merge, erasure) agrees with a recount.

-- The widget shows the Ideas tab (owner setting).
ALTER TABLE sites ADD COLUMN ideas_enabled INTEGER NOT NULL DEFAULT 1;

CREATE TABLE ideas (
  site_id TEXT NOT NULL,
  id TEXT NOT NULL,
  -- NULL: about the shop as a whole; shown on every product's board of the site.
  product_id TEXT,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('product', 'experience', 'involvement')),
  -- The public status staff set, with their explanation (status_note) and when (status_at).
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'under_review', 'planned', 'done', 'declined')),
  status_note TEXT,
  status_at INTEGER,
  vote_count INTEGER NOT NULL DEFAULT 0,
  comment_count INTEGER NOT NULL DEFAULT 0,
  -- Set when staff merged this duplicate into another idea (its votes and comments moved there).
  merged_into TEXT,
  -- Screening, apart from the public status: 'held' waits for review (blocklist, spam), 'removed' by staff.
  moderation TEXT NOT NULL DEFAULT 'published' CHECK (moderation IN ('published', 'held', 'removed')),
  author_sub TEXT,
  author_visitor TEXT,
  author_name TEXT,
  author_role TEXT,
  author_erased INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, id)
);
-- The widget's lists. "top" and "new" hold the open ideas (new, under review, planned); "done"
-- the delivered ones, most recently done first. Product boards add `product_id = ? OR product_id IS NULL`.
CREATE INDEX ideas_top ON ideas (site_id, vote_count DESC, created_at DESC, id DESC)
  WHERE merged_into IS NULL AND moderation = 'published' AND status IN ('new', 'under_review', 'planned');
CREATE INDEX ideas_new ON ideas (site_id, created_at DESC, id DESC)
  WHERE merged_into IS NULL AND moderation = 'published' AND status IN ('new', 'under_review', 'planned');
CREATE INDEX ideas_done ON ideas (site_id, status_at DESC, id DESC)
  WHERE merged_into IS NULL AND moderation = 'published' AND status = 'done';
-- The console: newest first over the site, or per status.
CREATE INDEX ideas_by_site ON ideas (site_id, created_at DESC, id DESC);
CREATE INDEX ideas_by_status ON ideas (site_id, status, created_at DESC, id DESC);
CREATE INDEX ideas_merged ON ideas (site_id, merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX ideas_by_member ON ideas (site_id, author_sub) WHERE author_sub IS NOT NULL;

-- One vote per shopper (voter 'm:<sub>' or 'v:<visitor>') per idea.
CREATE TABLE idea_votes (
  site_id TEXT NOT NULL,
  idea_id TEXT NOT NULL,
  voter TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, idea_id, voter)
);
CREATE INDEX idea_votes_by_voter ON idea_votes (site_id, voter);

CREATE TABLE idea_comments (
  site_id TEXT NOT NULL,
  id TEXT NOT NULL,
  idea_id TEXT NOT NULL,
  body TEXT NOT NULL,
  moderation TEXT NOT NULL DEFAULT 'published' CHECK (moderation IN ('published', 'held', 'removed')),
  author_sub TEXT,
  author_visitor TEXT,
  author_name TEXT,
  author_role TEXT,
  author_erased INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, id)
);
CREATE INDEX idea_comments_by_idea ON idea_comments (site_id, idea_id, created_at, id);
CREATE INDEX idea_comments_by_member ON idea_comments (site_id, author_sub) WHERE author_sub IS NOT NULL;

-- Votes: INSERT OR IGNORE fires no trigger for a repeated vote, so the count moves only with a real row.
CREATE TRIGGER idea_votes_count_insert AFTER INSERT ON idea_votes BEGIN
  UPDATE ideas SET vote_count = vote_count + 1 WHERE site_id = NEW.site_id AND id = NEW.idea_id;
END;
CREATE TRIGGER idea_votes_count_delete AFTER DELETE ON idea_votes BEGIN
  UPDATE ideas SET vote_count = vote_count - 1 WHERE site_id = OLD.site_id AND id = OLD.idea_id;
END;

-- Comments: published ones count; recounted on every change (a merge moves them by idea_id).
CREATE TRIGGER idea_comments_count_insert AFTER INSERT ON idea_comments BEGIN
  UPDATE ideas SET comment_count = (SELECT count(*) FROM idea_comments c
      WHERE c.site_id = NEW.site_id AND c.idea_id = NEW.idea_id AND c.moderation = 'published')
   WHERE site_id = NEW.site_id AND id = NEW.idea_id;
END;
CREATE TRIGGER idea_comments_count_update AFTER UPDATE OF idea_id, moderation ON idea_comments BEGIN
  UPDATE ideas SET comment_count = (SELECT count(*) FROM idea_comments c
      WHERE c.site_id = ideas.site_id AND c.idea_id = ideas.id AND c.moderation = 'published')
   WHERE site_id = NEW.site_id AND id IN (OLD.idea_id, NEW.idea_id);
END;
CREATE TRIGGER idea_comments_count_delete AFTER DELETE ON idea_comments BEGIN
  UPDATE ideas SET comment_count = (SELECT count(*) FROM idea_comments c
      WHERE c.site_id = OLD.site_id AND c.idea_id = OLD.idea_id AND c.moderation = 'published')
   WHERE site_id = OLD.site_id AND id = OLD.idea_id;
END;

-- Similar-idea search before submitting, like questions_fts: diacritics folded, 2- and 3-letter
-- prefixes indexed, rowid = the idea's rowid. `scope` holds a site token ('s' + hex of the id) and a
-- product token ('p' + hex, or 'pnone' for site-wide ideas; 'n', 'o' and 'e' past 'f' never occur in hex).
CREATE VIRTUAL TABLE ideas_fts USING fts5(
  title,
  body,
  scope,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
CREATE TRIGGER ideas_fts_insert AFTER INSERT ON ideas BEGIN
  INSERT INTO ideas_fts (rowid, title, body, scope)
    VALUES (NEW.rowid, NEW.title, NEW.body, 's' || hex(NEW.site_id) || ' ' || CASE WHEN NEW.product_id IS NULL THEN 'pnone' ELSE 'p' || hex(NEW.product_id) END);
END;
CREATE TRIGGER ideas_fts_update AFTER UPDATE OF title, body ON ideas BEGIN
  UPDATE ideas_fts SET title = NEW.title, body = NEW.body WHERE rowid = NEW.rowid;
END;
-- An idea deleted (erasure in 'delete' mode) takes its search entry, votes and comments along;
-- duplicates merged into it come back on the board rather than point at nothing.
CREATE TRIGGER ideas_delete AFTER DELETE ON ideas BEGIN
  DELETE FROM ideas_fts WHERE rowid = OLD.rowid;
  UPDATE ideas SET merged_into = NULL WHERE site_id = OLD.site_id AND merged_into = OLD.id;
  DELETE FROM idea_votes WHERE site_id = OLD.site_id AND idea_id = OLD.id;
  DELETE FROM idea_comments WHERE site_id = OLD.site_id AND idea_id = OLD.id;
END;

-- Erasing a member treats their ideas and comments like their questions (deleted, or kept as
-- "former member", as the site chose) and always removes their votes.
CREATE TRIGGER members_erased_ideas AFTER DELETE ON members BEGIN
  DELETE FROM ideas WHERE site_id = OLD.site_id AND author_sub = OLD.sub
     AND (SELECT erase_mode FROM sites WHERE id = OLD.site_id) = 'delete';
  DELETE FROM idea_comments WHERE site_id = OLD.site_id AND author_sub = OLD.sub
     AND (SELECT erase_mode FROM sites WHERE id = OLD.site_id) = 'delete';
  UPDATE ideas SET author_sub = NULL, author_name = NULL, author_role = NULL, author_visitor = NULL, author_erased = 1
   WHERE site_id = OLD.site_id AND author_sub = OLD.sub;
  UPDATE idea_comments SET author_sub = NULL, author_name = NULL, author_role = NULL, author_visitor = NULL, author_erased = 1
   WHERE site_id = OLD.site_id AND author_sub = OLD.sub;
  DELETE FROM idea_votes WHERE site_id = OLD.site_id AND voter = 'm:' || OLD.sub;
END;
