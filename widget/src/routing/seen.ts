/**
 * "New answers" on the shopper's own questions: answer counts they had seen, kept in the shop's
 * localStorage (`samen:<site>:seen`). Part of the routing chunk, which every shopper with
 * questions of their own loads (for "Your questions"), so product pages do not pay for it.
 */
import { readSeen, writeSeen } from '../internal/seen-store.ts';
import type { Question } from '../api/client.ts';

/**
 * Ids of own questions with more answers than the counts stored on an earlier visit (none
 * without one). Read before this visit writes anything: call it as the questions load.
 */
export function freshAnswers(site: string, questions: Question[]): string[] {
  const seen = site ? readSeen(site) : null;
  return seen ? questions.filter((q) => q.mine && q.answerCount > (seen[q.id] ?? 0)).map((q) => q.id) : [];
}

/** After an interaction (never on load): stores the answer counts the shopper has now seen. Later entries win. */
export function rememberSeen(site: string, questions: Question[]): void {
  if (!site) return;
  const seen = { ...readSeen(site) };
  for (const q of questions) if (q.mine) seen[q.id] = q.answerCount;
  writeSeen(site, seen);
}
