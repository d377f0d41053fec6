/**
 * Turns what a shopper is typing into an FTS5 query: each word quoted (so no FTS syntax can be
 * injected), any word may match, and the last word as a prefix because they are still typing.
 */
const WORD = /[\p{L}\p{N}]+/gu;
const MAX_WORDS = 12;

export function ftsQuery(typed: string): string | null {
  const words = (typed.normalize('NFC').match(WORD) ?? []).slice(0, MAX_WORDS);
  const useful = words.filter((w, i) => w.length >= 2 || i === words.length - 1);
  if (!useful.length) return null;
  const last = useful.length - 1;
  return useful.map((w, i) => `"${w}"${i === last && w.length >= 2 ? '*' : ''}`).join(' OR ');
}
