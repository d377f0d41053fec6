/**
 * Turns what a shopper is typing into an FTS5 query: each word quoted (so no FTS syntax can be
 * injected), any word may match, and the last word as a prefix because they are still typing.
 */
const WORD = /[\p{L}\p{N}]+/gu;
const MAX_WORDS = 12;

/**
 * Words too common to tell questions apart (English, Dutch, French). Matching on them makes
 * every question a candidate and the ranking slow, and adds nothing to relevance.
 */
const STOPWORDS = new Set(
  (
    'a an and are as at be but by can do does for from has have how i if in is it its my of on or so than that the their ' +
    'there this to was what when where which who will with would you your ' +
    'aan al als bij dat de deze die dit doen een en er geen het hij hoe ik in is je jij kan kun me met mijn na naar niet ' +
    'nog of om ook op over te tot u uit van voor wat wel wie zijn ' +
    'au aux avec ce ces dans de des du elle en est et il ils je la le les leur ma mais me mes mon ne nous on ou par pas ' +
    'pour qu que qui sa se ses son sont sur ta te tu un une vous'
  ).split(' '),
);

export function ftsQuery(typed: string): string | null {
  const words = (typed.normalize('NFC').match(WORD) ?? []).slice(0, MAX_WORDS);
  // The word being typed (the last) is kept even when short or common: it may still grow.
  const last = words.length - 1;
  const useful = words.filter((w, i) => i === last || (w.length >= 2 && !STOPWORDS.has(w.toLowerCase())));
  if (!useful.length) return null;
  const typing = useful.length - 1;
  return useful.map((w, i) => `"${w}"${i === typing && w.length >= 2 ? '*' : ''}`).join(' OR ');
}
