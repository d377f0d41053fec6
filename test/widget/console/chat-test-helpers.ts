/**
 * Stand-ins for the console's live chat: a WebSocket the test drives (open it, push frames as
 * the room would, drop it) and a chat API whose REST calls are in memory.
 */
import type { ChatAttachment, ChatAttachmentType, ChatMessage, ChatServerFrame, ConsoleConversation } from '../../../worker/src/chat-types.ts';
import type { ConsoleChatApi } from '../../../widget/src/console/chat-api.ts';
import type { LiveSocket } from '../../../widget/src/console/queue-live.ts';
import { ConsoleApiError } from '../../../widget/src/console/api.ts';

export class FakeSocket implements LiveSocket {
  readyState = 0;
  onopen: ((ev: Event) => unknown) | null = null;
  onmessage: ((ev: MessageEvent) => unknown) | null = null;
  onclose: ((ev: CloseEvent) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  closedWith: number | null = null;
  readonly sent: string[] = [];
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  push(frame: ChatServerFrame | string): void {
    this.onmessage?.(new MessageEvent('message', { data: typeof frame === 'string' ? frame : JSON.stringify(frame) }));
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close', { code: 1006 }));
  }
  close(code?: number): void {
    this.readyState = 3;
    this.closedWith = code ?? 1005;
  }
  send(data: string): void {
    this.sent.push(data);
  }
  /** The JSON frames sent (pings left out). */
  frames(): Record<string, unknown>[] {
    return this.sent.filter((s) => s !== 'ping').map((s) => JSON.parse(s) as Record<string, unknown>);
  }
}

export function aChatMessage(seq: number, over: Partial<ChatMessage> = {}): ChatMessage {
  return {
    seq,
    clientId: `c-${seq}`,
    sender: { kind: 'shopper', name: 'Kim' },
    text: `Message ${seq}`,
    attachment: null,
    createdAt: Date.now() - (100 - seq) * 1000,
    ...over,
  };
}

export class FakeChatApi implements ConsoleChatApi {
  readonly sockets: FakeSocket[] = [];
  messagesList: ChatMessage[] = [];
  readonly restSent: { clientId: string; text: string }[] = [];
  failLoad: ConsoleApiError | null = null;
  /** While true, REST sends fail like a network error. */
  offline = false;
  conversationInfo: ConsoleConversation = {
    id: 'conv-1',
    channel: 'checkout',
    productId: null,
    orderRef: 'NK-1042',
    status: 'open',
    lastSeq: 0,
    itemId: 'item-1',
    shopper: { name: 'Kim', sub: null, replyEmail: null },
    shopperReadSeq: 0,
    staffReadSeq: 0,
    unread: 0,
    createdAt: Date.now(),
    updatedAt: Date.now(),
  };

  async conversation(): Promise<ConsoleConversation> {
    if (this.failLoad) throw this.failLoad;
    return this.conversationInfo;
  }
  async messages(_id: string, after: number): Promise<ChatMessage[]> {
    if (this.failLoad) throw this.failLoad;
    return this.messagesList.filter((m) => m.seq > after);
  }
  async send(_id: string, clientId: string, text: string, attachmentId?: string): Promise<ChatMessage> {
    if (this.offline) throw new ConsoleApiError(0, 'network', 'offline');
    this.restSent.push({ clientId, text });
    const attachment = (attachmentId && this.uploads.find((a) => a.id === attachmentId)) || null;
    const m = aChatMessage((this.messagesList.at(-1)?.seq ?? 0) + 1, { clientId, text, attachment, sender: { kind: 'staff', name: 'Aziz Agent' } });
    this.messagesList.push(m);
    return m;
  }
  /** Files uploaded, and the error the next upload fails with (like the API's 413/415). */
  readonly uploads: ChatAttachment[] = [];
  failUpload: ConsoleApiError | null = null;
  async upload(_id: string, file: File): Promise<ChatAttachment> {
    if (this.failUpload) throw this.failUpload;
    const a: ChatAttachment = { id: crypto.randomUUID(), name: file.name, type: file.type as ChatAttachmentType, size: file.size, url: `https://api.samen.test/a/${file.name}` };
    this.uploads.push(a);
    return a;
  }
  socket(): FakeSocket {
    const s = new FakeSocket();
    this.sockets.push(s);
    return s;
  }
  get last(): FakeSocket {
    const s = this.sockets.at(-1);
    if (!s) throw new Error('no socket opened yet');
    return s;
  }
}
