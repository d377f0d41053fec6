import { LitElement, html, nothing } from 'lit';
import { define } from '../internal/define.ts';
import { emitInternal } from '../internal/events.ts';
import { controls, tokens } from '../styles/shared.ts';
import { consoleStyles } from './styles.ts';
import type { ConsoleApi, ConsoleSession } from './api.ts';
import { consoleErrorText, en, type ConsoleStrings } from './i18n/index.ts';

/**
 * The console's sign-in form: email, password, "Sign in". The password never outlives the
 * attempt; errors (wrong password, locked account, too many attempts) are announced.
 *
 * @fires signed-in - (internal) with the {@link ConsoleSession} once the API accepted the password
 */
export class SamenConsoleSignIn extends LitElement {
  static override properties = {
    api: { attribute: false },
    t: { attribute: false },
    notice: { type: String },
    _email: { state: true },
    _password: { state: true },
    _busy: { state: true },
    _error: { state: true },
  };

  static override styles = [tokens, controls, consoleStyles];

  declare api: ConsoleApi;
  declare t: ConsoleStrings;
  /** A short message above the form, e.g. "You are signed out." */
  declare notice: string;
  declare private _email: string;
  declare private _password: string;
  declare private _busy: boolean;
  declare private _error: string;

  constructor() {
    super();
    this.t = en;
    this.notice = '';
    this._email = '';
    this._password = '';
    this._busy = false;
    this._error = '';
  }

  /** Focuses the email field (once rendered). */
  override focus(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#email')?.focus());
  }

  private async _submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    this._busy = true;
    this._error = '';
    try {
      const session: ConsoleSession = await this.api.signIn(this._email.trim(), this._password);
      this._password = '';
      emitInternal(this, 'signed-in', session);
    } catch (err) {
      this._password = '';
      this._error = consoleErrorText(this.t, err, 'invalid_credentials');
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#password')?.focus();
    } finally {
      this._busy = false;
    }
  }

  protected override render() {
    const t = this.t;
    return html`<section aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">${t.signInHeading}</h2>
      <p class="state">${t.signInIntro}</p>
      ${this.notice ? html`<p role="status">${this.notice}</p>` : nothing}
      <form @submit=${this._submit} aria-describedby=${this._error ? 'sign-in-error' : nothing}>
        <div>
          <label for="email">${t.email}</label>
          <input
            id="email"
            type="email"
            name="email"
            autocomplete="username"
            required
            .value=${this._email}
            @input=${(e: InputEvent) => (this._email = (e.target as HTMLInputElement).value)}
          />
        </div>
        <div>
          <label for="password">${t.password}</label>
          <input
            id="password"
            type="password"
            name="password"
            autocomplete="current-password"
            required
            aria-invalid=${this._error ? 'true' : 'false'}
            aria-describedby=${this._error ? 'sign-in-error' : nothing}
            .value=${this._password}
            @input=${(e: InputEvent) => (this._password = (e.target as HTMLInputElement).value)}
          />
        </div>
        ${this._error ? html`<p class="error" id="sign-in-error" role="alert">${this._error}</p>` : nothing}
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${this._busy}>${this._busy ? t.signingIn : t.signIn}</button>
        </div>
      </form>
    </section>`;
  }
}

define('samen-console-sign-in', SamenConsoleSignIn);

declare global {
  interface HTMLElementTagNameMap {
    'samen-console-sign-in': SamenConsoleSignIn;
  }
}
