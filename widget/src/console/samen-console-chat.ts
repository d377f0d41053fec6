import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { live } from 'lit/directives/live.js';
import { define } from '../internal/define.ts';
import { emitInternal } from '../internal/events.ts';
import { relativeTime } from '../internal/relative-time.ts';
import { pickLanguage } from '../i18n/index.ts';
import { controls, tokens } from '../styles/shared.ts';
import { consoleStyles } from './styles.ts';
import { ConsoleApiError, isSignedOut } from './api.ts';
import { createConsoleChatApi, type ConsoleChatApi } from './chat-api.ts';
import { connectChatLive, type ChatLiveConnection, type ChatLiveState } from './chat-live.ts';
import { dateTime } from './queue-format.ts';
import { consoleChatStrings, type ConsoleChatStrings } from './i18n/chat.ts';
import { CHAT_ATTACHMENT_TYPES, CHAT_LIMITS, type ChatFrameErrorCode, type ChatMessage, type ChatParticipant } from '../../../worker/src/chat-types.ts';

type Status = 'loading' | 'ready' | 'error';

/** An own message not yet acknowledged. */
interface Pending {
  clientId: string;
  text: string;
  attachmentId?: string;
  /** The shared file's name, shown while it is sent. */
  fileName?: string;
}

/** The file's problem before it is uploaded (the API checks the bytes again), or null. */
function fileProblem(file: File): 'file_empty' | 'file_too_large' | 'unsupported_file_type' | null {
  if (!file.size) return 'file_empty';
  if (file.size > CHAT_LIMITS.attachmentMaxBytes) return 'file_too_large';
  return (CHAT_ATTACHMENT_TYPES as readonly string[]).includes(file.type) ? null : 'unsupported_file_type';
}

const UPLOAD_ERRORS = ['file_empty', 'file_too_large', 'unsupported_file_type'] as const;

