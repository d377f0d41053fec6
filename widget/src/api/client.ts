/**
 * The widget's only door to the API: it knows the base URL and the site, and turns
 * every failure into an {@link ApiRequestError} with a code the UI can translate.
 */
import type {
  Answer,
  ErrorBody,
  Language,
  Me,
  MyQuestion,
  OpenQuestion,
  PostNotice,
  Question,
  QuestionPage,
  RoutingNotice,
  SiteInfo,
  Suggestion,
} from '../../../worker/src/api-types.ts';
import type {
  Review,
  ReviewerQuestion,
  ReviewInput,
  ReviewOverview,
  ReviewPage,
  ReviewSort,
  ReviewWritten,
} from '../../../worker/src/review-types.ts';
import type {
  ChatAttachment,
  ChatMessage,
  Conversation,
  ExpertConversation,
  PostChatMessageBody,
  StartConversationBody,
  StartConversationResult,
} from '../../../worker/src/chat-types.ts';
import type { ProfileCard } from '../../../worker/src/reputation-types.ts';
import type { Idea, IdeaCategory, IdeaComment, IdeaNotice, IdeaPage, IdeaStatus, IdeaSummary, NewIdea } from '../../../worker/src/idea-types.ts';
import { readVisitorId } from '../internal/visitor-store.ts';
import type { CallBase } from './calls.ts';

export type { Answer, Me, MyQuestion, OpenQuestion, PostNotice, Question, QuestionPage, RoutingNotice, SiteInfo, Suggestion };
export type { ChatAttachment, ChatMessage, Conversation, ExpertConversation, PostChatMessageBody, StartConversationBody, StartConversationResult };
export type { Review, ReviewInput, ReviewOverview, ReviewPage, ReviewSort, ReviewWritten, ReviewerQuestion };
export type { Idea, IdeaCategory, IdeaComment, IdeaNotice, IdeaPage, IdeaStatus, IdeaSummary, NewIdea };

/** The Ideas tab's lists: most votes, newest, delivered. */
export type IdeaSort = 'top' | 'new' | 'done';

/** What a page of ideas shows: one product's board with the shop's (null: the shop's only), the list and where the last page ended. */
export interface IdeaQuery {
  productId: string | null;
  sort: IdeaSort;
  cursor: string | null;
}

/** What a page of reviews shows: the order, a star filter (null: all) and where the last page ended. */
export interface ReviewQuery {
  sort: ReviewSort;
  stars: number | null;
  cursor: string | null;
}

