/**
 * The shop's own Lit component, loaded from a second copy of Lit (the import map of the page
 * in ../../other-lit.test.ts points this folder's `lit` at other URLs, so the browser runs
 * a separate instance: its own LitElement, its own template cache, its own global version entry).
 */
import { LitElement, html, css } from 'lit';

export class HostCard extends LitElement {
  static override properties = { label: {} };
  static override styles = css`
    :host {
      display: block;
      padding: 4px;
    }
    p {
      margin: 0;
      color: rgb(200, 0, 0);
    }
  `;
  declare label: string;
  constructor() {
    super();
    this.label = 'Free shipping over €50';
  }
  protected override render() {
    return html`<p>${this.label}</p>`;
  }
}
customElements.define('host-card', HostCard);
