import { LitElement, html, css, nothing } from 'lit';
import { define } from '../internal/define.ts';
import { emitInternal } from '../internal/events.ts';
import { controls, tokens } from '../styles/shared.ts';
import { consoleStyles } from './styles.ts';
import { ConsoleApiError, QUEUE_CATEGORIES, isSignedOut, type ConsoleApi, type QueueCategory } from './api.ts';
import { DAYS, MAX_PERIODS_PER_DAY, draftOf, fieldIds, routingSettingsOf, type Day, type RoutingDraft, type RoutingErrorCode } from './routing-form.ts';
import { consoleErrorText, en, type ConsoleStrings } from './i18n/index.ts';

/** The box each API error code is about, for focus and `aria-invalid`. */
const FIELD_OF_CODE: Record<RoutingErrorCode, string> = {
  invalid_time_zone: fieldIds.timeZone,
  invalid_business_hours: fieldIds.period('mon', 0, 'open'),
  invalid_holidays: fieldIds.holidays,
  invalid_window: fieldIds.window,
  invalid_sla: fieldIds.sla,
  invalid_keywords: fieldIds.keywords('payment'),
};

let knownTimeZones: string[] | undefined;

/** The zones the browser knows, for the time zone box's suggestions (read once: the list is long). */
const timeZones = (): string[] => {
  if (!knownTimeZones) {
    try {
      knownTimeZones = Intl.supportedValuesOf('timeZone');
    } catch {
      knownTimeZones = [];
    }
  }
  return knownTimeZones;
};

/**
 * "Routing" (owners): the site's time zone, business hours per weekday, holidays, the community
 * window, the staff response target (SLA) and the owner's own triage keywords per category.
 * Checked against the API's limits (`ROUTING_LIMITS`) before sending; the API's errors are shown too.
 *
 * @fires session-ended - (internal) when the API says the session is gone
 */
export class SamenConsoleRouting extends LitElement {
  static override properties = {
    api: { attribute: false },
    t: { attribute: false },
    _draft: { state: true },
    _status: { state: true },
    _busy: { state: true },
    _error: { state: true },
    _announcement: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    consoleStyles,
    css`
      form {
        max-inline-size: 44rem;
      }
      .day {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1.5rem;
        align-items: end;
      }
      .day .state,
      .day .actions {
        margin: 0;
      }
      .day .state {
        min-block-size: 2.75rem;
        display: flex;
        align-items: center;
      }
      .period {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
      }
      .period input {
        inline-size: 7rem;
      }
      .duration {
        display: flex;
        gap: 1rem;
      }
      .duration input {
        inline-size: 7rem;
      }
      .keywords {
        display: grid;
        gap: 1rem;
        grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
      }
    `,
  ];

  declare api: ConsoleApi;
  declare t: ConsoleStrings;
  declare private _draft: RoutingDraft | null;
  declare private _status: 'loading' | 'ready' | 'error';
  declare private _busy: boolean;
  /** What is wrong and the box it is about (null: the message concerns the whole form). */
  declare private _error: { field: string | null; message: string } | null;
  declare private _announcement: string;
  private _loading?: AbortController;

