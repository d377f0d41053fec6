import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { define } from '../internal/define.ts';
import { controls, tokens } from '../styles/shared.ts';
import { consoleStyles } from './styles.ts';
import { consoleInsightsStrings, type ConsoleInsightsStrings } from './i18n/insights.ts';
import { insightsFormat, type InsightsFormat } from './insights-format.ts';
import { dayStart } from './insights-period.ts';
import { downloadCsv, toCsv, type CsvCell, type CsvDownload } from './insights-csv.ts';
import { loadUPlot } from './insights-uplot.ts';
import type uPlotClass from 'uplot';

/** One column of a per-day chart: drawn as a line when `plot`, always in the table and the CSV. */
export interface ChartColumn {
  label: string;
  values: (number | null)[];
  kind: 'count' | 'percent';
  plot: boolean;
}

/** A per-day chart: one row per day (`YYYY-MM-DD`), one column per series. */
export interface ChartSpec {
  /** Stable id, used for element ids. */
  id: string;
  title: string;
  /** The period in words, for the chart's accessible name. */
  periodText: string;
  fileName: string;
  days: string[];
  columns: ChartColumn[];
}

/** Six series colours; line dashes tell them apart without colour too. */
const SERIES = 6;
const DASHES: number[][] = [[], [8, 4], [2, 3], [12, 3, 2, 3], [4, 4], [1, 6]];
const HEIGHT = 240;

/**
 * One Insights chart: a uPlot line chart (loaded on first draw) with an accessible name, a
 * "Show as table" toggle whose table is the accessible alternative, and "Download CSV".
 * Colours come from the console's tokens (`--samen-chart-1…6` override them) and are read
 * back resolved, so `light-dark()` and dark mode reach the canvas; a colour-scheme change redraws.
 */
export class SamenConsoleInsightsChart extends LitElement {
  static override properties = {
    spec: { attribute: false },
    locale: { type: String },
    download: { attribute: false },
    _table: { state: true },
    _chart: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    consoleStyles,
    css`
      :host {
        --_chart-0: var(--samen-chart-1, var(--_accent));
        --_chart-1: var(--samen-chart-2, light-dark(#a14f00, #ffb870));
        --_chart-2: var(--samen-chart-3, light-dark(#1b7a43, #7ad6a0));
        --_chart-3: var(--samen-chart-4, light-dark(#7b3fa0, #d7a8f5));
        --_chart-4: var(--samen-chart-5, light-dark(#b3264f, #ff9fbd));
        --_chart-5: var(--samen-chart-6, light-dark(#5c5300, #e3d37a));
        margin-block-end: 2rem;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
        justify-content: space-between;
        margin-block-end: 0.5rem;
      }
      h3 {
        margin: 0;
      }
      button[aria-pressed='true'] {
        background: var(--_accent);
        color: var(--_on-accent);
      }
      .plot {
        min-block-size: ${HEIGHT}px;
        inline-size: 100%;
        overflow: hidden;
      }
      .plot[hidden],
      .swatches {
        display: none;
      }
      .uplot {
        color: var(--_text);
        font-family: inherit;
        inline-size: 100%;
      }
      .u-legend {
        font-size: 0.875rem;
      }
      .table-wrap {
        overflow-x: auto;
      }
      caption {
        text-align: start;
        font-weight: 600;
        padding-block-end: 0.5rem;
      }
      td {
        font-variant-numeric: tabular-nums;
      }
      .swatch-0 { color: var(--_chart-0); }
      .swatch-1 { color: var(--_chart-1); }
      .swatch-2 { color: var(--_chart-2); }
      .swatch-3 { color: var(--_chart-3); }
      .swatch-4 { color: var(--_chart-4); }
      .swatch-5 { color: var(--_chart-5); }
      .swatch-text { color: var(--_text); }
      .swatch-muted { color: var(--_muted); }
      .swatch-border { color: var(--_border); }
    `,
  ];

