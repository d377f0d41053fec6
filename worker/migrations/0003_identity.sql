-- Identity: per-site signing secret for shop-issued tokens, members known from those tokens,
-- authorship on questions and answers, console staff with sessions, and exact rate-limit counters.

ALTER TABLE sites ADD COLUMN token_secret TEXT;
-- What erasing a shopper does to their public posts: 'anonymise' keeps them as "former member", 'delete' removes them.
ALTER TABLE sites ADD COLUMN erase_mode TEXT NOT NULL DEFAULT 'anonymise' CHECK (erase_mode IN ('anonymise', 'delete'));

-- Shoppers and experts the shop identified with a signed token (sub = the shop's own customer id).
CREATE TABLE members (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  sub TEXT NOT NULL,
  name TEXT NOT NULL,
  email TEXT,
  role TEXT NOT NULL CHECK (role IN ('shopper', 'expert')),
  first_seen_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, sub)
);

-- Who wrote what. author_sub for identified members, author_visitor for anonymous visitors
-- (a random id the widget creates on first interaction); never returned to other viewers.
ALTER TABLE questions ADD COLUMN author_sub TEXT;
ALTER TABLE questions ADD COLUMN author_visitor TEXT;
ALTER TABLE questions ADD COLUMN author_role TEXT;
ALTER TABLE questions ADD COLUMN author_erased INTEGER NOT NULL DEFAULT 0;
ALTER TABLE answers ADD COLUMN author_sub TEXT;
ALTER TABLE answers ADD COLUMN author_visitor TEXT;
ALTER TABLE answers ADD COLUMN author_role TEXT;
ALTER TABLE answers ADD COLUMN author_erased INTEGER NOT NULL DEFAULT 0;
CREATE INDEX questions_by_member ON questions (site_id, author_sub, created_at DESC) WHERE author_sub IS NOT NULL;
CREATE INDEX questions_by_visitor ON questions (site_id, author_visitor, created_at DESC) WHERE author_visitor IS NOT NULL;
CREATE INDEX answers_by_member ON answers (site_id, author_sub) WHERE author_sub IS NOT NULL;

-- Brand staff and site owners, who sign in to the console.
CREATE TABLE staff (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  email TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('owner', 'agent')),
  password_hash TEXT NOT NULL, -- pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, id)
);
-- One console account per email address, so sign-in needs no site picker.
CREATE UNIQUE INDEX staff_email ON staff (email);

CREATE TABLE staff_sessions (
  site_id TEXT NOT NULL,
  token_hash TEXT NOT NULL, -- SHA-256 of the cookie value; the cookie itself is never stored
  staff_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (token_hash),
  FOREIGN KEY (site_id, staff_id) REFERENCES staff(site_id, id) ON DELETE CASCADE
);
CREATE INDEX staff_sessions_by_staff ON staff_sessions (site_id, staff_id);

-- Fixed-window counters. One row per (site, bucket, window); the increment is a single atomic upsert.
CREATE TABLE rate_limits (
  site_id TEXT NOT NULL,
  bucket TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (site_id, bucket, window_start)
);
