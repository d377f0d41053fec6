import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { define } from '../internal/define.ts';
import { emitInternal } from '../internal/events.ts';
import { relativeTime } from '../internal/relative-time.ts';
import { controls, tokens } from '../styles/shared.ts';
import { consoleStyles, queueStyles } from './styles.ts';
import {
  ConsoleApiError,
  STAFF_MESSAGE_MAX,
  isSignedOut,
  type CannedResponse,
  type ConsoleApi,
  type QueueEvent,
  type QueueItem,
  type QueueItemDetail,
} from './api.ts';
import { dateTime, dueTime, fillCanned } from './queue-format.ts';
import { consoleErrorText, en, type ConsoleStrings } from './i18n/index.ts';
import { consoleChatStrings } from './i18n/chat.ts';
import { consoleCommunityStrings, influenceLines } from './i18n/community.ts';
import { pickLanguage } from '../i18n/index.ts';
import './samen-console-chat.ts';
import type { ConsoleChatApi } from './chat-api.ts';

type Status = 'loading' | 'ready' | 'error';
/** The parts of the view an action's outcome is shown in. */
type Area = 'claim' | 'reply' | 'note' | 'state';
type Action = 'claim' | 'takeOver' | 'reply' | 'publish' | 'note' | 'resolve' | 'reopen';

/** Codes after which the item on screen is out of date and is loaded again. */
const STALE_CODES = new Set(['already_claimed', 'already_resolved', 'not_resolved', 'private_question']);

/**
 * One queue item for staff: the question (unmasked), why it came to the team, the shopper's
 * history and orders, community answers, replies and internal notes, the timeline, and the
 * actions Claim, Reply (with canned responses), Publish as answer, Add note, Resolve / Reopen.
 *
 * @fires back - (internal) the user wants the list again
 * @fires open-item - (internal) open another item (detail: its id), e.g. an earlier contact
 * @fires session-ended - (internal) when the API says the session is gone
 */
export class SamenConsoleQueueItem extends LitElement {
  static override properties = {
    api: { attribute: false },
    chatApi: { attribute: false },
    t: { attribute: false },
    locale: { type: String },
    itemId: { type: String, attribute: 'item-id' },
    staffId: { type: String, attribute: 'staff-id' },
    summary: { attribute: false },
    _detail: { state: true },
    _status: { state: true },
    _reply: { state: true },
    _note: { state: true },
    _busy: { state: true },
    _error: { state: true },
    _conflict: { state: true },
    _announcement: { state: true },
    _canned: { state: true },
    _cannedChoice: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    consoleStyles,
    queueStyles,
    css`
      :host {
        max-inline-size: 52rem;
      }
      .question {
        font-size: 1.125rem;
        margin: 0 0 0.5rem;
        padding-inline-start: 1rem;
        border-inline-start: 4px solid var(--_accent);
      }
      section {
        margin-block-start: 1.5rem;
      }
      .messages > li,
      .answers > li,
      .history > li {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.75rem;
        margin-block-end: 0.5rem;
      }
      .messages > li.note {
        border-style: dashed;
        background: color-mix(in srgb, #f5c518 14%, var(--_surface));
      }
      .messages > li.reply {
        border-inline-start: 4px solid var(--_accent);
      }
      .who {
        margin: 0 0 0.25rem;
        font-size: 0.875rem;
        font-weight: 600;
      }
      .history > li.earlier {
        border: 2px solid var(--_accent);
      }
      .timeline {
        font-size: 0.875rem;
      }
      .timeline li {
        padding-block: 0.125rem;
      }
      .conflict {
        border: 2px solid var(--_error);
        border-radius: var(--_radius);
        padding: 0.75rem 1rem;
        margin-block: 0.5rem;
      }
      .conflict p {
        margin: 0 0 0.5rem;
      }
      .compose {
        display: grid;
        gap: 0.75rem;
        max-inline-size: 44rem;
      }
      .picker {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
      }
      textarea {
        min-block-size: 7rem;
      }
    `,
  ];

