import { LitElement, html, css, nothing } from 'lit';
import { define } from '../internal/define.ts';
import { controls, tokens } from '../styles/shared.ts';
import { consoleStyles } from './styles.ts';
import { createConsoleApi, isSignedOut, type ConsoleApi, type ConsoleSession } from './api.ts';
import { consoleStrings, en, type ConsoleStrings, type Language } from './i18n/index.ts';
import './samen-console-sign-in.ts';
import './samen-console-queue.ts';
import './samen-console-questions.ts';
import './samen-console-team.ts';
import './samen-console-site.ts';
import './samen-console-shoppers.ts';
import './samen-console-moderation.ts';
import './samen-console-webhooks.ts';
import './samen-console-routing.ts';
import './samen-console-reviews.ts';
import { consoleReviewStrings } from './i18n/reviews.ts';
import './samen-console-insights.ts';
import './samen-console-ideas.ts';
import './samen-console-community.ts';
import { consoleInsightsStrings } from './i18n/insights.ts';
import { consoleIdeasStrings } from './i18n/ideas.ts';
import { consoleCommunityStrings } from './i18n/community.ts';

type Status = 'starting' | 'signed-out' | 'signed-in' | 'unreachable';
type View =
  | 'queue'
  | 'questions'
  | 'moderation'
  | 'reviews'
  | 'ideas'
  | 'insights'
  | 'community'
  | 'team'
  | 'site'
  | 'routing'
  | 'webhooks'
  | 'shoppers';

const OWNER_VIEWS: readonly View[] = [
  'queue',
  'questions',
  'moderation',
  'reviews',
  'ideas',
  'insights',
  'community',
  'team',
  'site',
  'routing',
  'webhooks',
  'shoppers',
];
const AGENT_VIEWS: readonly View[] = ['queue', 'questions', 'moderation', 'reviews', 'ideas', 'insights'];

/**
 * The Samen staff console: sign-in, then the staff queue (the first view), the site's recent
 * questions and the moderation queue for every staff member, and the team, site settings, routing
 * settings, webhooks and shopper data for owners. The session cookie is HttpOnly, so
 * the console learns who is signed in from the API (`GET /session`). Language: `<html lang>`.
 *
 * @summary Staff console app, served at /console.
 */
export class SamenConsole extends LitElement {
  static override properties = {
    api: { attribute: false },
    _status: { state: true },
    _session: { state: true },
    _view: { state: true },
    _notice: { state: true },
    _t: { state: true },
    _language: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    consoleStyles,
    css`
      :host {
        max-inline-size: 72rem;
        margin-inline: auto;
        padding: 1rem;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1.5rem;
        align-items: center;
        justify-content: space-between;
        border-block-end: 1px solid var(--_border);
        padding-block-end: 0.75rem;
        margin-block-end: 1rem;
      }
      h1 {
        font-size: 1.5rem;
        margin: 0;
      }
      .who {
        display: flex;
        gap: 1rem;
        align-items: center;
        margin: 0;
      }
      nav ul {
        list-style: none;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin: 0 0 1.5rem;
        padding: 0;
      }
      nav button[aria-current='page'] {
        background: var(--_accent);
        color: var(--_on-accent);
      }
    `,
  ];

  /** The API client; created for the page's own origin unless one is given (tests). */
  declare api: ConsoleApi | null;
  declare private _status: Status;
  declare private _session: ConsoleSession | null;
  declare private _view: View;
  declare private _notice: string;
  declare private _t: ConsoleStrings;
  declare private _language: Language;
  private _starting?: AbortController;

  constructor() {
    super();
    this.api = null;
    this._status = 'starting';
    this._session = null;
    this._view = 'queue';
    this._notice = '';
    this._t = en;
    this._language = 'en';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const { t, language } = consoleStrings(document.documentElement.lang);
    this._t = t;
    this._language = language;
    void this._start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._starting?.abort();
  }

  private async _start(): Promise<void> {
    this._starting?.abort();
    const ctrl = (this._starting = new AbortController());
    this.api ??= createConsoleApi();
    this._status = 'starting';
    try {
      this._signedIn(await this.api.session(ctrl.signal), false);
    } catch (err) {
      if (ctrl.signal.aborted) return;
      this._status = isSignedOut(err) ? 'signed-out' : 'unreachable';
    }
  }

  private _signedIn(session: ConsoleSession, moveFocus: boolean): void {
    this._session = session;
    this._notice = '';
    this._view = 'queue';
    this._status = 'signed-in';
    if (moveFocus) void this._focus('h1');
  }

  private _signedOut(notice: string): void {
    this._session = null;
    this._notice = notice;
    this._status = 'signed-out';
    void this._focus('samen-console-sign-in');
  }

  private async _signOut(): Promise<void> {
    try {
      await this.api?.signOut();
    } catch {
      // The cookie may already be gone; the console shows the sign-in form either way.
    }
    this._signedOut(this._t.signedOutNotice);
  }

