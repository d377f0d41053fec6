/**
 * Shapes of the staff console API's responses, shared with the console app as types only, and
 * the few limits of its inputs that the Worker, the console and the site-owner CLI must agree on
 * (plain values, no imports). Free of Workers and Node types so every build can import it.
 */
import type { QueueInfluence } from '../reputation-types.ts';
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
  /** Reports by different shoppers that hide a post pending review ({@link REPORT_THRESHOLD}). */
  reportThreshold: number;
  /** Lower-case words that hold a post for review ({@link BLOCKLIST}). */
  blocklist: string[];
  /** `#rrggbb` (lower case), the widget's accent in light mode; null for Samen's default. */
  brandColor: string | null;
}

/** What an owner may change with `PATCH /site`; at least one field. */
export interface ConsoleSiteUpdate {
  eraseMode?: EraseMode;
  reportThreshold?: number;
  blocklist?: string[];
  /** `#rrggbb` with at least 4.5:1 contrast on white; null or '' resets to Samen's default. */
  brandColor?: string | null;
}

/** The range of `reportThreshold`. */
export const REPORT_THRESHOLD = { min: 1, max: 100 } as const;

/** Blocklist limits: words of letters only (any script), lower case, compared whole-word. */
export const BLOCKLIST = { maxWords: 200, maxLetters: 40 } as const;

/** Whether `w` is a blocklist word as stored: 1–40 letters, already lower case. */
export const isBlocklistWord = (w: string): boolean =>
  new RegExp(`^\\p{L}{1,${BLOCKLIST.maxLetters}}$`, 'u').test(w) && w === w.toLowerCase();

// ── Moderation ─────────────────────────────────────────────────────────────────────────────

export type ModerationTargetType = 'question' | 'answer' | 'review';
/** What staff may do to an item: approve (held/hidden → published), remove (→ removed), restore (removed → published). */
export type ModerationDecision = 'approve' | 'remove' | 'restore';
export const MODERATION_DECISIONS: readonly ModerationDecision[] = ['approve', 'remove', 'restore'];
/** Longest reason staff may give for a decision. */
export const MODERATION_REASON_MAX = 500;

/** One item of `GET /moderation`: a held, hidden or removed question, answer or review. */
export interface ConsoleModerationItem {
  targetType: ModerationTargetType;
  id: string;
  /** The question itself, or the question an answer belongs to. */
  questionId: string;
  productId: string;
  body: string;
  authorName: string | null;
  status: 'held' | 'hidden' | 'removed';
  reportCount: number;
  createdAt: number;
  /** The reason of the item's latest audit row (why it was held, hidden or removed). */
  lastReason: string | null;
}

/** `POST /moderation/:type/:id`: the item's status after the decision. */
export interface ConsoleModerationResult {
  status: 'published' | 'removed';
}

/** One audit row of `GET /moderation/:type/:id/log`, oldest first. */
export interface ConsoleModerationLogEntry {
  action: 'held' | 'hidden' | 'masked' | 'approved' | 'removed' | 'restored';
  /** `system`, `staff:<id>`, …: who took the step. */
  actor: string;
  /** The staff member's name when the actor is a console account of this site (and still exists). */
  actorName: string | null;
  reason: string;
  createdAt: number;
}

// ── Webhooks ───────────────────────────────────────────────────────────────────────────────

export type ConsoleWebhookEvent = 'question.created' | 'answer.created' | 'question.unanswered' | 'staff.replied' | 'review.question_asked' | 'idea.created' | 'idea.status_changed';
export const CONSOLE_WEBHOOK_EVENTS: readonly ConsoleWebhookEvent[] = ['question.created', 'answer.created', 'question.unanswered', 'staff.replied', 'review.question_asked', 'idea.created', 'idea.status_changed'];
/** Webhook endpoints per site. */
export const MAX_WEBHOOKS_PER_SITE = 10;
export const WEBHOOK_URL_MAX = 500;

/**
 * A webhook URL as stored (already normalised by `new URL().href`): `https://…`, or
 * `http://localhost…` / `http://127.0.0.1…` for testing; no user name or password; only URL
 * characters other than quotes and backslashes (the CLI writes it into SQL text).
 */
