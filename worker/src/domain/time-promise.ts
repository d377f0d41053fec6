/**
 * The two-part time promise shown right after a question is posted: how soon the community
 * usually answers (a median of real data), and by when the brand's team will answer (business
 * hours in the site's time zone, holidays skipped, plus the queue ahead).
 *
 * All dates go through Intl.DateTimeFormat with an explicit `timeZone`, so the same code gives the
 * right answer in any zone and across daylight-saving changes without a date library.
 */

const MINUTE = 60e3;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------------------------
// Community: median time to first answer
// ---------------------------------------------------------------------------------------------

/** Below this many answered questions a median says more about luck than about the community. */
export const MIN_COMMUNITY_SAMPLES = 5;

export type EstimateUnit = 'minute' | 'hour' | 'day';

export interface CommunityEstimate {
  /** The rounded estimate in milliseconds (`value` × `unit`). */
  ms: number;
  value: number;
  unit: EstimateUnit;
  /** `median` when computed from data, `default` when there were too few data points. */
  source: 'median' | 'default';
  /** How many usable delays the estimate is based on. */
  samples: number;
}

/**
 * Median time to first answer, rounded to what a person would say ("~15 minutes", "~3 hours",
 * "~2 days"). With fewer than `minSamples` usable delays, `fallbackMs` is used instead.
 *
 * @param firstAnswerDelaysMs delays from posting to the first answer; negative or non-finite values are ignored.
 */
export function communityEstimate(firstAnswerDelaysMs: readonly number[], fallbackMs: number, minSamples = MIN_COMMUNITY_SAMPLES): CommunityEstimate {
  const delays = firstAnswerDelaysMs.filter((d) => Number.isFinite(d) && d >= 0).sort((a, b) => a - b);
  const enough = delays.length >= minSamples && delays.length > 0;
  const raw = enough ? median(delays) : fallbackMs;
  return { ...roundToHumanUnit(raw), source: enough ? 'median' : 'default', samples: delays.length };
}

function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Minutes in steps of five below the hour (never under five: "within ~0 minutes" promises too
 * much), whole hours below a day, then whole days.
 */
export function roundToHumanUnit(ms: number): Pick<CommunityEstimate, 'ms' | 'value' | 'unit'> {
  const safe = Number.isFinite(ms) && ms > 0 ? ms : 0;
  const minutes = Math.max(5, Math.round(safe / MINUTE / 5) * 5);
  if (minutes < 60) return { ms: minutes * MINUTE, value: minutes, unit: 'minute' };
  const hours = Math.max(1, Math.round(safe / HOUR));
  if (hours < 24) return { ms: hours * HOUR, value: hours, unit: 'hour' };
  const days = Math.round(safe / DAY);
  return { ms: days * DAY, value: days, unit: 'day' };
}

/** "15 minutes" / "15 minuten" / "15 minutes", "3 hours" / "3 uur" / "3 heures": unit names come from Intl. */
export function formatEstimate(estimate: Pick<CommunityEstimate, 'value' | 'unit'>, lang: PromiseLang): string {
  return new Intl.NumberFormat(LOCALES[lang], { style: 'unit', unit: estimate.unit, unitDisplay: 'long' }).format(estimate.value);
}

// ---------------------------------------------------------------------------------------------
// Staff: business hours in the site's time zone
// ---------------------------------------------------------------------------------------------

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * Opening intervals per weekday as local 'HH:MM' times in the site's time zone; a day left out is
 * closed. Several intervals allow a lunch break; '24:00' closes at midnight. Intervals do not
 * cross midnight: split them over two days.
 */
export type BusinessHours = Partial<Record<Weekday, readonly (readonly [open: string, close: string])[]>>;

/** Monday to Friday, 09:00–17:30: what most shops' service desks keep. */
export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  mon: [['09:00', '17:30']],
  tue: [['09:00', '17:30']],
  wed: [['09:00', '17:30']],
  thu: [['09:00', '17:30']],
  fri: [['09:00', '17:30']],
};

export interface StaffDeadlineInput {
  now: number;
  businessHours: BusinessHours;
  /** IANA zone of the site, e.g. 'Europe/Amsterdam'. */
  timeZone: string;
  /** Closed days as local 'YYYY-MM-DD' dates in the site's zone. */
  holidays?: readonly string[];
  /** The site's first-response target, in business time. */
  slaMs: number;
  /** Items already waiting for staff. */
  queueAhead?: number;
  /** Business time staff spend per waiting item. */
  perItemMs?: number;
}

