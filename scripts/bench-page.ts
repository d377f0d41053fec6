/**
 * Page cost (issue 10): what Samen costs the page it sits on, beside two open-source chat widgets
 * measured on the same bare host page in the same run. Headless Chromium at 4× CPU throttling;
 * every page is loaded cold in a fresh browser context, several times, and medians are reported
 * (the machine is a noisy shared 2-core box, so ratios from one run say more than absolute ms).
 *
 * Rows: the demo product page without Samen (served by a local host server), the demo product page
 * with Samen before any interaction and after opening its Questions tab, and the bare page with
 * Rocket.Chat Livechat or n8n chat. Two first-content times: "opening the Questions tab to first
 * content" (the issue's goal: on the started widget, a real click on the Questions tab coming from
 * Reviews, to the frame showing the first question) and "widget start to first content" (scrolled
 * to the widget, which starts there: core, API requests, first render; cold and warm, i.e. first
 * and second visit). Writes bench-results/page-cost.json and page-cost.html.
 *
 * Part of `npm run bench`; alone against a running `npm start`:
 *   node scripts/bench-page.ts [--origin http://localhost:8787] [--runs 5] [--product storm-shell-jacket] [--tab-openings 3]
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants } from 'node:zlib';
import { chromium, type BrowserContext } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './chromium.ts';
import { root } from './wrangler.ts';
import { startHost } from './bench-page/host.ts';
import { PEERS, unpackPeer } from './bench-page/peers.ts';
import {
  formatTable,
  htmlReport,
  median,
  medianFigures,
  minus,
  PUBLISHED,
  showRatio,
  type Goal,
  type PageCostResults,
  type Row,
  type RowFigures,
} from './bench-page/report.ts';
import { CPU_THROTTLING, longTaskRecorder, visit, type Snapshot, type VisitResult } from './bench-page/visit.ts';

export interface PageBenchOptions {
  /** Measured runs per page (after one discarded warm-up run). */
  runs?: number;
  /** Demo product slug. */
  product?: string;
  /** Where page-cost.json and page-cost.html go. */
  outDir?: string;
  /** Measured openings of the Questions tab per Samen visit (two Samen visits per run). */
  tabOpenings?: number;
}

const brotliSizes = new Map<string, number>();
/** Brotli quality 11, as the size budgets measure; cached by content since the same files recur. */
function brotliSize(body: Buffer): number {
  const key = createHash('sha256').update(body).digest('hex');
  let size = brotliSizes.get(key);
  if (size === undefined) {
    size = brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }).length;
    brotliSizes.set(key, size);
  }
  return size;
}

const figures = (s: Snapshot): RowFigures => ({
  jsBytes: s.js.reduce((sum, r) => sum + brotliSize(r.body), 0),
  jsRawBytes: s.js.reduce((sum, r) => sum + r.body.length, 0),
  jsRequests: s.js.length,
  requests: s.requests,
  mainThreadMs: s.mainThreadMs,
  scriptMs: s.scriptMs,
  tbtMs: s.tbtMs,
  longTasks: s.longTasks,
  longestTaskMs: s.longestTaskMs,
});

const isSamenJs = (url: string) => /^\/widget(\.js$|\/)/.test(new URL(url).pathname);
const isApi = (url: string) => new URL(url).pathname.startsWith('/api/');

const jsFiles = (s: Snapshot) => s.js.map((r) => ({ url: r.url, rawBytes: r.body.length, brotliBytes: brotliSize(r.body) }));

/**
 * Lighthouse's mobile profile, whose CPU slowdown (4×) the bench uses: a 412×823 phone screen. The
 * demo page's widget starts just below the fold there, as on most product pages, so "before
 * interaction" is what a shopper who does not scroll down pays.
 */
const DEVICE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };

type Round = { bare: VisitResult; samen: VisitResult; samenWarm: VisitResult; rocketChat: VisitResult; n8nChat: VisitResult };

