import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { define } from '../internal/define.ts';
import { emitInternal } from '../internal/events.ts';
import { controls, tokens } from '../styles/shared.ts';
import { consoleStyles } from './styles.ts';
import {
  BLOCKLIST,
  REPORT_THRESHOLD,
  isBlocklistWord,
  isSignedOut,
  ConsoleApiError,
  type ConsoleApi,
  type ConsoleSiteSettings,
  type EraseMode,
} from './api.ts';
import { consoleErrorText, en, type ConsoleStrings } from './i18n/index.ts';
import { BRAND_COLOR_MIN_CONTRAST, contrastOnWhite, formatContrast, isBrandColor } from '../../../worker/src/brand-color.ts';

type Part = 'origins' | 'brand' | 'moderation' | 'erase' | 'secret';

/** Samen's own light accent (styles/shared.ts): what the colour picker shows while no brand colour is set. */
const DEFAULT_ACCENT = '#22577a';
type ModerationField = 'threshold' | 'blocklist';

/** The words of the blocklist box: split on white space, commas and semicolons, lower-cased, each once. */
export const blocklistWords = (text: string): string[] => [
  ...new Set(
    text
      .split(/[\s,;]+/u)
      .map((w) => w.toLowerCase())
      .filter(Boolean),
  ),
];

/**
 * "Site" (owners): allowed origins, the brand colour, moderation (report threshold and blocklist),
 * what erasing a shopper does, and the token signing secret (a new one is shown once, right after rotating).
 *
 * @fires session-ended - (internal) when the API says the session is gone
 */
export class SamenConsoleSite extends LitElement {
  static override properties = {
    api: { attribute: false },
    t: { attribute: false },
    _site: { state: true },
    _status: { state: true },
    _origin: { state: true },
    _brand: { state: true },
    _eraseMode: { state: true },
    _threshold: { state: true },
    _blocklist: { state: true },
    _moderationField: { state: true },
    _confirmRotate: { state: true },
    _secret: { state: true },
    _busy: { state: true },
    _error: { state: true },
    _announcement: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    consoleStyles,
    css`
      .brand-row {
        display: flex;
        gap: 0.5em;
        align-items: center;
      }
      .brand-row input[type='color'] {
        flex: none;
        inline-size: 3em;
        block-size: 2.75em;
        padding: 0.25em;
      }
      .brand-row input.brand {
        max-inline-size: 10em;
      }
    `,
  ];

  declare api: ConsoleApi;
  declare t: ConsoleStrings;
  declare private _site: ConsoleSiteSettings | null;
  declare private _status: 'loading' | 'ready' | 'error';
  declare private _origin: string;
  /** The brand colour box, as typed ('' for Samen's default). */
  declare private _brand: string;
  declare private _eraseMode: EraseMode;
  /** The report threshold box, as typed. */
  declare private _threshold: string;
  /** The blocklist box, as typed (one word per line when loaded). */
  declare private _blocklist: string;
  /** The moderation field the last error is about. */
  declare private _moderationField: ModerationField | null;
  declare private _confirmRotate: boolean;
  declare private _secret: string;
  declare private _busy: boolean;
  declare private _error: { part: Part; message: string } | null;
  declare private _announcement: { part: Part; message: string } | null;
  private _loading?: AbortController;

