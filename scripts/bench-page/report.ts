/**
 * Turns the page-cost figures into the printed table, the JSON file and a self-contained HTML
 * report (inline SVG bar charts, no scripts), so runs can be compared over time.
 */

/** Median figures of one row of the table (a page, or a page at one moment). */
export interface RowFigures {
  /** Brotli (quality 11) size of every JavaScript response, bytes. */
  jsBytes: number;
  jsRawBytes: number;
  jsRequests: number;
  requests: number;
  mainThreadMs: number;
  scriptMs: number;
  tbtMs: number;
  /** Tasks over 50 ms on the main thread (same-origin frames included). */
  longTasks: number;
  longestTaskMs: number;
}

export interface Row {
  id: 'bare' | 'samenBefore' | 'samenAfter' | 'rocketChat' | 'n8nChat';
  label: string;
  median: RowFigures;
  /** What the widget adds to the bare page: the median over runs of (row − bare page of the same run). */
  added: RowFigures;
  samples: RowFigures[];
  /** The JavaScript files of the last run, for the curious. */
  jsFiles: { url: string; rawBytes: number; brotliBytes: number }[];
}

export interface Goal {
  what: string;
  value: number | null;
  /** How the value reads, e.g. "1/412" or "2.1 %". */
  shown: string;
  goal: string;
  met: boolean | null;
}

export interface PageCostResults {
  date: string;
  chromium: string;
  /** CSS pixels of the emulated screen. */
  screen: string;
  cpuThrottling: number;
  runs: number;
  page: string;
  peers: { name: string; version: string }[];
  rows: Row[];
  /**
   * Opening the Questions tab to first content (the issue's goal, ≤ 100 ms): on the started widget
   * (core, chunks and first API answers in), a real click on the Questions tab coming from Reviews,
   * to the rendered frame that shows the first question. Several openings per Samen visit; a lost
   * one (no question within 5 s) is null and ranks as the slowest.
   */
  tabOpen: { medianMs: number | null; p90Ms: number | null; minMs: number | null; maxMs: number | null; samples: (number | null)[] };
  /**
   * Widget start to first content: from scrolling to the widget, which starts there (core, API
   * requests, first render), to the first frame with a question. Cold: first visit of a fresh
   * profile; warm: second visit, HTTP cache filled.
   */
  widgetStart: { warmMs: number | null; coldMs: number | null; warmSamples: (number | null)[]; coldSamples: (number | null)[] };
  /** What Samen fetched before any interaction (medians; the files of the last run). */
  samenBeforeInteraction: { jsRequests: number; apiRequests: number; jsFiles: string[] };
  goals: Goal[];
  /** The peers' own published figures (issue 10), for the report; not measured here. */
  published: typeof PUBLISHED;
}

/** Figures the chat vendors' widgets are known by (issue 10), printed beside what this run measured. */
export const PUBLISHED = [
  { name: 'Intercom', figures: '≈ 210 KB gzipped JS, ≈ 1.4 s main-thread time' },
  { name: 'Zendesk Web Widget', figures: '≈ 600 KB JS over ~36 requests' },
  { name: 'Crisp', figures: '≈ 90 KB JS' },
] as const;

export const KB = 1024;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return 0;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Median of each figure over the samples. */
export function medianFigures(samples: RowFigures[]): RowFigures {
  const m = (k: keyof RowFigures) => median(samples.map((s) => s[k]));
  return {
    jsBytes: m('jsBytes'),
    jsRawBytes: m('jsRawBytes'),
    jsRequests: m('jsRequests'),
    requests: m('requests'),
    mainThreadMs: m('mainThreadMs'),
    scriptMs: m('scriptMs'),
    tbtMs: m('tbtMs'),
    longTasks: m('longTasks'),
    longestTaskMs: m('longestTaskMs'),
  };
}

