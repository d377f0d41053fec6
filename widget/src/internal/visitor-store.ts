/**
 * The anonymous visitor id, kept in the shop's localStorage under `samen:<site>:visitor`.
 * It is only ever written when the shopper first posts something (never on page load), and
 * storage that is blocked or full simply means the id lives for this page view only.
 */
const key = (siteId: string) => `samen:${siteId}:visitor`;

export function readVisitorId(siteId: string): string | null {
  try {
    const v = localStorage.getItem(key(siteId));
    return v && /^v_[A-Za-z0-9_-]{20,64}$/.test(v) ? v : null;
  } catch {
    return null;
  }
}

export function createVisitorId(siteId: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  const id = `v_${btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_')}`;
  try {
    localStorage.setItem(key(siteId), id);
  } catch {
    /* storage blocked: keep the id in memory */
  }
  return id;
}
