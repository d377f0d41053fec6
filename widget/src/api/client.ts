/**
 * The widget's only door to the API: it knows the base URL and the site, and turns
 * every failure into an {@link ApiRequestError} with a code the UI can translate.
 */
import type {
  Answer,
  ErrorBody,
  Me,
  OpenQuestion,
  PostNotice,
  Question,
  QuestionPage,
  SiteInfo,
  Suggestion,
} from '../../../worker/src/api-types.ts';
import { createVisitorId, readVisitorId } from '../internal/visitor-store.ts';

export type { Answer, Me, OpenQuestion, PostNotice, Question, QuestionPage, SiteInfo, Suggestion };

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
  myQuestions(signal?: AbortSignal): Promise<Question[]>;
  questions(productId: string, cursor: string | null, signal?: AbortSignal): Promise<QuestionPage>;
  askQuestion(productId: string, input: PostInput): Promise<{ question: Question; notice: PostNotice }>;
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
  report(type: 'question' | 'answer', id: string, reason: ReportReason): Promise<{ reported: boolean; hidden: boolean }>;
  /** Questions an identified expert could answer: on `productId` and the products in their token. */
  openQuestions(productId: string, signal?: AbortSignal): Promise<OpenQuestion[]>;
  /** schema.org FAQPage of the product's answered questions, as JSON text. */
  qaJsonLd(productId: string, signal?: AbortSignal): Promise<string>;
}

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
      res = await fetch(typeof path === 'string' ? new URL(path, siteBase) : path, {
        ...init,
        credentials: 'omit',
        headers: headers(init),
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

  // Writing (posting, voting, reporting) is the first interaction that needs an identity:
  // only now may a visitor id be created and stored.
  const write = (body: unknown, method = 'POST'): RequestInit => {
    if (!token && !visitorId) visitorId = createVisitorId(siteId);
    return { method, body: JSON.stringify(body) };
  };
  const product = (id: string) => `products/${encodeURIComponent(id)}/`;
  const question = (id: string) => `questions/${encodeURIComponent(id)}/`;
  const answer = (id: string) => `answers/${encodeURIComponent(id)}/`;
  const query = (q: string) => `?q=${encodeURIComponent(q)}`;

  return {
    setToken: (t) => {
      token = t;
    },
    me: (signal) => get('me', 'me', signal),
    myQuestions: (signal) => get('me/questions', 'questions', signal),
    site: (signal) => get(new URL(`sites/${encodeURIComponent(siteId)}`, apiBase), 'site', signal),
    questions: (productId, cursor, signal) =>
      call<QuestionPage>(`${product(productId)}questions${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, {
        signal,
      }),
    askQuestion: (productId, input) => call(`${product(productId)}questions`, write(input)),
    answers: (questionId, signal) => get(`${question(questionId)}answers`, 'answers', signal),
    answerQuestion: (questionId, input) => call(`${question(questionId)}answers`, write(input)),
    suggestions: (productId, q, signal) => get(`${product(productId)}suggestions${query(q)}`, 'suggestions', signal),
    search: (productId, q, signal) => get(`${product(productId)}search${query(q)}`, 'questions', signal),
    trackDeflection: (productId, kind) => {
      // No headers at all: a "simple" request that needs no preflight and carries nothing personal.
      fetch(new URL(`${product(productId)}deflection`, siteBase), {
        method: 'POST',
        body: JSON.stringify({ kind }),
        keepalive: true,
        credentials: 'omit',
      }).catch(() => {});
    },
    setHelpful: (answerId, helpful) => call(`${answer(answerId)}helpful`, write({ helpful }, 'PUT')),
    accept: (questionId, answerId) => call(`${question(questionId)}accept`, write({ answerId })),
    notHelpful: (answerId) => call(`${answer(answerId)}not-helpful`, write({})),
    report: (type, id, reason) => call(`${type === 'question' ? question(id) : answer(id)}report`, write({ reason })),
    openQuestions: (productId, signal) =>
      get(`open-questions?product=${encodeURIComponent(productId)}`, 'questions', signal),
    qaJsonLd: async (productId, signal) => JSON.stringify(await call(`${product(productId)}qa.jsonld`, { signal })),
  };
}
