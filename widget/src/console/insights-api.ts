/**
 * The console's calls for Insights (`/api/v1/console/insights…`): same origin, the session cookie
 * sent by the browser, failures as `ConsoleApiError` like the rest of the console's API.
 */
import type { InsightsReport } from '../../../worker/src/insights-types.ts';
import { consoleRequest } from './api.ts';

export type { InsightsReport };
export type { ContactChannel, EscalationReason } from '../../../worker/src/insights-types.ts';

/** What the report is asked for: UTC calendar days `YYYY-MM-DD`, both included; `product` null for all. */
export interface InsightsQuery {
  from: string;
  to: string;
  product: string | null;
}

export interface InsightsProduct {
  id: string;
  name: string;
}

/**
 * One question behind a root-cause topic, as staff see it. Served by
 * `GET /api/v1/console/insights/questions?ids=a,b` when the Worker has it; the view lists the ids
 * when it does not.
 */
export interface InsightsQuestion {
  id: string;
  productId: string | null;
  body: string;
  createdAt: number;
}

/** What the Insights view needs; tests hand it another implementation. */
export interface ConsoleInsightsApi {
  report(query: InsightsQuery, signal?: AbortSignal): Promise<InsightsReport>;
  /** The products the picker offers. */
  products(signal?: AbortSignal): Promise<InsightsProduct[]>;
  /** The questions behind a root-cause topic. */
  questions(ids: string[], signal?: AbortSignal): Promise<InsightsQuestion[]>;
}

/** The query string of a report request (`from`, `to`, and `product` only when one is chosen). */
export function insightsSearch(query: InsightsQuery): string {
  const params = new URLSearchParams({ from: query.from, to: query.to });
  if (query.product) params.set('product', query.product);
  return params.toString();
}

/** Creates the client. `base` is the console API, `/api/v1/console/` of the page's own origin by default. */
export function createConsoleInsightsApi(base: URL = new URL('/api/v1/console/', location.origin)): ConsoleInsightsApi {
  const call = consoleRequest(base);
  return {
    report: (query, signal) => call<InsightsReport>(`insights?${insightsSearch(query)}`, { signal }),
    products: async (signal) => (await call<{ products: InsightsProduct[] }>('insights/products', { signal })).products,
    questions: async (ids, signal) =>
      (await call<{ questions: InsightsQuestion[] }>(`insights/questions?${new URLSearchParams({ ids: ids.join(',') })}`, { signal })).questions,
  };
}
