/**
 * The console's live chat panel in English, Dutch and French (kept apart from the main console
 * strings, which other views share).
 */
import type { Language } from '../../i18n/index.ts';

const en = {
  heading: 'Live chat',
  conversation: 'Conversation',
  message: 'Message',
  send: 'Send',
  sendHint: 'Enter sends; Shift+Enter starts a new line. The shopper sees your name.',
  loading: 'Loading the conversation…',
  loadError: 'We could not load the conversation.',
  retry: 'Try again',
  empty: 'No messages yet.',
  shopper: 'Shopper',
  roles: { shopper: 'shopper', staff: 'team', expert: 'expert', system: 'Samen' },
  who: (name: string, role: string) => `${name} (${role})`,
  sending: 'Sending…',
  seen: 'Seen',
  attachment: (name: string, size: string) => `${name} (${size})`,
  size: (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`),
  typing: (name: string) => `${name} is typing…`,
  present: (names: string) => `In this chat: ${names}`,
  nobodyElse: 'Nobody else is in the chat right now. Your messages wait for the shopper, and go to your email system if the shop set that up.',
  states: {
    connecting: 'Connecting…',
    live: 'Live',
    reconnecting: 'Connection lost. Reconnecting… Your messages are kept and sent when it is back.',
  },
  joined: (name: string) => `${name} joined the chat.`,
  left: (name: string) => `${name} left the chat.`,
  newMessage: (name: string) => `New message from ${name}.`,
  errors: {
    message_empty: 'Write a message first.',
    message_too_long: 'A message can have at most 5,000 characters.',
    rate_limited: 'Too many messages at once. It will be sent again in a moment.',
    generic: 'This message could not be sent.',
  },
};

export type ConsoleChatStrings = typeof en;

const nl: ConsoleChatStrings = {
  heading: 'Livechat',
  conversation: 'Gesprek',
  message: 'Bericht',
  send: 'Versturen',
  sendHint: 'Enter verstuurt; Shift+Enter begint een nieuwe regel. De klant ziet je naam.',
  loading: 'Gesprek laden…',
  loadError: 'We konden het gesprek niet laden.',
  retry: 'Opnieuw proberen',
  empty: 'Nog geen berichten.',
  shopper: 'Klant',
  roles: { shopper: 'klant', staff: 'team', expert: 'expert', system: 'Samen' },
  who: (name, role) => `${name} (${role})`,
  sending: 'Versturen…',
  seen: 'Gezien',
  attachment: (name, size) => `${name} (${size})`,
  size: (bytes) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} kB` : `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`),
  typing: (name) => `${name} is aan het typen…`,
  present: (names) => `In dit gesprek: ${names}`,
  nobodyElse: 'Er is nu niemand anders in het gesprek. Je berichten wachten op de klant, en gaan naar je e-mailsysteem als de winkel dat heeft ingesteld.',
  states: {
    connecting: 'Verbinden…',
    live: 'Live',
    reconnecting: 'Verbinding verbroken. Opnieuw verbinden… Je berichten blijven bewaard en gaan weg zodra ze terug is.',
  },
  joined: (name) => `${name} is het gesprek binnengekomen.`,
  left: (name) => `${name} heeft het gesprek verlaten.`,
  newMessage: (name) => `Nieuw bericht van ${name}.`,
  errors: {
    message_empty: 'Schrijf eerst een bericht.',
    message_too_long: 'Een bericht mag hoogstens 5.000 tekens hebben.',
    rate_limited: 'Te veel berichten tegelijk. Het wordt zo opnieuw verstuurd.',
    generic: 'Dit bericht kon niet worden verstuurd.',
  },
};

const fr: ConsoleChatStrings = {
  heading: 'Chat en direct',
  conversation: 'Conversation',
  message: 'Message',
  send: 'Envoyer',
  sendHint: 'Entrée envoie ; Maj+Entrée passe à la ligne. Le client voit votre nom.',
  loading: 'Chargement de la conversation…',
  loadError: 'Impossible de charger la conversation.',
  retry: 'Réessayer',
  empty: 'Pas encore de messages.',
  shopper: 'Client',
  roles: { shopper: 'client', staff: 'équipe', expert: 'expert', system: 'Samen' },
  who: (name, role) => `${name} (${role})`,
  sending: 'Envoi…',
  seen: 'Vu',
  attachment: (name, size) => `${name} (${size})`,
  size: (bytes) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} Ko` : `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} Mo`),
  typing: (name) => `${name} est en train d’écrire…`,
  present: (names) => `Dans cette conversation : ${names}`,
  nobodyElse: 'Personne d’autre n’est dans la conversation pour l’instant. Vos messages attendent le client, et partent vers votre système d’e-mails si la boutique l’a configuré.',
  states: {
    connecting: 'Connexion…',
    live: 'En direct',
    reconnecting: 'Connexion perdue. Reconnexion… Vos messages sont conservés et partiront dès son retour.',
  },
  joined: (name) => `${name} a rejoint la conversation.`,
  left: (name) => `${name} a quitté la conversation.`,
  newMessage: (name) => `Nouveau message de ${name}.`,
  errors: {
    message_empty: 'Écrivez d’abord un message.',
    message_too_long: 'Un message peut contenir au plus 5 000 caractères.',
    rate_limited: 'Trop de messages à la fois. Il sera renvoyé dans un instant.',
    generic: 'Ce message n’a pas pu être envoyé.',
  },
};

/** The chat panel's strings per console language. */
export const consoleChatStrings: Record<Language, ConsoleChatStrings> = { en, nl, fr };