export function minus(a: RowFigures, b: RowFigures): RowFigures {
  return {
    jsBytes: a.jsBytes - b.jsBytes,
    jsRawBytes: a.jsRawBytes - b.jsRawBytes,
    jsRequests: a.jsRequests - b.jsRequests,
    requests: a.requests - b.requests,
    mainThreadMs: a.mainThreadMs - b.mainThreadMs,
    scriptMs: a.scriptMs - b.scriptMs,
    tbtMs: a.tbtMs - b.tbtMs,
    longTasks: a.longTasks - b.longTasks,
    // The row's own: a difference of two maxima means nothing.
    longestTaskMs: a.longestTaskMs,
  };
}

/** "1/412" for small ratios, "0.8×" otherwise; a non-positive numerator is within the noise. */
export function showRatio(part: number, whole: number): string {
  if (whole <= 0) return 'n/a';
  if (part <= 0) return '≤ 0 (within noise)';
  const r = part / whole;
  return r < 1 ? `1/${Math.round(1 / r)}` : `${r.toFixed(2)}×`;
}

const kb = (bytes: number) => (Math.abs(bytes) < 10 * KB ? (bytes / KB).toFixed(2) : (bytes / KB).toFixed(1));
const ms = (n: number) => n.toFixed(0);
const pad = (s: string, n: number) => s.padStart(n);

/** The figures as printed by `npm run bench`. */
export function formatTable(r: PageCostResults): string {
  const cols = (...c: [string, string, string, string, string, string, string, string, string]) =>
    `${c[0].padEnd(36)} ${pad(c[1], 9)} ${pad(c[2], 6)} ${pad(c[3], 7)} ${pad(c[4], 7)} ${pad(c[5], 9)} ${pad(c[6], 6)} ${pad(c[7], 10)} ${pad(c[8], 10)}`;
  const head = (label: string) => cols(label, 'JS KB br', 'JS req', 'all req', 'main ms', 'script ms', 'TBT ms', 'long tasks', 'longest ms');
  const line = (label: string, f: RowFigures) =>
    cols(
      label,
      kb(f.jsBytes),
      f.jsRequests.toFixed(0),
      f.requests.toFixed(0),
      ms(f.mainThreadMs),
      ms(f.scriptMs),
      ms(f.tbtMs),
      f.longTasks.toFixed(0),
      ms(f.longestTaskMs),
    );
  const s = r.samenBeforeInteraction;
  const bareMain = r.rows[0]?.samples.map((f) => f.mainThreadMs) ?? [0];
  const samenKb = kb(r.rows.find((row) => row.id === 'samenBefore')?.added.jsBytes ?? 0);
  return [
    `Page cost (issue 10): ${r.page}, headless Chromium ${r.chromium}, ${r.cpuThrottling}× CPU, ${r.screen} screen, median of ${r.runs} runs`,
    head('page'),
    ...r.rows.map((row) => line(row.label, row.median)),
    '',
    head('added to the bare page'),
    ...r.rows.slice(1).map((row) => line(row.label, row.added)),
    '',
    `before interaction Samen made ${s.jsRequests} JavaScript request(s) (${s.jsFiles.join(', ') || 'none'}) and ${s.apiRequests} API request(s)`,
    ...firstContentLines(r),
    `published figures of hosted chat widgets (not measured here; Samen before interaction: ${samenKb} KB brotli): ` +
      r.published.map((p) => `${p.name} ${p.figures}`).join('; '),
    `${'goal (Samen, before interaction)'.padEnd(46)} ${'measured'.padStart(22)}  ${'goal'.padEnd(9)}`,
    ...r.goals.map(
      (g) => `  ${g.what.padEnd(44)} ${g.shown.padStart(22)}  ${g.goal.padEnd(9)} ${g.met === null ? 'n/a' : g.met ? 'met' : 'MISSED'}`,
    ),
    `noise: the bare page's main-thread time ranged ${ms(Math.min(...bareMain))}–${ms(Math.max(...bareMain))} ms over the runs (median ${ms(median(bareMain))})`,
    'main ms: renderer main-thread busy time from navigation (DevTools TaskDuration); TBT: Σ (long task − 50 ms);',
    'JS KB: brotli (q11) of every JavaScript response; "added" = median over runs of (row − bare page of the same run), so small negatives are noise.',
  ].join('\n');
}

