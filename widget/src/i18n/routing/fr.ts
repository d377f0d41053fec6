import type { RoutingStrings } from './en.ts';

/** "l’équipe de Noordkust Outdoor", "l’équipe d’Aventura". */
const team = (brand: string) => `l’équipe ${/^[aeiouyhâàéèêîïôûAEIOUYHÂÀÉÈÊÎÏÔÛ]/.test(brand) ? 'd’' : 'de '}${brand}`;

export const fr: RoutingStrings = {
  theShop: 'la boutique',
  about: {
    payment: 'un paiement',
    invoice: 'votre facture',
    refund: 'un remboursement',
    order_status: 'votre commande',
    returns: 'un retour',
    warranty: 'une demande de garantie',
    account: 'votre compte',
    complaint: 'un problème rencontré',
  },
  sentPrivately: (brand, about) =>
    `${about ? `Cette question semble concerner ${about}` : 'Cette question semble personnelle'} — nous l’avons envoyée en privé à ${team(brand)}.`,
  sentFromCheckout: (brand, order) => `Nous avons envoyé votre question sur la commande ${order} en privé à ${team(brand)}.`,
  complaint: 'Nous sommes désolés que quelque chose se soit mal passé.',
  staffPromise: (brand, when) => `L${team(brand).slice(1)} vous répondra ${when}.`,
  away: (when) => `L’équipe est absente pour le moment — de retour ${when}.`,
  communityPromise: (within) => `La communauté répond généralement à ce genre de question en ${within} environ.`,
  staffFallback: (brand, when) => `Si personne n’a répondu d’ici là, ${team(brand)} vous répondra ${when}.`,
  askCommunity: 'Non, demander à la communauté',
  moving: 'Un instant…',
  movedPublic: 'Votre question est maintenant publique et figure dans la liste ci-dessous.',
  yourQuestions: 'Vos questions',
  private: 'Privée',
  sent: (brand, when) => `Envoyée à ${team(brand)}${when ? ` — réponse attendue ${when}` : ''}`,
  answered: 'Répondue',
  resolved: 'Résolue',
  replies: 'Réponses de l’équipe',
  newReply: (name, brand) => `Nouvelle réponse de ${name}, de ${team(brand)}.`,
  checkoutHeading: 'Une question sur votre commande ?',
  checkoutIntro: (brand, order) =>
    `Posez votre question sur la commande ${order}. Elle est envoyée en privé à ${team(brand)}, jamais publiée.`,
  checkoutHint: 'Au moins 10 caractères.',
  sendToTeam: 'Envoyer à l’équipe',
  noOrder: 'Cette page n’a pas transmis de numéro de commande valide : impossible d’envoyer une question sur votre commande ici. Veuillez contacter le service client de la boutique.',
  errors: {
    not_private: 'Cette question est déjà publique.',
    already_with_staff: 'L’équipe s’occupe déjà de cette question, elle reste donc chez elle. Sa réponse apparaîtra dans « Vos questions ».',
    checkout_question: 'Les questions sur une commande restent chez l’équipe.',
    not_your_question: 'Seule la personne qui a posé la question peut faire cela.',
    invalid_order_ref: 'Le numéro de commande de cette page n’est pas valide : votre question n’a pas pu être envoyée. Veuillez contacter le service client de la boutique.',
    invalid_time_zone: 'Le fuseau horaire de votre appareil n’a pas été reconnu. Vérifiez ses réglages de date et d’heure, puis réessayez.',
  },
};
