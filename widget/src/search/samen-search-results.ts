import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { define } from '../internal/define.ts';
import { emitInternal } from '../internal/events.ts';
import { controls, tokens } from '../styles/shared.ts';
import type { SamenApi, Suggestion } from '../api/client.ts';
import { en, type Strings } from '../i18n/index.ts';
import { communityError, stringsFor } from '../i18n/community/index.ts';
import { DebouncedQuery } from './debounced-query.ts';
import '../questions/samen-question-item.ts';

/**
 * What the Questions tab's search box found: the product's questions matching `query`
 * (searched 250 ms after the last keystroke), each a full question item. Shown instead of the
 * list while the box holds text.
 *
 * @fires announce - (internal) with text for the screen-reader live region
 */
export class SamenSearchResults extends LitElement {
  static override properties = {
    api: { attribute: false },
    product: { type: String },
    t: { attribute: false },
    now: { type: Number },
    postingAs: { attribute: 'posting-as', type: String },
    query: { type: String },
  };

  static override styles = [
    tokens,
    controls,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .state {
        color: var(--_muted);
      }
    `,
  ];

  declare api: SamenApi;
  declare product: string;
  declare t: Strings;
  declare now: number;
  declare postingAs: string;
  /** The search box's text. */
  declare query: string;
  private readonly _search = new DebouncedQuery<Suggestion>(this, (q, signal) => this.api.search(this.product, q, signal));

  constructor() {
    super();
    this.product = '';
    this.t = en;
    this.now = Date.now();
    this.postingAs = '';
    this.query = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('query')) this._search.set(this.query);
  }

  protected override render() {
    const t = this.t;
    const c = stringsFor(this);
    const { results, error } = this._search;
    if (!c) return nothing;
    if (error) return html`<p class="error" role="alert">${communityError(t, c, error)}</p>`;
    if (!results) return html`<p class="state" role="status">${c.searching}</p>`;
    const found = c.searchResults(results.length);
    return html`<p class="state" role="status">${found}</p>
      ${results.length
        ? html`<ul aria-label=${found} @announce=${(e: CustomEvent<string>) => emitInternal(this, 'announce', e.detail)}>
            ${results.map(
              (q) => html`<li>
                <samen-question-item
                  .api=${this.api}
                  .question=${q}
                  .t=${t}
                  .now=${this.now}
                  posting-as=${this.postingAs}
                ></samen-question-item>
              </li>`,
            )}
          </ul>`
        : nothing}`;
  }
}

define('samen-search-results', SamenSearchResults);

declare global {
  interface HTMLElementTagNameMap {
    'samen-search-results': SamenSearchResults;
  }
}