/** The part of a WebSocket the chat uses (tests hand in a fake). */
export interface ChatSocket {
  readonly readyState: number;
  onopen: ((ev: Event) => unknown) | null;
  onmessage: ((ev: MessageEvent) => unknown) | null;
  onclose: ((ev: CloseEvent) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  close(code?: number, reason?: string): void;
  send(data: string): void;
}

/** Codes the API uses for a token it will not accept; the widget then carries on as a guest. */
export const isTokenRefusal = (err: unknown): boolean =>
  err instanceof ApiRequestError && err.status === 401 && err.code.startsWith('token');

/** A failed call: `status` 0 means the network failed (offline, blocked, or refused by CORS). */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export interface PostInput {
  text: string;
  authorName?: string;
}

/**
 * A question to post: the time promise in the answer comes back in `lang` and in `timeZone`
 * (the client fills in the browser's zone when none is given).
 */
export interface AskInput extends PostInput {
  lang?: Language;
  timeZone?: string;
}

/** What the API says about a question just posted: stored, screened, and routed. */
export interface Asked {
  question: Question;
  notice: PostNotice;
  routing: RoutingNotice;
}

/** Steps of the search-before-ask funnel; counted per product, with nothing about the shopper. */
export type DeflectionKind = 'suggestions_shown' | 'suggestion_opened' | 'question_posted' | 'deflected' | 'abandoned';

/** Why a shopper reports a question or answer. */
export type ReportReason = 'spam' | 'offensive' | 'off_topic' | 'personal_data';

/** What the components need from the API; tests may hand the components another implementation. */
export interface SamenApi {
  /** Use a shop-signed token from now on (null: browse as a guest). */
  setToken(token: string | null): void;
  site(signal?: AbortSignal): Promise<SiteInfo>;
  me(signal?: AbortSignal): Promise<Me>;
  /** The viewer's own questions (private ones too, with the team's replies); promises in `lang`. */
  myQuestions(lang: Language, signal?: AbortSignal): Promise<MyQuestion[]>;
  questions(productId: string, cursor: string | null, signal?: AbortSignal): Promise<QuestionPage>;
  /** Posts a question; personal ones go privately to the brand's team (`routing.visibility`). */
  askQuestion(productId: string, input: AskInput): Promise<Asked>;
  /** Posts a question from the checkout page about `orderRef`: always private, to the team. */
  askAtCheckout(orderRef: string, input: AskInput): Promise<Asked>;
  /** The asker's "No, ask the community": a private question becomes public. */
  moveToCommunity(questionId: string, lang: Language): Promise<{ question: Question; routing: RoutingNotice }>;
  answers(questionId: string, signal?: AbortSignal): Promise<Answer[]>;
  answerQuestion(questionId: string, input: PostInput): Promise<{ answer: Answer; notice: PostNotice }>;
  /** Up to 5 answered questions like `q` (search-before-ask): this product first, then the shop. */
  suggestions(productId: string, q: string, signal?: AbortSignal): Promise<Suggestion[]>;
  /** The product's questions matching `q` (the Questions tab's search box). */
  search(productId: string, q: string, signal?: AbortSignal): Promise<Suggestion[]>;
  /**
   * Counts one step of the deflection funnel. Sent as text/plain without credentials, visitor id
   * or token (no preflight, nothing personal) and with `keepalive`, so it survives leaving the page.
   */
  trackDeflection(productId: string, kind: DeflectionKind): void;
  /** Marks an answer helpful (or takes that back) for the current shopper. */
  setHelpful(answerId: string, helpful: boolean): Promise<{ helpful: boolean; helpfulCount: number }>;
  /** The asker accepts an answer, or with `null` takes the acceptance back. */
  accept(questionId: string, answerId: string | null): Promise<{ acceptedAnswerId: string | null }>;
  /** The asker says an answer did not help (kept for the brand's staff). */
  notHelpful(answerId: string): Promise<{ didNotHelp: boolean }>;
  report(type: 'question' | 'answer' | 'review', id: string, reason: ReportReason): Promise<{ reported: boolean; hidden: boolean }>;
  /** Questions an identified expert could answer: on `productId` and the products in their token. */
  openQuestions(productId: string, signal?: AbortSignal): Promise<OpenQuestion[]>;
  /** schema.org FAQPage of the product's answered questions, as JSON text. */
  qaJsonLd(productId: string, signal?: AbortSignal): Promise<string>;
  /** The Reviews tab's first view: summary, expert verdicts, the viewer's own review, the write form. */
  reviewOverview(productId: string, signal?: AbortSignal): Promise<ReviewOverview>;
  /** A page of shopper reviews, sorted and filtered. */
  reviews(productId: string, query: ReviewQuery, signal?: AbortSignal): Promise<ReviewPage>;
  writeReview(productId: string, input: ReviewInput): Promise<ReviewWritten>;
  /** Rewrites the viewer's own review. */
  editReview(reviewId: string, input: ReviewInput): Promise<ReviewWritten>;
  deleteReview(reviewId: string): Promise<unknown>;
  setReviewHelpful(reviewId: string, helpful: boolean): Promise<{ helpful: boolean; helpfulCount: number }>;
  /** "Ask a reviewer": a product question linked to the review (the reviewer is notified). */
  askReviewer(reviewId: string, input: PostInput): Promise<ReviewerQuestion>;
  /** schema.org Product with aggregateRating and reviews, as JSON text. */
  reviewsJsonLd(productId: string, signal?: AbortSignal): Promise<string>;
  /** Starts a live chat with its first message; the same `clientId` again returns the same conversation. */
  startConversation(input: StartConversationBody): Promise<StartConversationResult>;
  /** The viewer's chats, newest first (none for a guest who never wrote). */
  myConversations(signal?: AbortSignal): Promise<Conversation[]>;
  /** A conversation's messages after `afterSeq` (the REST fallback's catch-up). */
  chatMessages(conversationId: string, afterSeq: number, signal?: AbortSignal): Promise<ChatMessage[]>;
  /** Sends one message over REST (idempotent on `clientId`) while the socket is down. */
  postChatMessage(conversationId: string, body: PostChatMessageBody): Promise<ChatMessage>;
  /** A WebSocket to the conversation's room, with a fresh ticket. */
  chatSocket(conversationId: string): Promise<ChatSocket>;
  /** Uploads an image or PDF to the conversation; send its id in a message to share it. */
  uploadChatFile(conversationId: string, file: File): Promise<ChatAttachment>;
  /** Open product chats an identified expert covers (`productId`: only that product's). */
  expertConversations(productId: string, signal?: AbortSignal): Promise<ExpertConversation[]>;
  /** An expert joins a chat (then gets tickets with the role expert). */
  joinConversation(conversationId: string): Promise<Conversation>;
  /** A page of the idea board. */
  ideas(query: IdeaQuery, signal?: AbortSignal): Promise<IdeaPage>;
  /** Up to 5 ideas like `q` (before sharing one), on `productId` and the whole shop. */
  similarIdeas(q: string, productId: string | null, signal?: AbortSignal): Promise<IdeaSummary[]>;
  shareIdea(input: NewIdea): Promise<{ idea: Idea; notice: IdeaNotice }>;
  /** One idea with its comments. */
  idea(ideaId: string, signal?: AbortSignal): Promise<{ idea: Idea; comments: IdeaComment[] }>;
  /** Votes for an idea (or takes the vote back); one vote per shopper. */
  voteIdea(ideaId: string, voted: boolean): Promise<{ voted: boolean; voteCount: number }>;
  commentOnIdea(ideaId: string, input: { body: string; name?: string }): Promise<{ comment: IdeaComment; notice: IdeaNotice }>;
  /** A member's public profile card (level, badges, what they did), by the id on their answers. */
  profile(profileId: string, signal?: AbortSignal): Promise<ProfileCard>;
}

/** What a product page needs before the shopper interacts: the client defines these itself. */
type CoreCall = 'setToken' | 'site' | 'me' | 'myQuestions' | 'questions';

/**
 * Every other method (answers and votes, asking and answering, reports, search, open questions,
 * SEO, routing's checkout question and "No, ask the community", the Reviews and Ideas tabs) is only called
 * once the shopper interacts: ./calls.ts implements them and loads with the first one made (the
 * community chunk preloads it). The client forwards them by name, so product pages carry neither
 * their code nor their names.
 */
export type LazyCall = Exclude<keyof SamenApi, CoreCall>;

/** ./calls.ts, once a first lazy call has fetched it (for every client on the page). */
let calls: typeof import('./calls.ts') | undefined;

const isErrorBody = (v: unknown): v is ErrorBody => typeof (v as Partial<ErrorBody> | null)?.error?.code === 'string';

/** Creates the HTTP client for one site. `apiBase` ends in `/api/v1/`. */
export function createApi(apiBase: URL, siteId: string): SamenApi {
  const siteBase = new URL(`sites/${encodeURIComponent(siteId)}/`, apiBase);
  let token: string | null = null;
  let visitorId: string | null = readVisitorId(siteId);

  const headers = (init: RequestInit): Record<string, string> => {
    const h: Record<string, string> = {};
    if (init.body) h['Content-Type'] = 'application/json';
    if (token) h.Authorization = `Bearer ${token}`;
    if (visitorId) h['X-Samen-Visitor'] = visitorId;
    return h;
  };

  async function call<T>(path: string | URL, init: RequestInit = {}): Promise<T> {
    let res: Response;
    try {
      // Headers in `init` replace these (a raw upload sends its own type, built on `base.headers`).
      res = await fetch(typeof path === 'string' ? new URL(path, siteBase) : path, {
        credentials: 'omit',
        headers: headers(init),
        ...init,
      });
    } catch (err) {
      if (init.signal?.aborted) throw err;
      throw new ApiRequestError(0, 'network', 'Samen could not be reached.');
    }
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      if (isErrorBody(body)) throw new ApiRequestError(res.status, body.error.code, body.error.message);
      throw new ApiRequestError(res.status, 'http_error', `HTTP ${res.status}`);
    }
    return body as T;
  }

