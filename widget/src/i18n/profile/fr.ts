import type { ProfileStrings } from './en.ts';

export const fr: ProfileStrings = {
  levels: { newcomer: 'Nouveau venu', regular: 'Habitué', ambassador: 'Ambassadeur' },
  badges: {
    first_answer: 'Première réponse',
    accepted_10: '10 réponses acceptées',
    top_answerer: 'Meilleur contributeur du mois',
    verified_expert: 'Expert vérifié',
    ambassador: 'Ambassadeur',
  },
  badgesLabel: 'Badges',
  profileOf: (name) => `Profil de ${name}`,
  level: (level) => `Niveau : ${level}`,
  answered: (n, accepted) => `${n === 1 ? 'A répondu à 1 question' : `A répondu à ${n} questions`}, ${accepted} acceptée${accepted === 1 ? '' : 's'}`,
  reviews: (n) => (n === 1 ? '1 avis écrit' : `${n} avis écrits`),
  memberSince: (monthYear) => `Membre depuis ${monthYear}`,
  loading: 'Chargement du profil…',
  failed: 'Impossible de charger ce profil.',
  close: 'Fermer',
};
