/**
 * The console's calls for live chat (`/api/v1/console/conversations/…`), same-origin with the
 * session cookie like every console call. Kept apart from `api.ts` so the chat panel can be
 * given a stand-in in tests.
 */
import type { ChatAttachment, ChatMessage, ConsoleConversation } from '../../../worker/src/chat-types.ts';
import { consoleRequest } from './api.ts';
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
  const call = consoleRequest(base);
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
