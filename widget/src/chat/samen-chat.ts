import { LitElement, html, css, nothing } from 'lit';
import { define } from '../internal/define.ts';
import { controls, tokens } from '../styles/shared.ts';
import { ApiRequestError, type ChatMessage, type Conversation, type ExpertConversation, type SamenApi } from '../api/client.ts';
import { CHAT_ATTACHMENT_TYPES, CHAT_LIMITS, type ChatAck, type ChatParticipant } from '../../../worker/src/chat-types.ts';
import { en, type ChatStrings } from '../i18n/chat/en.ts';
import { chatError, loadChatStrings } from '../i18n/chat/index.ts';
import { pickLanguage } from '../i18n/index.ts';
import { connectLive, type LiveConnection, type LiveState } from './chat-live.ts';
import { dropPending, keepPending, pendingOf } from './outbox-store.ts';

/** What the page the chat was opened on is about: a product, or an order at checkout. */
export interface ChatContext {
  productId?: string;
  orderRef?: string;
  /** `expert`: an identified expert opens the product's open chats to join one. */
  role?: 'shopper' | 'expert';
}

interface Pending {
  clientId: string;
  text: string;
  attachmentId?: string;
}

/** What is wrong with a chosen file before it goes anywhere (the API checks the bytes again). */
const fileProblem = (f: File): string =>
  !f.size ? 'file_empty' : f.size > CHAT_LIMITS.attachmentMaxBytes ? 'file_too_large' : (CHAT_ATTACHMENT_TYPES as readonly string[]).includes(f.type) ? '' : 'unsupported_file_type';

/** A signed attachment link, only if it is http(s): nothing else is bound to `src` or `href`. */
const safeUrl = (url: string): string | null => {
  try {
    return /^https?:$/.test(new URL(url).protocol) ? url : null;
  } catch {
    return null;
  }
};

const newClientId = () => crypto.randomUUID();
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The live chat panel: a modal dialog (focus stays inside; Escape closes; focus returns to the
 * opener) with "Your conversations" for returning shoppers, the conversation as a live region,
 * and a composer. Messages wait in an outbox (memory and IndexedDB) until the room has them.
 *
 * @summary Samen live chat panel.
 * @csspart panel - the dialog
 * @csspart log - the conversation
 * @csspart composer - the message form
 */
export class SamenChat extends LitElement {
  static override properties = {
    api: { attribute: false },
    siteId: { attribute: false },
    context: { attribute: false },
    brand: { attribute: false },
    lang: {},
    role: { attribute: false },
    _s: { state: true },
    _view: { state: true },
    _list: { state: true },
    _conv: { state: true },
    _ack: { state: true },
    _messages: { state: true },
    _pending: { state: true },
    _typing: { state: true },
    _seen: { state: true },
    _presence: { state: true },
    _live: { state: true },
    _error: { state: true },
    _uploading: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    css`
      dialog {
        position: fixed;
        inset-block: auto 1em;
        inset-inline: auto 1em;
        margin: 0;
        padding: 0;
        inline-size: min(24em, calc(100vw - 1em));
        block-size: min(36em, calc(100dvh - 2em));
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_surface);
        color: inherit;
        box-shadow: 0 8px 32px #0003;
      }
      dialog[open] {
        display: flex;
        flex-direction: column;
      }
      @media (max-width: 400px) {
        dialog {
          inset-inline: 0.5em;
        }
      }
      @media (prefers-reduced-motion: no-preference) {
        dialog[open] {
          animation: rise 0.15s ease-out;
        }
      }
      @keyframes rise {
        from {
          opacity: 0;
          transform: translateY(0.5em);
        }
      }
      dialog::backdrop {
        background: #0001;
      }
      header {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 0.5em;
        padding: 0.5em 0.75em;
        border-block-end: 1px solid var(--_border);
      }
      h2 {
        font-size: 1em;
        margin: 0;
      }
      .body {
        flex: 1;
        overflow-y: auto;
        padding: 0.75em;
      }
      ol,
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.5em;
      }
      .msg {
        max-inline-size: 85%;
        padding: 0.375em 0.625em;
        border-radius: var(--_radius);
        background: #0000000d;
        overflow-wrap: anywhere;
        white-space: pre-wrap;
      }
      .mine {
        justify-self: end;
        background: var(--_accent);
        color: var(--_on-accent);
      }
      .who,
      .meta,
      .note {
        display: block;
        font-size: 0.8125em;
        color: var(--_muted);
      }
      .mine .who,
      .mine .meta {
        color: inherit;
        opacity: 0.85;
      }
      .note {
        margin: 0 0 0.5em;
      }
      form {
        display: flex;
        gap: 0.5em;
        align-items: end;
        padding: 0.5em 0.75em;
        border-block-start: 1px solid var(--_border);
      }
      form > div {
        flex: 1;
      }
      textarea {
        resize: none;
        block-size: 2.75em;
      }
      .email {
        padding: 0 0.75em 0.5em;
      }
      .msg img {
        display: block;
        max-inline-size: 100%;
        max-block-size: 10em;
        border-radius: var(--_radius);
      }
      .mine a {
        color: inherit;
      }
      .conv {
        inline-size: 100%;
        text-align: start;
        color: inherit;
        border-color: var(--_border);
      }
    `,
  ];

