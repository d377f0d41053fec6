import { LitElement, html, css, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { define } from '../internal/define.ts';
import { emitInternal } from '../internal/events.ts';
import { controls, tokens } from '../styles/shared.ts';
import { consoleStyles } from './styles.ts';
import { ConsoleApiError, isSignedOut } from './api.ts';
import { LatestLoad } from './latest-load.ts';
import { failureText } from './view-errors.ts';
import { consoleInsightsStrings, type ConsoleInsightsStrings } from './i18n/insights.ts';
import type { Language } from './i18n/index.ts';
import {
  createConsoleInsightsApi,
  type ConsoleInsightsApi,
  type ContactChannel,
  type EscalationReason,
  type InsightsProduct,
  type InsightsQuestion,
  type InsightsReport,
} from './insights-api.ts';
import { insightsFormat, type InsightsFormat } from './insights-format.ts';
import { PRESETS, periodOf, periodProblem, type PeriodChoice, type PeriodProblem, type Preset } from './insights-period.ts';
import { csvFileName, downloadCsv, toCsv, type CsvCell, type CsvDownload } from './insights-csv.ts';
import type { ChartSpec } from './samen-console-insights-chart.ts';
import './samen-console-insights-chart.ts';

const CHANNELS: readonly ContactChannel[] = ['question', 'chat', 'review', 'idea'];
const REASONS: readonly EscalationReason[] = ['personal', 'checkout', 'complaint', 'second_contact', 'timeout', 'not_helpful'];

type Status = 'loading' | 'ready' | 'error';
type Topic = InsightsReport['rootCauses'][number];
/** `ids`: the API cannot look questions up (an older Worker), so the view lists their ids. */
type TopicQuestions = { status: 'loading' } | { status: 'ready'; questions: InsightsQuestion[] } | { status: 'ids' } | { status: 'error' };

/**
 * What the owner last chose, kept for this page: switching to another view and back (which
 * builds the view anew) shows the same period and product. Nothing is stored in the browser.
 */
let remembered: { choice: PeriodChoice; product: string | null } | null = null;

/** Forgets the remembered period and product (tests start afresh). */
export function forgetInsightsChoice(): void {
  remembered = null;
}

/**
 * The console's Insights view: for a period (last 7 / 30 / 90 days or chosen days) and optionally
 * one product, the headline figures, per-day charts (each with a table view and CSV export),
 * the products with the most problem-driven contacts, root-cause topics with their questions,
 * and the top contributors. Every change of period or product fetches the report again and
 * cancels the one still on its way.
 *
 * @fires session-ended - (internal) when the API says the session is gone
 */
export class SamenConsoleInsights extends LitElement {
  static override properties = {
    locale: { type: String },
    role: { type: String },
    api: { attribute: false },
    download: { attribute: false },
    _choice: { state: true },
    _product: { state: true },
    _products: { state: true },
    _status: { state: true },
    _report: { state: true },
    _error: { state: true },
    _custom: { state: true },
    _problem: { state: true },
    _questions: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    consoleStyles,
    css`
      form.controls {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem;
        align-items: end;
        max-inline-size: none;
        margin-block-end: 1rem;
      }
      form.controls input[type='date'] {
        inline-size: auto;
      }
      .showing {
        margin: 0 0 1.5rem;
        font-weight: 600;
      }
      [aria-busy='true'] {
        opacity: 0.6;
      }
      dl.figures {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
        gap: 1rem;
        margin: 0;
      }
      .figure {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.75rem 1rem;
      }
      .figure dt {
        font-weight: 600;
      }
      .figure dd {
        margin: 0;
      }
      .figure .value {
        font-size: 1.75rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .figure .detail {
        color: var(--_muted);
        font-size: 0.875rem;
      }
      .figure ul {
        list-style: none;
        margin: 0.25rem 0 0;
        padding: 0;
        font-size: 0.875rem;
      }
      .figure li {
        display: flex;
        justify-content: space-between;
        gap: 1rem;
      }
      .section-head {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
        justify-content: space-between;
      }
      .section-head h3 {
        margin: 0;
      }
      .topic {
        border-block-end: 1px solid var(--_border);
        padding-block: 0.75rem;
      }
      .topic h4 {
        margin: 0;
        font-size: 1rem;
      }
      .terms {
        color: var(--_muted);
        font-size: 0.875rem;
        margin: 0.25rem 0;
      }
      summary {
        cursor: pointer;
        color: var(--_accent);
        text-decoration: underline;
        inline-size: fit-content;
      }
      summary:focus-visible {
        outline: 3px solid var(--_accent);
        outline-offset: 2px;
      }
      .question {
        margin-block: 0.5rem;
        padding-inline-start: 0.75rem;
        border-inline-start: 3px solid var(--_border);
      }
      .question p {
        margin: 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      td.number,
      th.number {
        text-align: end;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  declare locale: Language;
  declare role: string;
  /** The API client; created for the page's own origin unless one is given (tests). */
  declare api: ConsoleInsightsApi | null;
  /** How CSV files leave the browser (a Blob download; tests hand in a recorder). */
  declare download: CsvDownload;
  declare private _choice: PeriodChoice;
  declare private _product: string | null;
  declare private _products: InsightsProduct[];
  declare private _status: Status;
  declare private _report: InsightsReport | null;
  declare private _error: string;
  /** The chosen days while "Custom dates" is being filled in. */
  declare private _custom: { from: string; to: string } | null;
  declare private _problem: PeriodProblem | null;
  declare private _questions: ReadonlyMap<string, TopicQuestions>;
  #loading = new LatestLoad(this);
  #productsLoading = new LatestLoad(this);

  constructor() {
    super();
    this.locale = 'en';
    this.role = 'agent';
    this.api = null;
    this.download = downloadCsv;
    this._choice = { preset: 30 };
    this._product = null;
    this._products = [];
    this._status = 'loading';
    this._report = null;
    this._error = '';
    this._custom = null;
    this._problem = null;
    this._questions = new Map();
  }

  get #t(): ConsoleInsightsStrings {
    return consoleInsightsStrings[this.locale] ?? consoleInsightsStrings.en;
  }

  get #fmt(): InsightsFormat {
    return insightsFormat(this.locale);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.api ??= createConsoleInsightsApi();
    if (remembered) {
      this._choice = remembered.choice;
      this._product = remembered.product;
      if (this._choice.preset === 'custom') this._custom = { from: this._choice.from, to: this._choice.to };
    }
    void this.#loadProducts();
    void this.#load();
  }

  #errorText(err: unknown): string {
    return failureText(this, this.#t.errors, err);
  }

  get #period(): { from: string; to: string } {
    return periodOf(this._choice, Date.now());
  }

  async #loadProducts(): Promise<void> {
    if (!this.api) return;
    const api = this.api;
    await this.#productsLoading.run(
      async (signal) => {
        this._products = await api.products(signal);
      },
      // The picker then offers "All products" only; the report itself says what went wrong.
      (err) => {
        if (isSignedOut(err)) emitInternal(this, 'session-ended');
      },
    );
  }

  async #load(): Promise<void> {
    if (!this.api) return;
    const api = this.api;
    remembered = { choice: this._choice, product: this._product };
    this._status = 'loading';
    await this.#loading.run(
      async (signal) => {
        const report = await api.report({ ...this.#period, product: this._product }, signal);
        if (signal.aborted) return;
        this._report = report;
        this._questions = new Map();
        this._status = 'ready';
      },
      (err) => {
        this._error = this.#errorText(err);
        this._status = 'error';
      },
    );
  }

  #choosePreset(value: string): void {
    if (value === 'custom') {
      this._custom = { ...this.#period };
      this._problem = null;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#insights-from')?.focus());
      return;
    }
    const preset = Number(value) as Preset;
    if (!PRESETS.includes(preset)) return;
    this._custom = null;
    this._problem = null;
    this._choice = { preset };
    void this.#load();
  }

  #applyCustom(e: SubmitEvent): void {
    e.preventDefault();
    const custom = this._custom;
    if (!custom) return;
    this._problem = periodProblem(custom.from, custom.to);
    if (this._problem) return;
    this._choice = { preset: 'custom', from: custom.from, to: custom.to };
    void this.#load();
  }

  #chooseProduct(value: string): void {
    this._product = value || null;
    void this.#load();
  }

  async #toggleTopic(e: Event, topic: Topic): Promise<void> {
    const details = e.currentTarget as HTMLDetailsElement;
    if (!details.open || !this.api) return;
    const key = topic.topic;
    const known = this._questions.get(key);
    if (known && known.status !== 'error') return;
    const report = this._report;
    this._questions = new Map(this._questions).set(key, { status: 'loading' });
    let next: TopicQuestions;
    try {
      next = { status: 'ready', questions: await this.api.questions(topic.questionIds) };
    } catch (err) {
      if (isSignedOut(err)) emitInternal(this, 'session-ended');
      next = { status: err instanceof ConsoleApiError && err.status === 404 ? 'ids' : 'error' };
    }
    // A newer report has its own topics; this answer belongs to the old one.
    if (this._report === report) this._questions = new Map(this._questions).set(key, next);
  }

  #fileName(what: string): string {
    const { from, to } = this.#period;
    return csvFileName('samen-insights', what, from, to, this._product ?? '');
  }

  #csvButton(what: string, header: string[], rows: CsvCell[][]) {
    return html`<button type="button" @click=${() => this.download(this.#fileName(what), toCsv(header, rows))}>
      ${this.#t.downloadCsv}
    </button>`;
  }

  #productName(id: string | null): string | null {
    if (!id) return null;
    return this._products.find((p) => p.id === id)?.name ?? id;
  }

  #periodText(): string {
    const { from, to } = this.#period;
    return this.#fmt.period(from, to);
  }

  #controls() {
    const t = this.#t;
    const choice = this._custom ? 'custom' : String(this._choice.preset);
    return html`<form class="controls" novalidate aria-label=${t.controlsLabel} @submit=${(e: SubmitEvent) => this.#applyCustom(e)}>
      <div>
        <label for="insights-period">${t.period}</label>
        <select id="insights-period" @change=${(e: Event) => this.#choosePreset((e.target as HTMLSelectElement).value)}>
          ${PRESETS.map((p) => html`<option value=${String(p)} ?selected=${choice === String(p)}>${t.presets[p]}</option>`)}
          <option value="custom" ?selected=${choice === 'custom'}>${t.presets.custom}</option>
        </select>
      </div>
      ${this._custom
        ? html`<div>
              <label for="insights-from">${t.from}</label>
              <input
                id="insights-from"
                type="date"
                required
                .value=${this._custom.from}
                aria-invalid=${this._problem ? 'true' : 'false'}
                aria-describedby=${this._problem ? 'insights-period-error' : nothing}
                @input=${(e: Event) => (this._custom = { ...this._custom!, from: (e.target as HTMLInputElement).value })}
              />
            </div>
            <div>
              <label for="insights-to">${t.to}</label>
              <input
                id="insights-to"
                type="date"
                required
                .value=${this._custom.to}
                aria-invalid=${this._problem ? 'true' : 'false'}
                aria-describedby=${this._problem ? 'insights-period-error' : nothing}
                @input=${(e: Event) => (this._custom = { ...this._custom!, to: (e.target as HTMLInputElement).value })}
              />
            </div>
            <div><button class="primary" type="submit">${t.apply}</button></div>`
        : nothing}
      <div>
        <label for="insights-product">${t.product}</label>
        <select id="insights-product" @change=${(e: Event) => this.#chooseProduct((e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!this._product}>${t.allProducts}</option>
          ${this._product && !this._products.some((p) => p.id === this._product)
            ? html`<option value=${this._product} selected>${this._product}</option>`
            : nothing}
          ${this._products.map((p) => html`<option value=${p.id} ?selected=${this._product === p.id}>${p.name}</option>`)}
        </select>
      </div>
    </form>
    ${this._problem ? html`<p class="error" id="insights-period-error" role="alert">${t.periodErrors[this._problem]}</p>` : nothing}`;
  }

  #rate(rate: number | null): string {
    return rate === null ? this.#t.noData : this.#fmt.percent(rate);
  }

  #duration(ms: number | null): string {
    return ms === null ? this.#t.noData : this.#fmt.duration(ms);
  }

  #figures(r: InsightsReport) {
    const t = this.#t;
    const n = this.#fmt.number;
    const total = CHANNELS.reduce((sum, c) => sum + r.contacts.total[c], 0);
    const figure = (label: string, value: string, detail?: unknown) =>
      html`<div class="figure">
        <dt>${label}</dt>
        <dd class="value">${value}</dd>
        ${detail ? html`<dd class="detail">${detail}</dd>` : nothing}
      </div>`;
    const breakdown = <K extends string>(keys: readonly K[], labels: Record<K, string>, values: Record<K, number>) =>
      html`<ul>
        ${keys.map((k) => html`<li><span>${labels[k]}</span><span>${n(values[k])}</span></li>`)}
      </ul>`;
    return html`<section aria-labelledby="insights-figures">
      <h3 id="insights-figures">${t.figuresHeading}</h3>
      <dl class="figures">
        ${figure(t.contacts, n(total), breakdown(CHANNELS, t.channels, r.contacts.total))}
        ${figure(t.deflectionRate, this.#rate(r.deflection.rate), t.deflectionDetail(n(r.deflection.deflected), n(r.deflection.started)))}
        ${figure(t.answerRate, this.#rate(r.community.answerRate), t.answerDetail(n(r.community.answered), n(r.community.questions)))}
        ${figure(t.firstAnswer, this.#duration(r.community.medianFirstAnswerMs))}
        ${figure(t.firstResponse, this.#duration(r.staff.medianFirstResponseMs), t.staffDetail(n(r.staff.routed), n(r.staff.responded), n(r.staff.resolved)))}
        ${figure(t.resolution, this.#duration(r.staff.medianResolutionMs))}
        ${figure(t.slaRate, this.#rate(r.staff.slaRate), t.slaDetail(n(r.staff.withinSla), n(r.staff.responded)))}
        ${figure(t.escalations, n(r.escalations.total), breakdown(REASONS, t.reasons, r.escalations.byReason))}
      </dl>
    </section>`;
  }

  #charts(r: InsightsReport): ChartSpec[] {
    const t = this.#t;
    const periodText = this.#periodText();
    const days = (rows: { day: string }[]) => rows.map((d) => d.day);
    return [
      {
        id: 'contacts',
        title: t.charts.contacts,
        periodText,
        fileName: this.#fileName('contacts-per-day'),
        days: days(r.contacts.daily),
        columns: CHANNELS.map((c) => ({ label: t.channels[c], values: r.contacts.daily.map((d) => d[c]), kind: 'count', plot: true })),
      },
      {
        id: 'deflection',
        title: t.charts.deflection,
        periodText,
        fileName: this.#fileName('deflection-per-day'),
        days: days(r.deflection.daily),
        columns: [
          { label: t.started, values: r.deflection.daily.map((d) => d.started), kind: 'count', plot: true },
          { label: t.deflected, values: r.deflection.daily.map((d) => d.deflected), kind: 'count', plot: true },
          {
            label: t.deflectionRate,
            values: r.deflection.daily.map((d) => (d.started ? d.deflected / d.started : null)),
            kind: 'percent',
            plot: false,
          },
        ],
      },
      {
        id: 'escalations',
        title: t.charts.escalations,
        periodText,
        fileName: this.#fileName('escalations-per-day'),
        days: days(r.escalations.daily),
        columns: REASONS.map((reason) => ({ label: t.reasons[reason], values: r.escalations.daily.map((d) => d[reason]), kind: 'count', plot: true })),
      },
    ];
  }

  #topProducts(r: InsightsReport) {
    const t = this.#t;
    const n = this.#fmt.number;
    const name = (p: InsightsReport['topProducts'][number]) => p.name ?? this.#productName(p.productId) ?? p.productId;
    const header = [t.productColumn, t.contactsColumn, t.complaintsColumn];
    return html`<section aria-labelledby="insights-products">
      <div class="section-head">
        <h3 id="insights-products">${t.topProducts}</h3>
        ${r.topProducts.length
          ? this.#csvButton('top-products', header, r.topProducts.map((p) => [name(p), p.contacts, p.complaints]))
          : nothing}
      </div>
      <p class="state">${t.topProductsIntro}</p>
      ${r.topProducts.length
        ? html`<table>
            <thead>
              <tr>
                <th scope="col">${header[0]}</th>
                <th scope="col" class="number">${header[1]}</th>
                <th scope="col" class="number">${header[2]}</th>
              </tr>
            </thead>
            <tbody>
              ${r.topProducts.map(
                (p) => html`<tr>
                  <th scope="row">${name(p)}</th>
                  <td class="number">${n(p.contacts)}</td>
                  <td class="number">${n(p.complaints)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p>${t.noProducts}</p>`}
    </section>`;
  }

  #topicQuestions(topic: Topic) {
    const t = this.#t;
    const state = this._questions.get(topic.topic);
    if (!state || state.status === 'loading') return html`<p class="state" role="status">${t.questionsLoading}</p>`;
    if (state.status === 'error' || state.status === 'ids') {
      return html`<p class="state">${state.status === 'error' ? t.questionsFailed : t.questionIds}</p>
        <ul>
          ${topic.questionIds.map((id) => html`<li>${t.questionId(id)}</li>`)}
        </ul>`;
    }
    return html`<ul class="plain">
      ${repeat(
        state.questions,
        (q) => q.id,
        (q) => html`<li class="question">
          <p>${q.body}</p>
          <p class="meta">
            ${q.productId ? html`<span>${this.#productName(q.productId)}</span>` : nothing}
            <time datetime=${new Date(q.createdAt).toISOString()}>${this.#fmt.day(q.createdAt)}</time>
            <span>${t.questionId(q.id)}</span>
          </p>
        </li>`,
      )}
    </ul>`;
  }

  #rootCauses(r: InsightsReport) {
    const t = this.#t;
    const n = this.#fmt.number;
    const header = [t.rootCauses, t.terms, t.contactsColumn];
    return html`<section aria-labelledby="insights-root-causes">
      <div class="section-head">
        <h3 id="insights-root-causes">${t.rootCauses}</h3>
        ${r.rootCauses.length
          ? this.#csvButton('root-causes', header, r.rootCauses.map((c) => [c.topic, c.terms.join(' '), c.count]))
          : nothing}
      </div>
      <p class="state">${t.rootCausesIntro}</p>
      ${r.rootCauses.length
        ? html`<ul class="plain">
            ${repeat(
              r.rootCauses,
              (c) => c.topic,
              (c, i) => html`<li class="topic" aria-labelledby="topic-${i}">
                <h4 id="topic-${i}">${c.topic}</h4>
                <p class="terms">${t.terms}: ${c.terms.join(', ')} · ${t.topicCount(n(c.count))}</p>
                ${c.questionIds.length
                  ? html`<details @toggle=${(e: Event) => void this.#toggleTopic(e, c)}>
                      <summary>${t.showQuestions(n(c.questionIds.length))}</summary>
                      ${this._questions.has(c.topic) ? this.#topicQuestions(c) : nothing}
                    </details>`
                  : nothing}
              </li>`,
            )}
          </ul>`
        : html`<p>${t.noRootCauses}</p>`}
    </section>`;
  }

  #contributors(r: InsightsReport) {
    const t = this.#t;
    const n = this.#fmt.number;
    const header = [t.memberColumn, t.answersColumn, t.acceptedColumn, t.pointsColumn, t.influenceColumn];
    return html`<section aria-labelledby="insights-contributors">
      <div class="section-head">
        <h3 id="insights-contributors">${t.contributors}</h3>
        ${r.topContributors.length
          ? this.#csvButton(
              'top-contributors',
              header,
              r.topContributors.map((m) => [m.name || t.anonymousMember, m.answers, m.accepted, m.points, m.influence]),
            )
          : nothing}
      </div>
      <p class="state">${t.contributorsIntro}</p>
      ${r.topContributors.length
        ? html`<table>
            <thead>
              <tr>
                <th scope="col">${header[0]}</th>
                ${header.slice(1).map((h) => html`<th scope="col" class="number">${h}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${r.topContributors.map(
                (m) => html`<tr>
                  <th scope="row">${m.name || t.anonymousMember}</th>
                  <td class="number">${n(m.answers)}</td>
                  <td class="number">${n(m.accepted)}</td>
                  <td class="number">${n(m.points)}</td>
                  <td class="number">${m.influence === null ? t.influenceNone : t.influenceOf(n(m.influence))}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p>${t.noContributors}</p>`}
    </section>`;
  }

  #isEmpty(r: InsightsReport): boolean {
    return (
      CHANNELS.every((c) => r.contacts.total[c] === 0) &&
      r.deflection.started === 0 &&
      r.escalations.total === 0 &&
      r.community.questions === 0 &&
      r.staff.routed === 0 &&
      r.topContributors.length === 0
    );
  }

  #body() {
    const t = this.#t;
    const r = this._report;
    if (this._status === 'error') {
      return html`<div role="alert">
        <p>${t.loadError} ${this._error}</p>
        <button type="button" @click=${() => void this.#load()}>${t.retry}</button>
      </div>`;
    }
    if (!r) return html`<p class="state" role="status">${t.loading}</p>`;
    // While a new period loads, the old figures stay (dimmed) so the page does not jump.
    return html`${this._status === 'loading' ? html`<p class="state" role="status">${t.loading}</p>` : nothing}
      <div aria-busy=${this._status === 'loading' ? 'true' : 'false'}>
        ${this.#isEmpty(r)
          ? html`<p class="state">${t.empty}</p>`
          : html`${this.#figures(r)}
              <section aria-labelledby="insights-charts">
                <h3 id="insights-charts">${t.chartsHeading}</h3>
                ${repeat(
                  this.#charts(r),
                  (c) => c.id,
                  (c) => html`<samen-console-insights-chart .spec=${c} locale=${this.locale} .download=${this.download}></samen-console-insights-chart>`,
                )}
              </section>
              ${this.#topProducts(r)} ${this.#rootCauses(r)} ${this.#contributors(r)}
              <p class="state">${t.computed(this.#fmt.number(r.computedMs))}</p>`}
      </div>`;
  }

  protected override render() {
    const t = this.#t;
    const r = this._report;
    const showing = r && this._status !== 'error' ? t.showing(this.#fmt.period(r.period.from, r.period.to), this.#productName(r.productId)) : '';
    return html`<section aria-labelledby="insights-heading">
      <h2 id="insights-heading" tabindex="-1">${t.heading}</h2>
      <p class="state">${t.intro}</p>
      ${this.#controls()}
      ${showing ? html`<p class="showing">${showing}</p>` : nothing}
      ${this.#body()}
    </section>`;
  }
}

define('samen-console-insights', SamenConsoleInsights);

declare global {
  interface HTMLElementTagNameMap {
    'samen-console-insights': SamenConsoleInsights;
  }
}
