-- Products are known per site from the first time a widget names them.
CREATE TABLE products (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  name TEXT,
  first_seen_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, id)
);

CREATE TABLE questions (
  site_id TEXT NOT NULL,
  id TEXT NOT NULL,
  product_id TEXT NOT NULL,
  body TEXT NOT NULL,
  author_name TEXT,
  answer_count INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, id),
  FOREIGN KEY (site_id, product_id) REFERENCES products(site_id, id) ON DELETE CASCADE
);
CREATE INDEX questions_by_product ON questions (site_id, product_id, created_at DESC, id DESC);

CREATE TABLE answers (
  site_id TEXT NOT NULL,
  id TEXT NOT NULL,
  question_id TEXT NOT NULL,
  body TEXT NOT NULL,
  author_name TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, id),
  FOREIGN KEY (site_id, question_id) REFERENCES questions(site_id, id) ON DELETE CASCADE
);
CREATE INDEX answers_by_question ON answers (site_id, question_id, created_at, id);
