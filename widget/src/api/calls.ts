/**
 * The API calls that only the lazy parts of the widget make (answers, answering and votes,
 * reports, search and suggestions, experts' open questions, SEO, routing's checkout question and
 * "No, ask the community", and the Reviews and Ideas tabs). Their code loads with the first of them instead
 * of with every product page; `createApi` forwards each to the implementation here, with its own
 * transport, so URLs are still built only by the client.
 */
import type { ChatMessage, Conversation, LazyCall, SamenApi } from './client.ts';
import type { ChatAttachment, ChatTicket } from '../../../worker/src/chat-types.ts';
// Through the core's root module: what calls.ts shares with the core stays in the core's chunk
// (otherwise the bundler splits it into a chunk of its own that every product page then loads).
import '../samen-widget.ts';
import { createVisitorId } from '../internal/visitor-store.ts';

/** What the client lends these calls: its fetch wrapper, its GET-and-unwrap, and the shopper's identity. */
export interface CallBase {
  siteId: string;
  /** `…/api/v1/sites/<site>/`. */
  siteBase: URL;
  call: <T>(path: string | URL, init?: RequestInit) => Promise<T>;
  get: <T>(path: string | URL, key: string, signal?: AbortSignal) => Promise<T>;
  /** The identity (token or visitor id) and JSON type headers for a request. */
  headers: (init: RequestInit) => Record<string, string>;
  /** The shopper has a token or a visitor id. */
  identified(): boolean;
  /** Keeps the visitor id a guest's first write created. */
  adopt(visitorId: string): void;
}

/** The client's base with write bodies. */
export interface Transport extends CallBase {
  /** A JSON write (creates the visitor id on a guest's first write). */
  write: (body: unknown, method?: string) => RequestInit;
  /** A write that also carries the browser's time zone (promises come back worded for it). */
  ask: (body: object) => RequestInit;
}

function transport(base: CallBase): Transport {
  // Writing (posting, voting, reporting) is the first interaction that needs an identity:
  // only now may a visitor id be created and stored.
  const write = (body: unknown, method = 'POST'): RequestInit => {
    if (!base.identified()) base.adopt(createVisitorId(base.siteId));
    return { method, body: JSON.stringify(body) };
  };
  // Promises ("today before 15:30") are worded by the API in the shopper's language and zone.
  const ask = (body: object) => write({ timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, ...body });
  return { ...base, write, ask };
}

type Implementation<K extends LazyCall> = (t: Transport, ...args: Parameters<SamenApi[K]>) => ReturnType<SamenApi[K]>;

const product = (id: string) => `products/${encodeURIComponent(id)}/`;
const question = (id: string) => `questions/${encodeURIComponent(id)}/`;
const answer = (id: string) => `answers/${encodeURIComponent(id)}/`;
const query = (q: string) => `?q=${encodeURIComponent(q)}`;
const review = (id: string) => `reviews/${encodeURIComponent(id)}`;
const conversation = (id: string) => `conversations/${encodeURIComponent(id)}/`;
const idea = (id: string) => `ideas/${encodeURIComponent(id)}`;
/** `&product=<id>`, or nothing for the shop's board. */
const onProduct = (id: string | null) => (id ? `&product=${encodeURIComponent(id)}` : '');

