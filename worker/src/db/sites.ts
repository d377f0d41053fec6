import type { Language } from '../api-types.ts';
import type { BusinessHours } from '../domain/time-promise.ts';
import type { Category } from '../domain/triage.ts';

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
  /** The service desk: IANA zone, opening hours, closed days ('YYYY-MM-DD'). */
  timeZone: string;
  businessHours: BusinessHours;
  holidays: string[];
  /** The ambassador-first window, in business time. */
  communityWindowMs: number;
  /** Staff's first-response target, in business time. */
  slaMs: number;
  /** The owner's own triage words per category. */
  triageKeywords: Partial<Record<Category, string[]>>;
  /** `#rrggbb` (lower case), the widget's accent in light mode; null for Samen's own. */
  brandColor: string | null;
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
  time_zone: string;
  business_hours: string;
  holidays: string;
  community_window_ms: number;
  sla_ms: number;
  triage_keywords: string;
  brand_color: string | null;
}

export async function findSite(db: D1Database, siteId: string): Promise<Site | null> {
  const row = await db
    .prepare(
      `SELECT s.id, s.name, s.default_language, s.token_secret, s.erase_mode, s.report_threshold, s.blocklist,
              s.time_zone, s.business_hours, s.holidays, s.community_window_ms, s.sla_ms, s.triage_keywords, s.brand_color,
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
    timeZone: row.time_zone,
    businessHours: parseJsonObject(row.business_hours) as BusinessHours,
    holidays: parseWordList(row.holidays),
    communityWindowMs: row.community_window_ms,
    slaMs: row.sla_ms,
    triageKeywords: parseJsonObject(row.triage_keywords) as Partial<Record<Category, string[]>>,
    brandColor: row.brand_color,
  };
}

function parseJsonObject(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The routing part of a site's settings, as the owner changes it in the console. */
export interface RoutingSettingsChange {
  timeZone: string;
  businessHours: BusinessHours;
  holidays: string[];
  communityWindowMs: number;
  slaMs: number;
  triageKeywords: Partial<Record<Category, string[]>>;
}

export async function updateRoutingSettings(db: D1Database, siteId: string, r: RoutingSettingsChange): Promise<void> {
  await db
    .prepare(
      `UPDATE sites SET time_zone = ?, business_hours = ?, holidays = ?, community_window_ms = ?, sla_ms = ?, triage_keywords = ?
        WHERE id = ?`,
    )
    .bind(r.timeZone, JSON.stringify(r.businessHours), JSON.stringify(r.holidays), r.communityWindowMs, r.slaMs, JSON.stringify(r.triageKeywords), siteId)
    .run();
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
 * The blocklist is stored as a JSON array of words; a brand colour of null resets it to Samen's.
 */
export async function updateSiteSettings(
  db: D1Database,
  siteId: string,
  change: { eraseMode?: Site['eraseMode']; reportThreshold?: number; blocklist?: string[]; brandColor?: string | null },
): Promise<void> {
  await db
    .prepare(
      `UPDATE sites SET erase_mode = coalesce(?, erase_mode), report_threshold = coalesce(?, report_threshold),
                        blocklist = coalesce(?, blocklist),
                        brand_color = CASE WHEN ? THEN ? ELSE brand_color END
        WHERE id = ?`,
    )
    .bind(
      change.eraseMode ?? null,
      change.reportThreshold ?? null,
      change.blocklist === undefined ? null : JSON.stringify(change.blocklist),
      change.brandColor === undefined ? 0 : 1,
      change.brandColor ?? null,
      siteId,
    )
    .run();
}
