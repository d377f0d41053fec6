/**
 * The widget's only door to the API: it knows the base URL and the site, and turns
 * every failure into an {@link ApiRequestError} with a code the UI can translate.
 */
import type { Answer, ErrorBody, Me, Question, QuestionPage, SiteInfo } from '../../../worker/src/api-types.ts';
import { createVisitorId, readVisitorId } from '../internal/visitor-store.ts';

export type { Answer, Me, Question, QuestionPage, SiteInfo };

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

/** What the components need from the API; tests may hand the components another implementation. */
export interface SamenApi {
  /** Use a shop-signed token from now on (null: browse as a guest). */
  setToken(token: string | null): void;
  site(signal?: AbortSignal): Promise<SiteInfo>;
  me(signal?: AbortSignal): Promise<Me>;
  myQuestions(signal?: AbortSignal): Promise<Question[]>;
  questions(productId: string, cursor: string | null, signal?: AbortSignal): Promise<QuestionPage>;
  askQuestion(productId: string, input: PostInput): Promise<Question>;
  answers(questionId: string, signal?: AbortSignal): Promise<Answer[]>;
  answerQuestion(questionId: string, input: PostInput): Promise<Answer>;
}

const isErrorBody = (v: unknown): v is ErrorBody =>
  typeof v === 'object' && v !== null && 'error' in v && typeof (v as ErrorBody).error?.code === 'string';

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
      throw new ApiRequestError(0, 'network', 'The Samen service could not be reached.');
    }
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      if (isErrorBody(body)) throw new ApiRequestError(res.status, body.error.code, body.error.message);
      throw new ApiRequestError(res.status, 'http_error', `Request failed with status ${res.status}.`);
    }
    return body as T;
  }

  // Posting is the first interaction that needs an identity: only now may a visitor id be created and stored.
  const post = (body: PostInput): RequestInit => {
    if (!token && !visitorId) visitorId = createVisitorId(siteId);
    return { method: 'POST', body: JSON.stringify(body) };
  };
  const product = (id: string) => `products/${encodeURIComponent(id)}/`;
  const question = (id: string) => `questions/${encodeURIComponent(id)}/`;

  return {
    setToken: (t) => {
      token = t;
    },
    me: async (signal) => (await call<{ me: Me }>('me', { signal })).me,
    myQuestions: async (signal) => (await call<{ questions: Question[] }>('me/questions', { signal })).questions,
    site: async (signal) =>
      (await call<{ site: SiteInfo }>(new URL(`sites/${encodeURIComponent(siteId)}`, apiBase), { signal })).site,
    questions: (productId, cursor, signal) =>
      call<QuestionPage>(`${product(productId)}questions${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, {
        signal,
      }),
    askQuestion: async (productId, input) =>
      (await call<{ question: Question }>(`${product(productId)}questions`, post(input))).question,
    answers: async (questionId, signal) =>
      (await call<{ answers: Answer[] }>(`${question(questionId)}answers`, { signal })).answers,
    answerQuestion: async (questionId, input) =>
      (await call<{ answer: Answer }>(`${question(questionId)}answers`, post(input))).answer,
  };
}