export const calls: { [K in LazyCall]: Implementation<K> } = {
  trackDeflection: (t, productId, kind) => {
    // No headers at all: a "simple" request that needs no preflight and carries nothing personal.
    // (Sent on pagehide too: the suggestions that send it loaded this module long before.)
    fetch(new URL(`${product(productId)}deflection`, t.siteBase), {
      method: 'POST',
      body: JSON.stringify({ kind }),
      keepalive: true,
      credentials: 'omit',
    }).catch(() => {});
  },
  askQuestion: (t, productId, input) => t.call(`${product(productId)}questions`, t.ask(input)),
  answers: (t, questionId, signal) => t.get(`${question(questionId)}answers`, 'answers', signal),
  suggestions: (t, productId, q, signal) => t.get(`${product(productId)}suggestions${query(q)}`, 'suggestions', signal),
  search: (t, productId, q, signal) => t.get(`${product(productId)}search${query(q)}`, 'questions', signal),
  setHelpful: (t, answerId, helpful) => t.call(`${answer(answerId)}helpful`, t.write({ helpful }, 'PUT')),
  accept: (t, questionId, answerId) => t.call(`${question(questionId)}accept`, t.write({ answerId })),
  notHelpful: (t, answerId) => t.call(`${answer(answerId)}not-helpful`, t.write({})),
  openQuestions: (t, productId, signal) => t.get(`open-questions?product=${encodeURIComponent(productId)}`, 'questions', signal),
  qaJsonLd: async (t, productId, signal) => JSON.stringify(await t.call(`${product(productId)}qa.jsonld`, { signal })),
  askAtCheckout: (t, orderRef, input) => t.call('checkout/questions', t.ask({ ...input, orderRef })),
  moveToCommunity: (t, questionId, lang) => t.call(`${question(questionId)}community`, t.ask({ lang })),
  answerQuestion: (t, questionId, input) => t.call(`${question(questionId)}answers`, t.write(input)),
  report: (t, type, id, reason) => t.call(`${type}s/${encodeURIComponent(id)}/report`, t.write({ reason })),
  reviewOverview: (t, productId, signal) => t.call(`${product(productId)}reviews/summary`, { signal }),
  reviews: (t, productId, q, signal) =>
    t.call(`${product(productId)}reviews?sort=${q.sort}${q.stars ? `&stars=${q.stars}` : ''}${q.cursor ? `&cursor=${encodeURIComponent(q.cursor)}` : ''}`, { signal }),
  writeReview: (t, productId, input) => t.call(`${product(productId)}reviews`, t.write(input)),
  editReview: (t, reviewId, input) => t.call(review(reviewId), t.write(input, 'PATCH')),
  deleteReview: (t, reviewId) => t.call(review(reviewId), { method: 'DELETE' }),
  setReviewHelpful: (t, reviewId, helpful) => t.call(`${review(reviewId)}/helpful`, t.write({ helpful }, 'PUT')),
  askReviewer: (t, reviewId, input) => t.call(`${review(reviewId)}/questions`, t.ask(input)),
  reviewsJsonLd: async (t, productId, signal) => JSON.stringify(await t.call(`${product(productId)}reviews.jsonld`, { signal })),
  startConversation: (t, input) => t.call('conversations', t.ask(input)),
  myConversations: (t, signal) => t.get('me/conversations', 'conversations', signal),
  chatMessages: (t, id, after, signal) => t.get(`${conversation(id)}messages?after=${after}`, 'messages', signal),
  postChatMessage: async (t, id, body) => (await t.call<{ message: ChatMessage }>(`${conversation(id)}messages`, t.write(body))).message,
  chatSocket: async (t, id) => {
    // Browsers cannot put headers on a WebSocket: a short-lived ticket in the URL stands in for them.
    const { ticket } = await t.call<ChatTicket>(`${conversation(id)}ticket`, t.write({}));
    const url = new URL(`${conversation(id)}live?ticket=${encodeURIComponent(ticket)}`, t.siteBase);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return new WebSocket(url);
  },
  uploadChatFile: async (t, id, file) =>
    (
      await t.call<{ attachment: ChatAttachment }>(`${conversation(id)}attachments`, {
        method: 'POST',
        body: file,
        // Header values are Latin-1 only: the API decodes the percent-encoded name.
        headers: { ...t.headers({}), 'Content-Type': file.type || 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) },
      })
    ).attachment,
  expertConversations: (t, productId, signal) => t.get(`expert/conversations?product=${encodeURIComponent(productId)}`, 'conversations', signal),
  ideas: (t, q, signal) =>
    t.call(`ideas?sort=${q.sort}${onProduct(q.productId)}${q.cursor ? `&cursor=${encodeURIComponent(q.cursor)}` : ''}`, { signal }),
  similarIdeas: (t, q, productId, signal) => t.get(`ideas/similar${query(q)}${onProduct(productId)}`, 'ideas', signal),
  shareIdea: (t, input) => t.call('ideas', t.write(input)),
  idea: (t, id, signal) => t.call(idea(id), { signal }),
  voteIdea: (t, id, voted) => t.call(`${idea(id)}/vote`, t.write({}, voted ? 'PUT' : 'DELETE')),
  commentOnIdea: (t, id, input) => t.call(`${idea(id)}/comments`, t.write(input)),
  joinConversation: async (t, id) => (await t.call<{ conversation: Conversation }>(`${conversation(id)}join`, t.write({}))).conversation,
  profile: (t, profileId, signal) => t.get(`profiles/${encodeURIComponent(profileId)}`, 'profile', signal),
};

/** Makes the call `name` for the client that forwarded it. */
export const run = (name: LazyCall, base: CallBase, args: unknown[]): unknown =>
  (calls[name] as (t: Transport, ...a: unknown[]) => unknown)(transport(base), ...args);
