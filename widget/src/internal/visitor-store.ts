/**
 * The anonymous visitor id, kept in the shop's localStorage under `samen:<site>:visitor`.
 * It is only ever written when the shopper first writes something (a post, a vote, a report;
 * never on page load), and storage that is blocked or full simply means the id lives for this
 * page view only.
 */
import { readItem, writeItem } from './storage.ts';

export function readVisitorId(siteId: string): string | null {
  const v = readItem(siteId, 'visitor');
  return v && /^v_[A-Za-z0-9_-]{20,64}$/.test(v) ? v : null;
}

export function createVisitorId(siteId: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  const id = `v_${btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_')}`;
  writeItem(siteId, 'visitor', id);
  return id;
}
