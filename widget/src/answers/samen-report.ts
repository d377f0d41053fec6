import { LitElement, html, css, nothing } from 'lit';
import { define } from '../internal/define.ts';
import { emitInternal } from '../internal/events.ts';
import { noteInteraction } from '../internal/interaction.ts';
import { controls, tokens } from '../styles/shared.ts';
import { ApiRequestError, type ReportReason, type SamenApi } from '../api/client.ts';
import { en, type Strings } from '../i18n/index.ts';
import { communityError, stringsFor } from '../i18n/community/index.ts';

const REASONS: readonly ReportReason[] = ['spam', 'offensive', 'off_topic', 'personal_data'];

/**
 * The small inline form behind "Report": a reason (radio group) and "Send report", then a
 * thank-you. Focus starts on the first reason and moves to the thank-you once sent; Escape
 * or Cancel closes it (the opener gets focus back).
 *
 * @fires reported - (internal) after the report was stored; `detail` is true when it hid the item
 * @fires cancel - (internal) when the shopper closes the form
 */
export class SamenReport extends LitElement {
  static override properties = {
    api: { attribute: false },
    t: { attribute: false },
    type: { type: String },
    target: { type: String },
    _reason: { state: true },
    _busy: { state: true },
    _error: { state: true },
    _sent: { state: true },
    _hidden: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    css`
      fieldset {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        margin: 0 0 0.5em;
        padding: 0.5em 0.75em;
      }
      legend {
        font-weight: 600;
      }
      fieldset label {
        display: flex;
        gap: 0.5em;
        align-items: center;
        font-weight: 400;
        min-block-size: 2em;
      }
      input {
        inline-size: auto;
        accent-color: var(--_accent);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em;
      }
    `,
  ];

  declare api: SamenApi;
  declare t: Strings;
  /** What is reported. */
  declare type: 'question' | 'answer';
  /** Id of the question or answer. */
  declare target: string;
  declare private _reason: ReportReason | null;
  declare private _busy: boolean;
  /** Error code of the last attempt, or ''. */
  declare private _error: string;
  declare private _sent: boolean;
  /** The report hid the item (the site's report threshold was reached). */
  declare private _hidden: boolean;
  private _focused = false;

  constructor() {
    super();
    this.t = en;
    this.type = 'answer';
    this.target = '';
    this._reason = null;
    this._busy = false;
    this._error = '';
    this._sent = this._hidden = false;
  }

  protected override updated(): void {
    // Focus the first reason as soon as the form is there (its strings may arrive a moment later).
    if (!this._focused) {
      const first = this.renderRoot.querySelector('input');
      first?.focus();
      this._focused = !!first;
    }
  }

  private async _submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    if (!this._reason) {
      this._error = 'invalid_reason';
      this.renderRoot.querySelector('input')?.focus();
      return;
    }
    this._busy = true;
    this._error = '';
    try {
      const { hidden } = await this.api.report(this.type, this.target, this._reason);
      noteInteraction(this);
      this._sent = true;
      this._hidden = hidden;
      emitInternal(this, 'reported', hidden);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[tabindex]')?.focus();
    } catch (err) {
      this._error = err instanceof ApiRequestError ? err.code : 'generic';
    } finally {
      this._busy = false;
    }
  }

  protected override render() {
    const t = this.t;
    const c = stringsFor(this);
    if (!c) return nothing;
    if (this._sent) {
      return html`<p class="hint" role="status" tabindex="-1">${this._hidden ? c.reportHidden : c.reportThanks}</p>`;
    }
    return html`<form
      novalidate
      @submit=${this._submit}
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && emitInternal(this, 'cancel')}
    >
      <fieldset aria-describedby=${this._error ? 'report-error' : nothing}>
        <legend>${c.reportReason}</legend>
        ${REASONS.map(
          (r) => html`<label>
            <input type="radio" name="reason" value=${r} @change=${() => (this._reason = r)} />${c.reasons[r]}
          </label>`,
        )}
      </fieldset>
      ${this._error
        ? html`<p class="error" id="report-error" role="alert">${communityError(t, c, this._error)}</p>`
        : nothing}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this._busy}>${c.sendReport}</button>
        <button type="button" @click=${() => emitInternal(this, 'cancel')}>${t.cancel}</button>
      </div>
    </form>`;
  }
}

define('samen-report', SamenReport);

declare global {
  interface HTMLElementTagNameMap {
    'samen-report': SamenReport;
  }
}
