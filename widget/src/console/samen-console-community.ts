import { LitElement, html } from 'lit';
import { define } from '../internal/define.ts';
import { consoleCommunityStrings } from './i18n/community.ts';
import type { Language } from './i18n/index.ts';

/** The console's Community view (being built). */
export class SamenConsoleCommunity extends LitElement {
  static override properties = {
    locale: { type: String },
    role: { type: String },
  };

  declare locale: Language;
  declare role: string;

  constructor() {
    super();
    this.locale = 'en';
    this.role = 'agent';
  }

  protected override render() {
    return html`<h2 tabindex="-1">${consoleCommunityStrings[this.locale].tab}</h2>`;
  }
}

define('samen-console-community', SamenConsoleCommunity);

declare global {
  interface HTMLElementTagNameMap {
    'samen-console-community': SamenConsoleCommunity;
  }
}
