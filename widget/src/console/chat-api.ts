/**
 * The console's calls for live chat (`/api/v1/console/conversations/…`), same-origin with the
 * session cookie like every console call. Kept apart from `api.ts` so the chat panel can be
 * given a stand-in in tests.
 */
import type { ChatAttachment, ChatMessage, ConsoleConversation } from '../../../worker/src/chat-types.ts';
import type { ErrorBody } from '../../../worker/src/api-types.ts';
import { ConsoleApiError } from './api.ts';
import type { LiveSocket } from './queue-live.ts';

export interface ConsoleChatApi {
  conversation(id: string, signal?: AbortSignal): Promise<ConsoleConversation>;
  /** Messages after `after`, ascending (500 at most). */
  messages(id: string, after: number, signal?: AbortSignal): Promise<ChatMessage[]>;
  /** The REST way to send (while the socket is down); the same client id never stores twice. */
  send(id: string, clientId: string, text: string, attachmentId?: string): Promise<ChatMessage>;
  /** Uploads an image or PDF (raw body); a message with its id shares it. */
  upload(id: string, file: File): Promise<ChatAttachment>;
  /** A new socket to the conversation's room. */
  socket(id: string): LiveSocket;
}

/** Creates the client. `base` is the console API, `/api/v1/console/` of the page's own origin by default. */
export function createConsoleChatApi(base: URL = new URL('/api/v1/console/', location.origin)): ConsoleChatApi {
  const path = (id: string, rest = '') => `conversations/${encodeURIComponent(id)}${rest}`;
  async function call<T>(url: string, init: { method?: string; body?: unknown; file?: File; signal?: AbortSignal } = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetch(new URL(url, base), {
        method: init.method ?? 'GET',
        credentials: 'same-origin',
        headers: init.file
          ? // Header values are Latin-1 only: the API decodes the percent-encoded name.
            { Accept: 'application/json', 'Content-Type': init.file.type || 'application/octet-stream', 'X-File-Name': encodeURIComponent(init.file.name) }
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
      const error = (body as ErrorBody | null)?.error;
      throw new ConsoleApiError(res.status, typeof error?.code === 'string' ? error.code : 'http_error', error?.message ?? `Request failed with status ${res.status}.`);
    }
    return body as T;
  }
  return {
    conversation: async (id, signal) => (await call<{ conversation: ConsoleConversation }>(path(id), { signal })).conversation,
    messages: async (id, after, signal) => (await call<{ messages: ChatMessage[] }>(path(id, `/messages?after=${after}`), { signal })).messages,
    send: async (id, clientId, text, attachmentId) =>
      (await call<{ message: ChatMessage }>(path(id, '/messages'), { method: 'POST', body: { clientId, text, attachmentId } })).message,
    upload: async (id, file) => (await call<{ attachment: ChatAttachment }>(path(id, '/attachments'), { method: 'POST', file })).attachment,
    socket: (id) => {
      const url = new URL(path(id, '/live'), base);
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      return new WebSocket(url);
    },
  };
}
