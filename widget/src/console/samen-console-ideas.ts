import { LitElement, html } from 'lit';
import { define } from '../internal/define.ts';
import { consoleIdeasStrings } from './i18n/ideas.ts';
import type { Language } from './i18n/index.ts';

/** The console's Ideas view (being built). */
export class SamenConsoleIdeas extends LitElement {
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
    return html`<h2 tabindex="-1">${consoleIdeasStrings[this.locale].tab}</h2>`;
  }
}

define('samen-console-ideas', SamenConsoleIdeas);

declare global {
  interface HTMLElementTagNameMap {
    'samen-console-ideas': SamenConsoleIdeas;
  }
}
