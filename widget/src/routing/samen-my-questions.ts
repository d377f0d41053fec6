import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { define } from '../internal/define.ts';
import { relativeTime } from '../internal/relative-time.ts';
import { badge, controls, tokens } from '../styles/shared.ts';
import type { MyQuestion, SamenApi } from '../api/client.ts';
import type { StaffReply } from '../../../worker/src/api-types.ts';
import { en, type Strings } from '../i18n/index.ts';
import { brandOf, routingStringsFor, type RoutingStrings } from '../i18n/routing/index.ts';
import { VisiblePoller } from './visible-poller.ts';

/** How often to look for the team's reply while a question waits for it. */
export const REPLY_POLL_MS = 5000;

/**
 * "Your questions": the shopper's own questions that the list below does not show (other
 * products, and private ones), with where each stands with the brand's team ("Sent to
 * Noordkust Outdoor’s team — answer expected today before 15:30", "Answered", "Resolved") and
 * the team's replies. While a question waits for the team and the page is visible, it checks for
 * a reply every few seconds, shows it without a reload and reads it out (politely).
 */
export class SamenMyQuestions extends LitElement {
  static override properties = {
    api: { attribute: false },
    t: { attribute: false },
    questions: { attribute: false },
    fresh: { attribute: false },
    product: { type: String },
    order: { type: String },
    interval: { type: Number },
    _list: { state: true },
    _arrived: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    badge,
    css`
      section {
        margin-block-start: 1.5em;
      }
      h2 {
        font-size: 1.125em;
        margin: 0 0 0.75em;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .state {
        color: var(--_muted);
        padding-block: 0.5em;
      }
      .status {
        margin: 0.25em 0 0;
        font-size: 0.875em;
      }
      .replies {
        margin-block-start: 0.5em;
        padding-inline-start: 0.75em;
        border-inline-start: 3px solid var(--_accent);
        color: var(--_text);
      }
      .replies p {
        margin: 0;
      }
      .reply {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .meta {
        font-size: 0.875em;
        color: var(--_muted);
      }
    `,
  ];

  declare api: SamenApi;
  declare t: Strings;
  /** The shopper's questions, newest first (`GET me/questions`), as the host loaded them. */
  declare questions: MyQuestion[];
  /** Own questions with answers the shopper has not seen yet ("New answers"). */
  declare fresh: string[];
  /** The product page's product: its public questions are in the list below, so not repeated here. */
  declare product: string;
  /** At checkout: show only the questions that are with the team. */
  declare order: string;
  /** Milliseconds between checks for a reply while a question waits for the team. */
  declare interval: number;
  /** What is shown: `questions`, then what {@link refresh} and the polls fetched since. */
  declare private _list: MyQuestion[];
  /** The reply that arrived last while the shopper was here (read out), or null. */
  declare private _arrived: StaffReply | null;
  /** Ids of the replies already shown, to tell a new one apart; null until a list from the host arrives. */
  #known: Set<string> | null = null;

  readonly #poller = new VisiblePoller(this, {
    interval: () => this.interval,
    pending: () => this._list.some((q) => q.staff?.status === 'sent'),
    poll: async (signal) => {
      this._list = await this.api.myQuestions(this.t.lang, signal);
    },
  });

  constructor() {
    super();
    this.t = en;
    this.questions = this._list = [];
    this.fresh = [];
    this.product = this.order = '';
    this.interval = REPLY_POLL_MS;
    this._arrived = null;
  }

  /** Fetches the shopper's questions again (after they posted or moved one). */
  async refresh(): Promise<void> {
    try {
      this._list = await this.api.myQuestions(this.t.lang);
    } catch {
      // What is shown stays; the next change or poll catches up.
    }
  }

  protected override willUpdate(changed: PropertyValues): void {
    // What the host hands over was there already (a returning shopper's replies): nothing to read out.
    if (changed.has('questions')) {
      this._list = this.questions;
      this.#known = null;
    }
    if (!changed.has('_list')) return;
    const replies = this._list.flatMap((q) => q.staff?.replies ?? []);
    const known = this.#known;
    const fresh = known ? replies.filter((x) => !known.has(x.id)) : [];
    if (fresh.length) this._arrived = fresh.reduce((a, b) => (b.createdAt > a.createdAt ? b : a));
    this.#known = new Set([...(known ?? []), ...replies.map((x) => x.id)]);
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('_list') || changed.has('interval')) this.#poller.schedule();
  }

  /** What the list below does not show; at checkout, what is with the team. */
  #shown(): MyQuestion[] {
    return this._list.filter((q) =>
      this.order ? q.staff : q.productId !== this.product || q.visibility === 'private' || q.staff,
    );
  }

  #status(q: MyQuestion, r: RoutingStrings, brand: string): string {
    const staff = q.staff;
    if (!staff) return '';
    return staff.status === 'sent' ? r.sent(brand, staff.expected?.text) : r[staff.status];
  }

  #thread(q: MyQuestion, r: RoutingStrings, brand: string, now: number) {
    if (!q.staff) return nothing;
    const t = this.t;
    return html`<p class="status">${this.#status(q, r, brand)}</p>
      ${q.staff.replies.length
        ? html`<ul class="replies" aria-label=${r.replies}>
            ${q.staff.replies.map(
              (reply) =>
                html`<li>
                  <p class="meta">
                    ${reply.staffName} <span class="badge">${t.staffTeam(brand)}</span> ·
                    <time datetime=${new Date(reply.createdAt).toISOString()}>${relativeTime(reply.createdAt, now, t.lang)}</time>
                  </p>
                  <p class="reply">${reply.body}</p>
                </li>`,
            )}
          </ul>`
        : nothing}`;
  }

  protected override render() {
    const r = routingStringsFor(this);
    if (!r) return nothing;
    const t = this.t;
    const brand = brandOf(t, r);
    const now = Date.now();
    const shown = this.#shown();
    const arrived = this._arrived;
    return html`${shown.length
        ? html`<section aria-labelledby="mine-heading">
            <h2 id="mine-heading">${r.yourQuestions}</h2>
            <ul>
              ${shown.map(
                (q) =>
                  html`<li class="state">
                    ${q.body} · ${q.visibility === 'private' ? r.private : t.answerCount(q.answerCount)}
                    ${this.fresh.includes(q.id) ? html`<span class="badge">${t.newAnswers}</span>` : nothing}
                    ${this.#thread(q, r, brand, now)}
                  </li>`,
              )}
            </ul>
          </section>`
        : nothing}
      <p class="visually-hidden" role="status">${arrived ? r.newReply(arrived.staffName, brand) : ''}</p>`;
  }
}

define('samen-my-questions', SamenMyQuestions);

declare global {
  interface HTMLElementTagNameMap {
    'samen-my-questions': SamenMyQuestions;
  }
}