  constructor() {
    super();
    this.t = en;
    this._site = null;
    this._status = 'loading';
    this._origin = '';
    this._brand = '';
    this._eraseMode = 'anonymise';
    this._threshold = '';
    this._blocklist = '';
    this._moderationField = null;
    this._confirmRotate = false;
    this._secret = '';
    this._busy = false;
    this._error = null;
    this._announcement = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.api) void this._load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._loading?.abort();
    // A shown secret must not survive leaving the view.
    this._secret = '';
  }

  private async _load(): Promise<void> {
    this._loading?.abort();
    const ctrl = (this._loading = new AbortController());
    this._status = 'loading';
    try {
      const site = await this.api.site(ctrl.signal);
      this._show(site);
      this._showModeration(site);
      this._brand = site.brandColor ?? '';
      this._status = 'ready';
    } catch (err) {
      if (ctrl.signal.aborted) return;
      if (isSignedOut(err)) emitInternal(this, 'session-ended');
      else this._status = 'error';
    }
  }

  private _show(site: ConsoleSiteSettings): void {
    this._site = site;
    this._eraseMode = site.eraseMode;
  }

  /** Fills the moderation boxes from the saved settings (not after other changes, which would lose typing). */
  private _showModeration(site: ConsoleSiteSettings): void {
    this._threshold = String(site.reportThreshold);
    this._blocklist = site.blocklist.join('\n');
    this._moderationField = null;
  }

  /** Runs one change; its outcome is announced in the part of the page it belongs to. */
  private async _run(part: Part, work: () => Promise<string>, errorField?: keyof ConsoleStrings['errors']): Promise<boolean> {
    if (this._busy) return false;
    this._busy = true;
    this._error = null;
    this._announcement = null;
    try {
      this._announcement = { part, message: await work() };
      return true;
    } catch (err) {
      if (isSignedOut(err)) emitInternal(this, 'session-ended');
      else this._error = { part, message: consoleErrorText(this.t, err, errorField) };
      return false;
    } finally {
      this._busy = false;
    }
  }

  private async _addOrigin(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const origin = this._origin.trim();
    const done = await this._run(
      'origins',
      async () => {
        this._show(await this.api.addOrigin(origin));
        return this.t.originAdded(origin);
      },
      'invalid_origin',
    );
    if (done) this._origin = '';
    else this.renderRoot.querySelector<HTMLInputElement>('#origin')?.focus();
  }

  private async _removeOrigin(origin: string): Promise<void> {
    await this._run('origins', async () => {
      this._show(await this.api.removeOrigin(origin));
      return this.t.originRemoved(origin);
    });
    this.renderRoot.querySelector<HTMLInputElement>('#origin')?.focus();
  }

  /** Saves the typed colour, or Samen's default for an empty box; the API's rules are checked first, at the field. */
  private async _saveBrand(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const t = this.t;
    const color = this._brand.trim().toLowerCase();
    let refusal = '';
    if (color && !isBrandColor(color)) refusal = t.errors.invalid_brand_color;
    else if (color && contrastOnWhite(color) < BRAND_COLOR_MIN_CONTRAST) {
      refusal = t.brandLowContrast(formatContrast(contrastOnWhite(color)), BRAND_COLOR_MIN_CONTRAST);
    }
    if (refusal) {
      this._announcement = null;
      this._error = { part: 'brand', message: refusal };
    } else {
      await this._setBrand(color || null);
    }
    if (this._error?.part === 'brand') {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#brand-color')?.focus();
    }
  }

  private async _setBrand(color: string | null): Promise<void> {
    await this._run(
      'brand',
      async () => {
        const site = await this.api.updateSite({ brandColor: color });
        this._show(site);
        this._brand = site.brandColor ?? '';
        return site.brandColor ? this.t.brandSaved : this.t.brandReset;
      },
      'invalid_brand_color',
    );
  }

  /** Back to Samen's colour; the button goes with it, so focus moves to the colour box. */
  private async _resetBrand(): Promise<void> {
    await this._setBrand(null);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#brand-color')?.focus();
  }

  private async _saveModeration(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const t = this.t;
    const threshold = Number(this._threshold.trim());
    const words = blocklistWords(this._blocklist);
    // The API's rules, checked first so the owner learns at once which box to fix.
    let field: ModerationField | null = null;
    if (!this._threshold.trim() || !Number.isInteger(threshold) || threshold < REPORT_THRESHOLD.min || threshold > REPORT_THRESHOLD.max) {
      field = 'threshold';
    } else if (words.length > BLOCKLIST.maxWords || !words.every(isBlocklistWord)) field = 'blocklist';
    if (field) {
      this._announcement = null;
      this._moderationField = field;
      this._error = { part: 'moderation', message: field === 'threshold' ? t.errors.invalid_report_threshold : t.errors.invalid_blocklist };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(field === 'threshold' ? '#report-threshold' : '#blocklist')?.focus();
      return;
    }
    this._moderationField = null;
    this._busy = true;
    this._error = null;
    this._announcement = null;
    try {
      const site = await this.api.updateSite({ reportThreshold: threshold, blocklist: words });
      this._show(site);
      this._showModeration(site);
      this._announcement = { part: 'moderation', message: t.moderationSaved };
    } catch (err) {
      if (isSignedOut(err)) {
        emitInternal(this, 'session-ended');
        return;
      }
      const code = err instanceof ConsoleApiError ? err.code : '';
      this._moderationField = code === 'invalid_report_threshold' ? 'threshold' : code === 'invalid_blocklist' ? 'blocklist' : null;
      this._error = { part: 'moderation', message: consoleErrorText(t, err) };
    } finally {
      this._busy = false;
    }
  }

  private async _saveEraseMode(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    await this._run('erase', async () => {
      this._show(await this.api.setEraseMode(this._eraseMode));
      return this.t.eraseModeSaved;
    });
  }

  private async _rotate(): Promise<void> {
    const done = await this._run('secret', async () => {
      this._secret = await this.api.rotateSecret();
      if (this._site) this._site = { ...this._site, hasTokenSecret: true };
      return '';
    });
    this._confirmRotate = false;
    await this.updateComplete;
    if (done) this.renderRoot.querySelector<HTMLInputElement>('#new-secret')?.select();
  }

  private async _askRotate(): Promise<void> {
    this._confirmRotate = true;
    this._secret = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('#confirm-rotate')?.focus();
  }

  private async _cancelRotate(): Promise<void> {
    this._confirmRotate = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('#rotate')?.focus();
  }

  private _feedback(part: Part, id: string) {
    const error = this._error?.part === part ? this._error.message : '';
    const note = this._announcement?.part === part ? this._announcement.message : '';
    return html`${error ? html`<p class="error" id=${id} role="alert">${error}</p>` : nothing}
      <p class="status" role="status">${note}</p>`;
  }

  private _renderOrigins(site: ConsoleSiteSettings) {
    const t = this.t;
    const invalid = this._error?.part === 'origins';
    return html`<section aria-labelledby="origins-heading">
      <h3 id="origins-heading">${t.originsHeading}</h3>
      <p class="state">${t.originsIntro}</p>
      ${site.origins.length
        ? html`<ul class="plain" aria-labelledby="origins-heading">
            ${repeat(
              site.origins,
              (o) => o,
              (o) => html`<li class="actions">
                <code>${o}</code>
                <button type="button" aria-label=${t.removeOrigin(o)} ?disabled=${this._busy} @click=${() => void this._removeOrigin(o)}>
                  ${t.remove}
                </button>
              </li>`,
            )}
          </ul>`
        : html`<p>${t.noOrigins}</p>`}
      <form novalidate @submit=${this._addOrigin}>
        <div>
          <label for="origin">${t.origin}</label>
          <input
            id="origin"
            inputmode="url"
            autocomplete="off"
            spellcheck="false"
            placeholder="https://shop.example"
            aria-invalid=${invalid ? 'true' : 'false'}
            aria-describedby=${invalid ? 'origin-error origin-hint' : 'origin-hint'}
            .value=${this._origin}
            @input=${(e: InputEvent) => (this._origin = (e.target as HTMLInputElement).value)}
          />
          <p class="hint" id="origin-hint">${t.originHint}</p>
        </div>
        <div class="actions"><button type="submit" class="primary" ?disabled=${this._busy}>${t.addOrigin}</button></div>
      </form>
      ${this._feedback('origins', 'origin-error')}
    </section>`;
  }

  private _renderBrand(site: ConsoleSiteSettings) {
    const t = this.t;
    const typed = this._brand.trim().toLowerCase();
    const valid = isBrandColor(typed);
    const invalid = this._error?.part === 'brand';
    const contrast = valid ? t.brandContrast(formatContrast(contrastOnWhite(typed))) : typed ? '' : t.brandDefault;
    return html`<section aria-labelledby="brand-heading">
      <h3 id="brand-heading">${t.brandHeading}</h3>
      <p class="state">${t.brandIntro}</p>
      <form novalidate @submit=${this._saveBrand}>
        <div>
          <label for="brand-color">${t.brandColor}</label>
          <div class="brand-row">
            <input
              type="color"
              id="brand-picker"
              aria-label=${t.brandPicker}
              .value=${valid ? typed : DEFAULT_ACCENT}
              @input=${(e: InputEvent) => (this._brand = (e.target as HTMLInputElement).value)}
            />
            <input
              id="brand-color"
              class="brand"
              autocomplete="off"
              spellcheck="false"
              autocapitalize="none"
              placeholder=${DEFAULT_ACCENT}
              aria-invalid=${invalid ? 'true' : 'false'}
              aria-describedby=${invalid ? 'brand-error brand-hint brand-contrast' : 'brand-hint brand-contrast'}
              .value=${this._brand}
              @input=${(e: InputEvent) => (this._brand = (e.target as HTMLInputElement).value)}
            />
          </div>
          <p class="hint" id="brand-hint">${t.brandHint}</p>
          <p class="hint" id="brand-contrast">${contrast}</p>
        </div>
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${this._busy}>${t.saveBrand}</button>
          ${site.brandColor
            ? html`<button type="button" ?disabled=${this._busy} @click=${() => void this._resetBrand()}>${t.resetBrand}</button>`
            : nothing}
        </div>
      </form>
      ${this._feedback('brand', 'brand-error')}
    </section>`;
  }

  private _renderModeration() {
    const t = this.t;
    const field = this._error?.part === 'moderation' ? this._moderationField : null;
    const describedBy = (f: ModerationField, hints: string) => (field === f ? `moderation-error ${hints}` : hints);
    const count = blocklistWords(this._blocklist).length;
    return html`<section aria-labelledby="moderation-settings-heading">
      <h3 id="moderation-settings-heading">${t.moderationSettingsHeading}</h3>
      <form novalidate @submit=${this._saveModeration}>
        <div>
          <label for="report-threshold">${t.reportThreshold}</label>
          <input
            id="report-threshold"
            class="number"
            type="number"
            inputmode="numeric"
            min=${REPORT_THRESHOLD.min}
            max=${REPORT_THRESHOLD.max}
            step="1"
            aria-invalid=${field === 'threshold' ? 'true' : 'false'}
            aria-describedby=${describedBy('threshold', 'report-threshold-hint')}
            .value=${this._threshold}
            @input=${(e: InputEvent) => (this._threshold = (e.target as HTMLInputElement).value)}
          />
          <p class="hint" id="report-threshold-hint">${t.reportThresholdHint}</p>
        </div>
        <div>
          <label for="blocklist">${t.blocklist}</label>
          <textarea
            id="blocklist"
            rows="6"
            spellcheck="false"
            autocapitalize="none"
            autocomplete="off"
            aria-invalid=${field === 'blocklist' ? 'true' : 'false'}
            aria-describedby=${describedBy('blocklist', 'blocklist-hint blocklist-count')}
            .value=${this._blocklist}
            @input=${(e: InputEvent) => (this._blocklist = (e.target as HTMLTextAreaElement).value)}
          ></textarea>
          <p class="hint" id="blocklist-hint">${t.blocklistHint}</p>
          <p class="hint" id="blocklist-count">${t.blocklistCount(count)}</p>
        </div>
        <div class="actions"><button type="submit" class="primary" ?disabled=${this._busy}>${t.saveModeration}</button></div>
      </form>
      ${this._feedback('moderation', 'moderation-error')}
    </section>`;
  }

  private _renderEraseMode() {
    const t = this.t;
    const option = (mode: EraseMode, label: string) =>
      html`<label>
        <input
          type="radio"
          name="erase-mode"
          value=${mode}
          .checked=${this._eraseMode === mode}
          @change=${() => (this._eraseMode = mode)}
        />
        ${label}
      </label>`;
    return html`<section aria-labelledby="erase-heading">
      <h3 id="erase-heading">${t.eraseModeHeading}</h3>
      <form @submit=${this._saveEraseMode}>
        <fieldset>
          <legend>${t.eraseModeHeading}</legend>
          ${option('anonymise', t.eraseAnonymise)} ${option('delete', t.eraseDelete)}
        </fieldset>
        <div class="actions"><button type="submit" ?disabled=${this._busy}>${t.saveEraseMode}</button></div>
      </form>
      ${this._feedback('erase', 'erase-error')}
    </section>`;
  }

  private _renderSecret(site: ConsoleSiteSettings) {
    const t = this.t;
    return html`<section aria-labelledby="secret-heading">
      <h3 id="secret-heading">${t.secretHeading}</h3>
      <p class="state">${t.secretIntro}</p>
      <p>${site.hasTokenSecret ? t.secretSet : t.secretMissing}</p>
      ${this._confirmRotate
        ? html`<div class="confirm" role="group" aria-labelledby="rotate-warning">
            <p id="rotate-warning">${t.rotateWarning}</p>
            <div class="actions">
              <button type="button" id="confirm-rotate" class="danger" ?disabled=${this._busy} @click=${() => void this._rotate()}>
                ${t.confirmRotate}
              </button>
              <button type="button" @click=${() => void this._cancelRotate()}>${t.cancel}</button>
            </div>
          </div>`
        : html`<button type="button" id="rotate" @click=${() => void this._askRotate()}>
            ${site.hasTokenSecret ? t.rotateSecret : t.createSecret}
          </button>`}
      ${this._secret
        ? html`<div>
            <label for="new-secret">${t.newSecret}</label>
            <input id="new-secret" class="secret" readonly .value=${this._secret} aria-describedby="new-secret-hint" />
            <p class="hint" id="new-secret-hint">${t.newSecretHint}</p>
          </div>`
        : nothing}
      ${this._feedback('secret', 'secret-error')}
    </section>`;
  }

  protected override render() {
    const t = this.t;
    const site = this._site;
    let body;
    if (this._status === 'loading') body = html`<p class="state" role="status">${t.loading}</p>`;
    else if (this._status === 'error' || !site) {
      body = html`<div role="alert">
        <p>${t.siteError}</p>
        <button type="button" @click=${() => void this._load()}>${t.retry}</button>
      </div>`;
    } else {
      body = html`${this._renderOrigins(site)} ${this._renderBrand(site)} ${this._renderModeration()} ${this._renderEraseMode()} ${this._renderSecret(site)}`;
    }
    return html`<section aria-labelledby="site-heading">
      <h2 id="site-heading" tabindex="-1">${t.siteTab}${site ? html`: ${site.name}` : nothing}</h2>
      ${body}
    </section>`;
  }
}

define('samen-console-site', SamenConsoleSite);

declare global {
  interface HTMLElementTagNameMap {
    'samen-console-site': SamenConsoleSite;
  }
}
