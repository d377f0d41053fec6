import { LitElement, html, nothing } from 'lit';
import { define } from '../internal/define.ts';
import { emitInternal } from '../internal/events.ts';
import { controls, tokens } from '../styles/shared.ts';
import { consoleStyles } from './styles.ts';
import { isSignedOut, type ConsoleApi, type ShopperExport } from './api.ts';
import { consoleErrorText, en, type ConsoleStrings } from './i18n/index.ts';

/** Saves `data` as a JSON file through the browser's download, without a round trip. */
export function downloadJson(data: ShopperExport, fileName: string): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * "Shopper data" (owners): a shopper's data rights exercised on their behalf. Export downloads
 * everything Samen holds about them as JSON; erasing asks for confirmation first.
 *
 * @fires session-ended - (internal) when the API says the session is gone
 */
export class SamenConsoleShoppers extends LitElement {
  static override properties = {
    api: { attribute: false },
    t: { attribute: false },
    download: { attribute: false },
    _sub: { state: true },
    _confirming: { state: true },
    _busy: { state: true },
    _error: { state: true },
    _announcement: { state: true },
  };

  static override styles = [tokens, controls, consoleStyles];

  declare api: ConsoleApi;
  declare t: ConsoleStrings;
  /** How an export reaches the owner; tests replace the browser download. */
  declare download: (data: ShopperExport, fileName: string) => void;
  declare private _sub: string;
  /** The shopper id the confirmation step is about (null: no confirmation shown). */
  declare private _confirming: string | null;
  declare private _busy: boolean;
  declare private _error: string;
  declare private _announcement: string;

  constructor() {
    super();
    this.t = en;
    this.download = downloadJson;
    this._sub = '';
    this._confirming = null;
    this._busy = false;
    this._error = '';
    this._announcement = '';
  }

  /** The typed shopper id, or null after saying that one is needed. */
  private async _subOrComplain(): Promise<string | null> {
    const sub = this._sub.trim();
    if (sub) return sub;
    this._error = this.t.shopperIdRequired;
    this._announcement = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#shopper-id')?.focus();
    return null;
  }

  private async _run(work: () => Promise<string>): Promise<void> {
    if (this._busy) return;
    this._busy = true;
    this._error = '';
    this._announcement = '';
    try {
      this._announcement = await work();
    } catch (err) {
      if (isSignedOut(err)) emitInternal(this, 'session-ended');
      else this._error = consoleErrorText(this.t, err);
    } finally {
      this._busy = false;
    }
  }

  private async _export(): Promise<void> {
    const sub = await this._subOrComplain();
    if (!sub) return;
    await this._run(async () => {
      const data = await this.api.exportShopper(sub);
      this.download(data, `samen-${data.site}-shopper-export.json`);
      return this.t.exported(sub);
    });
  }

  private async _askErase(): Promise<void> {
    const sub = await this._subOrComplain();
    if (!sub) return;
    this._error = '';
    this._announcement = '';
    this._confirming = sub;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('#cancel-erase')?.focus();
  }

  private async _erase(sub: string): Promise<void> {
    await this._run(async () => {
      await this.api.eraseShopper(sub);
      this._sub = '';
      return this.t.erased(sub);
    });
    this._confirming = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#shopper-id')?.focus();
  }

  private async _cancel(): Promise<void> {
    this._confirming = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('#erase')?.focus();
  }

  protected override render() {
    const t = this.t;
    const sub = this._confirming;
    return html`<section aria-labelledby="shoppers-heading">
      <h2 id="shoppers-heading" tabindex="-1">${t.shoppersTab}</h2>
      <form novalidate @submit=${(e: SubmitEvent) => (e.preventDefault(), void this._export())}>
        <div>
          <label for="shopper-id">${t.shopperId}</label>
          <input
            id="shopper-id"
            autocomplete="off"
            spellcheck="false"
            maxlength="128"
            aria-invalid=${this._error ? 'true' : 'false'}
            aria-describedby=${this._error ? 'shopper-error shopper-hint' : 'shopper-hint'}
            .value=${this._sub}
            ?disabled=${sub !== null}
            @input=${(e: InputEvent) => (this._sub = (e.target as HTMLInputElement).value)}
          />
          <p class="hint" id="shopper-hint">${t.shopperIdHint}</p>
        </div>
        ${sub === null
          ? html`<div class="actions">
              <button type="submit" class="primary" ?disabled=${this._busy}>${t.exportData}</button>
              <button type="button" id="erase" class="danger" ?disabled=${this._busy} @click=${() => void this._askErase()}>
                ${t.eraseShopper}
              </button>
            </div>`
          : html`<div class="confirm" role="group" aria-labelledby="erase-warning">
              <p id="erase-warning">${t.confirmEraseText(sub)}</p>
              <div class="actions">
                <button type="button" class="danger" ?disabled=${this._busy} @click=${() => void this._erase(sub)}>
                  ${t.confirmErase}
                </button>
                <button type="button" id="cancel-erase" @click=${() => void this._cancel()}>${t.cancel}</button>
              </div>
            </div>`}
      </form>
      ${this._error ? html`<p class="error" id="shopper-error" role="alert">${this._error}</p>` : nothing}
      <p class="status" role="status">${this._announcement}</p>
    </section>`;
  }
}

define('samen-console-shoppers', SamenConsoleShoppers);

declare global {
  interface HTMLElementTagNameMap {
    'samen-console-shoppers': SamenConsoleShoppers;
  }
}
