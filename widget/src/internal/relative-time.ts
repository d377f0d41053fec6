const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600e3],
  ['month', 30 * 24 * 3600e3],
  ['week', 7 * 24 * 3600e3],
  ['day', 24 * 3600e3],
  ['hour', 3600e3],
  ['minute', 60e3],
];

/** "3 days ago", "il y a 2 heures", "zojuist"-style text in the widget's language, with no library. */
export function relativeTime(then: number, now: number, lang: string): string {
  const fmt = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  const diff = then - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return fmt.format(Math.round(diff / ms), unit);
  }
  return fmt.format(0, 'second');
}
