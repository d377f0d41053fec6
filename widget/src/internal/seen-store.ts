/**
 * How many answers the shopper has seen on each of their own questions, kept in the shop's
 * localStorage under `samen:<site>:seen` (question id → answer count) so "New answers" can be
 * shown on the next visit. Read on load; written only after the shopper interacted.
 */
import { readItem, writeItem } from './storage.ts';

export type SeenCounts = Record<string, number>;

/** The stored counts, or null when nothing (valid) was stored: no visit to compare with. */
export function readSeen(siteId: string): SeenCounts | null {
  try {
    const v: unknown = JSON.parse(readItem(siteId, 'seen') ?? '0');
    return v && typeof v === 'object' ? (v as SeenCounts) : null;
  } catch {
    return null;
  }
}

/** Stores the counts (the last 100 questions). */
export function writeSeen(siteId: string, seen: SeenCounts): void {
  writeItem(siteId, 'seen', JSON.stringify(Object.fromEntries(Object.entries(seen).slice(-100))));
}
