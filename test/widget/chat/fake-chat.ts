/**
 * An in-memory chat room for component tests, behaving like the Worker's `ChatRoom` from the
 * outside: client ids stored once per conversation, seq from 1 without gaps, `hello {lastSeq}`
 * replays then `welcome`, acks to the sender and broadcasts to all; the REST fallback is
 * idempotent too. Tests steer the network: drop a share of frames either way, kill sockets, or
 * refuse new sockets (offline). Staff act through `staffSays`, `staffTyping`, `staffReads`.
 */
import { CHAT_ATTACHMENT_TYPES, type ChatAck, type ChatAttachment, type ChatAttachmentType, type ChatMessage, type ChatServerFrame, type Conversation, type ExpertConversation, type StartConversationBody } from '../../../worker/src/chat-types.ts';
import { ApiRequestError, type ChatSocket, type StartConversationResult } from '../../../widget/src/api/client.ts';

const ACK: ChatAck = {
  openNow: true,
  mode: 'live',
  who: 'team',
  promise: { community: null, staff: { at: 0, text: 'today before 15:30' }, openNow: true, reopens: null },
};

/** A socket the room controls; `readyState` and events as a browser WebSocket has them. */
export class FakeSocket implements ChatSocket {
  readyState = 0;
  onopen: ((ev: Event) => unknown) | null = null;
  onmessage: ((ev: MessageEvent) => unknown) | null = null;
  onclose: ((ev: CloseEvent) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  helloed = false;
  constructor(private readonly room: FakeChat) {
    setTimeout(() => {
      if (this.readyState !== 0) return;
      this.readyState = 1;
      this.onopen?.(new Event('open'));
    });
  }
  send(data: string): void {
    if (this.readyState !== 1) throw new Error('not open');
    if (data === 'ping') return void setTimeout(() => this.deliver('pong'));
    if (Math.random() < this.room.dropToServer) return;
    setTimeout(() => this.readyState === 1 && this.room.receive(this, JSON.parse(data)));
  }
  close(): void {
    if (this.readyState >= 2) return;
    this.readyState = 3;
    setTimeout(() => this.onclose?.(new CloseEvent('close', { code: 1006 })));
  }
  /** A frame from the room (maybe dropped on the way). */
  push(frame: ChatServerFrame): void {
    if (this.readyState !== 1 || Math.random() < this.room.dropToClient) return;
    this.deliver(JSON.stringify(frame));
  }
  private deliver(data: string): void {
    setTimeout(() => this.readyState === 1 && this.onmessage?.(new MessageEvent('message', { data })));
  }
}

export class FakeChat {
  /** Share of frames lost on the way to the room, and back. */
  dropToServer = 0;
  dropToClient = 0;
  /** New sockets and REST calls fail (the network is cut). */
  offline = false;
  ack: ChatAck = ACK;
  readonly conversations: Conversation[] = [];
  readonly messages = new Map<string, ChatMessage[]>();
  readonly sockets: FakeSocket[] = [];
  /** Uploaded files by id; `attachmentUrl` makes their signed link (tests may make it hostile). */
  readonly attachments = new Map<string, ChatAttachment>();
  attachmentUrl = (id: string): string => `https://api.samen.test/attachments/${id}?exp=1&sig=x`;
  /** Every call: name and conversation. */
  readonly log: string[] = [];

  private check(name: string): void {
    this.log.push(name);
    if (this.offline) throw new ApiRequestError(0, 'network', 'offline');
  }

  async start(body: StartConversationBody): Promise<StartConversationResult> {
    await Promise.resolve();
    this.check('start');
    if (body.email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(body.email)) throw new ApiRequestError(400, 'invalid_email', 'bad email');
    const again = this.conversations.find((c) => this.messages.get(c.id)?.[0]?.clientId === body.clientId);
    const conversation = again ?? this.add({ orderRef: body.orderRef ?? null, productId: body.productId ?? null });
    const message = again ? (this.messages.get(again.id)?.[0] as ChatMessage) : this.store(conversation.id, body.clientId, body.text, 'shopper', '');
    return { conversation, message, ack: this.ack };
  }

  /** A conversation of the shopper's (for "Your conversations"). */
  add(over: Partial<Conversation> = {}): Conversation {
    const c: Conversation = {
      id: crypto.randomUUID(),
      channel: over.orderRef ? 'checkout' : 'product',
      productId: null,
      orderRef: null,
      status: 'open',
      lastSeq: 0,
      preview: null,
      unread: 0,
      createdAt: Date.now(),
      updatedAt: Date.now(),
      ...over,
    };
    this.conversations.unshift(c);
    this.messages.set(c.id, []);
    return c;
  }

  async list(): Promise<Conversation[]> {
    await Promise.resolve();
    this.check('list');
    return [...this.conversations];
  }

  async since(id: string, after: number): Promise<ChatMessage[]> {
    await Promise.resolve();
    this.check('since');
    return (this.messages.get(id) ?? []).filter((m) => m.seq > after);
  }

  async post(id: string, clientId: string, text: string, attachmentId?: string): Promise<ChatMessage> {
    await Promise.resolve();
    this.check('post');
    return this.store(id, clientId, text, 'shopper', '', attachmentId);
  }

