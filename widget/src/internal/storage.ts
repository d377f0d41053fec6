/**
 * The widget's few entries in the shop's localStorage, all under `samen:<site>:<name>`.
 * Storage that is blocked (privacy settings, sandboxed frames) or full reads as empty and
 * swallows writes: every caller copes with that.
 */
const key = (siteId: string, name: string) => `samen:${siteId}:${name}`;

export function readItem(siteId: string, name: string): string | null {
  try {
    return localStorage.getItem(key(siteId, name));
  } catch {
    return null;
  }
}

export function writeItem(siteId: string, name: string, value: string): void {
  try {
    localStorage.setItem(key(siteId, name), value);
  } catch {
    /* blocked or full: the value lives for this page view only */
  }
}
