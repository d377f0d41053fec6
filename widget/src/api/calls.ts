/**
 * The API calls that only the lazy parts of the widget make (answers, answering and votes,
 * reports, search and suggestions, experts' open questions, SEO, routing's checkout question and
 * "No, ask the community", and the Reviews tab). Their code loads with the first of them instead
 * of with every product page; `createApi` forwards each to the implementation here, with its own
 * transport, so URLs are still built only by the client.
 */
import type { LazyCall, SamenApi } from './client.ts';

/** What the client lends these calls: its fetch wrapper, its GET-and-unwrap, and its write bodies. */
export interface Transport {
  call: <T>(path: string | URL, init?: RequestInit) => Promise<T>;
  get: <T>(path: string | URL, key: string, signal?: AbortSignal) => Promise<T>;
  /** A JSON write (creates the visitor id on a guest's first write). */
  write: (body: unknown, method?: string) => RequestInit;
  /** A write that also carries the browser's time zone (promises come back worded for it). */
  ask: (body: object) => RequestInit;
}

type Implementation<K extends LazyCall> = (t: Transport, ...args: Parameters<SamenApi[K]>) => ReturnType<SamenApi[K]>;

const product = (id: string) => `products/${encodeURIComponent(id)}/`;
const question = (id: string) => `questions/${encodeURIComponent(id)}/`;
const answer = (id: string) => `answers/${encodeURIComponent(id)}/`;
const query = (q: string) => `?q=${encodeURIComponent(q)}`;
const review = (id: string) => `reviews/${encodeURIComponent(id)}`;

export const calls: { [K in LazyCall]: Implementation<K> } = {
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
};
