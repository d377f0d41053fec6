/**
 * English strings of the community features that load on first use (answers and votes,
 * reports, search, suggestions, open questions, post notices): they travel with those lazy
 * chunks instead of the core every product page loads. The shape the other locales must match.
 */
export const en = {
  searching: 'Searching…',
  searchResults: (n: number) =>
    n === 0 ? 'No questions match your search.' : n === 1 ? '1 question matches your search' : `${n} questions match your search`,
  similarQuestions: 'Similar questions',
  similarFound: (n: number) => (n === 1 ? '1 similar question already has answers' : `${n} similar questions already have answers`),
  topAnswer: 'Top answer:',
  heldQuestion: 'Thanks! Your question will appear after a quick review.',
  heldAnswer: 'Thanks! Your answer will appear after a quick review.',
  /** `things` is a list such as "an email address and a phone number". */
  masked: (things: string) => `We hid ${things} to protect your privacy.`,
  maskedKinds: { email: 'an email address', phone: 'a phone number', iban: 'a bank account number', card: 'a card number', order: 'an order number' },
  helpful: 'Helpful',
  helpfulCount: (n: number) => (n === 1 ? '1 person found this helpful' : `${n} people found this helpful`),
  acceptAnswer: 'Accept answer',
  acceptedAnswer: 'Accepted answer',
  notHelpful: 'This did not help',
  notHelpfulNoted: 'Thanks for telling us. The brand’s team will take a look.',
  reportReason: 'Reason',
  reasons: { spam: 'Spam', offensive: 'Offensive', off_topic: 'Off-topic', personal_data: 'Personal data' },
  sendReport: 'Send report',
  reportThanks: 'Thank you for reporting this. Our team will review it.',
  reportHidden: 'Thank you. It is hidden while our team reviews it.',
  openQuestions: 'Open questions',
  openChats: 'Open chats',
  noOpenQuestions: 'No open questions right now. Thank you for helping!',
  /** `time` is a duration such as "3 days". */
  waiting: (time: string) => `waiting ${time}`,
  errors: {
    answer_not_found: 'This answer no longer exists.',
    own_answer: 'You cannot mark your own answer as helpful.',
    not_your_question: 'Only the person who asked can do this.',
    invalid_reason: 'Please choose a reason.',
    experts_only: 'Open questions are only for the brand’s experts.',
  },
};

export type CommunityStrings = typeof en;
