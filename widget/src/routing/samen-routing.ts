import { LitElement, html, type PropertyValues } from 'lit';
import { define } from '../internal/define.ts';
import { emitInternal } from '../internal/events.ts';
import { tokens } from '../styles/shared.ts';
import type { Asked, MyQuestion, Question, SamenApi } from '../api/client.ts';
import { en, type Strings } from '../i18n/index.ts';
import { REPLY_POLL_MS } from './samen-my-questions.ts';
import './samen-routing-notice.ts';

/**
 * Routing to the brand's team where the shopper asks (the Questions tab, the checkout): what
 * they are told about the question just posted, then "Your questions" with the team's replies.
 * After a post, and after "No, ask the community", it fetches the shopper's questions again so
 * the new one shows where it stands.
 *
 * @fires moved - (internal) with the now public question after "No, ask the community"
 */
export class SamenRouting extends LitElement {
  static override properties = {
    api: { attribute: false },
    t: { attribute: false },
    posted: { attribute: false },
    mine: { attribute: false },
    fresh: { attribute: false },
    product: { type: String },
    order: { type: String },
    interval: { type: Number },
  };

  static override styles = tokens;

  declare api: SamenApi;
  declare t: Strings;
  /** The API's answer about the question just posted; null before any. */
  declare posted: Asked | null;
  /** The shopper's questions as the host loaded them (`GET me/questions`). */
  declare mine: MyQuestion[];
  /** Own questions with answers the shopper has not seen yet ("New answers"). */
  declare fresh: string[];
  /** The product page's product (its public questions are listed by the host, not here). */
  declare product: string;
  /** At checkout: the order the questions are about. */
  declare order: string;
  /** Milliseconds between checks for the team's reply while one is awaited. */
  declare interval: number;

  constructor() {
    super();
    this.t = en;
    this.posted = null;
    this.mine = [];
    this.fresh = [];
    this.product = this.order = '';
    this.interval = REPLY_POLL_MS;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('posted') && this.posted) void this.#refresh();
  }

  /** The question just posted (or moved) shows in "Your questions" where it now stands. */
  async #refresh(): Promise<void> {
    await this.updateComplete;
    await this.renderRoot.querySelector('samen-my-questions')?.refresh();
  }

  #moved(e: CustomEvent<Question>): void {
    void this.#refresh();
    emitInternal(this, 'moved', e.detail);
  }

  protected override render() {
    return html`<samen-routing-notice
        .api=${this.api}
        .t=${this.t}
        .posted=${this.posted}
        order=${this.order}
        @moved=${this.#moved}
      ></samen-routing-notice>
      <samen-my-questions
        .api=${this.api}
        .t=${this.t}
        .questions=${this.mine}
        .fresh=${this.fresh}
        product=${this.product}
        order=${this.order}
        interval=${this.interval}
      ></samen-my-questions>`;
  }
}

define('samen-routing', SamenRouting);

declare global {
  interface HTMLElementTagNameMap {
    'samen-routing': SamenRouting;
  }
}