// A year and a bit: enough for any holiday list, and a bound so a calendar that is never open cannot loop.
const MAX_DAYS_AHEAD = 400;

/**
 * The moment by which staff will have answered: the SLA plus the queue ahead, counted in business
 * time only. Time is counted in real elapsed milliseconds between local opening and closing
 * instants, so a daylight-saving change inside opening hours is neither gained nor lost.
 */
export function staffDeadline({ now, businessHours, timeZone, holidays = [], slaMs, queueAhead = 0, perItemMs = 0 }: StaffDeadlineInput): number {
  const work = Math.max(0, slaMs) + Math.max(0, Math.floor(queueAhead)) * Math.max(0, perItemMs);
  return addBusinessTime(now, work, businessHours, timeZone, holidays);
}

/** The next moment staff are at work: `now` itself when open. */
export function nextOpening(now: number, businessHours: BusinessHours, timeZone: string, holidays: readonly string[] = []): number {
  return addBusinessTime(now, 0, businessHours, timeZone, holidays);
}

/** Whether staff are at work at `now`, for "We're closed now" in the widget. */
export function isOpen(now: number, businessHours: BusinessHours, timeZone: string, holidays: readonly string[] = []): boolean {
  const local = partsIn(now, timeZone);
  if (holidays.includes(dateKey(local))) return false;
  const minute = local.hour * 60 + local.minute + local.second / 60;
  return intervalsOf(businessHours, WEEKDAYS[local.weekday]!).some(([open, close]) => open <= minute && minute < close);
}

function addBusinessTime(start: number, workMs: number, businessHours: BusinessHours, timeZone: string, holidays: readonly string[]): number {
  if (!WEEKDAYS.some((d) => intervalsOf(businessHours, d).length)) throw new RangeError('Business hours are closed every day');
  const closed = new Set(holidays);
  const first = partsIn(start, timeZone);
  let remaining = workMs;
  for (let i = 0; i < MAX_DAYS_AHEAD; i++) {
    // Calendar arithmetic on a UTC date: the civil date, free of any zone's offset.
    const date = new Date(Date.UTC(first.year, first.month - 1, first.day + i));
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    if (closed.has(dateKey({ year: y, month: m, day: d }))) continue;
    for (const [open, close] of intervalsOf(businessHours, WEEKDAYS[date.getUTCDay()]!)) {
      const from = Math.max(start, zonedTime(y, m, d, open, timeZone));
      const to = zonedTime(y, m, d, close, timeZone);
      if (from >= to) continue;
      if (remaining <= to - from) return from + remaining;
      remaining -= to - from;
    }
  }
  throw new RangeError(`No business hours within ${MAX_DAYS_AHEAD} days`);
}

const HH_MM = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

/** The day's intervals as minutes after local midnight; malformed hours are an error, not a silent closure. */
function intervalsOf(businessHours: BusinessHours, day: Weekday): [number, number][] {
  return (businessHours[day] ?? []).map(([open, close]) => {
    const [o, c] = [minuteOfDay(open), minuteOfDay(close)];
    if (o >= c) throw new RangeError(`Business hours on ${day}: ${open}–${close} must open before they close`);
    return [o, c];
  });
}

function minuteOfDay(hhmm: string): number {
  const m = HH_MM.exec(hhmm);
  if (!m) throw new RangeError(`Not a time of day (HH:MM): ${hhmm}`);
  return Number(m[1] ?? m[3]) * 60 + Number(m[2] ?? m[4]);
}

// ---------------------------------------------------------------------------------------------
// Time zones through Intl
// ---------------------------------------------------------------------------------------------

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday, as Date#getDay. */
  weekday: number;
}

// Creating a DateTimeFormat is costly next to using one; a site has one zone, a shopper one more.
const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(instant: number, timeZone: string): LocalParts {
  let fmt = partFormatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partFormatters.set(timeZone, fmt);
  }
  const p: Record<string, number> = {};
  for (const { type, value } of fmt.formatToParts(instant)) if (type !== 'literal') p[type] = Number(value);
  const [year, month, day] = [p.year!, p.month!, p.day!];
  return { year, month, day, hour: p.hour!, minute: p.minute!, second: p.second!, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay() };
}