/** Only http(s) links become links: anything else is shown as text. */
function safeHref(url: string): string | null {
  try {
    const u = new URL(url, location.href);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

const TYPING_SEND_MS = 3000;
const TYPING_SHOWN_MS = 6000;

/**
 * A queue item's live chat for staff: the conversation as a log (shopper, team and expert
 * messages, attachments, "Seen"), who is in the chat and who is typing, and a composer. Messages
 * go through {@link connectChatLive}: kept until the room acknowledges them, resent after a
 * reconnect, sent over REST while the socket is down.
 *
 * @fires session-ended - (internal) when the API says the session is gone
 */
export class SamenConsoleChat extends LitElement {
  static override properties = {
    chatApi: { attribute: false },
    locale: { type: String },
    conversationId: { type: String, attribute: 'conversation-id' },
    _status: { state: true },
    _messages: { state: true },
    _pending: { state: true },
    _participants: { state: true },
    _typing: { state: true },
    _seenSeq: { state: true },
    _live: { state: true },
    _draft: { state: true },
    _error: { state: true },
    _announcement: { state: true },
    _uploading: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    consoleStyles,
    css`
      :host {
        display: block;
      }
      .log {
        max-block-size: 28rem;
        overflow-y: auto;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.5rem;
        margin: 0 0 0.75rem;
      }
      .log > li {
        padding: 0.5rem 0.75rem;
        margin-block-end: 0.375rem;
        border-radius: var(--_radius);
        background: var(--_surface);
        border: 1px solid var(--_border);
      }
      .log > li.staff {
        border-inline-start: 4px solid var(--_accent);
      }
      .log > li.expert {
        border-inline-start: 4px solid #2e7d32;
      }
      .log > li.pending {
        opacity: 0.7;
        border-style: dashed;
      }
      .who {
        margin: 0 0 0.25rem;
        font-size: 0.875rem;
        font-weight: 600;
      }
      .body {
        margin: 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .seen,
      .typing,
      .presence,
      .connection {
        font-size: 0.875rem;
        margin: 0.25rem 0;
      }
      .connection.reconnecting {
        color: var(--_error);
        font-weight: 600;
      }
      textarea {
        min-block-size: 4rem;
        font-size: 1rem;
      }
      form {
        display: grid;
        gap: 0.5rem;
      }
      .thumb {
        display: block;
        max-inline-size: 16rem;
        max-block-size: 12rem;
        margin-block-start: 0.25rem;
        border-radius: var(--_radius);
      }
    `,
  ];

  declare chatApi: ConsoleChatApi | null;
  declare locale: string;
  declare conversationId: string;
  declare private _status: Status;
  declare private _messages: ChatMessage[];
  declare private _pending: Pending[];
  declare private _participants: ChatParticipant[];
  /** Who is typing now (by name), until when. */
  declare private _typing: Map<string, number>;
  /** Highest seq the shopper has read. */
  declare private _seenSeq: number;
  declare private _live: ChatLiveState;
  declare private _draft: string;
  declare private _error: string;
  declare private _announcement: string;
  /** The name of the file being uploaded, or ''. */
  declare private _uploading: string;
  private _connection: ChatLiveConnection | null = null;
  private _loading?: AbortController;
  private _typingSentAt = 0;
  private _typingTimer?: ReturnType<typeof setTimeout>;
  private _readTimer?: ReturnType<typeof setTimeout>;
  private _now = Date.now();

  constructor() {
    super();
    this.chatApi = null;
    this.locale = 'en';
    this.conversationId = '';
    this._status = 'loading';
    this._messages = [];
    this._pending = [];
    this._participants = [];
    this._typing = new Map();
    this._seenSeq = 0;
    this._live = 'connecting';
    this._draft = '';
    this._error = '';
    this._announcement = '';
    this._uploading = '';
  }

  private get _t(): ConsoleChatStrings {
    return consoleChatStrings[pickLanguage(this.locale)];
  }

  private get _api(): ConsoleChatApi {
    this.chatApi ??= createConsoleChatApi();
    return this.chatApi;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._stop();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.conversationId && !this._connection && this._status !== 'loading') void this._start();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('conversationId') && this.conversationId) void this._start();
  }

  private _stop(): void {
    this._loading?.abort();
    this._connection?.close();
    this._connection = null;
    clearTimeout(this._typingTimer);
    clearTimeout(this._readTimer);
  }

  /** Loads the history over REST, then joins the room live from the last message loaded. */
  private async _start(): Promise<void> {
    this._stop();
    const id = this.conversationId;
    const ctrl = (this._loading = new AbortController());
    this._status = 'loading';
    this._messages = [];
    this._pending = [];
    try {
      const [conversation, messages] = await Promise.all([this._api.conversation(id, ctrl.signal), this._loadAll(id, ctrl.signal)]);
      if (ctrl.signal.aborted) return;
      this._messages = messages;
      this._seenSeq = conversation.shopperReadSeq;
      this._now = Date.now();
      this._status = 'ready';
    } catch (err) {
      if (ctrl.signal.aborted) return;
      if (isSignedOut(err)) emitInternal(this, 'session-ended');
      this._status = 'error';
      return;
    }
    const api = this._api;
    this._connection = connectChatLive(
      {
        onMessage: (m) => this._received(m),
        onAck: (clientId) => {
          this._pending = this._pending.filter((p) => p.clientId !== clientId);
        },
        onWelcome: (participants) => {
          this._participants = participants;
        },
        onTyping: (who, on) => this._setTyping(who, on),
        onRead: (who, seq) => {
          if (who.role === 'shopper') this._seenSeq = Math.max(this._seenSeq, seq);
        },
        onPresence: (who, state) => this._presence(who, state),
        onRefused: (clientId, code) => this._refused(clientId, code),
        onState: (state) => {
          this._live = state;
        },
      },
      {
        createSocket: () => api.socket(id),
        lastSeq: this._messages.at(-1)?.seq ?? 0,
        fallback: { send: (clientId, text, attachmentId) => api.send(id, clientId, text, attachmentId), since: (after) => api.messages(id, after) },
      },
    );
  }

  private async _loadAll(id: string, signal: AbortSignal): Promise<ChatMessage[]> {
    const all: ChatMessage[] = [];
    for (;;) {
      const page = await this._api.messages(id, all.at(-1)?.seq ?? 0, signal);
      all.push(...page);
      if (page.length < CHAT_LIMITS.pageSize) return all;
    }
  }

  private _received(m: ChatMessage): void {
    if (this._messages.some((x) => x.seq === m.seq)) return;
    const last = this._messages.at(-1);
    this._messages = !last || last.seq < m.seq ? [...this._messages, m] : [...this._messages, m].sort((a, b) => a.seq - b.seq);
    this._pending = this._pending.filter((p) => p.clientId !== m.clientId);
    this._now = Date.now();
    if (m.sender.kind !== 'staff') {
      this._typing.delete(this._name(m.sender));
      this._typing = new Map(this._typing);
      this._scheduleRead();
    }
  }

  /** Tells the room what staff have read, a moment after it arrived and only while the page is visible. */
  private _scheduleRead(): void {
    clearTimeout(this._readTimer);
    this._readTimer = setTimeout(() => {
      const seq = this._messages.at(-1)?.seq;
      if (seq && document.visibilityState === 'visible') this._connection?.read(seq);
    }, 500);
  }

  private _setTyping(who: ChatParticipant, on: boolean): void {
    const name = this._name({ kind: who.role, name: who.name });
    const next = new Map(this._typing);
    if (on) next.set(name, Date.now() + TYPING_SHOWN_MS);
    else next.delete(name);
    this._typing = next;
    if (on) setTimeout(() => this.requestUpdate(), TYPING_SHOWN_MS + 50);
  }

  private _presence(who: ChatParticipant, state: 'joined' | 'left'): void {
    const name = this._name({ kind: who.role, name: who.name });
    const others = this._participants.filter((p) => !(p.role === who.role && p.name === who.name));
    this._participants = state === 'joined' ? [...others, who] : others;
    if (state === 'left') this._setTyping(who, false);
    this._announcement = state === 'joined' ? this._t.joined(name) : this._t.left(name);
  }

  private _refused(clientId: string, code: ChatFrameErrorCode): void {
    const t = this._t;
    const refused = this._pending.find((p) => p.clientId === clientId);
    this._pending = this._pending.filter((p) => p.clientId !== clientId);
    // Give the text back so nothing typed is lost.
    if (refused && !this._draft.trim()) this._draft = refused.text;
    this._error = code === 'message_empty' || code === 'message_too_long' || code === 'rate_limited' ? t.errors[code] : t.errors.generic;
  }

  private _name(sender: { kind: string; name: string }): string {
    return sender.name || (sender.kind === 'shopper' ? this._t.shopper : this._t.roles.system);
  }

  private _send(e?: Event): void {
    e?.preventDefault();
    const t = this._t;
    const text = this._draft;
    const problem = !text.trim() ? t.errors.message_empty : text.length > CHAT_LIMITS.textMax ? t.errors.message_too_long : '';
    if (problem) {
      this._error = problem;
      this.renderRoot.querySelector<HTMLElement>('#chat-message')?.focus();
      return;
    }
    if (!this._connection) return;
    const clientId = crypto.randomUUID();
    this._error = '';
    this._draft = '';
    this._pending = [...this._pending, { clientId, text }];
    this._connection.send(clientId, text);
    this._typingSentAt = 0;
    clearTimeout(this._typingTimer);
  }

  private _pickFile(e: Event): void {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void this._upload(file);
  }

  /** Checks the file, uploads it and sends a message that shares it. */
  private async _upload(file: File): Promise<void> {
    const t = this._t;
    const problem = fileProblem(file);
    if (problem) {
      this._error = t.errors[problem];
      return;
    }
    const id = this.conversationId;
    this._error = '';
    this._uploading = file.name;
    try {
      const attachment = await this._api.upload(id, file);
      if (id !== this.conversationId || !this._connection) return;
      const clientId = crypto.randomUUID();
      this._pending = [...this._pending, { clientId, text: '', attachmentId: attachment.id, fileName: attachment.name }];
      this._connection.send(clientId, '', attachment.id);
    } catch (err) {
      if (isSignedOut(err)) emitInternal(this, 'session-ended');
      const code = err instanceof ConsoleApiError ? err.code : '';
      this._error = (UPLOAD_ERRORS as readonly string[]).includes(code) ? t.errors[code as (typeof UPLOAD_ERRORS)[number]] : t.errors.upload;
    } finally {
      this._uploading = '';
    }
  }

  private _input(e: InputEvent): void {
    this._draft = (e.target as HTMLTextAreaElement).value;
    if (this._error && this._draft.trim()) this._error = '';
    const now = Date.now();
    if (now - this._typingSentAt > TYPING_SEND_MS) {
      this._typingSentAt = now;
      this._connection?.typing(true);
    }
    clearTimeout(this._typingTimer);
    this._typingTimer = setTimeout(() => {
      this._typingSentAt = 0;
      this._connection?.typing(false);
    }, TYPING_SEND_MS + 1000);
  }

  private _keydown(e: KeyboardEvent): void {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) this._send(e);
  }

  private _time(at: number) {
    return html`<time datetime=${new Date(at).toISOString()} title=${dateTime(at, this.locale)}>${relativeTime(at, this._now, this.locale)}</time>`;
  }

  private _renderMessage(m: ChatMessage, seenHere: boolean) {
    const t = this._t;
    const href = m.attachment ? safeHref(m.attachment.url) : null;
    return html`<li class=${m.sender.kind}>
      <p class="who">${t.who(this._name(m.sender), t.roles[m.sender.kind])} · ${this._time(m.createdAt)}</p>
      ${m.text ? html`<p class="body">${m.text}</p>` : nothing}
      ${m.attachment
        ? html`<p class="body">
            ${href
              ? html`<a href=${href} target="_blank" rel="noopener noreferrer"
                  >${t.attachment(m.attachment.name, t.size(m.attachment.size))}${m.attachment.type.startsWith('image/')
                    ? html`<img class="thumb" src=${href} alt="" loading="lazy" />`
                    : nothing}</a
                >`
              : t.attachment(m.attachment.name, t.size(m.attachment.size))}
          </p>`
        : nothing}
      ${seenHere ? html`<p class="seen">${t.seen}</p>` : nothing}
    </li>`;
  }

  private _renderLog() {
    const t = this._t;
    // "Seen" under the latest team message the shopper has read.
    const seenAt = [...this._messages].reverse().find((m) => m.sender.kind === 'staff' && m.seq <= this._seenSeq)?.seq ?? null;
    if (!this._messages.length && !this._pending.length) {
      return html`<ol class="plain log" role="log" aria-label=${t.conversation}><li>${t.empty}</li></ol>`;
    }
    return html`<ol class="plain log" role="log" aria-label=${t.conversation}>
      ${repeat(
        this._messages,
        (m) => m.seq,
        (m) => this._renderMessage(m, m.seq === seenAt),
      )}
      ${repeat(
        this._pending,
        (p) => p.clientId,
        (p) => html`<li class="staff pending">
          <p class="who">${t.sending}</p>
          <p class="body">${p.fileName ? `📎 ${p.fileName}` : p.text}</p>
        </li>`,
      )}
    </ol>`;
  }

  protected override render() {
    const t = this._t;
    if (this._status === 'loading') return html`<p class="state" role="status">${t.loading}</p>`;
    if (this._status === 'error') {
      return html`<div role="alert">
        <p>${t.loadError}</p>
        <button type="button" @click=${() => void this._start()}>${t.retry}</button>
      </div>`;
    }
    const now = Date.now();
    const typing = [...this._typing].filter(([, until]) => until > now).map(([name]) => name);
    // The list includes the signed-in staff member: alone, there is nobody to talk to live.
    const present = this._participants.map((p) => t.who(this._name({ kind: p.role, name: p.name }), t.roles[p.role]));
    return html`<p class="connection ${this._live}" role="status">${t.states[this._live]}</p>
      <p class="presence">${present.length > 1 ? t.present(present.join(', ')) : t.nobodyElse}</p>
      ${this._renderLog()}
      <p class="typing" aria-live="off">${typing.map((name) => t.typing(name)).join(' ')}</p>
      <form @submit=${(e: Event) => this._send(e)} novalidate>
        <label for="chat-message">${t.message}</label>
        <textarea
          id="chat-message"
          maxlength=${CHAT_LIMITS.textMax}
          aria-invalid=${this._error ? 'true' : 'false'}
          aria-describedby=${this._error ? 'chat-error chat-hint' : 'chat-hint'}
          .value=${live(this._draft)}
          @input=${(e: InputEvent) => this._input(e)}
          @keydown=${(e: KeyboardEvent) => this._keydown(e)}
        ></textarea>
        <p class="hint" id="chat-hint">${t.sendHint}</p>
        ${this._error ? html`<p class="error" id="chat-error" role="alert">${this._error}</p>` : nothing}
        <p class="actions">
          <button type="submit" class="primary">${t.send}</button>
          <input type="file" id="chat-file" hidden accept=${CHAT_ATTACHMENT_TYPES.join()} @change=${(e: Event) => this._pickFile(e)} />
          <button type="button" ?disabled=${!!this._uploading} @click=${() => this.renderRoot.querySelector<HTMLInputElement>('#chat-file')?.click()}>
            ${t.attach}
          </button>
        </p>
        ${this._uploading ? html`<p class="status" role="status">${t.uploading(this._uploading)}</p>` : nothing}
      </form>
      <p class="status" role="status">${this._announcement}</p>`;
  }
}

define('samen-console-chat', SamenConsoleChat);

declare global {
  interface HTMLElementTagNameMap {
    'samen-console-chat': SamenConsoleChat;
  }
}