  declare api: SamenApi;
  declare siteId: string;
  declare context: ChatContext;
  /** The shop's name, for the acknowledgement. */
  declare brand: string;
  declare lang: string;
  /** `expert`: an identified expert's "Open chats" on the product (`context.productId`), joined from the list. */
  declare role: 'shopper' | 'expert';
  declare private _s: ChatStrings;
  declare private _view: 'chat' | 'list';
  declare private _list: Conversation[];
  declare private _conv: Conversation | null;
  declare private _ack: ChatAck | null;
  declare private _messages: ChatMessage[];
  declare private _pending: Pending[];
  declare private _typing: string;
  declare private _seen: number;
  declare private _presence: string;
  declare private _live: LiveState | null;
  declare private _error: string;
  /** The name of the file being uploaded. */
  declare private _uploading: string;
  /** A file chosen before the conversation existed: uploaded once it does. */
  #queued: File | null = null;
  #live: LiveConnection | null = null;
  #opener: HTMLElement | null = null;
  #typingOn = false;
  #typingTimer?: ReturnType<typeof setTimeout>;
  #starting = false;
  #loaded = false;

  constructor() {
    super();
    this.siteId = this.brand = this.lang = '';
    this.context = {};
    this.role = 'shopper';
    this._s = en;
    this._view = 'chat';
    this._list = [];
    this._conv = this._ack = this._live = null;
    this._messages = [];
    this._pending = [];
    this._typing = this._presence = this._error = this._uploading = '';
    this._seen = 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('online', this.#reconnect);
    addEventListener('offline', this.#reconnect);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('online', this.#reconnect);
    removeEventListener('offline', this.#reconnect);
    this.#disconnect();
  }

  // The browser's own word on the network beats waiting for a dead socket to time out.
  #reconnect = () => this.#live?.retry();

  /** Opens the panel; focus goes back to `opener` when it closes. */
  async show(opener?: HTMLElement | null): Promise<void> {
    this.#opener = opener ?? null;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog || dialog.open) return;
    const role = this.context.role ?? 'shopper';
    if (role !== this.role) {
      // Another side of the chat: another list, and no conversation of the other role's.
      this.role = role;
      this.#loaded = false;
      this.#pick(null);
    }
    dialog.showModal();
    this.renderRoot.querySelector('textarea')?.focus();
    if (this._conv) this.#connect();
    if (!this.#loaded) {
      this.#loaded = true;
      this._s = await loadChatStrings(this.lang);
      try {
        const expert = this.role === 'expert';
        if (expert) this._view = 'list';
        this._list = expert ? await this.api.expertConversations(this.context.productId ?? '') : await this.api.myConversations();
        if (this._list.length && !this._conv) this._view = 'list';
      } catch {
        // No history to show: a new conversation it is.
      }
    }
  }

  /** Closes the panel (the socket too; the outbox waits for the next opening). */
  close(): void {
    this.renderRoot.querySelector('dialog')?.close();
  }

  #closed = (): void => {
    this.#disconnect();
    this.#opener?.focus();
    this.dispatchEvent(new Event('close'));
  };

  #disconnect(): void {
    this.#live?.close();
    this.#live = null;
    this._live = null;
  }

  #connect(): void {
    const conv = this._conv;
    if (!conv || this.#live) return;
    const id = conv.id;
    const live = (this.#live = connectLive(
      {
        message: (m) => this.#add(m),
        acked: (clientId) => {
          this.#accepted(clientId);
          void dropPending(this.siteId, clientId);
        },
        typing: (who, on) => {
          if (who.role !== this.role) this._typing = on ? this.#name(who.role, who.name) : '';
        },
        read: (who, seq) => {
          if (who.role !== this.role && seq > this._seen) this._seen = seq;
        },
        presence: (who, state) => this.#presence(who, state),
        refused: (clientId, code) => {
          this._pending = this._pending.filter((p) => p.clientId !== clientId);
          void dropPending(this.siteId, clientId);
          this._error = chatError(this._s, code);
        },
        state: (s) => (this._live = s),
      },
      {
        socket: () => this.api.chatSocket(id),
        send: (clientId, text, attachmentId) => this.api.postChatMessage(id, { clientId, text, attachmentId }),
        since: (after) => this.api.chatMessages(id, after),
      },
    ));
    for (const p of this._pending) live.send(p.clientId, p.text, p.attachmentId);
    // Messages left from an earlier visit (the tab closed before the room had them).
    void pendingOf(this.siteId, id).then((stored) => {
      const fresh = stored.filter((p) => !this._pending.some((q) => q.clientId === p.clientId));
      if (!fresh.length || this.#live !== live) return;
      this._pending = [...this._pending, ...fresh];
      for (const p of fresh) live.send(p.clientId, p.text, p.attachmentId);
    });
  }

  #presence(who: ChatParticipant, state: 'joined' | 'left'): void {
    if (who.role === this.role) return;
    this._presence = (state === 'joined' ? this._s.joined : this._s.left)(this.#name(who.role, who.name));
    if (state === 'left') this._typing = '';
  }

  /** A message of ours the room has: out of the outbox, and told to the page (`samen-message`, never the text). */
  #accepted(clientId: string): void {
    if (!this._pending.some((p) => p.clientId === clientId)) return;
    this._pending = this._pending.filter((p) => p.clientId !== clientId);
    document.dispatchEvent(new CustomEvent('samen-message', { bubbles: true, composed: true, detail: { conversationId: this._conv?.id } }));
  }

