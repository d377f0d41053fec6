/**
 * The console's only door to the API. The console is served from the API's own origin, so
 * every call is same-origin: the browser adds the HttpOnly session cookie itself
 * (`credentials: 'same-origin'`) and an `Origin` header on writes, which the API's CSRF
 * check requires. Failures become a {@link ConsoleApiError} with a code the UI translates.
 */
import type {
  ConsoleModerationItem,
  ConsoleModerationLogEntry,
  ConsoleModerationResult,
  ConsoleNewWebhook,
  ConsoleQuestionPage,
  ConsoleSession,
  ConsoleSiteSettings,
  ConsoleSiteUpdate,
  ConsoleStaffMember,
  ConsoleWebhook,
  ConsoleWebhookDelivery,
  ConsoleWebhookEvent,
  EraseMode,
  ModerationDecision,
  ModerationTargetType,
  ShopperExport,
  StaffRole,
} from '../../../worker/src/routes/console-types.ts';
import type {
  CannedResponse,
  QueueCategory,
  QueueItem,
  QueueItemDetail,
  QueueMessage,
  QueuePage,
  QueueStatus,
  RoutingSettings,
} from '../../../worker/src/routes/console-types.ts';
import type { ErrorBody } from '../../../worker/src/api-types.ts';
import { connectQueueLive, type QueueLiveConnection, type QueueLiveHandlers } from './queue-live.ts';

export type {
  ConsoleModerationItem,
  ConsoleModerationLogEntry,
  ConsoleModerationResult,
  ConsoleNewWebhook,
  ConsoleQuestion,
  ConsoleQuestionPage,
  ConsoleSession,
  ConsoleSiteSettings,
  ConsoleSiteUpdate,
  ConsoleStaffMember,
  ConsoleWebhook,
  ConsoleWebhookDelivery,
  ConsoleWebhookEvent,
  EraseMode,
  ModerationDecision,
  ModerationTargetType,
  ShopperExport,
  StaffRole,
  CannedResponse,
  QueueAnswer,
  QueueCategory,
  QueueEvent,
  QueueItem,
  QueueItemDetail,
  QueueLiveEvent,
  QueueMessage,
  QueuePage,
  QueueReason,
  QueueStatus,
  RoutingSettings,
} from '../../../worker/src/routes/console-types.ts';
export type { QueueLiveConnection, QueueLiveHandlers, QueueLiveState } from './queue-live.ts';

