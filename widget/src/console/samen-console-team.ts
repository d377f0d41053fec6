import { LitElement, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { define } from '../internal/define.ts';
import { emitInternal } from '../internal/events.ts';
import { controls, tokens } from '../styles/shared.ts';
import { consoleStyles } from './styles.ts';
import { ConsoleApiError, isSignedOut, type ConsoleApi, type ConsoleStaffMember, type StaffRole } from './api.ts';
import { consoleErrorText, en, type ConsoleStrings } from './i18n/index.ts';

const MIN_PASSWORD = 12;
type Field = 'name' | 'email' | 'password' | 'form';

/**
 * "Team" (owners): the site's console accounts and a form to add one.
 *
 * @fires session-ended - (internal) when the API says the session is gone
 */
export class SamenConsoleTeam extends LitElement {
  static override properties = {
    api: { attribute: false },
    t: { attribute: false },
    locale: { type: String },
    _staff: { state: true },
    _status: { state: true },
    _name: { state: true },
    _email: { state: true },
    _role: { state: true },
    _password: { state: true },
    _busy: { state: true },
    _error: { state: true },
    _announcement: { state: true },
  };

  static override styles = [tokens, controls, consoleStyles];

  declare api: ConsoleApi;
  declare t: ConsoleStrings;
  declare locale: string;
  declare private _staff: ConsoleStaffMember[];
  declare private _status: 'loading' | 'ready' | 'error';
  declare private _name: string;
  declare private _email: string;
  declare private _role: StaffRole;
  declare private _password: string;
  declare private _busy: boolean;
  declare private _error: { field: Field; message: string } | null;
  declare private _announcement: string;
  private _loading?: AbortController;

  constructor() {
    super();
    this.t = en;
    this.locale = 'en';
    this._staff = [];
    this._status = 'loading';
    this._name = '';
    this._email = '';
    this._role = 'agent';
    this._password = '';
    this._busy = false;
    this._error = null;
    this._announcement = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.api) void this._load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._loading?.abort();
  }

  private async _load(): Promise<void> {
    this._loading?.abort();
    const ctrl = (this._loading = new AbortController());
    this._status = 'loading';
    try {
      this._staff = await this.api.staff(ctrl.signal);
      this._status = 'ready';
    } catch (err) {
      if (ctrl.signal.aborted) return;
      if (isSignedOut(err)) emitInternal(this, 'session-ended');
      else this._status = 'error';
    }
  }

  /** The same rules as the API, checked first so the owner gets a precise message at once. */
  private _check(): { field: Field; message: string } | null {
    const e = this.t.errors;
    const name = this._name.trim();
    if (!name || name.length > 80) return { field: 'name', message: e.invalid_name };
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(this._email.trim())) return { field: 'email', message: e.invalid_email };
    if (this._password.length < MIN_PASSWORD) return { field: 'password', message: e.password_too_short };
    return null;
  }

  private async _submit(ev: SubmitEvent): Promise<void> {
    ev.preventDefault();
    if (this._busy) return;
    this._announcement = '';
    this._error = this._check();
    if (this._error) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#staff-${this._error.field}`)?.focus();
      return;
    }
    this._busy = true;
    try {
      const added = await this.api.addStaff({
        name: this._name.trim(),
        email: this._email.trim(),
        role: this._role,
        password: this._password,
      });
      this._staff = [...this._staff.filter((s) => s.id !== added.id), added];
      this._announcement = this.t.staffAdded(added.name);
      this._name = '';
      this._email = '';
      this._password = '';
      this._role = 'agent';
    } catch (err) {
      if (isSignedOut(err)) {
        emitInternal(this, 'session-ended');
        return;
      }
      const code = err instanceof ConsoleApiError ? err.code : '';
      const field: Field =
        code === 'email_taken' || code === 'invalid_email' ? 'email' : code.startsWith('password') ? 'password' : code === 'invalid_name' ? 'name' : 'form';
      this._error = { field, message: consoleErrorText(this.t, err) };
    } finally {
      this._busy = false;
    }
  }

  private _errorFor(field: Field) {
    return this._error?.field === field
      ? html`<p class="error" id="staff-${field}-error" role="alert">${this._error.message}</p>`
      : nothing;
  }

  private _fieldState(field: Field, describedBy = '') {
    const invalid = this._error?.field === field;
    const ids = [invalid ? `staff-${field}-error` : '', describedBy].filter(Boolean).join(' ');
    return { invalid: invalid ? 'true' : 'false', describedBy: ids || nothing };
  }

  private _renderList() {
    const t = this.t;
    if (this._status === 'loading') return html`<p class="state" role="status">${t.loading}</p>`;
    if (this._status === 'error') {
      return html`<div role="alert">
        <p>${t.teamError}</p>
        <button type="button" @click=${() => void this._load()}>${t.retry}</button>
      </div>`;
    }
    const now = Date.now();
    const time = new Intl.DateTimeFormat(this.locale, { timeStyle: 'short' });
    return html`<table aria-label=${t.teamListLabel}>
      <thead>
        <tr>
          <th scope="col">${t.name}</th>
          <th scope="col">${t.email}</th>
          <th scope="col">${t.role}</th>
        </tr>
      </thead>
      <tbody>
        ${repeat(
          this._staff,
          (s) => s.id,
          (s) => html`<tr>
            <td>${s.name}</td>
            <td>${s.email}</td>
            <td>
              ${t.roles[s.role]}
              ${s.lockedUntil && s.lockedUntil > now
                ? html`<span class="meta">${t.lockedUntil(time.format(s.lockedUntil))}</span>`
                : nothing}
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  protected override render() {
    const t = this.t;
    const name = this._fieldState('name');
    const email = this._fieldState('email');
    const password = this._fieldState('password', 'staff-password-hint');
    return html`<section aria-labelledby="team-heading">
        <h2 id="team-heading" tabindex="-1">${t.teamTab}</h2>
        ${this._renderList()}
      </section>
      <section aria-labelledby="add-staff-heading">
        <h3 id="add-staff-heading">${t.addStaffHeading}</h3>
        <form novalidate @submit=${this._submit}>
          <div>
            <label for="staff-name">${t.name}</label>
            <input
              id="staff-name"
              autocomplete="off"
              maxlength="80"
              aria-invalid=${name.invalid}
              aria-describedby=${name.describedBy}
              .value=${this._name}
              @input=${(e: InputEvent) => (this._name = (e.target as HTMLInputElement).value)}
            />
            ${this._errorFor('name')}
          </div>
          <div>
            <label for="staff-email">${t.email}</label>
            <input
              id="staff-email"
              type="email"
              autocomplete="off"
              aria-invalid=${email.invalid}
              aria-describedby=${email.describedBy}
              .value=${this._email}
              @input=${(e: InputEvent) => (this._email = (e.target as HTMLInputElement).value)}
            />
            ${this._errorFor('email')}
          </div>
          <div>
            <label for="staff-role">${t.role}</label>
            <select
              id="staff-role"
              aria-describedby="staff-role-hint"
              .value=${this._role}
              @change=${(e: Event) => (this._role = (e.target as HTMLSelectElement).value === 'owner' ? 'owner' : 'agent')}
            >
              <option value="agent" ?selected=${this._role === 'agent'}>${t.roles.agent}</option>
              <option value="owner" ?selected=${this._role === 'owner'}>${t.roles.owner}</option>
            </select>
            <p class="hint" id="staff-role-hint">${t.roleHint}</p>
          </div>
          <div>
            <label for="staff-password">${t.newPassword}</label>
            <input
              id="staff-password"
              type="password"
              autocomplete="new-password"
              minlength="12"
              aria-invalid=${password.invalid}
              aria-describedby=${password.describedBy}
              .value=${this._password}
              @input=${(e: InputEvent) => (this._password = (e.target as HTMLInputElement).value)}
            />
            ${this._errorFor('password')}
            <p class="hint" id="staff-password-hint">${t.passwordHint}</p>
          </div>
          ${this._errorFor('form')}
          <div class="actions">
            <button type="submit" class="primary" ?disabled=${this._busy}>${this._busy ? t.adding : t.addStaff}</button>
          </div>
          <p class="status" role="status">${this._announcement}</p>
        </form>
      </section>`;
  }
}

define('samen-console-team', SamenConsoleTeam);

declare global {
  interface HTMLElementTagNameMap {
    'samen-console-team': SamenConsoleTeam;
  }
}