  constructor() {
    super();
    this.t = en;
    this._draft = null;
    this._status = 'loading';
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
      this._draft = draftOf(await this.api.routing(ctrl.signal));
      this._status = 'ready';
    } catch (err) {
      if (ctrl.signal.aborted) return;
      if (isSignedOut(err)) emitInternal(this, 'session-ended');
      else this._status = 'error';
    }
  }

  private _edit(change: (d: RoutingDraft) => RoutingDraft): void {
    if (this._draft) this._draft = change(this._draft);
  }

  private _editPeriod(day: Day, index: number, end: 'open' | 'close', value: string): void {
    this._edit((d) => ({
      ...d,
      hours: { ...d.hours, [day]: d.hours[day].map((p, i) => (i === index ? { ...p, [end]: value } : p)) },
    }));
  }

  private async _addPeriod(day: Day): Promise<void> {
    // A second period usually follows a lunch break; an empty day starts with office hours.
    this._edit((d) => ({ ...d, hours: { ...d.hours, [day]: [...d.hours[day], d.hours[day].length ? { open: '', close: '' } : { open: '09:00', close: '17:00' }] } }));
    await this.updateComplete;
    const index = (this._draft?.hours[day].length ?? 1) - 1;
    this.renderRoot.querySelector<HTMLElement>(`#${fieldIds.period(day, index, 'open')}`)?.focus();
  }

  private async _removePeriod(day: Day, index: number): Promise<void> {
    this._edit((d) => ({ ...d, hours: { ...d.hours, [day]: d.hours[day].filter((_, i) => i !== index) } }));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#hours-${day}-add`)?.focus();
  }

  private async _save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this._busy || !this._draft) return;
    const t = this.t;
    this._announcement = '';
    const result = routingSettingsOf(this._draft);
    if ('problem' in result) {
      await this._showError(result.problem.field, t.errors[result.problem.code]);
      return;
    }
    this._busy = true;
    this._error = null;
    try {
      this._draft = draftOf(await this.api.saveRouting(result.settings));
      this._announcement = t.routing.saved;
    } catch (err) {
      if (isSignedOut(err)) {
        emitInternal(this, 'session-ended');
        return;
      }
      const code = err instanceof ConsoleApiError ? err.code : '';
      const field = Object.hasOwn(FIELD_OF_CODE, code) ? FIELD_OF_CODE[code as RoutingErrorCode] : null;
      this._busy = false;
      await this._showError(field, consoleErrorText(t, err));
    } finally {
      this._busy = false;
    }
  }

  private async _showError(field: string | null, message: string): Promise<void> {
    this._error = { field, message };
    await this.updateComplete;
    (this.renderRoot.querySelector<HTMLElement>(field ? `#${field}` : '#routing-error') ?? this.renderRoot.querySelector<HTMLElement>('#routing-error'))?.focus();
  }

  /** Attributes of a box that may be the subject of the error. */
  private _invalid(id: string): { invalid: 'true' | 'false'; describedBy: string } {
    const bad = this._error?.field === id;
    return { invalid: bad ? 'true' : 'false', describedBy: bad ? 'routing-error' : '' };
  }

  private _renderDay(draft: RoutingDraft, day: Day) {
    const r = this.t.routing;
    const name = r.days[day];
    const periods = draft.hours[day];
    return html`<fieldset class="day">
      <legend>${name}</legend>
      ${periods.length ? nothing : html`<p class="state">${r.closed}</p>`}
      ${periods.map((p, i) => {
        const [openId, closeId] = [fieldIds.period(day, i, 'open'), fieldIds.period(day, i, 'close')];
        const [open, close] = [this._invalid(openId), this._invalid(closeId)];
        return html`<div class="period">
          <div>
            <label for=${openId}>${r.opens}</label>
            <input
              id=${openId}
              inputmode="numeric"
              autocomplete="off"
              placeholder="09:00"
              aria-label=${r.opensOn(name, i + 1)}
              aria-invalid=${open.invalid}
              aria-describedby=${open.describedBy || 'hours-hint'}
              .value=${p.open}
              @input=${(e: InputEvent) => this._editPeriod(day, i, 'open', (e.target as HTMLInputElement).value)}
            />
          </div>
          <div>
            <label for=${closeId}>${r.closes}</label>
            <input
              id=${closeId}
              inputmode="numeric"
              autocomplete="off"
              placeholder="17:30"
              aria-label=${r.closesOn(name, i + 1)}
              aria-invalid=${close.invalid}
              aria-describedby=${close.describedBy || 'hours-hint'}
              .value=${p.close}
              @input=${(e: InputEvent) => this._editPeriod(day, i, 'close', (e.target as HTMLInputElement).value)}
            />
          </div>
          <button type="button" aria-label=${r.removeHours(name, i + 1)} @click=${() => void this._removePeriod(day, i)}>${r.remove}</button>
        </div>`;
      })}
      ${periods.length < MAX_PERIODS_PER_DAY
        ? html`<p class="actions">
            <button type="button" id="hours-${day}-add" aria-label=${r.addHours(name)} @click=${() => void this._addPeriod(day)}>${r.add}</button>
          </p>`
        : nothing}
    </fieldset>`;
  }

  private _renderDuration(what: 'window' | 'sla', draft: RoutingDraft) {
    const r = this.t.routing;
    const title = what === 'window' ? r.windowHeading : r.slaHeading;
    const hint = what === 'window' ? r.windowHint : r.slaHint;
    const hoursId = what === 'window' ? fieldIds.window : fieldIds.sla;
    const minutesId = `routing-${what}-minutes`;
    const bad = this._invalid(hoursId);
    const describedBy = [bad.describedBy, `${what}-hint`].filter(Boolean).join(' ');
    const set = (key: 'hours' | 'minutes') => (e: InputEvent) =>
      this._edit((d) => ({ ...d, [what]: { ...d[what], [key]: (e.target as HTMLInputElement).value } }));
    return html`<fieldset>
      <legend>${title}</legend>
      <div class="duration">
        <div>
          <label for=${hoursId}>${r.hours}</label>
          <input
            id=${hoursId}
            type="number"
            min="0"
            inputmode="numeric"
            aria-label=${r.hoursOf(title)}
            aria-invalid=${bad.invalid}
            aria-describedby=${describedBy}
            .value=${draft[what].hours}
            @input=${set('hours')}
          />
        </div>
        <div>
          <label for=${minutesId}>${r.minutes}</label>
          <input
            id=${minutesId}
            type="number"
            min="0"
            max="59"
            inputmode="numeric"
            aria-label=${r.minutesOf(title)}
            aria-invalid=${bad.invalid}
            aria-describedby=${describedBy}
            .value=${draft[what].minutes}
            @input=${set('minutes')}
          />
        </div>
      </div>
      <p class="hint" id="${what}-hint">${hint}</p>
    </fieldset>`;
  }

  private _renderKeywords(draft: RoutingDraft, category: QueueCategory) {
    const r = this.t.routing;
    const id = fieldIds.keywords(category);
    const bad = this._invalid(id);
    return html`<div>
      <label for=${id}>${r.keywordsFor(this.t.queue.categories[category])}</label>
      <textarea
        id=${id}
        rows="3"
        aria-invalid=${bad.invalid}
        aria-describedby=${[bad.describedBy, 'keywords-hint'].filter(Boolean).join(' ')}
        .value=${draft.keywords[category]}
        @input=${(e: InputEvent) =>
          this._edit((d) => ({ ...d, keywords: { ...d.keywords, [category]: (e.target as HTMLTextAreaElement).value } }))}
      ></textarea>
    </div>`;
  }

  private _renderForm(draft: RoutingDraft) {
    const t = this.t;
    const r = t.routing;
    const zone = this._invalid(fieldIds.timeZone);
    const holidays = this._invalid(fieldIds.holidays);
    return html`<form @submit=${(e: SubmitEvent) => void this._save(e)} novalidate>
      <div>
        <label for=${fieldIds.timeZone}>${r.timeZone}</label>
        <input
          id=${fieldIds.timeZone}
          list="time-zones"
          autocomplete="off"
          spellcheck="false"
          aria-invalid=${zone.invalid}
          aria-describedby=${[zone.describedBy, 'time-zone-hint'].filter(Boolean).join(' ')}
          .value=${draft.timeZone}
          @input=${(e: InputEvent) => this._edit((d) => ({ ...d, timeZone: (e.target as HTMLInputElement).value }))}
        />
        <datalist id="time-zones">${timeZones().map((z) => html`<option value=${z}></option>`)}</datalist>
        <p class="hint" id="time-zone-hint">${r.timeZoneHint}</p>
      </div>

      <section aria-labelledby="hours-heading">
        <h3 id="hours-heading">${r.hoursHeading}</h3>
        <p class="hint" id="hours-hint">${r.hoursHint}</p>
        ${DAYS.map((day) => this._renderDay(draft, day))}
      </section>

      <div>
        <label for=${fieldIds.holidays}>${r.holidays}</label>
        <textarea
          id=${fieldIds.holidays}
          rows="4"
          aria-invalid=${holidays.invalid}
          aria-describedby=${[holidays.describedBy, 'holidays-hint'].filter(Boolean).join(' ')}
          .value=${draft.holidays}
          @input=${(e: InputEvent) => this._edit((d) => ({ ...d, holidays: (e.target as HTMLTextAreaElement).value }))}
        ></textarea>
        <p class="hint" id="holidays-hint">${r.holidaysHint}</p>
      </div>

      ${this._renderDuration('window', draft)} ${this._renderDuration('sla', draft)}

      <section aria-labelledby="keywords-heading">
        <h3 id="keywords-heading">${r.keywordsHeading}</h3>
        <p class="hint" id="keywords-hint">${r.keywordsHint}</p>
        <div class="keywords">${QUEUE_CATEGORIES.map((c) => this._renderKeywords(draft, c))}</div>
      </section>

      ${this._error ? html`<p class="error" id="routing-error" role="alert" tabindex="-1">${this._error.message}</p>` : nothing}
      <p class="status" role="status">${this._announcement}</p>
      <p class="actions"><button type="submit" class="primary" ?disabled=${this._busy}>${r.save}</button></p>
    </form>`;
  }

  private _renderContent() {
    const t = this.t;
    switch (this._status) {
      case 'loading':
        return html`<p class="state" role="status">${t.loading}</p>`;
      case 'error':
        return html`<div role="alert">
          <p>${t.routing.error}</p>
          <button type="button" @click=${() => void this._load()}>${t.retry}</button>
        </div>`;
      case 'ready':
        return this._draft ? this._renderForm(this._draft) : nothing;
    }
  }

  protected override render() {
    const t = this.t;
    return html`<section aria-labelledby="routing-heading">
      <h2 id="routing-heading" tabindex="-1">${t.routing.tab}</h2>
      <p class="state">${t.routing.intro}</p>
      ${this._renderContent()}
    </section>`;
  }
}

define('samen-console-routing', SamenConsoleRouting);

declare global {
  interface HTMLElementTagNameMap {
    'samen-console-routing': SamenConsoleRouting;
  }
}
