import type { CommunityStrings } from './en.ts';

export const fr: CommunityStrings = {
  searching: 'Recherche…',
  searchResults: (n) =>
    n === 0
      ? 'Aucune question ne correspond à votre recherche.'
      : n === 1
        ? '1 question correspond à votre recherche'
        : `${n} questions correspondent à votre recherche`,
  similarQuestions: 'Questions similaires',
  similarFound: (n) => (n === 1 ? '1 question similaire a déjà des réponses' : `${n} questions similaires ont déjà des réponses`),
  topAnswer: 'Meilleure réponse :',
  heldQuestion: 'Merci ! Votre question apparaîtra après une brève vérification.',
  heldAnswer: 'Merci ! Votre réponse apparaîtra après une brève vérification.',
  masked: (things) => `Nous avons masqué ${things} pour protéger votre vie privée.`,
  maskedKinds: {
    email: 'une adresse e-mail',
    phone: 'un numéro de téléphone',
    iban: 'un numéro de compte bancaire',
    card: 'un numéro de carte',
    order: 'un numéro de commande',
  },
  helpful: 'Utile',
  helpfulCount: (n) => (n === 1 ? '1 personne a trouvé cela utile' : `${n} personnes ont trouvé cela utile`),
  acceptAnswer: 'Accepter la réponse',
  acceptedAnswer: 'Réponse acceptée',
  notHelpful: 'Cela ne m’a pas aidé',
  notHelpfulNoted: 'Merci de nous l’avoir signalé. L’équipe de la marque va s’en occuper.',
  reportReason: 'Motif',
  reasons: { spam: 'Spam', offensive: 'Offensant', off_topic: 'Hors sujet', personal_data: 'Données personnelles' },
  sendReport: 'Envoyer le signalement',
  reportThanks: 'Merci pour votre signalement. Notre équipe va l’examiner.',
  reportHidden: 'Merci. Le contenu est masqué pendant que notre équipe l’examine.',
  openQuestions: 'Questions ouvertes',
  openChats: 'Discussions ouvertes',
  noOpenQuestions: 'Aucune question ouverte pour le moment. Merci de votre aide !',
  waiting: (time) => `en attente depuis ${time}`,
  errors: {
    answer_not_found: 'Cette réponse n’existe plus.',
    own_answer: 'Vous ne pouvez pas marquer votre propre réponse comme utile.',
    not_your_question: 'Seule la personne qui a posé la question peut faire cela.',
    invalid_reason: 'Choisissez un motif.',
    experts_only: 'Les questions ouvertes sont réservées aux experts de la marque.',
  },
};