export function isWebhookUrl(href: string): boolean {
  if (href.length > WEBHOOK_URL_MAX || !/^[A-Za-z0-9\-._~:/?#[\]@!$&()*+,;=%]+$/.test(href)) return false;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  if (url.href !== href || url.username || url.password) return false;
  if (url.protocol === 'https:') return url.hostname.length > 0;
  return url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1');
}

/** `url` as the API stores it (`new URL().href`), or null when it is not a URL at all. */
export function normaliseWebhookUrl(url: string): string | null {
  try {
    return new URL(url.trim()).href;
  } catch {
    return null;
  }
}

/** A webhook in `GET /webhooks`: never its secret. */
export interface ConsoleWebhook {
  id: string;
  url: string;
  events: ConsoleWebhookEvent[];
  createdAt: number;
}

/** `POST /webhooks` (201): the new webhook and its signing secret, shown this once. */
export interface ConsoleNewWebhook {
  webhook: ConsoleWebhook;
  secret: string;
}

/** One row of `GET /webhooks/deliveries`, newest first; no payload. */
export interface ConsoleWebhookDelivery {
  id: string;
  webhookId: string;
  /** The endpoint's URL, or null when the webhook has been deleted since. */
  url: string | null;
  event: ConsoleWebhookEvent;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  /** HTTP status of the last attempt (null: no answer, or not tried yet). */
  lastStatus: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
  nextAttemptAt: number | null;
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
  /** `body` as the shopper wrote it (personal data unmasked: it is theirs); private questions with the team's replies. */
  questions: {
    id: string;
    productId: string;
    body: string;
    authorName: string | null;
    answerCount: number;
    createdAt: number;
    visibility: 'public' | 'private';
    orderRef: string | null;
    staffReplies: { body: string; staffName: string; createdAt: number }[];
  }[];
  answers: { id: string; questionId: string; body: string; authorName: string | null; createdAt: number }[];
  /** Chats with the brand's team, every message (attachments by name). */
  conversations: {
    id: string;
    productId: string;
    orderRef: string | null;
    createdAt: number;
    messages: { seq: number; from: 'shopper' | 'staff' | 'expert' | 'system'; name: string; text: string; attachment: string | null; createdAt: number }[];
  }[];
  reviews: {
    id: string;
    productId: string;
    rating: number;
    title: string;
    body: string;
    verifiedBuyer: boolean;
    createdAt: number;
    updatedAt: number;
  }[];
  /** The idea board, present when they took part: ideas they shared, their comments, the ideas they voted for. */
  ideaBoard?: {
    ideas: { id: string; productId: string | null; title: string; body: string; category: string; status: string; createdAt: number }[];
    comments: { id: string; ideaId: string; body: string; createdAt: number }[];
    votes: { ideaId: string; createdAt: number }[];
  };
}

// ── Routing: the staff queue ───────────────────────────────────────────────────────────────

export type QueueStatus = 'new' | 'open' | 'waiting' | 'resolved';
export const QUEUE_STATUSES: readonly QueueStatus[] = ['new', 'open', 'waiting', 'resolved'];
/** Why an item is with staff. */
export type QueueReason = 'personal' | 'checkout' | 'complaint' | 'second_contact' | 'timeout' | 'not_helpful';
export type QueueCategory = 'payment' | 'invoice' | 'refund' | 'order_status' | 'returns' | 'warranty' | 'account' | 'complaint';
export const QUEUE_CATEGORIES: readonly QueueCategory[] = ['payment', 'invoice', 'refund', 'order_status', 'returns', 'warranty', 'account', 'complaint'];
/** Longest reply, note or canned response. */
export const STAFF_MESSAGE_MAX = 5000;
export const CANNED_TITLE_MAX = 80;
export const MAX_CANNED_PER_SITE = 100;
/** An item due within this is "near breach" and rises to the top of the queue. */
export const NEAR_BREACH_MS = 30 * 60e3;

/** One row of `GET /queue`. `body` is the text as the shopper wrote it (staff see it unmasked). */
export interface QueueItem {
  id: string;
  questionId: string;
  productId: string;
  body: string;
  reason: QueueReason;
  category: QueueCategory | null;
  complaint: boolean;
  /** Complaints and second contacts. */
  priority: boolean;
  status: QueueStatus;
  visibility: 'public' | 'private';
  channel: 'product' | 'checkout';
  orderRef: string | null;
  assignee: { id: string; name: string } | null;
  /** The shopper as staff know them: member name and sub, or null for an anonymous visitor. */
  shopper: { name: string | null; sub: string | null };
  /** The earlier contact of a second contact. */
  relatedQuestionId: string | null;
  slaDueAt: number;
  /** 'breached' past the due time, 'near' within {@link NEAR_BREACH_MS}, else 'ok'; answered and resolved items are 'ok'. */
  sla: 'ok' | 'near' | 'breached';
  routedAt: number;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  askedAt: number;
  /** The live chat this item is about (its first message is `body`); null for questions. */
  conversationId: string | null;
  /** The shopper's influence score 1–5 with why (staff only; in the list and the item view); absent before it is computed. */
  influence?: QueueInfluence | null;
}

/** `GET /queue?status=&product=&category=&assignee=` (assignee: a staff id, `me` or `none`). */
export interface QueuePage {
  items: QueueItem[];
  /** Items per status for the whole site, for the filter's counts. */
  counts: Record<QueueStatus, number>;
}

export interface QueueMessage {
  id: string;
  kind: 'reply' | 'note';
  body: string;
  staffId: string;
  staffName: string;
  createdAt: number;
}

export interface QueueEvent {
  kind: 'routed' | 'claimed' | 'replied' | 'noted' | 'resolved' | 'reopened' | 'published';
  /** 'system', 'shopper', or a staff member's name. */
  actor: string;
  detail: string | null;
  createdAt: number;
}

/** A community answer on the question, as staff see it. */
export interface QueueAnswer {
  id: string;
  body: string;
  authorName: string | null;
  authorRole: 'shopper' | 'expert' | 'staff' | null;
  accepted: boolean;
  helpfulCount: number;
  createdAt: number;
}

/** `GET /queue/:item`: everything staff need to answer. */
export interface QueueItemDetail {
  item: QueueItem;
  /** Triage rules that fired, e.g. `invoice +3 "my invoice" (en)`. */
  triage: string[];
  messages: QueueMessage[];
  events: QueueEvent[];
  answers: QueueAnswer[];
  /** The shopper's other contacts on this site, newest first (questions, with their queue item if any). */
  history: {
    questionId: string;
    productId: string;
    body: string;
    visibility: 'public' | 'private';
    orderRef: string | null;
    itemId: string | null;
    status: QueueStatus | null;
    askedAt: number;
  }[];
  /** Orders the shopper named at checkout. */
  orders: string[];
}

/** A canned response; `{{name}}` and `{{product}}` are filled in by the console. */
export interface CannedResponse {
  id: string;
  title: string;
  body: string;
  createdAt: number;
}

/** `GET /routing` and `PUT /routing` (owners): how questions reach staff. */
export interface RoutingSettings {
  /** IANA zone, e.g. 'Europe/Amsterdam'. */
  timeZone: string;
  /** Per weekday (sun…sat), opening intervals as ['09:00', '17:30']. */
  businessHours: Partial<Record<'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat', [string, string][]>>;
  /** Closed days, 'YYYY-MM-DD' in the site's zone. */
  holidays: string[];
  /** The ambassador-first window, in business minutes. */
  communityWindowMinutes: number;
  /** Staff's first-response target, in business minutes. */
  slaMinutes: number;
  /** The owner's own triage words per category (each alone routes to that category). */
  keywords: Partial<Record<QueueCategory, string[]>>;
}

export const ROUTING_LIMITS = {
  /** Opening periods per weekday (a lunch break makes two). */
  maxPeriodsPerDay: 6,
  windowMinutes: { min: 5, max: 7 * 24 * 60 },
  slaMinutes: { min: 5, max: 14 * 24 * 60 },
  maxHolidays: 100,
  maxKeywordsPerCategory: 50,
  keywordMax: 60,
} as const;

/** A push from `GET /queue/live` (WebSocket): something changed; reload the queue (and the open item). */
export interface QueueLiveEvent {
  type: 'queue';
  itemId: string;
  /** `shopper_wrote`: the shopper wrote again in a live chat (the item is back with staff). */
  change: 'routed' | 'claimed' | 'replied' | 'noted' | 'resolved' | 'reopened' | 'published' | 'moved_to_community' | 'shopper_wrote';
}
