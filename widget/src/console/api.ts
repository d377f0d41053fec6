/**
 * The console's only door to the API. The console is served from the API's own origin, so
 * every call is same-origin: the browser adds the HttpOnly session cookie itself
 * (`credentials: 'same-origin'`) and an `Origin` header on writes, which the API's CSRF
 * check requires. Failures become a {@link ConsoleApiError} with a code the UI translates.
 */
import type {
  ConsoleQuestionPage,
  ConsoleSession,
  ConsoleSiteSettings,
  ConsoleStaffMember,
  EraseMode,
  ShopperExport,
  StaffRole,
} from '../../../worker/src/routes/console-types.ts';
import type { ErrorBody } from '../../../worker/src/api-types.ts';

export type {
  ConsoleQuestion,
  ConsoleQuestionPage,
  ConsoleSession,
  ConsoleSiteSettings,
  ConsoleStaffMember,
  EraseMode,
  ShopperExport,
  StaffRole,
} from '../../../worker/src/routes/console-types.ts';

/** A failed call: `status` 0 means the network failed; `retryAfter` (seconds) comes from a 429. */
export class ConsoleApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryAfter: number | null;
  constructor(status: number, code: string, message: string, retryAfter: number | null = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

/** The call failed because nobody is signed in (any more): the console shows the sign-in form. */
export const isSignedOut = (err: unknown): boolean => err instanceof ConsoleApiError && err.status === 401;

export interface NewStaffInput {
  email: string;
  name: string;
  role: StaffRole;
  password: string;
}

/** What the console components need; tests hand them another implementation. */
export interface ConsoleApi {
  session(signal?: AbortSignal): Promise<ConsoleSession>;
  signIn(email: string, password: string): Promise<ConsoleSession>;
  signOut(): Promise<void>;
  questions(cursor: string | null, signal?: AbortSignal): Promise<ConsoleQuestionPage>;
  staff(signal?: AbortSignal): Promise<ConsoleStaffMember[]>;
  addStaff(input: NewStaffInput): Promise<ConsoleStaffMember>;
  site(signal?: AbortSignal): Promise<ConsoleSiteSettings>;
  addOrigin(origin: string): Promise<ConsoleSiteSettings>;
  removeOrigin(origin: string): Promise<ConsoleSiteSettings>;
  setEraseMode(mode: EraseMode): Promise<ConsoleSiteSettings>;
  /** A new signing secret; the API shows it this once. */
  rotateSecret(): Promise<string>;
  exportShopper(sub: string): Promise<ShopperExport>;
  eraseShopper(sub: string): Promise<{ erased: true; mode: EraseMode }>;
}

const isErrorBody = (v: unknown): v is ErrorBody =>
  typeof v === 'object' && v !== null && 'error' in v && typeof (v as ErrorBody).error?.code === 'string';

function retryAfterOf(res: Response): number | null {
  const value = Number(res.headers.get('Retry-After'));
  return Number.isFinite(value) && value > 0 ? value : null;
}

/** Creates the client. `base` is the console API, `/api/v1/console/` of the page's own origin by default. */
export function createConsoleApi(base: URL = new URL('/api/v1/console/', location.origin)): ConsoleApi {
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
      if (isErrorBody(body)) throw new ConsoleApiError(res.status, body.error.code, body.error.message, retryAfterOf(res));
      throw new ConsoleApiError(res.status, 'http_error', `Request failed with status ${res.status}.`, retryAfterOf(res));
    }
    return body as T;
  }

  const shopper = (sub: string) => `shoppers/${encodeURIComponent(sub)}`;

  return {
    session: (signal) => call<ConsoleSession>('session', { signal }),
    signIn: (email, password) => call<ConsoleSession>('session', { method: 'POST', body: { email, password } }),
    signOut: async () => {
      await call('session', { method: 'DELETE' });
    },
    questions: (cursor, signal) =>
      call<ConsoleQuestionPage>(`questions${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, { signal }),
    staff: async (signal) => (await call<{ staff: ConsoleStaffMember[] }>('staff', { signal })).staff,
    addStaff: async (input) => (await call<{ staff: ConsoleStaffMember }>('staff', { method: 'POST', body: input })).staff,
    site: async (signal) => (await call<{ site: ConsoleSiteSettings }>('site', { signal })).site,
    addOrigin: async (origin) =>
      (await call<{ site: ConsoleSiteSettings }>('site/origins', { method: 'POST', body: { origin } })).site,
    removeOrigin: async (origin) =>
      (await call<{ site: ConsoleSiteSettings }>('site/origins', { method: 'DELETE', body: { origin } })).site,
    setEraseMode: async (eraseMode) =>
      (await call<{ site: ConsoleSiteSettings }>('site', { method: 'PATCH', body: { eraseMode } })).site,
    rotateSecret: async () => (await call<{ secret: string }>('site/rotate-secret', { method: 'POST' })).secret,
    exportShopper: (sub) => call<ShopperExport>(`${shopper(sub)}/export`),
    eraseShopper: (sub) => call<{ erased: true; mode: EraseMode }>(shopper(sub), { method: 'DELETE' }),
  };
}