const msOrNa = (x: number | null) => (x === null ? 'n/a' : `${ms(x)} ms`);

/** The two first-content times, as sentences (printed and in the report). */
function firstContentLines(r: PageCostResults): string[] {
  const t = r.tabOpen;
  const w = r.widgetStart;
  return [
    `opening the Questions tab to first content (started widget, click on Questions coming from Reviews, to the frame showing the first question): ` +
      `median ${msOrNa(t.medianMs)} over ${t.samples.length} openings (90th percentile ${msOrNa(t.p90Ms)}, range ${msOrNa(t.minMs)}–${msOrNa(t.maxMs)}), goal ≤ 100 ms`,
    `widget start to first content (scrolled to the widget, which starts there: core, API requests, first render): ` +
      `warm ${msOrNa(w.warmMs)}, cold (first visit) ${msOrNa(w.coldMs)}`,
  ];
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** One horizontal bar chart as inline SVG. */
function barChart(
  title: string,
  unit: string,
  bars: { label: string; value: number; samen: boolean }[],
  goal?: { value: number; label: string },
): string {
  const width = 720;
  const labelW = 260;
  const barH = 22;
  const gap = 8;
  const top = 30;
  const max = Math.max(1, ...bars.map((b) => b.value), goal?.value ?? 0);
  const barsEnd = top + bars.length * (barH + gap);
  // Room under the bars for the goal line's label.
  const height = barsEnd + (goal ? 26 : 10);
  const scale = (v: number) => Math.max(0, (v / max) * (width - labelW - 90));
  const rows = bars
    .map((b, i) => {
      const y = top + i * (barH + gap);
      return `<text x="${labelW - 8}" y="${y + barH * 0.7}" text-anchor="end">${escapeHtml(b.label)}</text>
<rect x="${labelW}" y="${y}" width="${scale(b.value).toFixed(1)}" height="${barH}" class="${b.samen ? 'samen' : 'other'}"/>
<text x="${labelW + scale(b.value) + 6}" y="${y + barH * 0.7}">${escapeHtml(`${b.value < 10 ? b.value.toFixed(2) : b.value.toFixed(0)} ${unit}`)}</text>`;
    })
    .join('\n');
  const goalX = goal ? labelW + scale(goal.value) : 0;
  const marker = goal
    ? `<line x1="${goalX.toFixed(1)}" y1="${top - 4}" x2="${goalX.toFixed(1)}" y2="${barsEnd + 4}" class="goal"/>
<text x="${(goalX + 4).toFixed(1)}" y="${barsEnd + 18}" class="goal">${escapeHtml(goal.label)}</text>`
    : '';
  return `<figure><svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(title)}">
<text x="0" y="18" class="title">${escapeHtml(title)}</text>
${marker}
${rows}
</svg></figure>`;
}

/** A small self-contained page: the table, the goals and four bar charts of what each widget adds. */
export function htmlReport(r: PageCostResults): string {
  const added = r.rows.slice(1);
  const bars = (pick: (f: RowFigures) => number) =>
    added.map((row) => ({ label: row.label, value: Math.max(0, pick(row.added)), samen: row.id.startsWith('samen') }));
  const cells = (f: RowFigures) =>
    `<td>${kb(f.jsBytes)}</td><td>${f.jsRequests}</td><td>${f.requests}</td><td>${ms(f.mainThreadMs)}</td><td>${ms(f.scriptMs)}</td><td>${ms(f.tbtMs)}</td><td>${f.longTasks}</td><td>${ms(f.longestTaskMs)}</td>`;
  const s = r.samenBeforeInteraction;
  const firstContent = [
    { label: 'opening the Questions tab', value: r.tabOpen.medianMs },
    { label: 'widget start, warm', value: r.widgetStart.warmMs },
    { label: 'widget start, cold', value: r.widgetStart.coldMs },
  ].flatMap((b) => (b.value === null ? [] : [{ label: b.label, value: b.value, samen: true }]));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Samen page cost · ${escapeHtml(r.date)}</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1b1b1b; }
  table { border-collapse: collapse; margin-block: 1rem; }
  th, td { padding: 0.25rem 0.75rem; border-bottom: 1px solid #ddd; text-align: end; }
  th:first-child, td:first-child { text-align: start; }
  svg text { font: 13px system-ui, sans-serif; fill: #1b1b1b; }
  svg .title { font-weight: 600; font-size: 15px; }
  rect.samen { fill: #22577a; }
  rect.other { fill: #b0b7bf; }
  line.goal { stroke: #b42318; stroke-width: 2; stroke-dasharray: 4 3; }
  text.goal { fill: #b42318; font-size: 12px; }
  .met { color: #1a7f37; } .missed { color: #b42318; font-weight: 600; }
  figure { margin: 1.5rem 0; }
</style>
</head>
<body>
<h1>Samen page cost</h1>
<p>${escapeHtml(r.date)} · ${escapeHtml(r.page)} · headless Chromium ${escapeHtml(r.chromium)} · ${r.cpuThrottling}× CPU throttling ·
${escapeHtml(r.screen)} screen · median of ${r.runs} runs.
Peers: ${r.peers.map((p) => `${escapeHtml(p.name)} ${escapeHtml(p.version)}`).join(', ')}, on the same bare host page.</p>
<table>
<thead><tr><th>page</th><th>JS KB (brotli)</th><th>JS requests</th><th>all requests</th><th>main-thread ms</th><th>script ms</th><th>TBT ms</th><th>long tasks</th><th>longest task ms</th></tr></thead>
<tbody>
${r.rows.map((row) => `<tr><td>${escapeHtml(row.label)}</td>${cells(row.median)}</tr>`).join('\n')}
</tbody>
<tbody>
<tr><th colspan="9">added to the bare page</th></tr>
${added.map((row) => `<tr><td>${escapeHtml(row.label)}</td>${cells(row.added)}</tr>`).join('\n')}
</tbody>
</table>
<p>Before interaction Samen made ${s.jsRequests} JavaScript request(s) (${escapeHtml(s.jsFiles.join(', ') || 'none')}) and ${s.apiRequests} API request(s).</p>
<h2>First content</h2>
<ul>
${firstContentLines(r)
  .map((line) => `<li>${escapeHtml(line)}</li>`)
  .join('\n')}
</ul>
${barChart(`Time to the first question (ms, median, ${r.cpuThrottling}× CPU throttling)`, 'ms', firstContent, { value: 100, label: 'goal ≤ 100 ms (opening the tab)' })}
<h2>Goals</h2>
<ul>
${r.goals.map((g) => `<li>${escapeHtml(g.what)}: <strong>${escapeHtml(g.shown)}</strong> (goal ${escapeHtml(g.goal)}) <span class="${g.met ? 'met' : 'missed'}">${g.met === null ? 'n/a' : g.met ? 'met' : 'missed'}</span></li>`).join('\n')}
</ul>
${barChart('JavaScript added (KB, brotli)', 'KB', bars((f) => f.jsBytes / KB))}
${barChart('Main-thread time added (ms, 4× CPU throttling)', 'ms', bars((f) => f.mainThreadMs))}
${barChart('Total blocking time added (ms)', 'ms', bars((f) => f.tbtMs))}
${barChart('Requests added', 'requests', bars((f) => f.requests))}
<h2>Published figures of hosted chat widgets</h2>
<p>Not measured here (they need their vendors' servers); as the vendors' widgets are commonly reported:</p>
<ul>
${r.published.map((p) => `<li>${escapeHtml(p.name)}: ${escapeHtml(p.figures)}</li>`).join('\n')}
</ul>
<p>Main-thread time is the renderer main thread's busy time from navigation (DevTools <code>TaskDuration</code>), TBT the sum of
every long task's time over 50 ms; "added" is the median over runs of a row minus the bare page of the same run, so a small negative value is noise.</p>
</body>
</html>
`;
}
