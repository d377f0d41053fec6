import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { validate } from '../middleware/validate.ts';
import { ApiError } from '../middleware/errors.ts';
import { ownerOnly, staffSession, type ConsoleEnv } from '../middleware/staff-session.ts';
import { isExactOrigin } from '../domain/sessions.ts';
import { newSigningSecret } from '../domain/shop-tokens.ts';
import { findSite, updateSiteSettings } from '../db/sites.ts';
import { addSiteOrigin, removeSiteOrigin, setTokenSecret } from '../db/staff.ts';
import { BRAND_COLOR_MIN_CONTRAST, contrastOnWhite, formatContrast, isBrandColor } from '../brand-color.ts';
import { BLOCKLIST, REPORT_THRESHOLD, isBlocklistWord, type ConsoleSiteSettings } from './console-types.ts';

/** An origin exactly as browsers send it; nothing is normalised, so what is stored is what matches. */
const originBody = z.object({
  origin: z.string('invalid_origin').refine(isExactOrigin, 'invalid_origin'),
});

/** Any of the settings; what is left out stays as it is. */
const siteUpdate = z
  .object({
    eraseMode: z.enum(['anonymise', 'delete'], 'invalid_erase_mode').optional(),
    reportThreshold: z
      .number('invalid_report_threshold')
      .int('invalid_report_threshold')
      .min(REPORT_THRESHOLD.min, 'invalid_report_threshold')
      .max(REPORT_THRESHOLD.max, 'invalid_report_threshold')
      .optional(),
    // Stored as given (lower case is required, not made): what the owner sees is what is matched.
    blocklist: z
      .array(z.string('invalid_blocklist').refine(isBlocklistWord, 'invalid_blocklist'), 'invalid_blocklist')
      .max(BLOCKLIST.maxWords, 'invalid_blocklist')
      .transform((words) => [...new Set(words)])
      .optional(),
    // '' and null both reset: a cleared text box means "Samen's default".
    brandColor: z
      .union([z.null(), z.literal(''), z.string('invalid_brand_color').refine(isBrandColor, 'invalid_brand_color')], 'invalid_brand_color')
      .transform((c) => (c ? c.toLowerCase() : null))
      .optional(),
  })
  .refine(
    (u) => u.eraseMode !== undefined || u.reportThreshold !== undefined || u.blocklist !== undefined || u.brandColor !== undefined,
    'nothing_to_change',
  );

/** Refuses a brand colour white text cannot be read on (checked here so the message can say the measured ratio). */
function checkContrast(color: string | null | undefined): void {
  if (!color) return;
  const ratio = contrastOnWhite(color);
  if (ratio >= BRAND_COLOR_MIN_CONTRAST) return;
  throw new ApiError(
    400,
    'brand_color_low_contrast',
    `${color} has a contrast of ${formatContrast(ratio)}:1 against white; the brand colour needs at least ${BRAND_COLOR_MIN_CONTRAST}:1.`,
  );
}

/** The session's site as the owner sees it: everything but the secret itself. */
async function settings(c: Context<ConsoleEnv>): Promise<ConsoleSiteSettings> {
  const site = await findSite(c.env.DB, c.get('staff').siteId);
  if (!site) throw new ApiError(404, 'site_not_found', 'This site no longer exists.');
  return {
    id: site.id,
    name: site.name,
    defaultLanguage: site.defaultLanguage,
    origins: [...site.origins].sort(),
    eraseMode: site.eraseMode,
    hasTokenSecret: site.tokenSecret !== null,
    reportThreshold: site.reportThreshold,
    blocklist: site.blocklist,
    brandColor: site.brandColor,
  };
}

/**
 * The site's settings (owners only): `/api/v1/console/site…`. `PATCH /site` takes any of
 * `eraseMode`, `reportThreshold` (1–100), `blocklist` (up to 200 lower-case words) and
 * `brandColor` (`#rrggbb` with 4.5:1 contrast on white; null or '' for Samen's default).
 */
export const consoleSiteRoutes = new Hono<ConsoleEnv>()
  .get('/site', staffSession, ownerOnly, async (c) => c.json({ site: await settings(c) }, 200))
  .patch('/site', staffSession, ownerOnly, validate('json', siteUpdate), async (c) => {
    const change = c.req.valid('json');
    checkContrast(change.brandColor);
    await updateSiteSettings(c.env.DB, c.get('staff').siteId, change);
    return c.json({ site: await settings(c) }, 200);
  })
  .post('/site/origins', staffSession, ownerOnly, validate('json', originBody), async (c) => {
    const added = await addSiteOrigin(c.env.DB, c.get('staff').siteId, c.req.valid('json').origin);
    return c.json({ site: await settings(c) }, added ? 201 : 200);
  })
  .delete('/site/origins', staffSession, ownerOnly, validate('json', originBody), async (c) => {
    const removed = await removeSiteOrigin(c.env.DB, c.get('staff').siteId, c.req.valid('json').origin);
    if (!removed) throw new ApiError(404, 'origin_not_found', 'This origin is not registered for your site.');
    return c.json({ site: await settings(c) }, 200);
  })
  .post('/site/rotate-secret', staffSession, ownerOnly, async (c) => {
    // Shown once: only the fact that a secret exists is ever returned again.
    const secret = newSigningSecret();
    await setTokenSecret(c.env.DB, c.get('staff').siteId, secret);
    return c.json({ secret }, 200);
  });
