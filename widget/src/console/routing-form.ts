/**
 * The routing settings form as the owner types it (a draft of strings), and the rules that turn it
 * into {@link RoutingSettings} the API accepts. The console checks them before sending so the owner
 * learns at once which box to fix; the API checks them again.
 */
import { QUEUE_CATEGORIES, ROUTING_LIMITS, type QueueCategory, type RoutingSettings } from './api.ts';

/** Weekdays in the order a European week is read (the API keys them sun…sat). */
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];

export interface Period {
  open: string;
  close: string;
}

export interface RoutingDraft {
  timeZone: string;
  hours: Record<Day, Period[]>;
  /** One date per line. */
  holidays: string;
  window: { hours: string; minutes: string };
  sla: { hours: string; minutes: string };
  /** One keyword or phrase per line, per category. */
  keywords: Record<QueueCategory, string>;
}

/** Opening periods per weekday the API accepts. */
export const MAX_PERIODS_PER_DAY = ROUTING_LIMITS.maxPeriodsPerDay;

export type RoutingErrorCode =
  | 'invalid_time_zone'
  | 'invalid_business_hours'
  | 'invalid_holidays'
  | 'invalid_window'
  | 'invalid_sla'
  | 'invalid_keywords';

/** What is wrong, and the id of the box to move focus to. */
export interface RoutingProblem {
  code: RoutingErrorCode;
  field: string;
}

/** Ids of the form's boxes, shared by the form and {@link routingSettingsOf}. */
export const fieldIds = {
  timeZone: 'routing-time-zone',
  period: (day: Day, index: number, end: 'open' | 'close') => `hours-${day}-${index}-${end}`,
  firstDay: 'hours-mon-add',
  holidays: 'routing-holidays',
  window: 'routing-window-hours',
  sla: 'routing-sla-hours',
  keywords: (category: QueueCategory) => `keywords-${category}`,
} as const;

const splitMinutes = (total: number) => ({ hours: String(Math.floor(total / 60)), minutes: String(total % 60) });

/** The form's boxes filled from saved settings. */
export function draftOf(settings: RoutingSettings): RoutingDraft {
  const hours = Object.fromEntries(
    DAYS.map((d) => [d, (settings.businessHours[d] ?? []).map(([open, close]) => ({ open, close }))]),
  ) as Record<Day, Period[]>;
  const keywords = Object.fromEntries(QUEUE_CATEGORIES.map((c) => [c, (settings.keywords[c] ?? []).join('\n')])) as Record<
    QueueCategory,
    string
  >;
  return {
    timeZone: settings.timeZone,
    hours,
    holidays: settings.holidays.join('\n'),
    window: splitMinutes(settings.communityWindowMinutes),
    sla: splitMinutes(settings.slaMinutes),
    keywords,
  };
}

const HH_MM = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

/** Minutes after midnight of 'HH:MM' ('24:00' is midnight at the end of the day), or null. */
export function minuteOfDay(hhmm: string): number | null {
  const m = HH_MM.exec(hhmm);
  if (!m) return null;
  return Number(m[1] ?? m[3]) * 60 + Number(m[2] ?? m[4]);
}

/** The zone's canonical IANA name ('europe/amsterdam' → 'Europe/Amsterdam'), or null when the browser knows no such zone. */
export function canonicalTimeZone(zone: string): string | null {
  if (!zone.trim()) return null;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone.trim() }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Whether `date` is a real calendar day written YYYY-MM-DD. */
export function isDateKey(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === date;
}

const lines = (text: string): string[] => [
  ...new Set(
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  ),
];

const wholeNumber = (text: string): number | null => {
  const t = text.trim();
  if (!t) return 0;
  return /^\d+$/.test(t) ? Number(t) : null;
};

const minutesOf = (box: { hours: string; minutes: string }): number | null => {
  const [h, m] = [wholeNumber(box.hours), wholeNumber(box.minutes)];
  return h === null || m === null ? null : h * 60 + m;
};

/** Whether a day's periods (as minutes) each open before they close and do not overlap. */
function validDay(periods: [number, number][]): boolean {
  const sorted = [...periods].sort((a, b) => a[0] - b[0]);
  return sorted.every(([open, close], i) => open < close && (i === 0 || open >= sorted[i - 1]![1]));
}

/**
 * The problem with complete settings, or null: the rules the API applies to `PUT /routing`, which
 * the test API uses too.
 */