  /** Like the Worker: 400 empty, 413 over 10 MB, 415 unless the type is an image or PDF. */
  async upload(id: string, file: File): Promise<ChatAttachment> {
    await Promise.resolve();
    this.check(`upload ${file.name}`);
    if (!file.size) throw new ApiRequestError(400, 'file_empty', 'The file is empty.');
    if (file.size > 10 * 1024 * 1024) throw new ApiRequestError(413, 'file_too_large', 'too large');
    if (!(CHAT_ATTACHMENT_TYPES as readonly string[]).includes(file.type)) throw new ApiRequestError(415, 'unsupported_file_type', 'unsupported');
    if (!this.messages.has(id)) throw new ApiRequestError(404, 'conversation_not_found', 'no such conversation');
    const a: ChatAttachment = { id: crypto.randomUUID(), name: file.name, type: file.type as ChatAttachmentType, size: file.size, url: '' };
    a.url = this.attachmentUrl(a.id);
    this.attachments.set(a.id, a);
    return a;
  }

  /** The viewer is an identified expert (their socket messages are the expert's). */
  asExpert = false;
  /** Conversations an expert joined. */
  readonly joined = new Set<string>();

  /** Open chats about `productId`, as an expert covering it sees them. */
  async expertList(productId: string): Promise<ExpertConversation[]> {
    await Promise.resolve();
    this.check('expert list');
    return this.conversations
      .filter((c) => c.productId === productId && c.status === 'open')
      .map((c) => ({ ...c, firstMessage: this.messages.get(c.id)?.[0]?.text ?? '', joined: this.joined.has(c.id) }));
  }

  async join(id: string): Promise<Conversation> {
    await Promise.resolve();
    this.check(`join ${id}`);
    const c = this.conversations.find((x) => x.id === id);
    if (!c) throw new ApiRequestError(404, 'conversation_not_found', 'no such conversation');
    this.joined.add(id);
    return c;
  }

  async socket(id: string): Promise<ChatSocket> {
    await Promise.resolve();
    this.check('socket');
    const s = new FakeSocket(this);
    (s as FakeSocket & { conv: string }).conv = id;
    this.sockets.push(s);
    return s;
  }

  /** Stores once per client id and broadcasts a new message to every greeted socket. */
  store(id: string, clientId: string, text: string, kind: 'shopper' | 'staff' | 'expert', name: string, attachmentId?: string): ChatMessage {
    const list = this.messages.get(id) ?? [];
    const known = list.find((m) => m.clientId === clientId);
    if (known) return known;
    const attachment = attachmentId ? (this.attachments.get(attachmentId) ?? null) : null;
    const m: ChatMessage = { seq: list.length + 1, clientId, sender: { kind, name }, text, attachment, createdAt: Date.now() };
    list.push(m);
    this.messages.set(id, list);
    for (const s of this.open(id)) s.push({ type: 'msg', message: m });
    return m;
  }

  receive(s: FakeSocket, frame: { type: string; lastSeq?: number; clientId?: string; text?: string; attachmentId?: string; on?: boolean; seq?: number }): void {
    const id = (s as FakeSocket & { conv: string }).conv;
    if (frame.type === 'hello') {
      for (const m of (this.messages.get(id) ?? []).filter((x) => x.seq > (frame.lastSeq ?? 0))) s.push({ type: 'msg', message: m });
      s.helloed = true;
      s.push({ type: 'welcome', you: this.asExpert ? { role: 'expert', name: 'Eva Expert' } : { role: 'shopper', name: '' }, participants: [], lastSeq: this.messages.get(id)?.length ?? 0 });
    } else if (frame.type === 'msg' && s.helloed) {
      const m = this.asExpert
        ? this.store(id, frame.clientId ?? '', frame.text ?? '', 'expert', 'Eva Expert', frame.attachmentId)
        : this.store(id, frame.clientId ?? '', frame.text ?? '', 'shopper', '', frame.attachmentId);
      s.push({ type: 'ack', clientId: m.clientId, seq: m.seq });
    }
  }

  private open(id: string): FakeSocket[] {
    return this.sockets.filter((s) => s.readyState === 1 && s.helloed && (s as FakeSocket & { conv: string }).conv === id);
  }

  staffSays(id: string, text: string, name = 'Sanne'): ChatMessage {
    return this.store(id, crypto.randomUUID(), text, 'staff', name);
  }

  staffTyping(id: string, on: boolean, name = 'Sanne'): void {
    for (const s of this.open(id)) s.push({ type: 'typing', who: { role: 'staff', name }, on });
  }

  staffReads(id: string, seq: number, name = 'Sanne'): void {
    for (const s of this.open(id)) s.push({ type: 'read', who: { role: 'staff', name }, seq });
  }

  staffJoins(id: string, name = 'Sanne'): void {
    for (const s of this.open(id)) s.push({ type: 'presence', who: { role: 'staff', name }, state: 'joined' });
  }

  /** Cuts every open socket (as a dropped connection would). */
  killSockets(): void {
    for (const s of this.sockets) s.close();
  }
}
