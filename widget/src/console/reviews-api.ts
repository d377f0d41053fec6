/**
 * The console's calls for reviews (`/api/v1/console/reviews…`): same origin, the session cookie
 * sent by the browser, failures as `ConsoleApiError` like the rest of the console's API.
 */
import type { ConsoleReview, ConsoleReviewPage, ReviewSettings } from '../../../worker/src/review-types.ts';
import { consoleRequest } from './api.ts';

export type { ConsoleReview, ConsoleReviewPage, ReviewSettings };

/** What the Reviews view needs; tests hand it another implementation. */
export interface ConsoleReviewsApi {
  /** The site's reviews, newest first; `unanswered`: only those without the brand's reply yet. */
  reviews(query: { unanswered: boolean; cursor: string | null }, signal?: AbortSignal): Promise<ConsoleReviewPage>;
  /** Posts (or replaces) the brand's one public reply. */
  reply(id: string, body: string): Promise<ConsoleReview>;
  removeReply(id: string): Promise<ConsoleReview>;
  /** Owners only. */
  settings(signal?: AbortSignal): Promise<ReviewSettings>;
  saveSettings(change: Partial<ReviewSettings>): Promise<ReviewSettings>;
}

export function createConsoleReviewsApi(base: URL = new URL('/api/v1/console/', location.origin)): ConsoleReviewsApi {
  const call = consoleRequest(base);
  const reply = (id: string) => `reviews/${encodeURIComponent(id)}/reply`;
  return {
    reviews: ({ unanswered, cursor }, signal) =>
      call(`reviews?unanswered=${unanswered ? 1 : 0}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { signal }),
    reply: async (id, body) => (await call<{ review: ConsoleReview }>(reply(id), { method: 'PUT', body: { body } })).review,
    removeReply: async (id) => (await call<{ review: ConsoleReview }>(reply(id), { method: 'DELETE' })).review,
    settings: async (signal) => (await call<{ settings: ReviewSettings }>('reviews/settings', { signal })).settings,
    saveSettings: async (change) => (await call<{ settings: ReviewSettings }>('reviews/settings', { method: 'PATCH', body: change })).settings,
  };
}
