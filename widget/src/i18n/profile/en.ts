import type { BadgeKey, LevelKey } from '../../../../worker/src/reputation-types.ts';

/** Reputation next to authors' names and the profile card, in English (travels with the community chunk). */
export const en = {
  levels: { newcomer: 'Newcomer', regular: 'Regular', ambassador: 'Ambassador' } satisfies Record<LevelKey, string>,
  badges: {
    first_answer: 'First answer',
    accepted_10: '10 accepted answers',
    top_answerer: 'Top answerer this month',
    verified_expert: 'Verified expert',
    ambassador: 'Ambassador',
  } satisfies Record<BadgeKey, string>,
  /** The list of an author's badges. */
  badgesLabel: 'Badges',
  /** The dialog's accessible name. */
  profileOf: (name: string) => `Profile of ${name}`,
  level: (level: string) => `Level: ${level}`,
  answered: (n: number, accepted: number) =>
    `${n === 1 ? 'Answered 1 question' : `Answered ${n} questions`}, ${accepted} accepted`,
  reviews: (n: number) => (n === 1 ? '1 review written' : `${n} reviews written`),
  memberSince: (monthYear: string) => `Member since ${monthYear}`,
  loading: 'Loading profile…',
  failed: 'This profile could not be loaded.',
  close: 'Close',
};

export type ProfileStrings = typeof en;
