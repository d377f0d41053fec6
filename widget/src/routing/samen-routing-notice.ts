import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { define } from '../internal/define.ts';
import { emitInternal } from '../internal/events.ts';
import { controls, tokens } from '../styles/shared.ts';
import { ApiRequestError, type Asked, type RoutingNotice, type SamenApi } from '../api/client.ts';
import { en, type Strings } from '../i18n/index.ts';
import { routingError, routingStringsFor, type RoutingStrings } from '../i18n/routing/index.ts';
import { noticeFor } from '../questions/lazy.ts';
import { routingLines } from './promise-text.ts';

/**
 * Said under the ask form about the question just posted: held for review or personal data
 * masked (one live region), and where it went and when the shopper will hear back (another).
 * A private question offers "No, ask the community", which makes it public.
 *
 * @fires moved - (internal) with the now public question after "No, ask the community"
 */
export class SamenRoutingNotice extends LitElement {
  static override properties = {
    api: { attribute: false },
    t: { attribute: false },
    posted: { attribute: false },
    order: { type: String },
    _screened: { state: true },
    _busy: { state: true },
    _movedTo: { state: true },
    _canMove: { state: true },
    _error: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    css`
      p {
        margin: 0.25em 0 0;
      }
      .routing:focus {
        outline: none;
      }
      button {
        margin-block-start: 0.5em;
      }
    `,
  ];

  declare api: SamenApi;
  declare t: Strings;
  /** The API's answer to the post (question, screening notice, routing); null before any. */
  declare posted: Asked | null;
  /** At checkout: the order the question is about (named instead of the triage category). */
  declare order: string;
  /** "Held for review" and what was masked, or ''. */
  declare private _screened: string;
  declare private _busy: boolean;
  /** Where the question stands after "No, ask the community" (public now), or null. */
  declare private _movedTo: RoutingNotice | null;
  declare private _canMove: boolean;
  declare private _error: string;

  constructor() {
    super();
    this.t = en;
    this.posted = null;
    this.order = '';
    this._screened = this._error = '';
    this._busy = this._canMove = false;
    this._movedTo = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get('posted');
    const posted = this.posted;
    if (!changed.has('posted') || !posted || before?.question.id === posted.question.id) return;
    this._screened = this._error = '';
    this._movedTo = null;
    this._canMove = posted.routing.canMoveToCommunity;
    void noticeFor(posted.notice, 'question', this.t.lang).then((text) => {
      if (this.posted === posted) this._screened = text;
    });
  }

  async #move(r: RoutingStrings): Promise<void> {
    const posted = this.posted;
    if (!posted || this._busy) return;
    this._busy = true;
    this._error = '';
    try {
      const { question, routing } = await this.api.moveToCommunity(posted.question.id, this.t.lang);
      this._movedTo = routing;
      this._canMove = false;
      emitInternal(this, 'moved', question);
      // The button is gone: keep keyboard focus on what replaced it.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.routing')?.focus();
    } catch (err) {
      const code = err instanceof ApiRequestError ? err.code : 'generic';
      this._error = routingError(this.t, r, code);
      // Refused for good (already public, taken up by the team, a checkout question, not theirs).
      if (err instanceof ApiRequestError && (err.status === 403 || err.status === 409)) this._canMove = false;
    } finally {
      this._busy = false;
    }
  }

  protected override render() {
    const r = routingStringsFor(this);
    const posted = this.posted;
    const moved = this._movedTo;
    const lines =
      r && posted ? [...(moved ? [r.movedPublic] : []), ...routingLines(this.t, r, moved ?? posted.routing, this.order)] : [];
    return html`<p class="hint" role="status">${this._screened}</p>
      <div class="routing" role="status" tabindex="-1">${lines.map((line) => html`<p>${line}</p>`)}</div>
      ${r && this._canMove
        ? html`<button type="button" ?disabled=${this._busy} @click=${() => void this.#move(r)}>
            ${this._busy ? r.moving : r.askCommunity}
          </button>`
        : nothing}
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}`;
  }
}

define('samen-routing-notice', SamenRoutingNotice);

declare global {
  interface HTMLElementTagNameMap {
    'samen-routing-notice': SamenRoutingNotice;
  }
}
