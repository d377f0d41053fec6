/**
 * Small pure helpers of the queue views: filling a canned response's placeholders and writing a
 * due time so staff read it at a glance. Kept apart from the components so they are easy to test.
 */

/**
 * A canned response with `{{name}}` and `{{product}}` filled in. `name` is the shopper's name or,
 * when staff do not know it, a friendly generic word in the console's language ("Hi there").
 */
export function fillCanned(body: string, values: { name: string; product: string }): string {
  return body.replace(/\{\{\s*(name|product)\s*\}\}/g, (_match, key: 'name' | 'product') => values[key]);
}

const DAY_MS = 24 * 3600e3;

const sameLocalDay = (a: Date, b: Date): boolean =>
  a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/**
 * A due time in the staff member's own zone: "15:30" today, "Thu 09:15" within the week,
 * a date and time beyond that.
 */
export function dueTime(at: number, now: number, locale: string): string {
  const due = new Date(at);
  if (sameLocalDay(due, new Date(now))) return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(due);
  if (Math.abs(at - now) < 6 * DAY_MS) {
    return new Intl.DateTimeFormat(locale, { weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(due);
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(due);
}

/** A moment as date and time, for timelines and messages. */
export function dateTime(at: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
}
