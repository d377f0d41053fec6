/**
 * The Insights period: a preset (the last 7, 30 or 90 days up to today, UTC) or two chosen days.
 * Days are `YYYY-MM-DD` UTC calendar days, both ends included, as the API counts them.
 */

export const PRESETS = [7, 30, 90] as const;
export type Preset = (typeof PRESETS)[number];
/** Longest period the API reports on. */
export const MAX_DAYS = 366;

export type PeriodChoice = { preset: Preset } | { preset: 'custom'; from: string; to: string };

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` of a time (UTC). */
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Milliseconds at the start of a `YYYY-MM-DD` day (UTC), or NaN when it is not a real day. */
export function dayStart(day: string): number {
  if (!DAY.test(day)) return Number.NaN;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) || dayOf(ms) !== day ? Number.NaN : ms;
}

/** Days from `from` to `to`, both included. */
export const daysBetween = (from: string, to: string): number => Math.round((dayStart(to) - dayStart(from)) / DAY_MS) + 1;

/** The days a choice stands for, `now` deciding what "today" is for a preset. */
export function periodOf(choice: PeriodChoice, now: number): { from: string; to: string } {
  if (choice.preset === 'custom') return { from: choice.from, to: choice.to };
  const today = dayStart(dayOf(now));
  return { from: dayOf(today - (choice.preset - 1) * DAY_MS), to: dayOf(today) };
}

export type PeriodProblem = 'missing' | 'order' | 'tooLong';

/** What is wrong with two chosen days, or null when the API will accept them. */
export function periodProblem(from: string, to: string): PeriodProblem | null {
  if (Number.isNaN(dayStart(from)) || Number.isNaN(dayStart(to))) return 'missing';
  if (from > to) return 'order';
  if (daysBetween(from, to) > MAX_DAYS) return 'tooLong';
  return null;
}