/** Measures, prints the table and ratios, and writes the JSON and HTML report. */
export async function benchPage(origin: string, options: PageBenchOptions = {}): Promise<PageCostResults> {
  const runs = options.runs ?? 5;
  const tabOpenings = options.tabOpenings ?? 3;
  if (!(runs >= 1)) throw new Error('--runs must be at least 1');
  const productPath = `/products/${options.product ?? 'storm-shell-jacket'}`;
  const outDir = options.outDir ?? join(root, 'bench-results');
  const samenUrl = new URL(productPath, origin).href;
  console.log(
    `\nPage cost in headless Chromium, ${CPU_THROTTLING}× CPU throttling, ${DEVICE.viewport.width}×${DEVICE.viewport.height} screen: ${samenUrl}, bare and with two peer widgets`,
  );

  const rocketChat = unpackPeer(PEERS.rocketChat.name, PEERS.rocketChat.version);
  const n8nChat = unpackPeer(PEERS.n8nChat.name, PEERS.n8nChat.version);
  const host = await startHost(origin, productPath, { rocketChat, n8nChat });
  const browser = await chromium.launch({ executablePath: await chromiumPath(), headless: true, args: chromiumArgs });

  // Every measured visit starts cold: a fresh context has an empty HTTP cache and no code cache.
  const inFreshContext = async <T>(fn: (ctx: BrowserContext) => Promise<T>): Promise<T> => {
    const ctx = await browser.newContext(DEVICE);
    await ctx.addInitScript(longTaskRecorder);
    try {
      return await fn(ctx);
    } finally {
      await ctx.close();
    }
  };

  // The pages take turns, so a burst of load from a neighbour on the machine hits all of them alike.
  const round = async (): Promise<Round> => {
    const bare = await inFreshContext((ctx) => visit(ctx, host.bare));
    const [samen, samenWarm] = await inFreshContext(async (ctx) => {
      const cold = await visit(ctx, samenUrl, { openWidget: true, tabOpenings });
      // Same context: the widget's files are in the HTTP cache and the API has answered before.
      return [cold, await visit(ctx, samenUrl, { openWidget: true, tabOpenings })] as const;
    });
    const rc = await inFreshContext((ctx) => visit(ctx, host.rocketChat));
    const n8n = await inFreshContext((ctx) => visit(ctx, host.n8nChat));
    return { bare, samen, samenWarm, rocketChat: rc, n8nChat: n8n };
  };

  const rounds: Round[] = [];
  try {
    process.stdout.write('  warm-up run');
    await round();
    for (let i = 0; i < runs; i++) {
      process.stdout.write(i === 0 ? `, run ${i + 1}` : ` ${i + 1}`);
      rounds.push(await round());
    }
    process.stdout.write('\n');
    const results = summarise(rounds, {
      chromium: browser.version(),
      screen: `${DEVICE.viewport.width}×${DEVICE.viewport.height}`,
      page: productPath,
      peers: [rocketChat, n8nChat].map((p) => ({ name: p.name, version: p.version })),
    });
    console.log(formatTable(results));
    const samenErrors = new Set(rounds.flatMap((r) => [...r.samen.errors, ...r.samenWarm.errors]));
    if (samenErrors.size) console.log(`  warning: the Samen page threw: ${[...samenErrors].slice(0, 3).join(' | ')}`);
    if (results.widgetStart.warmMs === null) console.log('  warning: no question appeared within 10 s of opening the widget, so "after opening" includes 10 s of waiting');
    const lost = results.tabOpen.samples.filter((x) => x === null).length;
    if (lost) console.log(`  warning: ${lost} of ${results.tabOpen.samples.length} openings of the Questions tab showed no question within 5 s`);

    mkdirSync(outDir, { recursive: true });
    const json = join(outDir, 'page-cost.json');
    const html = join(outDir, 'page-cost.html');
    writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(html, htmlReport(results));
    console.log(`  wrote ${relative(process.cwd(), json)} and ${relative(process.cwd(), html)}`);
    return results;
  } finally {
    await browser.close();
    await host.close();
  }
}