/** How far the zone's wall clock is ahead of UTC at `instant`, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const p = partsIn(instant, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which the zone's wall clock shows the given local date and minute. Times that
 * occur twice (autumn) take the earlier; times that do not exist (the hour skipped in spring)
 * move later by the skipped amount — Temporal's "compatible" disambiguation.
 */
function zonedTime(year: number, month: number, day: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, 0, minute);
  // Offsets a day either side bracket at most one transition: zones never change twice in two days.
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  if (before === after) return wall - before;
  const readBefore = wall - before;
  const readAfter = wall - after;
  const beforeValid = offsetAt(readBefore, timeZone) === before;
  const afterValid = offsetAt(readAfter, timeZone) === after;
  // Only the new offset fits: a time after the change. Otherwise the old offset: a time before the
  // change, the earlier of two in an overlap, or the gap moved later.
  return afterValid && !beforeValid ? readAfter : readBefore;
}

function dateKey(p: Pick<LocalParts, 'year' | 'month' | 'day'>): string {
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Wording of the staff promise
// ---------------------------------------------------------------------------------------------

export type PromiseLang = 'en' | 'nl' | 'fr';

const LOCALES: Record<PromiseLang, string> = { en: 'en-GB', nl: 'nl-NL', fr: 'fr-FR' };

// The three words Intl has no field for. Weekday and month names come from Intl.
const WORDS: Record<PromiseLang, { today: string; tomorrow: string; before: string }> = {
  en: { today: 'today', tomorrow: 'tomorrow', before: 'before' },
  nl: { today: 'vandaag', tomorrow: 'morgen', before: 'vóór' },
  fr: { today: "aujourd'hui", tomorrow: 'demain', before: 'avant' },
};

/** Promises read better on round times, and rounding up keeps them. */
export const PROMISE_ROUNDING_MS = 15 * MINUTE;

export interface FormattedPromise {
  /** "today before 15:30", "morgen vóór 11:00", "lundi avant 10h00", "Monday 9 November before 10:00". */
  text: string;
  /** Which form the day took, for a UI that composes its own sentence. */
  day: 'today' | 'tomorrow' | 'weekday' | 'date';
  /** The time as written in `text`: "15:30" (en, nl) or "15h30" (fr). */
  time: string;
}

/**
 * The staff deadline in the shopper's language and time zone. The deadline is rounded up to the
 * quarter hour (`roundingMs`); within six days the day is named, further out the date is written.
 * Pair it with {@link isOpen} to tell the shopper when staff are away.
 */
export function formatPromise(deadline: number, now: number, lang: PromiseLang, shopperTimeZone: string, roundingMs = PROMISE_ROUNDING_MS): FormattedPromise {
  // Rounding the instant rounds the local time too: every zone's offset is a multiple of 15 minutes.
  const at = roundingMs > 0 ? Math.ceil(deadline / roundingMs) * roundingMs : deadline;
  const target = partsIn(at, shopperTimeZone);
  const today = partsIn(now, shopperTimeZone);
  const days = Math.round((Date.UTC(target.year, target.month - 1, target.day) - Date.UTC(today.year, today.month - 1, today.day)) / DAY);

  const hh = String(target.hour).padStart(2, '0');
  const mm = String(target.minute).padStart(2, '0');
  const time = lang === 'fr' ? `${hh}h${mm}` : `${hh}:${mm}`;

  const words = WORDS[lang];
  let day: FormattedPromise['day'];
  let dayText: string;
  if (days <= 0) [day, dayText] = ['today', words.today];
  else if (days === 1) [day, dayText] = ['tomorrow', words.tomorrow];
  else if (days < 7) [day, dayText] = ['weekday', dateText(at, lang, shopperTimeZone, { weekday: 'long' })];
  else [day, dayText] = ['date', dateText(at, lang, shopperTimeZone, { weekday: 'long', day: 'numeric', month: 'long' })];

  return { text: `${dayText} ${words.before} ${time}`, day, time };
}

function dateText(instant: number, lang: PromiseLang, timeZone: string, fields: Intl.DateTimeFormatOptions): string {
  // en-GB writes "Monday, 9 November" in some ICU versions; the sentence reads better without the comma.
  return new Intl.DateTimeFormat(LOCALES[lang], { ...fields, timeZone }).format(instant).replace(',', '');
}
