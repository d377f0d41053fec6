-- Sites are the tenants. Every other table carries site_id.
CREATE TABLE sites (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  default_language TEXT NOT NULL DEFAULT 'en' CHECK (default_language IN ('en', 'nl', 'fr')),
  created_at INTEGER NOT NULL
);

-- Exact scheme://host[:port] strings; matched byte for byte against the Origin header.
CREATE TABLE site_origins (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  origin TEXT NOT NULL,
  PRIMARY KEY (site_id, origin)
);
