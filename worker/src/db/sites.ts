import type { Language } from '../api-types.ts';

/** A tenant: one shop that embeds the widget. */
export interface Site {
  id: string;
  name: string;
  defaultLanguage: Language;
  origins: string[];
}

interface SiteRow {
  id: string;
  name: string;
  default_language: Site['defaultLanguage'];
  origins: string | null;
}

export async function findSite(db: D1Database, siteId: string): Promise<Site | null> {
  const row = await db
    .prepare(
      `SELECT s.id, s.name, s.default_language,
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
  };
}