  /** GETs `path` and returns the response's `key` (the API wraps lists and objects in a named field). */
  const get = async <T>(path: string | URL, key: string, signal?: AbortSignal): Promise<T> =>
    (await call<Record<string, T>>(path, { signal }))[key] as T;

  const product = (id: string) => `products/${encodeURIComponent(id)}/`;
  const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
  // What ./calls.ts needs: the fetch wrapper, and the identity a guest's first write creates.
  const base: CallBase = {
    siteId,
    siteBase,
    call,
    get,
    headers,
    identified: () => !!(token || visitorId),
    adopt: (id) => {
      visitorId = id;
    },
  };

  const core: Pick<SamenApi, CoreCall> = {
    setToken: (t) => {
      token = t;
    },
    me: (signal) => get('me', 'me', signal),
    myQuestions: (lang, signal) =>
      get(`me/questions?lang=${lang}&timeZone=${encodeURIComponent(timeZone())}`, 'questions', signal),
    site: (signal) => get(new URL(`sites/${encodeURIComponent(siteId)}`, apiBase), 'site', signal),
    questions: (productId, cursor, signal) =>
      call<QuestionPage>(`${product(productId)}questions${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, {
        signal,
      }),
  };
  // Any other method is one of ./calls.ts's. Not a method: `then` and `toJSON` (the client is no
  // promise and no JSON) and names starting with "_" (what libraries probe for, such as Lit's
  // `_$litDirective$` on a bound value). Once ./calls.ts is here, calls go out at once (a
  // deflection beacon on pagehide cannot wait for a task).
  return new Proxy(core, {
    get: (target, name) =>
      typeof name !== 'string' || name in target || /^(_|then$|toJSON$)/.test(name)
        ? Reflect.get(target, name)
        : (...args: unknown[]) =>
            calls ? calls.run(name as LazyCall, base, args) : import('./calls.ts').then((m) => (calls = m).run(name as LazyCall, base, args)),
  }) as SamenApi;
}