/** Limits the API enforces, shared so the console can check input before sending it. */
export {
  BLOCKLIST,
  CONSOLE_WEBHOOK_EVENTS,
  MAX_WEBHOOKS_PER_SITE,
  MODERATION_REASON_MAX,
  REPORT_THRESHOLD,
  isBlocklistWord,
  isWebhookUrl,
  normaliseWebhookUrl,
  CANNED_TITLE_MAX,
  MAX_CANNED_PER_SITE,
  NEAR_BREACH_MS,
  QUEUE_CATEGORIES,
  QUEUE_STATUSES,
  ROUTING_LIMITS,
  STAFF_MESSAGE_MAX,
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

export interface NewWebhookInput {
  url: string;
  events: ConsoleWebhookEvent[];
}

export interface NewStaffInput {
  email: string;
  name: string;
  role: StaffRole;
  password: string;
}

/** The queue's filters; anything left out means "all". `status` defaults to `active` (new, open and waiting). */
export interface QueueFilter {
  status?: QueueStatus | 'active';
  product?: string;
  category?: QueueCategory;
  /** `me`, `none` (unassigned) or a staff id. */
  assignee?: string;
}

/** What a reply or a note returns: the new message and the item as it is now. */
export interface QueueMessageResult {
  message: QueueMessage;
  item: QueueItem;
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
  /** Changes any of the site's settings (report threshold, blocklist, erase mode). */
  updateSite(change: ConsoleSiteUpdate): Promise<ConsoleSiteSettings>;
  /** A new signing secret; the API shows it this once. */
  rotateSecret(): Promise<string>;
  exportShopper(sub: string): Promise<ShopperExport>;
  eraseShopper(sub: string): Promise<{ erased: true; mode: EraseMode }>;
  /** Held, hidden and removed questions and answers, newest first. */
  moderationQueue(signal?: AbortSignal): Promise<ConsoleModerationItem[]>;
  moderate(type: ModerationTargetType, id: string, action: ModerationDecision, reason?: string): Promise<ConsoleModerationResult>;
  moderationLog(type: ModerationTargetType, id: string, signal?: AbortSignal): Promise<ConsoleModerationLogEntry[]>;
  webhooks(signal?: AbortSignal): Promise<ConsoleWebhook[]>;
  /** A new webhook and its signing secret, which the API shows this once. */
  addWebhook(input: NewWebhookInput): Promise<ConsoleNewWebhook>;
  deleteWebhook(id: string): Promise<void>;
  webhookDeliveries(signal?: AbortSignal): Promise<ConsoleWebhookDelivery[]>;
  /** The staff queue, most urgent first (as the API orders it), with counts per status for the whole site. */
  queue(filter: QueueFilter, signal?: AbortSignal): Promise<QueuePage>;
  queueItem(id: string, signal?: AbortSignal): Promise<QueueItemDetail>;
  /** Assigns the item to the signed-in staff member; `force` takes it over from a colleague (else 409 `already_claimed`). */
  claim(id: string, force?: boolean): Promise<QueueItem>;
  reply(id: string, text: string): Promise<QueueMessageResult>;
  addNote(id: string, text: string): Promise<QueueMessageResult>;
  resolve(id: string): Promise<QueueItem>;
  reopen(id: string): Promise<QueueItem>;
  /** Posts `text` as a public answer by the brand's team (public questions only). */
  publish(id: string, text: string): Promise<{ answerId: string; item: QueueItem }>;
  canned(signal?: AbortSignal): Promise<CannedResponse[]>;
  addCanned(title: string, body: string): Promise<CannedResponse>;
  deleteCanned(id: string): Promise<void>;
  /** Owners only. */
  routing(signal?: AbortSignal): Promise<RoutingSettings>;
  saveRouting(settings: RoutingSettings): Promise<RoutingSettings>;
  /** Opens the queue's live updates (WebSocket, with reconnects and a polling fallback). */
  queueLive(handlers: QueueLiveHandlers): QueueLiveConnection;
}

const isErrorBody = (v: unknown): v is ErrorBody =>
  typeof v === 'object' && v !== null && 'error' in v && typeof (v as ErrorBody).error?.code === 'string';

function retryAfterOf(res: Response): number | null {
  const value = Number(res.headers.get('Retry-After'));
  return Number.isFinite(value) && value > 0 ? value : null;
}

/** Options of one console API call: a JSON body, or a file sent as the raw body. */
export interface ConsoleRequestInit {
  method?: string;
  body?: unknown;
  file?: File;
  signal?: AbortSignal;
}

/**
 * The one way the console calls its API (`base`: `/api/v1/console/`): same origin with the session
 * cookie, JSON in and out (or a file as the raw body, its name percent-encoded in `X-File-Name`
 * because header values are Latin-1 only), every failure a {@link ConsoleApiError}.
 */
export function consoleRequest(base: URL) {
  return async function call<T>(path: string, init: ConsoleRequestInit = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetch(new URL(path, base), {
        method: init.method ?? 'GET',
        credentials: 'same-origin',
        headers: init.file
          ? { Accept: 'application/json', 'Content-Type': init.file.type || 'application/octet-stream', 'X-File-Name': encodeURIComponent(init.file.name) }
          : init.body === undefined
            ? { Accept: 'application/json' }
            : { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: init.file ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
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
  };
}

/** Creates the client. `base` is the console API, `/api/v1/console/` of the page's own origin by default. */
export function createConsoleApi(base: URL = new URL('/api/v1/console/', location.origin)): ConsoleApi {
  const call = consoleRequest(base);

  const shopper = (sub: string) => `shoppers/${encodeURIComponent(sub)}`;
  const item = (type: ModerationTargetType, id: string) => `moderation/${type}/${encodeURIComponent(id)}`;
  const queued = (id: string, action = '') => `queue/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
  const queueQuery = (filter: QueueFilter): string => {
    const params = new URLSearchParams();
    for (const key of ['status', 'product', 'category', 'assignee'] as const) {
      const value = filter[key];
      if (value) params.set(key, value);
    }
    const query = params.toString();
    return query ? `queue?${query}` : 'queue';
  };
  const liveUrl = (): URL => {
    const url = new URL('queue/live', base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return url;
  };

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
    updateSite: async (change) => (await call<{ site: ConsoleSiteSettings }>('site', { method: 'PATCH', body: change })).site,
    moderationQueue: async (signal) => (await call<{ items: ConsoleModerationItem[] }>('moderation', { signal })).items,
    moderate: (type, id, action, reason) =>
      call<ConsoleModerationResult>(item(type, id), { method: 'POST', body: reason ? { action, reason } : { action } }),
    moderationLog: async (type, id, signal) => (await call<{ log: ConsoleModerationLogEntry[] }>(`${item(type, id)}/log`, { signal })).log,
    webhooks: async (signal) => (await call<{ webhooks: ConsoleWebhook[] }>('webhooks', { signal })).webhooks,
    addWebhook: (input) => call<ConsoleNewWebhook>('webhooks', { method: 'POST', body: input }),
    deleteWebhook: async (id) => {
      await call(`webhooks/${encodeURIComponent(id)}`, { method: 'DELETE' });
    },
    webhookDeliveries: async (signal) => (await call<{ deliveries: ConsoleWebhookDelivery[] }>('webhooks/deliveries', { signal })).deliveries,
    queue: (filter, signal) => call<QueuePage>(queueQuery(filter), { signal }),
    queueItem: (id, signal) => call<QueueItemDetail>(queued(id), { signal }),
    claim: async (id, force = false) =>
      (await call<{ item: QueueItem }>(queued(id, 'claim'), { method: 'POST', body: force ? { force: true } : {} })).item,
    reply: (id, text) => call<QueueMessageResult>(queued(id, 'replies'), { method: 'POST', body: { text } }),
    addNote: (id, text) => call<QueueMessageResult>(queued(id, 'notes'), { method: 'POST', body: { text } }),
    resolve: async (id) => (await call<{ item: QueueItem }>(queued(id, 'resolve'), { method: 'POST', body: {} })).item,
    reopen: async (id) => (await call<{ item: QueueItem }>(queued(id, 'reopen'), { method: 'POST', body: {} })).item,
    publish: (id, text) => call<{ answerId: string; item: QueueItem }>(queued(id, 'publish'), { method: 'POST', body: { text } }),
    canned: async (signal) => (await call<{ canned: CannedResponse[] }>('canned', { signal })).canned,
    addCanned: async (title, body) => (await call<{ canned: CannedResponse }>('canned', { method: 'POST', body: { title, body } })).canned,
    deleteCanned: async (id) => {
      await call(`canned/${encodeURIComponent(id)}`, { method: 'DELETE' });
    },
    routing: async (signal) => (await call<{ routing: RoutingSettings }>('routing', { signal })).routing,
    saveRouting: async (settings) => (await call<{ routing: RoutingSettings }>('routing', { method: 'PUT', body: settings })).routing,
    queueLive: (handlers) => connectQueueLive(handlers, { url: liveUrl() }),
  };
}