/** Medians per row, what each widget adds to the bare page, and the goals of issue 10. */
function summarise(rounds: Round[], about: Pick<PageCostResults, 'chromium' | 'screen' | 'page' | 'peers'>): PageCostResults {
  const last = rounds[rounds.length - 1];
  if (!last) throw new Error('no measured runs');
  const afterOpening = (v: VisitResult): Snapshot => {
    if (!v.after) throw new Error('the Samen visit has no snapshot after opening the widget');
    return v.after;
  };
  const [rocketChat, n8nChat] = about.peers;
  const pick: Record<Row['id'], { label: string; of: (r: Round) => Snapshot }> = {
    bare: { label: 'bare host page (no widget)', of: (r) => r.bare.before },
    samenBefore: { label: '+ Samen, before interaction', of: (r) => r.samen.before },
    samenAfter: { label: '+ Samen, after opening Questions', of: (r) => afterOpening(r.samen) },
    rocketChat: { label: `+ Rocket.Chat Livechat ${rocketChat?.version ?? ''}`, of: (r) => r.rocketChat.before },
    n8nChat: { label: `+ n8n chat ${n8nChat?.version ?? ''}`, of: (r) => r.n8nChat.before },
  };
  const rows: Row[] = (Object.keys(pick) as Row['id'][]).map((id) => {
    const samples = rounds.map((r) => figures(pick[id].of(r)));
    // Paired: each run's page minus the bare page of the same run (they ran back to back), so a
    // neighbour's burst of load on the shared machine cancels out instead of landing in one row.
    const added = medianFigures(rounds.map((r) => minus(figures(pick[id].of(r)), figures(r.bare.before))));
    return { id, label: pick[id].label, median: medianFigures(samples), added, samples, jsFiles: jsFiles(pick[id].of(last)) };
  });
  const row = (id: Row['id']): Row => {
    const found = rows.find((r) => r.id === id);
    if (!found) throw new Error(`no row ${id}`);
    return found;
  };

  const known = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);
  const medianOrNull = (xs: (number | null)[]) => (known(xs).length ? median(known(xs)) : null);
  const warmSamples = rounds.map((r) => r.samenWarm.openMs ?? null);
  const coldSamples = rounds.map((r) => r.samen.openMs ?? null);
  const warmMs = medianOrNull(warmSamples);
  const coldMs = medianOrNull(coldSamples);
  const tabSamples = rounds.flatMap((r) => [...(r.samen.tabOpenMs ?? []), ...(r.samenWarm.tabOpenMs ?? [])]);
  // A lost opening (no question within the timeout) ranks as slower than every measured one.
  const ranked = tabSamples.map((x) => x ?? Infinity);
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  const tabMs = ranked.length ? finite(median(ranked)) : null;
  const tabOpen = {
    medianMs: tabMs,
    minMs: ranked.length ? finite(Math.min(...ranked)) : null,
    maxMs: ranked.length ? finite(Math.max(...ranked)) : null,
    p90Ms: ranked.length ? finite([...ranked].sort((x, y) => x - y)[Math.ceil(ranked.length * 0.9) - 1] ?? Infinity) : null,
    samples: tabSamples,
  };

  const samen = row('samenBefore').added;
  const goals: Goal[] = [];
  const samenBeforeInteraction = {
    jsRequests: median(rounds.map((r) => r.samen.before.requestUrls.filter(isSamenJs).length)),
    apiRequests: median(rounds.map((r) => r.samen.before.requestUrls.filter(isApi).length)),
    jsFiles: row('samenBefore')
      .jsFiles.filter((f) => isSamenJs(f.url))
      .map((f) => `${new URL(f.url).pathname} ${f.brotliBytes} B`),
  };
  const count = (what: string, n: number, max: number): Goal => ({ what, value: n, shown: String(n), goal: `${max}`, met: n <= max });
  goals.push(count('Samen JavaScript requests', samenBeforeInteraction.jsRequests, 1));
  goals.push(count('Samen API requests', samenBeforeInteraction.apiRequests, 0));
  const ratioGoal = (what: string, part: number, whole: number, goal: string, max: number): Goal => ({
    what,
    value: whole > 0 ? part / whole : null,
    shown: showRatio(part, whole),
    goal,
    met: whole > 0 ? part / whole <= max : null,
  });
  for (const [peer, name] of [
    [row('rocketChat'), 'Rocket.Chat'],
    [row('n8nChat'), 'n8n chat'],
  ] as const) {
    goals.push(ratioGoal(`JS bytes ÷ ${name}'s`, samen.jsBytes, peer.added.jsBytes, '≤ 1/100', 0.01));
    goals.push(ratioGoal(`added main-thread time ÷ ${name}'s`, samen.mainThreadMs, peer.added.mainThreadMs, '≤ 1/10', 0.1));
  }
  const share = samen.mainThreadMs / row('bare').median.mainThreadMs;
  goals.push({
    what: 'added main-thread time vs the bare page',
    value: share,
    shown: `${share <= 0 ? '≤ 0' : `+${(share * 100).toFixed(1)}`} % (${samen.mainThreadMs.toFixed(0)} ms)`,
    goal: '≤ 5 %',
    met: share <= 0.05,
  });
  goals.push({
    what: 'opening the Questions tab to first content',
    value: tabMs,
    shown: tabMs === null ? 'no question appeared' : `${tabMs.toFixed(0)} ms`,
    goal: '≤ 100 ms',
    met: tabMs === null ? false : tabMs <= 100,
  });

  return {
    date: new Date().toISOString(),
    ...about,
    cpuThrottling: CPU_THROTTLING,
    runs: rounds.length,
    rows,
    tabOpen,
    widgetStart: { warmMs, coldMs, warmSamples, coldSamples },
    samenBeforeInteraction,
    goals,
    published: PUBLISHED,
  };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      origin: { type: 'string', default: 'http://localhost:8787' },
      runs: { type: 'string', default: '5' },
      product: { type: 'string', default: 'storm-shell-jacket' },
      out: { type: 'string' },
      'tab-openings': { type: 'string', default: '3' },
    },
  });
  await benchPage(values.origin, {
    runs: Number(values.runs),
    product: values.product,
    tabOpenings: Number(values['tab-openings']),
    ...(values.out ? { outDir: values.out } : {}),
  });
}
