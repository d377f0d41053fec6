-- Reputation and influence: a cached profile per contributor (points, level, badges, the role the
-- owner granted, the 1–5 influence score with its factors), the site's tunable points table and
-- level names, coarse vote origins for anti-farming caps, and view counters for reach.

-- Points per contribution, JSON overrides of the defaults in worker/src/domain/reputation.ts:
-- {"answer":2,"accepted":15,"helpfulVote":1,"review":5,"ideaAdopted":10,"voteCap":3}.
ALTER TABLE sites ADD COLUMN reputation_points TEXT NOT NULL DEFAULT '{}';
-- Levels, JSON [{"key":"newcomer","min":0,"name":null},…]; name null = the default name in the
-- shopper's language, a string = the owner's own name. '[]' = the defaults.
ALTER TABLE sites ADD COLUMN reputation_levels TEXT NOT NULL DEFAULT '[]';
-- Random key for the HMAC of a voter's network prefix (vote_origins.ip_cluster); created on first use.
ALTER TABLE sites ADD COLUMN ip_cluster_key TEXT;

-- One row per contributor (member or visitor). Counts, points, level and badges are a cache that a
-- recount from the source tables reproduces exactly; role and products are the owner's grant.
CREATE TABLE member_profiles (
  site_id TEXT NOT NULL,
  -- 'm:<sub>' or 'v:<visitor id>'. Never sent to a shopper.
  member_key TEXT NOT NULL,
  -- Random, the only id a client sees.
  public_id TEXT NOT NULL,
  name TEXT,
  role TEXT NOT NULL DEFAULT 'shopper' CHECK (role IN ('shopper', 'ambassador', 'expert')),
  -- JSON array of product ids the granted role covers.
  products TEXT NOT NULL DEFAULT '[]',
  points INTEGER NOT NULL DEFAULT 0,
  level TEXT NOT NULL DEFAULT 'newcomer',
  -- JSON array of badge keys: first_answer, accepted_10, top_answerer, verified_expert.
  badges TEXT NOT NULL DEFAULT '[]',
  answer_count INTEGER NOT NULL DEFAULT 0,
  accepted_count INTEGER NOT NULL DEFAULT 0,
  review_count INTEGER NOT NULL DEFAULT 0,
  helpful_count INTEGER NOT NULL DEFAULT 0,
  idea_count INTEGER NOT NULL DEFAULT 0,
  adopted_count INTEGER NOT NULL DEFAULT 0,
  -- The first contribution (or first sign-in for members): "member since".
  since INTEGER,
  -- Staff only: 1..5, with the factors that explain it (JSON).
  influence INTEGER CHECK (influence BETWEEN 1 AND 5),
  influence_factors TEXT,
  influence_at INTEGER,
  role_granted_by TEXT,
  role_granted_at INTEGER,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, member_key),
  UNIQUE (site_id, public_id)
);
CREATE INDEX member_profiles_by_points ON member_profiles (site_id, points DESC);
CREATE INDEX member_profiles_by_role ON member_profiles (site_id, role) WHERE role <> 'shopper';

-- Where a helpful vote came from, coarsely: an HMAC (site key) of the voter's /24 (IPv4) or /48
-- (IPv6) prefix, never the address. Votes from one cluster on one member's posts are capped.
CREATE TABLE vote_origins (
  site_id TEXT NOT NULL,
  target_type TEXT NOT NULL CHECK (target_type IN ('answer', 'review')),
  target_id TEXT NOT NULL,
  voter TEXT NOT NULL,
  ip_cluster TEXT NOT NULL,
  PRIMARY KEY (site_id, target_type, target_id, voter)
);

-- A vote withdrawn or erased takes its origin along.
CREATE TRIGGER answer_votes_origin_delete AFTER DELETE ON answer_votes BEGIN
  DELETE FROM vote_origins WHERE site_id = OLD.site_id AND target_type = 'answer' AND target_id = OLD.answer_id AND voter = OLD.voter;
END;
CREATE TRIGGER review_votes_origin_delete AFTER DELETE ON review_votes BEGIN
  DELETE FROM vote_origins WHERE site_id = OLD.site_id AND target_type = 'review' AND target_id = OLD.review_id AND voter = OLD.voter;
END;

-- Erasing a member removes their profile (grant, score and all) and the origins of their votes.
CREATE TRIGGER members_erased_profile AFTER DELETE ON members BEGIN
  DELETE FROM member_profiles WHERE site_id = OLD.site_id AND member_key = 'm:' || OLD.sub;
  DELETE FROM vote_origins WHERE site_id = OLD.site_id AND voter = 'm:' || OLD.sub;
END;

-- Reach: how often a question's answers were fetched, and a review was listed.
ALTER TABLE questions ADD COLUMN view_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reviews ADD COLUMN view_count INTEGER NOT NULL DEFAULT 0;

-- The recount reads votes per post author.
CREATE INDEX answers_by_visitor ON answers (site_id, author_visitor) WHERE author_visitor IS NOT NULL;
CREATE INDEX reviews_by_visitor ON reviews (site_id, author_visitor) WHERE author_visitor IS NOT NULL;
