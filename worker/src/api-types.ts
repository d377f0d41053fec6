/**
 * Shapes of API responses, shared with the widget as types only.
 * Kept free of Workers types so the widget's DOM build can import it.
 */

import type { PublicReputation } from './reputation-types.ts';

export type Language = 'en' | 'nl' | 'fr';

export interface SiteInfo {
  id: string;
  name: string;
  defaultLanguage: Language;
  /** The widget shows the Ideas tab (the site's idea board setting). */
  ideas: boolean;
  /** The owner's `#rrggbb` accent for light mode (a page's --samen-accent wins); null for Samen's default. */
  brandColor: string | null;
}

/** How a post's author is shown. Never carries the author's ids or email. */
export interface PublicAuthor {
  /** Display name; null for an anonymous or erased author. */
  authorName: string | null;
  /** 'expert' earns a badge, 'staff' is the brand's team (an answer staff published); null for anonymous visitors. */
  authorRole: 'shopper' | 'expert' | 'staff' | null;
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
  /** The author's level and badges (identified members with a profile); opens their profile card. */
  reputation?: PublicReputation;
}

/** A search-before-ask suggestion: an answered question and the first line of its best answer. */
export interface Suggestion extends Question {
  topAnswer: string | null;
}

/** Said about a post that was just written: published or held for review, and what was masked. */
export interface PostNotice {
  status: 'published' | 'held';
  masked: ('email' | 'phone' | 'iban' | 'card' | 'order')[];
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

// ── Routing to brand staff ─────────────────────────────────────────────────────────────────

/** What a personal question is about (the triage categories). */
export type RoutingCategory = 'payment' | 'invoice' | 'refund' | 'order_status' | 'returns' | 'warranty' | 'account' | 'complaint';

/**
 * When the shopper will hear back, computed from the site's real data. Every `text` is already in
 * the language and time zone the widget sent (`lang`, `timeZone`); the widget puts it in a sentence.
 */
export interface TimePromise {
  /** "The community usually answers questions like this within ~X"; null for private questions. */
  community: { ms: number; value: number; unit: 'minute' | 'hour' | 'day'; text: string; fromData: boolean } | null;
  /** "<Brand>'s team will answer by <text>". */
  staff: { at: number; text: string };
  /** Staff are at work right now (business hours, holidays). */
  openNow: boolean;
  /** When staff are away: when they are back, e.g. "tomorrow before 09:00"; null when open. */
  reopens: { at: number; text: string } | null;
}

/** Said about a question just posted: where it went and what happens next. */
export interface RoutingNotice {
  visibility: 'public' | 'private';
  /** Why a private question went to staff; null for public ones. */
  category: RoutingCategory | null;
  complaint: boolean;
  /** The shopper may still say "No, ask the community" (`POST /questions/:id/community`). */
  canMoveToCommunity: boolean;
  promise: TimePromise;
}

/** A reply from the brand's staff, as the shopper sees it. */
export interface StaffReply {
  id: string;
  body: string;
  /** The staff member's name, e.g. "Sanne". */
  staffName: string;
  createdAt: number;
}

/**
 * One of the shopper's own questions in "Your questions" (`GET /me/questions`): public or
 * private, with the staff thread when the question is with the brand's team.
 */
export interface MyQuestion extends Question {
  visibility: 'public' | 'private';
  channel: 'product' | 'checkout';
  /** The order the checkout passed in, for the asker's own reference. */
  orderRef: string | null;
  staff: {
    /** sent: waiting for the team; answered: the team replied; resolved: closed by the team. */
    status: 'sent' | 'answered' | 'resolved';
    /** When the team will answer (while `sent`). */
    expected: { at: number; text: string } | null;
    replies: StaffReply[];
  } | null;
}
