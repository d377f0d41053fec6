import type { Language } from '../api-types.ts';

/** A tenant: one shop that embeds the widget. Never returned whole to a client (it holds the secret). */
export interface Site {
  id: string;
  name: string;
  defaultLanguage: Language;
  origins: string[];
  /** HS256 secret for shop-signed shopper/expert tokens; null until the owner creates one. */
  tokenSecret: string | null;
  eraseMode: 'anonymise' | 'delete';
  /** Reports that hide a post pending review. */
  reportThreshold: number;
  /** Lower-case words that hold a post for review. */
  blocklist: string[];
}

interface SiteRow {
  id: string;
  name: string;
  default_language: Language;
  origins: string | null;
  token_secret: string | null;
  erase_mode: Site['eraseMode'];
  report_threshold: number;
  blocklist: string;
}

export async function findSite(db: D1Database, siteId: string): Promise<Site | null> {
  const row = await db
    .prepare(
      `SELECT s.id, s.name, s.default_language, s.token_secret, s.erase_mode, s.report_threshold, s.blocklist,
              (SELECT json_group_array(o.origin) FROM site_origins o WHERE o.site_id = s.id) AS origins
         FROM sites s WHERE s.id = ?`,
    )
    .bind(siteId)
    .first<SiteRow>();
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    defaultLanguage: row.default_language,
    origins: row.origins ? (JSON.parse(row.origins) as string[]) : [],
    tokenSecret: row.token_secret,
    eraseMode: row.erase_mode,
    reportThreshold: row.report_threshold,
    blocklist: parseWordList(row.blocklist),
  };
}

function parseWordList(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((w): w is string => typeof w === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Changes the given settings of a site in one statement (fields left out keep their value).
 * The blocklist is stored as a JSON array of words.
 */
export async function updateSiteSettings(
  db: D1Database,
  siteId: string,
  change: { eraseMode?: Site['eraseMode']; reportThreshold?: number; blocklist?: string[] },
): Promise<void> {
  await db
    .prepare(
      `UPDATE sites SET erase_mode = coalesce(?, erase_mode), report_threshold = coalesce(?, report_threshold),
                        blocklist = coalesce(?, blocklist)
        WHERE id = ?`,
    )
    .bind(
      change.eraseMode ?? null,
      change.reportThreshold ?? null,
      change.blocklist === undefined ? null : JSON.stringify(change.blocklist),
      siteId,
    )
    .run();
}
