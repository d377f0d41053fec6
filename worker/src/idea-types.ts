/**
 * The idea board's API shapes, shared by the Worker, the widget's Ideas tab and the console.
 * Widget API under `/api/v1/sites/:site`, console API under `/api/v1/console`.
 *
 * Widget:
 *   GET    /ideas?product=&sort=top|new|done&cursor=   → IdeaPage (product omitted: the whole site's board)
 *   GET    /ideas/similar?q=&product=                  → { ideas: IdeaSummary[] } (up to 5, before submitting)
 *   POST   /ideas  NewIdea                             → 201 { idea: Idea; notice: IdeaNotice }
 *   GET    /ideas/:id                                  → { idea: Idea; comments: IdeaComment[] }
 *   PUT    /ideas/:id/vote                             → { voted: true; voteCount }   (idempotent)
 *   DELETE /ideas/:id/vote                             → { voted: false; voteCount }  (idempotent)
 *   POST   /ideas/:id/comments  { body, name? }        → 201 { comment: IdeaComment; notice: IdeaNotice }
 * Console (staff session; settings owner only):
 *   GET    /ideas?status=&product=&cursor=             → ConsoleIdeaPage
 *   PATCH  /ideas/:id  IdeaChange { status, note }     → { idea: ConsoleIdea }
 *   POST   /ideas/:id/merge  { into }                  → { idea: ConsoleIdea } (the idea merged into)
 *   GET    /ideas/settings                             → IdeaSettings
 *   PUT    /ideas/settings  IdeaSettings               → IdeaSettings
 * The site's `GET /api/v1/sites/:site` answer carries `ideas: boolean` (the Ideas tab is on).
 *
 * Lists: "top" (most votes first) and "new" (newest first) hold the open ideas (new, under review,
 * planned); "done" the delivered ones, most recently done first. Declined ideas and duplicates
 * merged into another idea are in no list; similar-idea search still finds declined ones (with
 * staff's explanation), and a merged idea's detail says `mergedInto`.
 * Widget routes answer 404 `ideas_disabled` while the site's board is off. Voting needs an
 * identity (shop token or X-Samen-Visitor): 400 `visitor_required` otherwise. Voting or commenting
 * on a merged idea: 409 `idea_merged` (follow `mergedInto`); on one held for review: 409 `idea_held`.
 * Merge errors: 400 `merge_into_itself`, 409 `idea_already_merged` (the source), 409
 * `merge_target_merged`, 404 `idea_not_found`.
 */

export const IDEA_STATUSES = ['new', 'under_review', 'planned', 'done', 'declined'] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

export const IDEA_CATEGORIES = ['product', 'experience', 'involvement'] as const;
export type IdeaCategory = (typeof IDEA_CATEGORIES)[number];

export const IDEA_LIMITS = {
  title: { min: 5, max: 120 },
  body: { min: 10, max: 2000 },
  comment: { min: 2, max: 1000 },
  note: { max: 1000 },
} as const;

export interface IdeaSummary {
  id: string;
  title: string;
  status: IdeaStatus;
  voteCount: number;
}

export interface Idea extends IdeaSummary {
  /** null: about the shop as a whole, not one product. */
  productId: string | null;
  body: string;
  category: IdeaCategory;
  /** Staff's public explanation of the status. */
  statusNote: string | null;
  statusAt: number | null;
  commentCount: number;
  /** The viewer voted for it. */
  voted: boolean;
  /** The viewer wrote it. */
  mine: boolean;
  authorName: string | null;
  formerMember: boolean;
  /** Set when staff merged this idea into another (a duplicate); its votes moved there. */
  mergedInto: string | null;
  createdAt: number;
}

export interface IdeaPage {
  ideas: Idea[];
  nextCursor: string | null;
}

export interface NewIdea {
  title: string;
  body: string;
  category: IdeaCategory;
  productId?: string | null;
  /** A guest's display name. */
  name?: string;
}

export interface IdeaComment {
  id: string;
  body: string;
  authorName: string | null;
  authorRole: 'shopper' | 'expert' | 'staff' | null;
  formerMember: boolean;
  mine: boolean;
  createdAt: number;
}

export interface ConsoleIdea extends Omit<Idea, 'voted' | 'mine'> {
  /** Ideas merged into this one. */
  mergedFrom: string[];
  /** Screening, apart from the public status: 'held' waits for staff (blocklist, spam) and is not public yet. Always sent by the API. */
  moderation?: IdeaModeration;
}

export type IdeaModeration = 'published' | 'held' | 'removed';

/** PATCH body: at least one field. `note` omitted keeps the explanation, null or '' clears it. */
export interface IdeaChange {
  status?: IdeaStatus;
  note?: string | null;
  /** Publish a held idea, or take one down ('removed' hides it from shoppers). */
  moderation?: IdeaModeration;
}

/** What happened to a new idea or comment: held for review, and which personal data was masked. */
export interface IdeaNotice {
  status: 'published' | 'held';
  masked: ('email' | 'phone' | 'iban' | 'card' | 'order')[];
}

export interface ConsoleIdeaPage {
  ideas: ConsoleIdea[];
  nextCursor: string | null;
}

export interface IdeaSettings {
  /** The widget shows the Ideas tab. */
  enabled: boolean;
}
