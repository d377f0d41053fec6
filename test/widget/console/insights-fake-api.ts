/**
 * An in-memory stand-in for the console's Insights API: a report built for whatever period and
 * product is asked (deterministic figures per day, so a test can count them by hand), products,
 * and the questions behind root causes. Every call is recorded with its query and signal; calls
 * can fail (a queue of errors) or be held until released, to observe loading and aborts.
 */
import { ConsoleApiError } from '../../../widget/src/console/api.ts';
import type {
  ConsoleInsightsApi,
  InsightsProduct,
  InsightsQuery,
  InsightsQuestion,
  InsightsReport,
} from '../../../widget/src/console/insights-api.ts';
import { dayOf, dayStart, daysBetween } from '../../../widget/src/console/insights-period.ts';

type Method = keyof ConsoleInsightsApi;

export const insightsError = (status: number, code: string): ConsoleApiError => new ConsoleApiError(status, code, `Failed: ${code}`);

/** Every day from `from` to `to`. */
export function daysOf(from: string, to: string): string[] {
  return Array.from({ length: daysBetween(from, to) }, (_, i) => dayOf(dayStart(from) + i * 86_400_000));
}

/**
 * A report whose figures follow from the period: day i (from 0) has i % 3 + 1 questions,
 * i % 2 chats, 1 review on every fourth day, no ideas; 10 shoppers start typing and 4 find an answer;
 * day i has i % 2 complaint escalations. A product halves nothing but is echoed back.
 */
export function aReport(query: InsightsQuery, extra: Partial<InsightsReport> = {}): InsightsReport {
  const days = daysOf(query.from, query.to);
  const daily = days.map((day, i) => ({ day, question: (i % 3) + 1, chat: i % 2, review: i % 4 === 0 ? 1 : 0, idea: 0 }));
  const sum = (f: (d: (typeof daily)[number]) => number) => daily.reduce((s, d) => s + f(d), 0);
  const escalations = days.map((day, i) => ({ day, personal: 0, checkout: 0, complaint: i % 2, second_contact: 0, timeout: 0, not_helpful: 0 }));
  const complaints = escalations.reduce((s, d) => s + d.complaint, 0);
  return {
    period: { from: query.from, to: query.to, days: days.length },
    productId: query.product,
    contacts: {
      total: { question: sum((d) => d.question), chat: sum((d) => d.chat), review: sum((d) => d.review), idea: 0 },
      daily,
    },
    deflection: {
      started: days.length * 10,
      deflected: days.length * 4,
      rate: 0.4,
      daily: days.map((day) => ({ day, started: 10, deflected: 4 })),
    },
    community: { questions: 20, answered: 15, answerRate: 0.75, medianFirstAnswerMs: 45 * 60_000 },
    staff: {
      routed: 8,
      responded: 6,
      medianFirstResponseMs: 3.5 * 3_600_000,
      resolved: 5,
      medianResolutionMs: 3 * 86_400_000,
      withinSla: 3,
      slaRate: 0.5,
    },
    escalations: {
      total: complaints,
      byReason: { personal: 0, checkout: 0, complaint: complaints, second_contact: 0, timeout: 0, not_helpful: 0 },
      daily: escalations,
    },
    topProducts: [
      { productId: 'nk-tent-2p', name: 'Tent Fjord 2P', contacts: 5, complaints: 2 },
      { productId: 'nk-boot', name: null, contacts: 3, complaints: 0 },
    ],
    rootCauses: [{ topic: 'invoice missing', terms: ['invoice', 'missing'], count: 2, questionIds: ['q-1', 'q-2'] }],
    topContributors: [
      { memberId: 'p-1', name: 'Eva', answers: 12, accepted: 7, points: 340, influence: 4 },
      { memberId: 'p-2', name: 'Sam', answers: 3, accepted: 0, points: 25, influence: null },
      { memberId: '', name: '', answers: 1, accepted: 1, points: 0, influence: null },
    ],
    computedMs: 12,
    ...extra,
  };
}

export class FakeInsightsApi implements ConsoleInsightsApi {
  readonly calls: { method: Method; query?: InsightsQuery; ids?: string[]; signal?: AbortSignal }[] = [];
  productList: InsightsProduct[] = [
    { id: 'nk-tent-2p', name: 'Tent Fjord 2P' },
    { id: 'nk-daypack-24', name: 'Daypack 24' },
  ];
  questionList: InsightsQuestion[] = [
    { id: 'q-1', productId: 'nk-tent-2p', body: 'My invoice is missing from the parcel', createdAt: Date.UTC(2025, 10, 3, 12) },
    { id: 'q-2', productId: null, body: 'Where is the invoice for order 12?', createdAt: Date.UTC(2025, 10, 4, 12) },
  ];
  /** Builds the report for a query (tests replace it). */
  reportFor: (query: InsightsQuery) => InsightsReport = (query) => aReport(query);
  readonly failures = new Map<Method, ConsoleApiError[]>();
  /** While true, report calls wait until {@link release}. */
  holding = false;
  #held: (() => void)[] = [];

  failNext(method: Method, err: ConsoleApiError): this {
    this.failures.set(method, [...(this.failures.get(method) ?? []), err]);
    return this;
  }

  release(): void {
    const held = this.#held;
    this.#held = [];
    held.forEach((go) => go());
  }

  get reportQueries(): InsightsQuery[] {
    return this.calls.filter((c) => c.method === 'report').map((c) => c.query!);
  }

  async #enter(method: Method, signal?: AbortSignal): Promise<void> {
    await Promise.resolve();
    if (method === 'report' && this.holding) await new Promise<void>((resolve) => this.#held.push(resolve));
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const err = this.failures.get(method)?.shift();
    if (err) throw err;
  }

  async report(query: InsightsQuery, signal?: AbortSignal): Promise<InsightsReport> {
    this.calls.push({ method: 'report', query, signal });
    await this.#enter('report', signal);
    return this.reportFor(query);
  }

  async products(signal?: AbortSignal): Promise<InsightsProduct[]> {
    this.calls.push({ method: 'products', signal });
    await this.#enter('products', signal);
    return this.productList;
  }

  async questions(ids: string[], signal?: AbortSignal): Promise<InsightsQuestion[]> {
    this.calls.push({ method: 'questions', ids, signal });
    await this.#enter('questions', signal);
    return this.questionList.filter((q) => ids.includes(q.id));
  }
}
