import type { RoutingStrings } from './en.ts';

const team = (brand: string) => `het team van ${brand}`;

export const nl: RoutingStrings = {
  theShop: 'de winkel',
  about: {
    payment: 'een betaling',
    invoice: 'je factuur',
    refund: 'een terugbetaling',
    order_status: 'je bestelling',
    returns: 'een retour',
    warranty: 'een garantieclaim',
    account: 'je account',
    complaint: 'iets dat misging',
  },
  sentPrivately: (brand, about) =>
    `Dit lijkt ${about ? `een vraag over ${about}` : 'een persoonlijke vraag'} — we hebben hem privé naar ${team(brand)} gestuurd.`,
  sentFromCheckout: (brand, order) => `We hebben je vraag over bestelling ${order} privé naar ${team(brand)} gestuurd.`,
  complaint: 'Wat vervelend dat er iets misging.',
  staffPromise: (brand, when) => `Het team van ${brand} antwoordt ${when}.`,
  away: (when) => `Het team is nu afwezig en is er weer ${when}.`,
  communityPromise: (within) => `De community beantwoordt zulke vragen meestal binnen zo’n ${within}.`,
  staffFallback: (brand, when) => `Heeft dan nog niemand geantwoord, dan antwoordt ${team(brand)} ${when}.`,
  askCommunity: 'Nee, vraag het de community',
  moving: 'Bezig…',
  movedPublic: 'Je vraag is nu openbaar en staat hieronder in de lijst.',
  yourQuestions: 'Jouw vragen',
  private: 'Privé',
  sent: (brand, when) => `Verstuurd naar ${team(brand)}${when ? ` — antwoord verwacht ${when}` : ''}`,
  answered: 'Beantwoord',
  resolved: 'Opgelost',
  replies: 'Antwoorden van het team',
  newReply: (name, brand) => `Nieuw antwoord van ${name} van ${team(brand)}.`,
  checkoutHeading: 'Vraag over je bestelling?',
  checkoutIntro: (brand, order) => `Stel een vraag over bestelling ${order}. Je vraag gaat privé naar ${team(brand)}, nooit naar het publiek.`,
  checkoutHint: 'Minstens 10 tekens.',
  sendToTeam: 'Naar het team sturen',
  noOrder: 'Deze pagina gaf geen geldig bestelnummer door, dus een vraag over je bestelling kan hier niet verstuurd worden. Neem contact op met de klantenservice van de winkel.',
  errors: {
    not_private: 'Deze vraag is al openbaar.',
    already_with_staff: 'Het team is al met deze vraag bezig, dus hij blijft bij hen. Hun antwoord verschijnt onder ‘Jouw vragen’.',
    checkout_question: 'Vragen over een bestelling blijven bij het team.',
    not_your_question: 'Alleen wie de vraag stelde kan dit doen.',
    invalid_order_ref: 'Het bestelnummer op deze pagina is niet geldig, dus je vraag kon niet verstuurd worden. Neem contact op met de klantenservice van de winkel.',
    invalid_time_zone: 'De tijdzone van je apparaat werd niet herkend. Controleer de datum- en tijdinstellingen en probeer het opnieuw.',
  },
};
