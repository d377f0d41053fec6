/**
 * Shapes of the staff console API's responses, shared with the console app as types only.
 * Free of Workers types so the widget's DOM build can import it.
 */
import type { Language } from '../api-types.ts';

export type StaffRole = 'owner' | 'agent';
export type EraseMode = 'anonymise' | 'delete';

/** Who is signed in. */
export interface ConsoleStaff {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
}

/** `POST /session` and `GET /session`. */
export interface ConsoleSession {
  staff: ConsoleStaff;
  site: { id: string; name: string };
}

/** A question as staff see it: the member's `authorSub` (null for visitors and erased authors), never a visitor id. */
export interface ConsoleQuestion {
  id: string;
  productId: string;
  body: string;
  answerCount: number;
  createdAt: number;
  authorName: string | null;
  authorRole: 'shopper' | 'expert' | null;
  authorSub: string | null;
  formerMember: boolean;
}

export interface ConsoleQuestionPage {
  questions: ConsoleQuestion[];
  nextCursor: string | null;
}

/** A console account in the Team list: never its password hash. */
export interface ConsoleStaffMember extends ConsoleStaff {
  createdAt: number;
  /** Locked after too many wrong passwords until this time; null when not locked. */
  lockedUntil: number | null;
}

/** `GET /site` (owners): the site's settings, without its secret. */
export interface ConsoleSiteSettings {
  id: string;
  name: string;
  defaultLanguage: Language;
  origins: string[];
  eraseMode: EraseMode;
  hasTokenSecret: boolean;
}

/** `GET /shoppers/:sub/export` (owners): what Samen holds about one member. */
export interface ShopperExport {
  exportedAt: number;
  site: string;
  member: {
    sub: string;
    name: string;
    email: string | null;
    role: 'shopper' | 'expert';
    firstSeenAt: number;
    lastSeenAt: number;
  } | null;
  questions: { id: string; productId: string; body: string; authorName: string | null; answerCount: number; createdAt: number }[];
  answers: { id: string; questionId: string; body: string; authorName: string | null; createdAt: number }[];
}
