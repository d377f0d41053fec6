import { LitElement, html, css, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { define } from '../internal/define.ts';
import { emitInternal } from '../internal/events.ts';
import { controls, tokens } from '../styles/shared.ts';
import { consoleStyles } from './styles.ts';
import {
  ConsoleApiError,
  CONSOLE_WEBHOOK_EVENTS,
  MAX_WEBHOOKS_PER_SITE,
  isSignedOut,
  isWebhookUrl,
  normaliseWebhookUrl,
  type ConsoleApi,
  type ConsoleWebhook,
  type ConsoleWebhookDelivery,
  type ConsoleWebhookEvent,
} from './api.ts';
import { consoleErrorText, en, type ConsoleStrings } from './i18n/index.ts';

type Status = 'loading' | 'ready' | 'error';
/** Where a message belongs: a form field, the form as a whole, or the list (deleting). */
type Field = 'url' | 'events' | 'form' | 'list';

/**
 * "Webhooks" (owners): the site's webhook endpoints, a form to add one (its signing secret is
 * shown once, right after), deleting with a confirmation, and the delivery log.
 *
 * @fires session-ended - (internal) when the API says the session is gone
 */
export class SamenConsoleWebhooks extends LitElement {
  static override properties = {
    api: { attribute: false },
    t: { attribute: false },
    locale: { type: String },
    _hooks: { state: true },
    _hooksStatus: { state: true },
    _deliveries: { state: true },
    _deliveriesStatus: { state: true },
    _url: { state: true },
    _events: { state: true },
    _secret: { state: true },
    _confirmDelete: { state: true },
    _busy: { state: true },
    _error: { state: true },
    _announcement: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    consoleStyles,
    css`
      .hooks li {
        border-block-end: 1px solid var(--_border);
        padding-block: 0.75rem;
        display: grid;
        gap: 0.5rem;
      }
      code {
        overflow-wrap: anywhere;
      }
      table {
        max-inline-size: none;
      }
      .table-wrap {
        overflow-x: auto;
      }
    `,
  ];

  declare api: ConsoleApi;
  declare t: ConsoleStrings;
  declare locale: string;
  declare private _hooks: ConsoleWebhook[];
  declare private _hooksStatus: Status;
  declare private _deliveries: ConsoleWebhookDelivery[];
  declare private _deliveriesStatus: Status;
  declare private _url: string;
  declare private _events: ConsoleWebhookEvent[];
  declare private _secret: string;
  /** The webhook whose deletion waits for a confirmation. */
  declare private _confirmDelete: string | null;
  declare private _busy: boolean;
  declare private _error: { field: Field; message: string } | null;
  declare private _announcement: string;
  private _loading?: AbortController;

  constructor() {
    super();
    this.t = en;
    this.locale = 'en';
    this._hooks = [];
    this._hooksStatus = 'loading';
    this._deliveries = [];
    this._deliveriesStatus = 'loading';
    this._url = '';
    this._events = [];
    this._secret = '';
    this._confirmDelete = null;
    this._busy = false;
    this._error = null;
    this._announcement = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.api) {
      void this._loadHooks();
      void this._loadDeliveries();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._loading?.abort();
    // A shown secret must not survive leaving the view.
    this._secret = '';
  }

  private _signal(): AbortSignal {
    this._loading ??= new AbortController();
    if (this._loading.signal.aborted) this._loading = new AbortController();
    return this._loading.signal;
  }

  private async _loadHooks(): Promise<void> {
    const signal = this._signal();
    this._hooksStatus = 'loading';
    try {
      this._hooks = await this.api.webhooks(signal);
      this._hooksStatus = 'ready';
    } catch (err) {
      if (signal.aborted) return;
      if (isSignedOut(err)) emitInternal(this, 'session-ended');
      else this._hooksStatus = 'error';
    }
  }

  private async _loadDeliveries(): Promise<void> {
    const signal = this._signal();
    this._deliveriesStatus = 'loading';
    try {
      this._deliveries = await this.api.webhookDeliveries(signal);
      this._deliveriesStatus = 'ready';
    } catch (err) {
      if (signal.aborted) return;
      if (isSignedOut(err)) emitInternal(this, 'session-ended');
      else this._deliveriesStatus = 'error';
    }
  }

  /** The API's rules, checked first so the owner gets a precise message at once. */
  private _check(): { field: Field; message: string } | { url: string } {
    const href = normaliseWebhookUrl(this._url);
    if (href === null || !isWebhookUrl(href)) return { field: 'url', message: this.t.errors.invalid_url };
    if (!this._events.length) return { field: 'events', message: this.t.eventsRequired };
    return { url: href };
  }

  private async _add(ev: SubmitEvent): Promise<void> {
    ev.preventDefault();
    if (this._busy) return;
    this._announcement = '';
    this._secret = '';
    const checked = this._check();
    if ('field' in checked) {
      this._error = checked;
      await this._focusField(checked.field);
      return;
    }
    this._error = null;
    this._busy = true;
    try {
      const created = await this.api.addWebhook({ url: checked.url, events: [...this._events] });
      this._hooks = [...this._hooks.filter((h) => h.id !== created.webhook.id), created.webhook];
      this._secret = created.secret;
      this._announcement = this.t.webhookAdded(created.webhook.url);
      this._url = '';
      this._events = [];
      await this.updateComplete;
      const secret = this.renderRoot.querySelector<HTMLInputElement>('#webhook-secret');
      secret?.focus();
      secret?.select();
    } catch (err) {
      if (isSignedOut(err)) {
        emitInternal(this, 'session-ended');
        return;
      }
      const code = err instanceof ConsoleApiError ? err.code : '';
      const field: Field = code === 'invalid_url' ? 'url' : code === 'invalid_event' || code === 'no_events' ? 'events' : 'form';
      this._error = { field, message: consoleErrorText(this.t, err, field === 'url' ? 'invalid_url' : undefined) };
      await this._focusField(field);
    } finally {
      this._busy = false;
    }
  }

  private async _focusField(field: Field): Promise<void> {
    await this.updateComplete;
    const target = field === 'url' ? '#webhook-url' : field === 'events' ? 'input[name="webhook-event"]' : null;
    if (target) this.renderRoot.querySelector<HTMLElement>(target)?.focus();
  }

  private _toggleEvent(event: ConsoleWebhookEvent, on: boolean): void {
    const chosen = new Set(this._events);
    if (on) chosen.add(event);
    else chosen.delete(event);
    this._events = CONSOLE_WEBHOOK_EVENTS.filter((e) => chosen.has(e));
  }

  private async _askDelete(hook: ConsoleWebhook): Promise<void> {
    this._confirmDelete = hook.id;
    this._error = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('#cancel-delete')?.focus();
  }

  private async _cancelDelete(hook: ConsoleWebhook): Promise<void> {
    this._confirmDelete = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>(`#delete-${CSS.escape(hook.id)}`)?.focus();
  }

  private async _delete(hook: ConsoleWebhook): Promise<void> {
    if (this._busy) return;
    this._busy = true;
    this._error = null;
    this._announcement = '';
    try {
      await this.api.deleteWebhook(hook.id);
      this._announcement = this.t.webhookDeleted(hook.url);
      this._hooks = this._hooks.filter((h) => h.id !== hook.id);
    } catch (err) {
      if (isSignedOut(err)) {
        emitInternal(this, 'session-ended');
        return;
      }
      // Already gone (another tab, the CLI): the list should say so too.
      if (err instanceof ConsoleApiError && err.code === 'webhook_not_found') this._hooks = this._hooks.filter((h) => h.id !== hook.id);
      this._error = { field: 'list', message: consoleErrorText(this.t, err) };
    } finally {
      this._busy = false;
      this._confirmDelete = null;
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#webhooks-heading')?.focus();
  }

  private _renderHook(hook: ConsoleWebhook) {
    const t = this.t;
    return html`<li>
      <code>${hook.url}</code>
      <span class="meta">${hook.events.join(', ')}</span>
      ${this._confirmDelete === hook.id
        ? html`<div class="confirm" role="group" aria-labelledby="confirm-delete-text">
            <p id="confirm-delete-text">${t.confirmDeleteWebhookText(hook.url)}</p>
            <div class="actions">
              <button type="button" class="danger" ?disabled=${this._busy} @click=${() => void this._delete(hook)}>
                ${t.confirmDeleteWebhook}
              </button>
              <button type="button" id="cancel-delete" @click=${() => void this._cancelDelete(hook)}>${t.cancel}</button>
            </div>
          </div>`
        : html`<div class="actions">
            <button type="button" id="delete-${hook.id}" aria-label=${t.deleteWebhookLabel(hook.url)} @click=${() => void this._askDelete(hook)}>
              ${t.deleteWebhook}
            </button>
          </div>`}
    </li>`;
  }

  private _renderHooks() {
    const t = this.t;
    if (this._hooksStatus === 'loading') return html`<p class="state" role="status">${t.loading}</p>`;
    if (this._hooksStatus === 'error') {
      return html`<div role="alert">
        <p>${t.webhooksError}</p>
        <button type="button" @click=${() => void this._loadHooks()}>${t.retry}</button>
      </div>`;
    }
    if (!this._hooks.length) return html`<p class="state">${t.webhooksEmpty}</p>`;
    return html`<ul class="plain hooks" aria-label=${t.webhooksListLabel}>
      ${repeat(this._hooks, (h) => h.id, (h) => this._renderHook(h))}
    </ul>`;
  }

  private _errorFor(field: Field) {
    return this._error?.field === field ? html`<p class="error" id="webhook-${field}-error" role="alert">${this._error.message}</p>` : nothing;
  }

  private _renderForm() {
    const t = this.t;
    const urlInvalid = this._error?.field === 'url';
    const eventsInvalid = this._error?.field === 'events';
    return html`<section aria-labelledby="add-webhook-heading">
      <h3 id="add-webhook-heading">${t.addWebhookHeading}</h3>
      <form novalidate @submit=${this._add}>
        <div>
          <label for="webhook-url">${t.webhookUrl}</label>
          <input
            id="webhook-url"
            inputmode="url"
            autocomplete="off"
            spellcheck="false"
            placeholder="https://hooks.shop.example/samen"
            aria-invalid=${urlInvalid ? 'true' : 'false'}
            aria-describedby=${urlInvalid ? 'webhook-url-error webhook-url-hint' : 'webhook-url-hint'}
            .value=${this._url}
            @input=${(e: InputEvent) => (this._url = (e.target as HTMLInputElement).value)}
          />
          ${this._errorFor('url')}
          <p class="hint" id="webhook-url-hint">${t.webhookUrlHint} ${t.webhookLimit(MAX_WEBHOOKS_PER_SITE)}</p>
        </div>
        <fieldset aria-invalid=${eventsInvalid ? 'true' : 'false'} aria-describedby=${eventsInvalid ? 'webhook-events-error' : nothing}>
          <legend>${t.webhookEvents}</legend>
          ${CONSOLE_WEBHOOK_EVENTS.map(
            (e) => html`<label>
              <input
                type="checkbox"
                name="webhook-event"
                value=${e}
                .checked=${this._events.includes(e)}
                @change=${(ev: Event) => this._toggleEvent(e, (ev.target as HTMLInputElement).checked)}
              />
              ${t.webhookEventNames[e]}
            </label>`,
          )}
        </fieldset>
        ${this._errorFor('events')} ${this._errorFor('form')}
        <div class="actions"><button type="submit" class="primary" ?disabled=${this._busy}>${t.addWebhook}</button></div>
      </form>
      ${this._secret
        ? html`<div>
            <label for="webhook-secret">${t.webhookSecret}</label>
            <input id="webhook-secret" class="secret" readonly .value=${this._secret} aria-describedby="webhook-secret-hint" />
            <p class="hint" id="webhook-secret-hint">${t.webhookSecretHint}</p>
          </div>`
        : nothing}
    </section>`;
  }

  private _renderDeliveries() {
    const t = this.t;
    const c = t.deliveryColumns;
    let body;
    if (this._deliveriesStatus === 'loading') body = html`<p class="state" role="status">${t.loading}</p>`;
    else if (this._deliveriesStatus === 'error') {
      body = html`<div role="alert">
        <p>${t.deliveriesError}</p>
        <button type="button" @click=${() => void this._loadDeliveries()}>${t.retry}</button>
      </div>`;
    } else if (!this._deliveries.length) body = html`<p class="state">${t.deliveriesEmpty}</p>`;
    else {
      const time = new Intl.DateTimeFormat(this.locale, { dateStyle: 'short', timeStyle: 'medium' });
      body = html`<div class="table-wrap">
        <table aria-label=${t.deliveriesLabel}>
          <thead>
            <tr>
              <th scope="col">${c.time}</th>
              <th scope="col">${c.event}</th>
              <th scope="col">${c.url}</th>
              <th scope="col">${c.status}</th>
              <th scope="col">${c.attempts}</th>
              <th scope="col">${c.last}</th>
            </tr>
          </thead>
          <tbody>
            ${repeat(
              this._deliveries,
              (d) => d.id,
              (d) => html`<tr>
                <td><time datetime=${new Date(d.createdAt).toISOString()}>${time.format(d.createdAt)}</time></td>
                <td>${d.event}</td>
                <td>${d.url === null ? t.deletedWebhook : html`<code>${d.url}</code>`}</td>
                <td>${t.deliveryStatus[d.status]}</td>
                <td>${d.attempts}</td>
                <td>${d.lastStatus !== null ? `HTTP ${d.lastStatus}` : (d.lastError ?? (d.attempts ? t.noAnswer : ''))}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
    }
    return html`<section aria-labelledby="deliveries-heading">
      <h3 id="deliveries-heading">${t.deliveriesHeading}</h3>
      <div class="actions">
        <button type="button" ?disabled=${this._deliveriesStatus === 'loading'} @click=${() => void this._loadDeliveries()}>${t.refresh}</button>
      </div>
      ${body}
    </section>`;
  }

  protected override render() {
    const t = this.t;
    return html`<section aria-labelledby="webhooks-heading">
        <h2 id="webhooks-heading" tabindex="-1">${t.webhooksTab}</h2>
        <p class="state">${t.webhooksIntro}</p>
        ${this._renderHooks()} ${this._errorFor('list')}
        <p class="status" role="status">${this._announcement}</p>
      </section>
      ${this._renderForm()} ${this._renderDeliveries()}`;
  }
}

define('samen-console-webhooks', SamenConsoleWebhooks);

declare global {
  interface HTMLElementTagNameMap {
    'samen-console-webhooks': SamenConsoleWebhooks;
  }
}
