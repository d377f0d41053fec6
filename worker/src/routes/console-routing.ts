import { Hono } from 'hono';
import { z } from 'zod';
import { validate } from '../middleware/validate.ts';
import { ApiError } from '../middleware/errors.ts';
import { ownerOnly, staffSession, type ConsoleEnv } from '../middleware/staff-session.ts';
import { WEEKDAYS } from '../domain/time-promise.ts';
import { findSite, updateRoutingSettings, type Site } from '../db/sites.ts';
import { isTimeZone } from './ask.ts';
import { QUEUE_CATEGORIES, ROUTING_LIMITS, type RoutingSettings } from './console-types.ts';

const MINUTE = 60e3;
const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** Intervals of one day: valid clock times, opening before closing, sorted without overlap. */
const dayHours = z
  .array(z.tuple([z.string('invalid_business_hours'), z.string('invalid_business_hours')], 'invalid_business_hours'), 'invalid_business_hours')
  .max(ROUTING_LIMITS.maxPeriodsPerDay, 'invalid_business_hours')
  .refine(
    (intervals) =>
      intervals.every(([open, close]) => CLOCK.test(open) && CLOCK.test(close) && open !== '24:00' && minutesOf(open) < minutesOf(close)) &&
      [...intervals].sort((a, b) => minutesOf(a[0]) - minutesOf(b[0])).every((iv, i, all) => i === 0 || minutesOf(all[i - 1]![1]) <= minutesOf(iv[0])),
    'invalid_business_hours',
  );

const keywordList = z
  .array(z.string('invalid_keywords').trim().toLowerCase().min(1, 'invalid_keywords').max(ROUTING_LIMITS.keywordMax, 'invalid_keywords'), 'invalid_keywords')
  .max(ROUTING_LIMITS.maxKeywordsPerCategory, 'invalid_keywords');

const routingBody = z.object({
  timeZone: z.string('invalid_time_zone').max(64, 'invalid_time_zone').refine(isTimeZone, 'invalid_time_zone'),
  businessHours: z.partialRecord(z.enum(WEEKDAYS, 'invalid_business_hours'), dayHours, 'invalid_business_hours'),
  holidays: z
    .array(z.string('invalid_holidays').regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, 'invalid_holidays'), 'invalid_holidays')
    .max(ROUTING_LIMITS.maxHolidays, 'invalid_holidays'),
  communityWindowMinutes: z
    .number('invalid_window')
    .int('invalid_window')
    .min(ROUTING_LIMITS.windowMinutes.min, 'invalid_window')
    .max(ROUTING_LIMITS.windowMinutes.max, 'invalid_window'),
  slaMinutes: z
    .number('invalid_sla')
    .int('invalid_sla')
    .min(ROUTING_LIMITS.slaMinutes.min, 'invalid_sla')
    .max(ROUTING_LIMITS.slaMinutes.max, 'invalid_sla'),
  keywords: z.partialRecord(z.enum(QUEUE_CATEGORIES, 'invalid_keywords'), keywordList, 'invalid_keywords'),
});

export const routingSettingsOf = (site: Site): RoutingSettings => ({
  timeZone: site.timeZone,
  businessHours: site.businessHours as RoutingSettings['businessHours'],
  holidays: site.holidays,
  communityWindowMinutes: Math.round(site.communityWindowMs / MINUTE),
  slaMinutes: Math.round(site.slaMs / MINUTE),
  keywords: site.triageKeywords,
});

/** How questions reach staff (owners only): `/api/v1/console/routing`. */
export const consoleRoutingRoutes = new Hono<ConsoleEnv>()
  .get('/routing', staffSession, ownerOnly, async (c) => {
    const site = await findSite(c.env.DB, c.get('staff').siteId);
    if (!site) throw new ApiError(404, 'site_not_found', 'This site does not exist.');
    return c.json({ routing: routingSettingsOf(site) }, 200);
  })
  .put('/routing', staffSession, ownerOnly, validate('json', routingBody), async (c) => {
    const r = c.req.valid('json');
    const siteId = c.get('staff').siteId;
    // A week with no opening hours at all would make every promise "never".
    if (!Object.values(r.businessHours).some((day) => day && day.length > 0)) {
      throw new ApiError(400, 'invalid_business_hours', 'Open at least one day a week.');
    }
    const keywords = Object.fromEntries(
      Object.entries(r.keywords).map(([cat, words]) => [cat, [...new Set(words ?? [])]] as const).filter(([, words]) => words.length > 0),
    );
    await updateRoutingSettings(c.env.DB, siteId, {
      timeZone: r.timeZone,
      businessHours: r.businessHours,
      holidays: [...new Set(r.holidays)].sort(),
      communityWindowMs: r.communityWindowMinutes * MINUTE,
      slaMs: r.slaMinutes * MINUTE,
      triageKeywords: keywords,
    });
    const site = await findSite(c.env.DB, siteId);
    return c.json({ routing: routingSettingsOf(site!) }, 200);
  });