  declare api: ConsoleApi;
  /** For live chat items; the real one when not given. */
  declare chatApi: ConsoleChatApi | null;
  declare t: ConsoleStrings;
  declare locale: string;
  declare itemId: string;
  declare staffId: string;
  /** The row from the list, shown while the full item loads. */
  declare summary: QueueItem | null;
  declare private _detail: QueueItemDetail | null;
  declare private _status: Status;
  declare private _reply: string;
  declare private _note: string;
  declare private _busy: Action | null;
  declare private _error: { area: Area; message: string } | null;
  /** Someone else has the item: their name when known. */
  declare private _conflict: { name: string | null } | null;
  declare private _announcement: string;
  declare private _canned: CannedResponse[];
  declare private _cannedChoice: string;
  private _loading?: AbortController;
  private _now = Date.now();

  constructor() {
    super();
    this.t = en;
    this.chatApi = null;
    this.locale = 'en';
    this.itemId = '';
    this.staffId = '';
    this.summary = null;
    this._detail = null;
    this._status = 'loading';
    this._reply = '';
    this._note = '';
    this._busy = null;
    this._error = null;
    this._conflict = null;
    this._announcement = '';
    this._canned = [];
    this._cannedChoice = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.api) void this._loadCanned();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._loading?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('itemId') && this.itemId && this.api) {
      // Another item: nothing of the last one (typed text, messages) carries over.
      if (this._detail && this._detail.item.id !== this.itemId) {
        this._detail = null;
        this._reply = '';
        this._note = '';
        this._error = null;
        this._conflict = null;
        this._announcement = '';
      }
      void this._load();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Keyboard and screen-reader users land on the item they opened.
    if (changed.has('itemId')) this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  /** Reloads the item without clearing the screen or what staff are typing (a live update). */
  refresh(): void {
    if (this._status !== 'loading') void this._load(true);
  }

  private async _load(quiet = false): Promise<void> {
    this._loading?.abort();
    const ctrl = (this._loading = new AbortController());
    if (!quiet) this._status = 'loading';
    try {
      const detail = await this.api.queueItem(this.itemId, ctrl.signal);
      if (ctrl.signal.aborted) return;
      this._now = Date.now();
      this._detail = detail;
      this._status = 'ready';
      // A conflict shows who has the item now, and is over once it is ours (or nobody's).
      if (this._conflict) this._conflict = this._otherAssignee() ? { name: detail.item.assignee?.name ?? null } : null;
    } catch (err) {
      if (ctrl.signal.aborted) return;
      if (isSignedOut(err)) emitInternal(this, 'session-ended');
      else if (!quiet || !this._detail) this._status = 'error';
    }
  }

  /** The assignee's id when it is someone other than the signed-in staff member. */
  private _otherAssignee(): string | null {
    const id = this._detail?.item.assignee?.id ?? null;
    return id && id !== this.staffId ? id : null;
  }

  private async _loadCanned(): Promise<void> {
    try {
      this._canned = await this.api.canned();
    } catch (err) {
      // The picker is a convenience: without it staff still type their reply.
      if (isSignedOut(err)) emitInternal(this, 'session-ended');
    }
  }

  private _item(): QueueItem | null {
    return this._detail?.item ?? (this.summary?.id === this.itemId ? this.summary : null);
  }

  private _shopperName(item: QueueItem | null): string {
    return item?.shopper.name ?? this.t.queue.anonymousVisitor;
  }

  /** Runs an action; `area` is where its error is shown. Returns whether it succeeded. */
  private async _run(action: Action, area: Area, work: () => Promise<string>): Promise<boolean> {
    if (this._busy) return false;
    this._busy = action;
    this._error = null;
    this._announcement = '';
    try {
      this._announcement = await work();
      this._busy = null;
      await this._load(true);
      return true;
    } catch (err) {
      if (isSignedOut(err)) {
        emitInternal(this, 'session-ended');
        return false;
      }
      const code = err instanceof ConsoleApiError ? err.code : '';
      if (code === 'item_not_found') {
        this._busy = null;
        this._status = 'error';
        return false;
      }
      if (code === 'already_claimed') {
        this._conflict = { name: null };
      } else {
        const field = area === 'reply' || area === 'note' ? 'message_too_long' : undefined;
        this._error = { area, message: consoleErrorText(this.t, err, field) };
      }
      this._busy = null;
      if (STALE_CODES.has(code)) await this._load(true);
      return false;
    } finally {
      this._busy = null;
    }
  }

  private async _claim(force: boolean): Promise<void> {
    const done = await this._run(force ? 'takeOver' : 'claim', 'claim', async () => {
      await this.api.claim(this.itemId, force);
      this._conflict = null;
      return this.t.queue.claimedNotice;
    });
    if (!done && this._conflict) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#take-over')?.focus();
    }
  }

  /** Checks a message before sending: not blank, not too long. The error is shown at `area`. */
  private _checkMessage(text: string, area: 'reply' | 'note'): boolean {
    const t = this.t;
    const problem = !text.trim() ? t.queue.messageRequired : text.length > STAFF_MESSAGE_MAX ? t.errors.message_too_long : '';
    if (!problem) return true;
    this._announcement = '';
    this._error = { area, message: problem };
    this.renderRoot.querySelector<HTMLElement>(area === 'reply' ? '#reply' : '#note')?.focus();
    return false;
  }

  private async _sendReply(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const text = this._reply;
    if (this._busy || !this._checkMessage(text, 'reply')) return;
    const sent = await this._run('reply', 'reply', async () => {
      await this.api.reply(this.itemId, text.trim());
      return this.t.queue.repliedNotice;
    });
    // Cleared only if unchanged: staff may have kept typing while it was sent.
    if (sent && this._reply === text) this._reply = '';
    else void this._focusAfterError('#reply');
  }

  private async _publish(): Promise<void> {
    const text = this._reply;
    if (this._busy || !this._checkMessage(text, 'reply')) return;
    const done = await this._run('publish', 'reply', async () => {
      await this.api.publish(this.itemId, text.trim());
      return this.t.queue.publishedNotice;
    });
    if (done && this._reply === text) this._reply = '';
    else void this._focusAfterError('#reply');
  }

  private async _addNote(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const text = this._note;
    if (this._busy || !this._checkMessage(text, 'note')) return;
    const done = await this._run('note', 'note', async () => {
      await this.api.addNote(this.itemId, text.trim());
      return this.t.queue.notedNotice;
    });
    if (done && this._note === text) this._note = '';
    else void this._focusAfterError('#note');
  }

  private async _setResolved(resolved: boolean): Promise<void> {
    await this._run(resolved ? 'resolve' : 'reopen', 'state', async () => {
      if (resolved) await this.api.resolve(this.itemId);
      else await this.api.reopen(this.itemId);
      return resolved ? this.t.queue.resolvedNotice : this.t.queue.reopenedNotice;
    });
    // The button that was pressed is replaced by its opposite: keep focus on it.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#state-button')?.focus();
  }

  private async _focusAfterError(selector: string): Promise<void> {
    if (!this._error) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private _insertCanned(): void {
    const canned = this._canned.find((c) => c.id === this._cannedChoice);
    const reply = this.renderRoot.querySelector<HTMLTextAreaElement>('#reply');
    if (!canned) {
      this.renderRoot.querySelector<HTMLElement>('#canned-pick')?.focus();
      return;
    }
    const item = this._item();
    const text = fillCanned(canned.body, {
      name: item?.shopper.name ?? this.t.queue.genericName,
      product: item?.productId ?? '',
    });
    this._reply = this._reply.trim() ? `${this._reply.trimEnd()}\n\n${text}` : text;
    this._announcement = this.t.queue.cannedInserted(canned.title);
    reply?.focus();
  }

  /** A moment as "3 hours ago" (optionally worded by `format`), with the full date on hover. */
  private _time(at: number, format: (relative: string) => string = (r) => r) {
    return html`<time datetime=${new Date(at).toISOString()} title=${dateTime(at, this.locale)}
      >${format(relativeTime(at, this._now, this.locale))}</time
    >`;
  }

  private _renderFlags(item: QueueItem) {
    const t = this.t.queue;
    const open = item.status !== 'resolved';
    return html`<p class="flags">
      ${item.priority ? html`<span class="flag priority">${t.priority}</span>` : nothing}
      ${open && item.sla === 'breached' ? html`<span class="flag overdue">${t.overdue}</span>` : nothing}
      ${open && item.sla === 'near' ? html`<span class="flag soon">${t.dueSoon}</span>` : nothing}
      <span class="flag status">${t.statuses[item.status]}</span>
      <span class="flag">${t.reasons[item.reason]}</span>
      ${item.category ? html`<span class="flag">${t.categories[item.category]}</span>` : nothing}
    </p>`;
  }

  /** Who staff are talking to: the shopper's influence score, with why (never shown to the shopper). */
  private _renderInfluence(influence: NonNullable<QueueItem['influence']>) {
    const c = consoleCommunityStrings[pickLanguage(this.locale)];
    return html`<details class="influence">
      <summary>${c.influenceShort(influence.score)}</summary>
      ${influence.why ? html`<ul>${influenceLines(c, influence.why).map((line) => html`<li>${line}</li>`)}</ul>` : nothing}
    </details>`;
  }

  private _renderMeta(item: QueueItem) {
    const t = this.t.queue;
    const showDue = item.status !== 'resolved' && item.firstResponseAt === null;
    return html`<p class="meta">
      <span>${this.t.product(item.productId)}</span>
      ${item.orderRef ? html`<span>${t.orderRef(item.orderRef)}</span>` : nothing}
      <span>${t.channels[item.channel]}</span>
      <span>${t.visibility[item.visibility]}</span>
      ${item.shopper.sub ? html`<span>${t.shopperId(item.shopper.sub)}</span>` : nothing}
      ${item.influence ? this._renderInfluence(item.influence) : nothing}
      <span>${item.assignee ? (item.assignee.id === this.staffId ? t.assignedToYou : t.assignedTo(item.assignee.name)) : t.unassigned}</span>
      ${showDue ? html`<span>${t.due(dueTime(item.slaDueAt, this._now, this.locale))}</span>` : nothing}
      ${this._time(item.askedAt, t.asked)}
    </p>`;
  }

  private _renderTriage(d: QueueItemDetail) {
    const t = this.t.queue;
    return html`<section aria-labelledby="triage-heading">
      <h3 id="triage-heading">${t.triageHeading}</h3>
      ${d.triage.length
        ? html`<ul aria-labelledby="triage-heading">
            ${d.triage.map((rule) => html`<li>${rule}</li>`)}
          </ul>`
        : html`<p class="state">${t.triageNone}</p>`}
    </section>`;
  }

  private _renderEarlier(d: QueueItemDetail) {
    const t = this.t.queue;
    const relatedId = d.item.relatedQuestionId;
    if (!relatedId) return nothing;
    const earlier = d.history.find((h) => h.questionId === relatedId);
    return html`<section aria-labelledby="earlier-heading">
      <h3 id="earlier-heading">${t.earlierContactHeading}</h3>
      ${earlier
        ? html`<p class="body">${earlier.body}</p>
            <p class="meta">
              <span>${this.t.product(earlier.productId)}</span>
              ${earlier.orderRef ? html`<span>${t.orderRef(earlier.orderRef)}</span>` : nothing}
              <span>${earlier.status ? t.statuses[earlier.status] : t.notRouted}</span>
              ${this._time(earlier.askedAt, t.asked)}
            </p>
            ${earlier.itemId && earlier.itemId !== d.item.id
              ? html`<p>
                  <button type="button" @click=${() => emitInternal(this, 'open-item', earlier.itemId)}>${t.openEarlier}</button>
                </p>`
              : nothing}`
        : html`<p class="state">${t.earlierContactMissing}</p>`}
    </section>`;
  }

  private _renderMessages(d: QueueItemDetail) {
    const t = this.t.queue;
    return html`<section aria-labelledby="messages-heading">
      <h3 id="messages-heading">${t.messagesHeading}</h3>
      ${d.messages.length
        ? html`<ol class="plain messages" aria-label=${t.messagesLabel}>
            ${repeat(
              d.messages,
              (m) => m.id,
              (m) => html`<li class=${m.kind}>
                <p class="who">${m.kind === 'reply' ? t.replyFrom(m.staffName) : t.noteFrom(m.staffName)} · ${this._time(m.createdAt)}</p>
                <p class="body">${m.body}</p>
              </li>`,
            )}
          </ol>`
        : html`<p class="state">${t.messagesEmpty}</p>`}
    </section>`;
  }

  /** A live chat item: the conversation itself, where staff reply (instead of the reply form). */
  private _renderChat(item: QueueItem) {
    if (!item.conversationId) return nothing;
    return html`<section aria-labelledby="chat-heading">
      <h3 id="chat-heading">${consoleChatStrings[pickLanguage(this.locale)].heading}</h3>
      <samen-console-chat
        .chatApi=${this.chatApi}
        conversation-id=${item.conversationId}
        locale=${this.locale}
        @session-ended=${() => emitInternal(this, 'session-ended')}
      ></samen-console-chat>
    </section>`;
  }

  private _renderClaim(item: QueueItem) {
    const t = this.t.queue;
    if (item.status === 'resolved') return nothing;
    const mine = item.assignee?.id === this.staffId && this.staffId !== '';
    const busy = this._busy !== null;
    return html`${mine
        ? nothing
        : html`<p class="actions">
            <button type="button" class="primary" ?disabled=${busy} @click=${() => void this._claim(false)}>${t.claim}</button>
          </p>`}
      ${this._conflict
        ? html`<div class="conflict" role="alert">
            <p>${this._conflict.name ? t.claimedBy(this._conflict.name) : t.claimedBySomeone}</p>
            <button type="button" id="take-over" ?disabled=${busy} @click=${() => void this._claim(true)}>${t.takeOver}</button>
          </div>`
        : nothing}
      ${this._error?.area === 'claim' ? html`<p class="error" role="alert">${this._error.message}</p>` : nothing}`;
  }

  private _renderReply(item: QueueItem) {
    const t = this.t.queue;
    const busy = this._busy !== null;
    const error = this._error?.area === 'reply' ? this._error.message : '';
    const publishable = item.visibility === 'public';
    const describedBy = [error ? 'reply-error' : '', 'reply-hint', publishable ? 'publish-hint' : ''].filter(Boolean).join(' ');
    return html`<form class="compose" @submit=${(e: SubmitEvent) => void this._sendReply(e)} novalidate>
      <div class="picker">
        ${this._canned.length
          ? html`<div>
                <label for="canned-pick">${t.cannedPick}</label>
                <select id="canned-pick" @change=${(e: Event) => (this._cannedChoice = (e.target as HTMLSelectElement).value)}>
                  <option value="" ?selected=${!this._cannedChoice}>${t.cannedChoose}</option>
                  ${this._canned.map((c) => html`<option value=${c.id} ?selected=${this._cannedChoice === c.id}>${c.title}</option>`)}
                </select>
              </div>
              <button type="button" @click=${() => this._insertCanned()}>${t.insertCanned}</button>`
          : html`<p class="hint">${t.cannedNone}</p>`}
      </div>
      <div>
        <label for="reply">${t.replyLabel}</label>
        <textarea
          id="reply"
          maxlength=${STAFF_MESSAGE_MAX}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${describedBy}
          .value=${this._reply}
          @input=${(e: InputEvent) => (this._reply = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        <p class="hint" id="reply-hint">${t.replyHint}</p>
        ${publishable ? html`<p class="hint" id="publish-hint">${t.publishHint}</p>` : nothing}
        ${error ? html`<p class="error" id="reply-error" role="alert">${error}</p>` : nothing}
      </div>
      <p class="actions">
        <button type="submit" class="primary" ?disabled=${busy}>${t.reply}</button>
        ${publishable
          ? html`<button type="button" ?disabled=${busy} @click=${() => void this._publish()}>${t.publish}</button>`
          : nothing}
      </p>
    </form>`;
  }

  private _renderNote() {
    const t = this.t.queue;
    const busy = this._busy !== null;
    const error = this._error?.area === 'note' ? this._error.message : '';
    return html`<form class="compose" @submit=${(e: SubmitEvent) => void this._addNote(e)} novalidate>
      <div>
        <label for="note">${t.noteLabel}</label>
        <textarea
          id="note"
          maxlength=${STAFF_MESSAGE_MAX}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? 'note-error note-hint' : 'note-hint'}
          .value=${this._note}
          @input=${(e: InputEvent) => (this._note = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        <p class="hint" id="note-hint">${t.noteHint}</p>
        ${error ? html`<p class="error" id="note-error" role="alert">${error}</p>` : nothing}
      </div>
      <p class="actions"><button type="submit" ?disabled=${busy}>${t.addNote}</button></p>
    </form>`;
  }

  private _renderState(item: QueueItem) {
    const t = this.t.queue;
    const resolved = item.status === 'resolved';
    return html`<p class="actions">
        <button type="button" id="state-button" ?disabled=${this._busy !== null} @click=${() => void this._setResolved(!resolved)}>
          ${resolved ? t.reopen : t.resolve}
        </button>
      </p>
      ${this._error?.area === 'state' ? html`<p class="error" role="alert">${this._error.message}</p>` : nothing}`;
  }

  private _renderAnswers(d: QueueItemDetail) {
    const t = this.t.queue;
    return html`<section aria-labelledby="answers-heading">
      <h3 id="answers-heading">${t.answersHeading}</h3>
      ${d.answers.length
        ? html`<ul class="plain answers" aria-label=${t.answersLabel}>
            ${repeat(
              d.answers,
              (a) => a.id,
              (a) => html`<li>
                <p class="body">${a.body}</p>
                <p class="meta">
                  <span>${a.authorName ?? this.t.anonymous}${a.authorRole ? ` · ${t.authorRoles[a.authorRole]}` : ''}</span>
                  ${a.accepted ? html`<span class="flag">${t.accepted}</span>` : nothing}
                  ${a.helpfulCount ? html`<span>${t.helpful(a.helpfulCount)}</span>` : nothing}
                  ${this._time(a.createdAt)}
                </p>
              </li>`,
            )}
          </ul>`
        : html`<p class="state">${t.answersEmpty}</p>`}
    </section>`;
  }

  private _renderHistory(d: QueueItemDetail) {
    const t = this.t.queue;
    const relatedId = d.item.relatedQuestionId;
    return html`<section aria-labelledby="history-heading">
      <h3 id="history-heading">${t.historyHeading}</h3>
      ${d.history.length
        ? html`<ul class="plain history" aria-label=${t.historyLabel}>
            ${repeat(
              d.history,
              (h) => h.questionId,
              (h) => html`<li class=${h.questionId === relatedId ? 'earlier' : ''}>
                ${h.questionId === relatedId ? html`<p class="flags"><span class="flag priority">${t.earlierContact}</span></p>` : nothing}
                ${h.itemId && h.itemId !== d.item.id
                  ? html`<button type="button" class="open" @click=${() => emitInternal(this, 'open-item', h.itemId)}>${h.body}</button>`
                  : html`<p class="body">${h.body}</p>`}
                <p class="meta">
                  <span>${this.t.product(h.productId)}</span>
                  ${h.orderRef ? html`<span>${t.orderRef(h.orderRef)}</span>` : nothing}
                  <span>${t.visibility[h.visibility]}</span>
                  <span>${h.status ? t.statuses[h.status] : t.notRouted}</span>
                  ${this._time(h.askedAt)}
                </p>
              </li>`,
            )}
          </ul>`
        : html`<p class="state">${t.historyEmpty}</p>`}
    </section>
    <section aria-labelledby="orders-heading">
      <h3 id="orders-heading">${t.ordersHeading}</h3>
      ${d.orders.length
        ? html`<ul aria-label=${t.ordersLabel}>
            ${d.orders.map((o) => html`<li>${o}</li>`)}
          </ul>`
        : html`<p class="state">${t.ordersEmpty}</p>`}
    </section>`;
  }

  /**
   * An event's detail in the reader's words: a routing reason, a take-over; nothing for a
   * publication (its detail is the answer's id; the answer itself is listed above).
   */
  private _eventDetail(e: QueueEvent): string | null {
    const t = this.t.queue;
    if (!e.detail || e.kind === 'published') return null;
    const reasons: Record<string, string> = t.reasons;
    if (e.kind === 'routed' && Object.hasOwn(reasons, e.detail)) return reasons[e.detail]!;
    const takenOver = /^taken over from (.+)$/.exec(e.detail);
    if (takenOver) return t.takenOverFrom(takenOver[1]!);
    return e.detail;
  }

  private _actor(actor: string): string {
    if (actor === 'former staff') return this.t.formerStaff;
    return this.t.queue.actors[actor] ?? actor;
  }

  private _renderTimeline(d: QueueItemDetail) {
    const t = this.t.queue;
    return html`<section aria-labelledby="timeline-heading">
      <h3 id="timeline-heading">${t.timelineHeading}</h3>
      <ol class="plain timeline" aria-label=${t.timelineLabel}>
        ${d.events.map((e) => {
          const detail = this._eventDetail(e);
          return html`<li>
            <strong>${t.events[e.kind]}</strong> · ${this._actor(e.actor)}${detail ? ` · ${detail}` : ''} · ${this._time(e.createdAt)}
          </li>`;
        })}
      </ol>
    </section>`;
  }

  private _renderBody() {
    const t = this.t;
    const d = this._detail;
    if (this._status === 'error' && !d) {
      return html`<div role="alert">
        <p>${t.queue.itemError}</p>
        <button type="button" @click=${() => void this._load()}>${t.retry}</button>
      </div>`;
    }
    if (this._status === 'error') {
      return html`<div role="alert"><p>${t.errors.item_not_found}</p></div>`;
    }
    if (!d) return html`<p class="state" role="status">${t.loading}</p>`;
    const item = d.item;
    return html`${this._renderFlags(item)}
      <p class="body question">${item.body}</p>
      ${this._renderMeta(item)} ${this._renderChat(item)} ${this._renderTriage(d)} ${this._renderEarlier(d)} ${this._renderMessages(d)}
      <section aria-labelledby="actions-heading">
        <h3 id="actions-heading">${t.queue.actionsHeading}</h3>
        ${this._renderClaim(item)} ${item.conversationId ? nothing : this._renderReply(item)} ${this._renderNote()} ${this._renderState(item)}
      </section>
      ${this._renderAnswers(d)} ${this._renderHistory(d)} ${this._renderTimeline(d)}`;
  }

  protected override render() {
    const t = this.t;
    const item = this._item();
    return html`<article aria-labelledby="item-heading">
      <p><button type="button" @click=${() => emitInternal(this, 'back')}>${t.queue.back}</button></p>
      <h2 id="item-heading" tabindex="-1">${item ? t.queue.itemHeading(this._shopperName(item)) : t.itemKinds.question}</h2>
      <p class="status" role="status">${this._announcement}</p>
      ${this._renderBody()}
    </article>`;
  }
}

define('samen-console-queue-item', SamenConsoleQueueItem);

declare global {
  interface HTMLElementTagNameMap {
    'samen-console-queue-item': SamenConsoleQueueItem;
  }
}
