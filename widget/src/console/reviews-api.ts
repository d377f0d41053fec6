/**
 * The console's calls for reviews (`/api/v1/console/reviews…`): same origin, the session cookie
 * sent by the browser, failures as {@link ConsoleApiError} like the rest of the console's API.
 */
import type { ErrorBody } from '../../../worker/src/api-types.ts';
import type { ConsoleReview, ConsoleReviewPage, ReviewSettings } from '../../../worker/src/review-types.ts';
import { ConsoleApiError } from './api.ts';

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

const isErrorBody = (v: unknown): v is ErrorBody =>
  typeof v === 'object' && v !== null && 'error' in v && typeof (v as ErrorBody).error?.code === 'string';

export function createConsoleReviewsApi(base: URL = new URL('/api/v1/console/', location.origin)): ConsoleReviewsApi {
  async function call<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetch(new URL(path, base), {
        method: init.method ?? 'GET',
        credentials: 'same-origin',
        headers: init.body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: init.signal,
      });
    } catch (err) {
      if (init.signal?.aborted) throw err;
      throw new ConsoleApiError(0, 'network', 'The Samen service could not be reached.');
    }
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      if (isErrorBody(body)) throw new ConsoleApiError(res.status, body.error.code, body.error.message);
      throw new ConsoleApiError(res.status, 'http_error', `Request failed with status ${res.status}.`);
    }
    return body as T;
  }
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