  declare spec: ChartSpec | null;
  declare locale: string;
  /** How the CSV leaves the browser (a Blob download; tests hand in a recorder). */
  declare download: CsvDownload;
  declare private _table: boolean;
  declare private _chart: 'loading' | 'ready' | 'failed';
  #plot: uPlotClass | null = null;
  #drawn: ChartSpec | null = null;
  #resize?: ResizeObserver;
  #scheme?: MediaQueryList;
  #draws = 0;

  constructor() {
    super();
    this.spec = null;
    this.locale = 'en';
    this.download = downloadCsv;
    this._table = false;
    this._chart = 'loading';
  }

  get #t(): ConsoleInsightsStrings {
    return consoleInsightsStrings[this.locale as keyof typeof consoleInsightsStrings] ?? consoleInsightsStrings.en;
  }

  #redraw = (): void => {
    this.#drawn = null;
    void this.#draw();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.#scheme = matchMedia('(prefers-color-scheme: dark)');
    this.#scheme.addEventListener('change', this.#redraw);
    // Back in the page (the view was switched away and back): draw again.
    if (this.hasUpdated) void this.#draw();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#scheme?.removeEventListener('change', this.#redraw);
    this.#resize?.disconnect();
    this.#resize = undefined;
    this.#plot?.destroy();
    this.#plot = null;
    this.#drawn = null;
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('spec') || changed.has('locale')) void this.#draw();
  }

  /** The table's and the CSV's header. */
  #header(): string[] {
    return [this.#t.day, ...(this.spec?.columns.map((c) => c.label) ?? [])];
  }

  /** The CSV: ISO days and plain numbers (rates as fractions), which spreadsheets read in any language. */
  csv(): string {
    const spec = this.spec;
    if (!spec) return '';
    const rows: CsvCell[][] = spec.days.map((day, i) => [
      day,
      ...spec.columns.map((c) => {
        const v = c.values[i] ?? null;
        return v === null ? null : c.kind === 'percent' ? Math.round(v * 10_000) / 10_000 : v;
      }),
    ]);
    return toCsv(this.#header(), rows);
  }

  #colours(): { series: string[]; text: string; muted: string; border: string } {
    const read = (name: string) => {
      const el = this.renderRoot.querySelector(`.swatch-${name}`);
      return el ? getComputedStyle(el).color : '';
    };
    return {
      series: Array.from({ length: SERIES }, (_, i) => read(String(i))),
      text: read('text'),
      muted: read('muted'),
      border: read('border'),
    };
  }

  async #draw(): Promise<void> {
    const spec = this.spec;
    if (!spec || spec === this.#drawn) return;
    const draw = ++this.#draws;
    this.#drawn = spec;
    let kit;
    try {
      kit = await loadUPlot();
    } catch {
      if (draw === this.#draws) this._chart = 'failed';
      return;
    }
    await this.updateComplete;
    const target = this.renderRoot.querySelector<HTMLElement>('.plot');
    if (draw !== this.#draws || !target || !this.isConnected) return;
    const root = this.renderRoot as ShadowRoot;
    if (!root.adoptedStyleSheets.includes(kit.sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, kit.sheet];
    this.#plot?.destroy();
    try {
      this.#plot = new kit.uPlot(this.#options(spec, target), this.#data(spec), target);
      this._chart = 'ready';
    } catch {
      this.#plot = null;
      this._chart = 'failed';
      return;
    }
    this.#resize ??= new ResizeObserver(() => {
      const width = this.renderRoot.querySelector<HTMLElement>('.plot')?.clientWidth ?? 0;
      if (this.#plot && width > 0 && width !== this.#plot.width) this.#plot.setSize({ width, height: HEIGHT });
    });
    this.#resize.observe(target);
  }

  #data(spec: ChartSpec): uPlotClass.AlignedData {
    const plotted = spec.columns.filter((c) => c.plot);
    return [spec.days.map((_, i) => i), ...plotted.map((c) => c.values.map((v) => v ?? null))] as uPlotClass.AlignedData;
  }

  #options(spec: ChartSpec, target: HTMLElement): uPlotClass.Options {
    const fmt: InsightsFormat = insightsFormat(this.locale);
    const colours = this.#colours();
    const plotted = spec.columns.filter((c) => c.plot);
    const percent = plotted.every((c) => c.kind === 'percent');
    const dayLabel = (i: number | null | undefined): string => {
      const day = i === null || i === undefined || !Number.isInteger(i) ? undefined : spec.days[i];
      return day ? fmt.shortDay(dayStart(day)) : '';
    };
    const valueText = (v: number | null | undefined): string =>
      v === null || v === undefined ? '–' : percent ? fmt.percent(v) : fmt.number(v);
    const axis = {
      stroke: colours.muted,
      grid: { stroke: colours.border, width: 1 },
      ticks: { stroke: colours.border, width: 1 },
      font: '12px system-ui, sans-serif',
    };
    return {
      width: Math.max(target.clientWidth, 280),
      height: HEIGHT,
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: false, range: (_u, min, max) => (min === max ? [min - 0.5, max + 0.5] : [min, max]) },
        y: { range: (_u, _min, max) => [0, percent ? 1 : Math.max(1, Math.ceil((max ?? 0) * 1.1))] },
      },
      axes: [
        { ...axis, incrs: [1, 2, 7, 14, 28, 56, 91, 182, 364], values: (_u, splits) => splits.map(dayLabel) },
        { ...axis, size: 56, values: (_u, splits) => splits.map((v) => (percent ? fmt.percent(v) : Number.isInteger(v) ? fmt.number(v) : '')) },
      ],
      series: [
        { label: this.#t.day, value: (_u, v) => dayLabel(v) },
        ...plotted.map((c, i) => ({
          label: c.label,
          stroke: colours.series[i % SERIES] || colours.text,
          width: 2,
          dash: DASHES[i % SERIES],
          points: { show: spec.days.length <= 31 },
          value: (_u: uPlotClass, v: number | null) => valueText(v),
        })),
      ],
    };
  }

  #tableView(spec: ChartSpec) {
    const t = this.#t;
    const fmt = insightsFormat(this.locale);
    const cell = (c: ChartColumn, v: number | null | undefined) =>
      v === null || v === undefined ? t.noData : c.kind === 'percent' ? fmt.percent(v) : fmt.number(v);
    return html`<div class="table-wrap">
      <table>
        <caption>
          ${spec.title}
        </caption>
        <thead>
          <tr>
            ${this.#header().map((h) => html`<th scope="col">${h}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${spec.days.map(
            (day, i) => html`<tr>
              <th scope="row"><time datetime=${day}>${fmt.shortDay(dayStart(day))}</time></th>
              ${spec.columns.map((c) => html`<td>${cell(c, c.values[i])}</td>`)}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  protected override render() {
    const spec = this.spec;
    if (!spec) return nothing;
    const t = this.#t;
    const headingId = `chart-${spec.id}`;
    return html`<section aria-labelledby=${headingId}>
      <div class="head">
        <h3 id=${headingId}>${spec.title}</h3>
        <div class="actions">
          <button type="button" aria-pressed=${this._table ? 'true' : 'false'} @click=${() => (this._table = !this._table)}>
            ${t.showTable}
          </button>
          <button type="button" @click=${() => this.download(spec.fileName, this.csv())}>${t.downloadCsv}</button>
        </div>
      </div>
      <div class="plot" role="img" aria-label=${t.chartName(spec.title, spec.periodText)} ?hidden=${this._table || this._chart === 'failed'}></div>
      ${this._chart === 'loading' && !this._table ? html`<p class="state" role="status">${t.chartLoading}</p>` : nothing}
      ${this._chart === 'failed' && !this._table ? html`<p class="state">${t.chartFailed}</p>` : nothing}
      ${this._table || this._chart === 'failed' ? this.#tableView(spec) : nothing}
      <div class="swatches" aria-hidden="true">
        ${Array.from({ length: SERIES }, (_, i) => html`<span class="swatch-${i}"></span>`)}
        <span class="swatch-text"></span><span class="swatch-muted"></span><span class="swatch-border"></span>
      </div>
    </section>`;
  }
}

define('samen-console-insights-chart', SamenConsoleInsightsChart);

declare global {
  interface HTMLElementTagNameMap {
    'samen-console-insights-chart': SamenConsoleInsightsChart;
  }
}
