import type { ProfileStrings } from './en.ts';

export const nl: ProfileStrings = {
  levels: { newcomer: 'Nieuwkomer', regular: 'Vaste helper', ambassador: 'Ambassadeur' },
  badges: {
    first_answer: 'Eerste antwoord',
    accepted_10: '10 geaccepteerde antwoorden',
    top_answerer: 'Topbeantwoorder van de maand',
    verified_expert: 'Geverifieerde expert',
    ambassador: 'Ambassadeur',
  },
  badgesLabel: 'Badges',
  profileOf: (name) => `Profiel van ${name}`,
  level: (level) => `Niveau: ${level}`,
  answered: (n, accepted) => `${n === 1 ? '1 vraag' : `${n} vragen`} beantwoord, ${accepted} geaccepteerd`,
  reviews: (n) => (n === 1 ? '1 review geschreven' : `${n} reviews geschreven`),
  memberSince: (monthYear) => `Lid sinds ${monthYear}`,
  loading: 'Profiel laden…',
  failed: 'Dit profiel kon niet worden geladen.',
  close: 'Sluiten',
};