export function routingProblem(s: RoutingSettings): RoutingErrorCode | null {
  if (canonicalTimeZone(s.timeZone) === null) return 'invalid_time_zone';
  let openDays = 0;
  for (const [day, periods] of Object.entries(s.businessHours)) {
    if (!(DAYS as readonly string[]).includes(day) || !Array.isArray(periods) || periods.length > MAX_PERIODS_PER_DAY) return 'invalid_business_hours';
    const minutes = periods.map(([o, c]) => [minuteOfDay(o), minuteOfDay(c)] as const);
    if (minutes.some(([o, c]) => o === null || c === null)) return 'invalid_business_hours';
    if (!validDay(minutes as [number, number][])) return 'invalid_business_hours';
    if (periods.length) openDays++;
  }
  if (!openDays) return 'invalid_business_hours';
  if (s.holidays.length > ROUTING_LIMITS.maxHolidays || !s.holidays.every(isDateKey)) return 'invalid_holidays';
  const within = (n: number, r: { min: number; max: number }) => Number.isInteger(n) && n >= r.min && n <= r.max;
  if (!within(s.communityWindowMinutes, ROUTING_LIMITS.windowMinutes)) return 'invalid_window';
  if (!within(s.slaMinutes, ROUTING_LIMITS.slaMinutes)) return 'invalid_sla';
  for (const [category, words] of Object.entries(s.keywords)) {
    if (!(QUEUE_CATEGORIES as readonly string[]).includes(category) || !Array.isArray(words)) return 'invalid_keywords';
    if (words.length > ROUTING_LIMITS.maxKeywordsPerCategory) return 'invalid_keywords';
    if (!words.every((w) => typeof w === 'string' && w.trim().length > 0 && w.length <= ROUTING_LIMITS.keywordMax)) return 'invalid_keywords';
  }
  return null;
}

/**
 * The settings the draft describes, or the first problem with it (in the order of the form).
 * Periods left entirely blank are ignored; days without periods are closed.
 */
export function routingSettingsOf(draft: RoutingDraft): { settings: RoutingSettings } | { problem: RoutingProblem } {
  const timeZone = canonicalTimeZone(draft.timeZone);
  if (timeZone === null) return { problem: { code: 'invalid_time_zone', field: fieldIds.timeZone } };

  const businessHours: RoutingSettings['businessHours'] = {};
  for (const day of DAYS) {
    const periods: [string, string][] = [];
    const minutes: [number, number][] = [];
    for (const [index, p] of draft.hours[day].entries()) {
      const [open, close] = [p.open.trim(), p.close.trim()];
      if (!open && !close) continue;
      const [o, c] = [minuteOfDay(open), minuteOfDay(close)];
      if (o === null || o >= 24 * 60) return { problem: { code: 'invalid_business_hours', field: fieldIds.period(day, index, 'open') } };
      if (c === null || c <= o) return { problem: { code: 'invalid_business_hours', field: fieldIds.period(day, index, 'close') } };
      if (!validDay([...minutes, [o, c]])) return { problem: { code: 'invalid_business_hours', field: fieldIds.period(day, index, 'open') } };
      periods.push([open, close]);
      minutes.push([o, c]);
    }
    if (periods.length > MAX_PERIODS_PER_DAY) {
      return { problem: { code: 'invalid_business_hours', field: fieldIds.period(day, MAX_PERIODS_PER_DAY, 'open') } };
    }
    if (periods.length) businessHours[day] = periods.sort((a, b) => minuteOfDay(a[0])! - minuteOfDay(b[0])!);
  }
  if (!Object.keys(businessHours).length) {
    return { problem: { code: 'invalid_business_hours', field: fieldIds.period('mon', 0, 'open') } };
  }

  const holidays = lines(draft.holidays).sort();
  if (holidays.length > ROUTING_LIMITS.maxHolidays || !holidays.every(isDateKey)) {
    return { problem: { code: 'invalid_holidays', field: fieldIds.holidays } };
  }

  const windowMinutes = minutesOf(draft.window);
  const { min: wMin, max: wMax } = ROUTING_LIMITS.windowMinutes;
  if (windowMinutes === null || windowMinutes < wMin || windowMinutes > wMax) return { problem: { code: 'invalid_window', field: fieldIds.window } };
  const slaMinutes = minutesOf(draft.sla);
  const { min: sMin, max: sMax } = ROUTING_LIMITS.slaMinutes;
  if (slaMinutes === null || slaMinutes < sMin || slaMinutes > sMax) return { problem: { code: 'invalid_sla', field: fieldIds.sla } };

  const keywords: RoutingSettings['keywords'] = {};
  for (const category of QUEUE_CATEGORIES) {
    const words = lines(draft.keywords[category]);
    if (words.length > ROUTING_LIMITS.maxKeywordsPerCategory || words.some((w) => w.length > ROUTING_LIMITS.keywordMax)) {
      return { problem: { code: 'invalid_keywords', field: fieldIds.keywords(category) } };
    }
    if (words.length) keywords[category] = words;
  }

  return { settings: { timeZone, businessHours, holidays, communityWindowMinutes: windowMinutes, slaMinutes, keywords } };
}