  #add(m: ChatMessage): void {
    if (this._messages.some((x) => x.seq === m.seq)) return;
    this._messages = [...this._messages, m].sort((a, b) => a.seq - b.seq);
    this.#accepted(m.clientId);
    if (m.sender.kind !== this.role) {
      this._typing = '';
      if (this.renderRoot.querySelector('dialog')?.open) this.#live?.read(m.seq);
    }
  }

  /** Who wrote, for the other side: a guest shopper has no name. */
  #name(kind: string, name: string): string {
    return name || (kind === 'shopper' ? this._s.shopper : this._s.team);
  }

  /** An expert joins a chat from "Open chats" first, then talks in it like anyone. */
  async #join(conv: ExpertConversation): Promise<void> {
    try {
      this.#pick(conv.joined ? conv : await this.api.joinConversation(conv.id));
    } catch (err) {
      this._error = chatError(this._s, err instanceof ApiRequestError ? err.code : 'generic');
    }
  }

  #pick(conv: Conversation | null): void {
    this.#disconnect();
    this._conv = conv;
    this._ack = null;
    this._messages = [];
    this._pending = [];
    this._seen = 0;
    this._typing = this._presence = this._error = '';
    this._view = 'chat';
    this.#connect();
  }

  #input = (): void => {
    if (!this.#typingOn) this.#live?.typing((this.#typingOn = true));
    clearTimeout(this.#typingTimer);
    this.#typingTimer = setTimeout(this.#stopTyping, 3000);
  };

  #stopTyping = (): void => {
    clearTimeout(this.#typingTimer);
    if (this.#typingOn) this.#live?.typing((this.#typingOn = false));
  };

  #keydown = (e: KeyboardEvent): void => {
    // Enter sends, Shift+Enter is a new line (as in every chat).
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.#send(e);
    }
  };

  #send = (e: Event): void => {
    e.preventDefault();
    const box = this.renderRoot.querySelector('textarea');
    const text = box?.value.trim() ?? '';
    if (!box || !text) return;
    const email = this.renderRoot.querySelector<HTMLInputElement>('input[type=email]');
    if (email?.value && !EMAIL.test(email.value)) {
      email.setAttribute('aria-invalid', 'true');
      this._error = this._s.invalidEmail;
      email.focus();
      return;
    }
    email?.removeAttribute('aria-invalid');
    this._error = '';
    box.value = '';
    this.#stopTyping();
    const p: Pending = { clientId: newClientId(), text };
    this._pending = [...this._pending, p];
    const conv = this._conv;
    if (!conv) {
      void this.#start(p, email?.value || undefined);
      return;
    }
    void keepPending(this.siteId, { ...p, conversationId: conv.id, at: Date.now() });
    this.#live?.send(p.clientId, p.text);
  };

  /** The first message starts the conversation; retried (same client id) until the API has it. */
  async #start(first: Pending, email: string | undefined, attempt = 0): Promise<void> {
    if (this.#starting && attempt === 0) return;
    this.#starting = true;
    const { productId, orderRef } = this.context;
    try {
      const res = await this.api.startConversation({
        channel: orderRef ? 'checkout' : 'product',
        ...(orderRef ? { orderRef } : productId ? { productId } : {}),
        text: first.text,
        clientId: first.clientId,
        lang: pickLanguage(this.lang),
        ...(email ? { email } : {}),
      });
      this.#starting = false;
      const rest = this._pending.filter((p) => p.clientId !== first.clientId);
      this._conv = res.conversation;
      this._ack = res.ack;
      this.#add(res.message);
      this.#connect();
      for (const p of rest) void keepPending(this.siteId, { ...p, conversationId: res.conversation.id, at: Date.now() });
      const file = this.#queued;
      this.#queued = null;
      if (file) void this.#upload(file);
    } catch (err) {
      if (err instanceof ApiRequestError && (err.status === 0 || err.status >= 500 || err.status === 429)) {
        this._error = chatError(this._s, 'network');
        setTimeout(() => void this.#start(first, email, attempt + 1), Math.min(15_000, 1000 * 2 ** attempt));
        return;
      }
      this.#starting = false;
      this.#queued = null;
      this._pending = this._pending.filter((p) => p.clientId !== first.clientId);
      const box = this.renderRoot.querySelector('textarea');
      if (box && !box.value) box.value = first.text;
      this._error = chatError(this._s, err instanceof ApiRequestError ? err.code : 'generic');
    }
  }

  #pickFile = (e: Event): void => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) this.#attach(file);
  };

  /** Checks a chosen file, starts the conversation if there is none yet, then uploads it. */
  #attach(file: File): void {
    const problem = fileProblem(file);
    this._error = problem ? chatError(this._s, problem) : '';
    if (problem) return;
    if (this._conv) return void this.#upload(file);
    if (this.#starting) return void (this.#queued = file);
    // The API starts a conversation with text: what is typed, or else the file's name.
    const box = this.renderRoot.querySelector('textarea');
    const email = this.renderRoot.querySelector<HTMLInputElement>('input[type=email]')?.value;
    if (email && !EMAIL.test(email)) return void (this._error = this._s.invalidEmail);
    const first: Pending = { clientId: newClientId(), text: box?.value.trim() || file.name };
    if (box) box.value = '';
    this.#queued = file;
    this._pending = [...this._pending, first];
    void this.#start(first, email || undefined);
  }

  async #upload(file: File): Promise<void> {
    const conv = this._conv;
    if (!conv) return;
    this._uploading = file.name;
    try {
      const a = await this.api.uploadChatFile(conv.id, file);
      const p: Pending = { clientId: newClientId(), text: '', attachmentId: a.id };
      this._pending = [...this._pending, p];
      void keepPending(this.siteId, { ...p, conversationId: conv.id, at: Date.now() });
      this.#live?.send(p.clientId, p.text, p.attachmentId);
    } catch (err) {
      this._error = chatError(this._s, err instanceof ApiRequestError ? err.code : 'generic');
    } finally {
      this._uploading = '';
    }
  }

  #renderAttachment(m: ChatMessage) {
    const a = m.attachment;
    if (!a) return nothing;
    const url = safeUrl(a.url);
    const label = this._s.file(a.name, a.size);
    if (!url) return html`<span class="meta">${label}</span>`;
    return a.type.startsWith('image/')
      ? html`<a href=${url} target="_blank" rel="noopener noreferrer"><img src=${url} alt=${a.name} loading="lazy" /></a>`
      : html`<a href=${url} target="_blank" rel="noopener noreferrer">${label}</a>`;
  }

  #renderList() {
    const s = this._s;
    if (this.role === 'expert') {
      const list = this._list as ExpertConversation[];
      return html`<h3 class="note">${s.openChats}</h3>
        ${list.length
          ? html`<ul>
              ${list.map((c) => html`<li><button type="button" class="conv" @click=${() => void this.#join(c)}>${s.join(c.firstMessage)}</button></li>`)}
            </ul>`
          : html`<p class="note">${s.noOpenChats}</p>`}`;
    }
    return html`<h3 class="note">${s.history}</h3>
      <ul>
        ${this._list.map(
          (c) =>
            html`<li>
              <button type="button" class="conv" @click=${() => this.#pick(c)}>
                <span class="who">${c.orderRef ? s.aboutOrder(c.orderRef) : ''} ${c.status === 'open' ? s.open : s.closed}
                  ${c.unread ? ` · ${s.unread(c.unread)}` : ''}</span>
                ${c.preview?.text ?? s.noMessages}
              </button>
            </li>`,
        )}
        <li><button type="button" class="primary" @click=${() => this.#pick(null)}>${s.startNew}</button></li>
      </ul>`;
  }

  #renderChat() {
    const s = this._s;
    const ack = this._ack;
    const mine = this._messages.filter((m) => m.sender.kind === this.role);
    const lastSeen = mine.filter((m) => m.seq <= this._seen).at(-1)?.seq;
    const order = this.context.orderRef ?? this._conv?.orderRef;
    return html`${order ? html`<p class="note">${s.aboutOrder(order)}</p>` : nothing}
      ${ack
        ? html`<p class="note" role="status">
            ${ack.mode === 'leave_message'
              ? s.leaveMessage(ack.promise.reopens?.text ?? ack.promise.staff.text)
              : s.live(this.brand, ack.promise.staff.text)}
          </p>`
        : this._conv
          ? nothing
          : html`<p class="note">${s.intro(this.brand)}</p>`}
      <div role="log" aria-label=${s.conversation} part="log"><ol>
        ${this._messages.map((m) => {
          const own = m.sender.kind === this.role;
          return html`<li class="msg ${own ? 'mine' : ''}">
            <span class="who">${own ? s.you : this.#name(m.sender.kind, m.sender.name)}</span>${m.text}${this.#renderAttachment(m)}
            ${m.seq === lastSeen ? html`<span class="meta">${s.seen}</span>` : nothing}
          </li>`;
        })}
        ${this._pending.map(
          (p) => html`<li class="msg mine">
            <span class="who">${s.you}</span>${p.text}${p.attachmentId ? s.attached : ''}
            <span class="meta">${this._live === 'reconnecting' ? s.notSent : s.sending}</span>
          </li>`,
        )}
      </ol></div>`;
  }

  protected override render() {
    const s = this._s;
    const composer = this._view === 'chat' && (this.role === 'shopper' || !!this._conv);
    return html`<dialog part="panel" role="dialog" aria-labelledby="title" @close=${this.#closed}>
      <header>
        <h2 id="title">${s.panel}${this.brand ? ` — ${this.brand}` : ''}</h2>
        <button type="button" aria-label=${s.close} @click=${this.close}>✕</button>
      </header>
      <div class="body" tabindex="0">
        ${this._view === 'list' ? this.#renderList() : this.#renderChat()}
      </div>
      <p class="note" role="status">
        ${this._uploading ? s.uploading(this._uploading) : ''}${this._typing ? s.typing(this._typing) : ''}${this._live === 'reconnecting' ? s.reconnecting : ''} ${this._presence}
      </p>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
      ${composer && !this._conv && !this._pending.length && this.role === 'shopper'
        ? html`<div class="email">
            <label for="email">${s.email}</label>
            <input id="email" type="email" autocomplete="email" aria-describedby="email-hint" />
            <p class="hint" id="email-hint">${s.emailHint}</p>
          </div>`
        : nothing}
      ${composer
        ? html`<form part="composer" @submit=${this.#send}>
            <div>
              <label class="visually-hidden" for="message">${s.message}</label>
              <textarea id="message" rows="1" maxlength="5000" @input=${this.#input} @keydown=${this.#keydown}></textarea>
            </div>
            <input type="file" hidden accept=${CHAT_ATTACHMENT_TYPES.join()} @change=${this.#pickFile} />
            <button type="button" aria-label=${s.attach} title=${s.attach} ?disabled=${!!this._uploading}
              @click=${() => this.renderRoot.querySelector<HTMLInputElement>('input[type=file]')?.click()}>📎</button>
            <button type="submit" class="primary">${s.send}</button>
          </form>`
        : nothing}
    </dialog>`;
  }
}

define('samen-chat', SamenChat);

declare global {
  interface HTMLElementTagNameMap {
    'samen-chat': SamenChat;
  }
}
