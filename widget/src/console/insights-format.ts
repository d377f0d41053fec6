/**
 * Numbers, rates, durations and days for the Insights view, with Intl in the console's language.
 * Days are UTC calendar days, so they are formatted in UTC (never shifted by the browser's zone).
 */
import { dayStart } from './insights-period.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const made = new Map<string, InsightsFormat>();

/** The formatters of one language (made once per language). */
export function insightsFormat(locale: string): InsightsFormat {
  let fmt = made.get(locale);
  if (!fmt) made.set(locale, (fmt = makeFormat(locale)));
  return fmt;
}

function makeFormat(locale: string) {
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const unit = (u: 'minute' | 'hour' | 'day', digits: number) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'long', maximumFractionDigits: digits });
  const minutes = unit('minute', 0);
  const hours = unit('hour', 1);
  const days = unit('day', 1);
  const dayLong = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
  const dayShort = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'short' });
  return {
    number: (n: number): string => integer.format(n),
    percent: (rate: number): string => percent.format(rate),
    /** A duration in the largest unit that keeps it readable: "45 minutes", "3.5 hours", "2 days". */
    duration(ms: number): string {
      if (ms < HOUR) return minutes.format(Math.max(ms / MINUTE, ms > 0 ? 1 : 0));
      if (ms < 2 * DAY) return hours.format(ms / HOUR);
      return days.format(ms / DAY);
    },
    /** "1 – 30 November 2025" for a period of `YYYY-MM-DD` days. */
    period: (from: string, to: string): string => dayLong.formatRange(dayStart(from), dayStart(to)),
    /** "3 November 2025" for a time. */
    day: (ms: number): string => dayLong.format(ms),
    /** "3 Nov" for a chart axis. */
    shortDay: (ms: number): string => dayShort.format(ms),
  };
}

export type InsightsFormat = ReturnType<typeof makeFormat>;
