import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { define } from '../internal/define.ts';
import { controls, tokens } from '../styles/shared.ts';
import type { Asked, Me, MyQuestion, PostInput, SamenApi } from '../api/client.ts';
import { en, type Strings } from '../i18n/index.ts';
import { brandOf, routingStringsFor, withRoutingErrors } from '../i18n/routing/index.ts';
import '../questions/samen-post-form.ts';
import '../routing/index.ts';

/** What the API accepts as an order reference: shops write "NK-1042", "1042", "2026/00042". */
const ORDER_REF = /^[A-Za-z0-9][A-Za-z0-9._#/-]{0,63}$/;

/**
 * The checkout page's "Question about your order?": a compact form whose questions always go
 * privately to the brand's team with the order number the page passed in, then where it went
 * and when the team will answer, and the shopper's questions with the team's replies (live).
 * Shown by `<samen-widget mode="checkout" order="…">`.
 */
export class SamenCheckout extends LitElement {
  static override properties = {
    api: { attribute: false },
    t: { attribute: false },
    me: { attribute: false },
    order: { type: String },
    _posted: { state: true },
    _mine: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    css`
      h2 {
        font-size: 1.125em;
        margin: 0 0 0.5em;
      }
      .intro {
        margin: 0 0 0.75em;
      }
      samen-routing {
        margin-block-start: 0.5em;
      }
    `,
  ];

  declare api: SamenApi;
  declare t: Strings;
  declare me: Me | null;
  /** The order number, e.g. "NK-1042". */
  declare order: string;
  declare private _posted: Asked | null;
  declare private _mine: MyQuestion[];

  constructor() {
    super();
    this.t = en;
    this.me = null;
    this.order = '';
    this._posted = null;
    this._mine = [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.api && (changed.has('api') || changed.has('me'))) void this.#loadMine();
  }

  async #loadMine(): Promise<void> {
    try {
      this._mine = await this.api.myQuestions(this.t.lang);
    } catch {
      // Nothing to show yet; the form still works.
    }
  }

  #send = async (input: PostInput): Promise<void> => {
    this._posted = await this.api.askAtCheckout(this.order.trim(), { ...input, lang: this.t.lang });
  };

  protected override render() {
    const r = routingStringsFor(this);
    if (!r) return nothing;
    const t = this.t;
    const order = this.order.trim();
    return html`<section aria-labelledby="checkout-heading">
      <h2 id="checkout-heading">${r.checkoutHeading}</h2>
      ${ORDER_REF.test(order)
        ? html`<p class="intro">${r.checkoutIntro(brandOf(t, r), order)}</p>
            <samen-post-form
              .t=${withRoutingErrors(t, r)}
              .send=${this.#send}
              label=${t.yourQuestion}
              submit-label=${r.sendToTeam}
              hint=${r.checkoutHint}
              min-length="10"
              too-short-code="question_too_short"
              posting-as=${this.me?.kind === 'member' ? (this.me.name ?? '') : ''}
            ></samen-post-form>
            <samen-routing .api=${this.api} .t=${t} .posted=${this._posted} .mine=${this._mine} order=${order}></samen-routing>`
        : html`<p class="error" role="alert">${r.noOrder}</p>`}
    </section>`;
  }
}

define('samen-checkout', SamenCheckout);

declare global {
  interface HTMLElementTagNameMap {
    'samen-checkout': SamenCheckout;
  }
}
