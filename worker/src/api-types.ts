/**
 * Shapes of API responses, shared with the widget as types only.
 * Kept free of Workers types so the widget's DOM build can import it.
 */

export type Language = 'en' | 'nl' | 'fr';

export interface SiteInfo {
  id: string;
  name: string;
  defaultLanguage: Language;
}

/** How a post's author is shown. Never carries the author's ids or email. */
export interface PublicAuthor {
  /** Display name; null for an anonymous or erased author. */
  authorName: string | null;
  /** 'expert' earns a badge; null for anonymous visitors. */
  authorRole: 'shopper' | 'expert' | null;
  /** The author erased their account; the post stays as "former member". */
  formerMember: boolean;
  /** Written by the viewer making this request. */
  mine: boolean;
}

export interface Question extends PublicAuthor {
  id: string;
  productId: string;
  body: string;
  answerCount: number;
  /** The answer the asker (or the brand) accepted, if any. */
  acceptedAnswerId: string | null;
  createdAt: number;
}

export interface Answer extends PublicAuthor {
  id: string;
  questionId: string;
  body: string;
  helpfulCount: number;
  /** The viewer marked this answer helpful. */
  votedHelpful: boolean;
  accepted: boolean;
  /** The asker said this answer did not help (shown to the asker only). */
  didNotHelp: boolean;
  createdAt: number;
}

/** A search-before-ask suggestion: an answered question and the first line of its best answer. */
export interface Suggestion extends Question {
  topAnswer: string | null;
}

/** Said about a post that was just written: published or held for review, and what was masked. */
export interface PostNotice {
  status: 'published' | 'held';
  masked: ('email' | 'phone' | 'iban' | 'card')[];
}

/** A question an expert could answer, with how long it has waited. */
export interface OpenQuestion extends Question {
  waitingMs: number;
}

/** What the widget knows about the person using it. */
export interface Me {
  kind: 'anonymous' | 'visitor' | 'member';
  name: string | null;
  role: 'shopper' | 'expert' | null;
  /** Products an expert covers. */
  products: string[];
}

export interface QuestionPage {
  questions: Question[];
  nextCursor: string | null;
}

export interface ErrorBody {
  error: { code: string; message: string };
}