  private async _focus(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private async _show(view: View): Promise<void> {
    this._view = view;
    await this.updateComplete;
    // Move focus to the new view's heading so keyboard and screen-reader users land in it.
    const current = this.renderRoot.querySelector('main')?.firstElementChild as LitElement | null;
    await current?.updateComplete;
    current?.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  private _views(): readonly View[] {
    return this._session?.staff.role === 'owner' ? OWNER_VIEWS : AGENT_VIEWS;
  }

  private _label(view: View): string {
    const t = this._t;
    return {
      queue: t.queue.tab,
      questions: t.questionsTab,
      moderation: t.moderationTab,
      reviews: consoleReviewStrings[this._language].tab,
      ideas: consoleIdeasStrings[this._language].tab,
      insights: consoleInsightsStrings[this._language].tab,
      community: consoleCommunityStrings[this._language].tab,
      team: t.teamTab,
      site: t.siteTab,
      webhooks: t.webhooksTab,
      shoppers: t.shoppersTab,
      routing: t.routing.tab,
    }[view];
  }

  private _renderView() {
    const api = this.api;
    if (!api) return nothing;
    const t = this._t;
    // Views an agent may not open are not rendered at all (and the API refuses them anyway).
    const view = this._views().includes(this._view) ? this._view : 'queue';
    switch (view) {
      case 'queue':
        return html`<samen-console-queue
          .api=${api}
          .t=${t}
          locale=${this._language}
          staff-id=${this._session?.staff.id ?? ''}
        ></samen-console-queue>`;
      case 'questions':
        return html`<samen-console-questions .api=${api} .t=${t} locale=${this._language}></samen-console-questions>`;
      case 'moderation':
        return html`<samen-console-moderation .api=${api} .t=${t} locale=${this._language}></samen-console-moderation>`;
      case 'reviews':
        return html`<samen-console-reviews
          locale=${this._language}
          .role=${this._session?.staff.role ?? 'agent'}
          brand=${this._session?.site.name ?? ''}
        ></samen-console-reviews>`;
      case 'ideas':
        return html`<samen-console-ideas locale=${this._language} .role=${this._session?.staff.role ?? 'agent'}></samen-console-ideas>`;
      case 'insights':
        return html`<samen-console-insights locale=${this._language} .role=${this._session?.staff.role ?? 'agent'}></samen-console-insights>`;
      case 'community':
        return html`<samen-console-community locale=${this._language} .role=${this._session?.staff.role ?? 'agent'}></samen-console-community>`;
      case 'webhooks':
        return html`<samen-console-webhooks .api=${api} .t=${t} locale=${this._language}></samen-console-webhooks>`;
      case 'team':
        return html`<samen-console-team .api=${api} .t=${t} locale=${this._language}></samen-console-team>`;
      case 'site':
        return html`<samen-console-site .api=${api} .t=${t}></samen-console-site>`;
      case 'shoppers':
        return html`<samen-console-shoppers .api=${api} .t=${t}></samen-console-shoppers>`;
      case 'routing':
        return html`<samen-console-routing .api=${api} .t=${t}></samen-console-routing>`;
    }
  }

  private _renderSignedIn(session: ConsoleSession) {
    const t = this._t;
    const views = this._views();
    return html`<header>
        <h1 tabindex="-1">${t.appTitle} · ${session.site.name}</h1>
        <p class="who">
          <span>${t.signedInAs(session.staff.name, t.roles[session.staff.role])}</span>
          <button type="button" @click=${() => void this._signOut()}>${t.signOut}</button>
        </p>
      </header>
      ${views.length > 1
        ? html`<nav aria-label=${t.sections}>
            <ul>
              ${views.map(
                (v) => html`<li>
                  <button type="button" aria-current=${this._view === v ? 'page' : 'false'} @click=${() => void this._show(v)}>
                    ${this._label(v)}
                  </button>
                </li>`,
              )}
            </ul>
          </nav>`
        : nothing}
      <main @session-ended=${() => this._signedOut(this._t.sessionEndedNotice)}>${this._renderView()}</main>`;
  }

  protected override render() {
    const t = this._t;
    switch (this._status) {
      case 'starting':
        return html`<p class="state" role="status">${t.loading}</p>`;
      case 'unreachable':
        return html`<main>
          <h1>${t.appTitle}</h1>
          <div role="alert">
            <p>${t.startError}</p>
            <button type="button" @click=${() => void this._start()}>${t.retry}</button>
          </div>
        </main>`;
      case 'signed-out':
        return html`<main>
          <h1>${t.appTitle}</h1>
          <samen-console-sign-in
            .api=${this.api}
            .t=${t}
            notice=${this._notice}
            @signed-in=${(e: CustomEvent<ConsoleSession>) => this._signedIn(e.detail, true)}
          ></samen-console-sign-in>
        </main>`;
      case 'signed-in':
        return this._session ? this._renderSignedIn(this._session) : nothing;
    }
  }
}

define('samen-console', SamenConsole);

declare global {
  interface HTMLElementTagNameMap {
    'samen-console': SamenConsole;
  }
}
