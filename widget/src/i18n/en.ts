import type { Language } from '../../../worker/src/api-types.ts';

/** English strings; the shape every other locale must match. */
export const en = {
  /** The language these strings are in (for dates, lists and the strings loaded later). */
  lang: 'en' as Language,
  widgetLabel: 'Community and support',
  tabQuestions: 'Questions',
  tabReviews: 'Reviews',
  tabChat: 'Chat',
  tabIdeas: 'Ideas',
  openChat: 'Open the chat',
  questionsHeading: 'Questions about this product',
  loading: 'Loading questions…',
  empty: 'No questions yet. Be the first to ask about this product.',
  loadError: 'We could not load the questions.',
  retry: 'Try again',
  unavailable: 'Questions and answers are not available on this site.',
  askHeading: 'Ask a question',
  yourQuestion: 'Your question',
  questionHint: 'Other shoppers, our experts and the brand can answer. At least 10 characters.',
  yourName: 'Your name (optional)',
  postQuestion: 'Post question',
  posting: 'Posting…',
  questionPosted: 'Your question is posted. We will show answers here.',
  answer: 'Answer',
  yourAnswer: 'Your answer',
  postAnswer: 'Post answer',
  cancel: 'Cancel',
  answerPosted: 'Your answer is posted. Thank you for helping!',
  hideAnswers: 'Hide answers',
  showAnswers: (n: number) => (n === 1 ? 'Show 1 answer' : `Show ${n} answers`),
  answerCount: (n: number) => (n === 0 ? 'No answers yet' : n === 1 ? '1 answer' : `${n} answers`),
  loadingAnswers: 'Loading answers…',
  anonymous: 'Anonymous shopper',
  tokenRefused: 'We could not confirm your shop account, so you are browsing as a guest.',
  postingAs: (name: string) => `Posting as ${name}`,
  /** The shop's name: <samen-widget> fills it in once it knows the site ("Noordkust Outdoor team"). */
  brand: '',
  /** Badge on an answer the brand's own team published. */
  staffTeam: (brand: string) => `${brand} team`,
  expert: 'Expert',
  formerMember: 'Former member',
  you: 'you',
  moreQuestions: 'Show more questions',
  searchQuestions: 'Search questions',
  newAnswers: 'New answers',
  report: 'Report',
  errors: {
    question_too_short: 'Please write at least 10 characters so others understand your question.',
    question_too_long: 'Please keep your question under 2,000 characters.',
    answer_too_short: 'Please write at least 2 characters.',
    answer_too_long: 'Please keep your answer under 5,000 characters.',
    name_too_long: 'Please use a name of at most 60 characters.',
    network: 'No connection to the service. Check your internet connection and try again.',
    question_not_found: 'This question no longer exists.',
    rate_limited: 'You are going a little fast. Please wait a few minutes and try again.',
    generic: 'Something went wrong. Please try again.',
  },
};

export type Strings = typeof en;
export type ErrorCode = keyof Strings['errors'];
