import { LitElement, html } from 'lit';
import { define } from '../internal/define.ts';
import { consoleInsightsStrings } from './i18n/insights.ts';
import type { Language } from './i18n/index.ts';

/** The console's Insights view (being built). */
export class SamenConsoleInsights extends LitElement {
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
    return html`<h2 tabindex="-1">${consoleInsightsStrings[this.locale].tab}</h2>`;
  }
}

define('samen-console-insights', SamenConsoleInsights);

declare global {
  interface HTMLElementTagNameMap {
    'samen-console-insights': SamenConsoleInsights;
  }
}
