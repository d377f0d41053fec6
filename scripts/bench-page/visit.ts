/**
 * One measured page visit in headless Chromium at 4× CPU throttling: main-thread and script time
 * from the DevTools Performance domain, total blocking time from long tasks observed in the page,
 * and every JavaScript response (its body kept, so its brotli size can be computed afterwards).
 */
import type { BrowserContext, CDPSession, Page, Request, Response } from 'playwright-core';

/** CPU slowdown applied to the page's renderer (Lighthouse's "mid-tier mobile" factor). */
export const CPU_THROTTLING = 4;

/** What the page had cost at one moment, counted from the start of the navigation. */
export interface Snapshot {
  /** Renderer main thread busy time (DevTools `TaskDuration`), ms. */
  mainThreadMs: number;
  /** JavaScript execution time (DevTools `ScriptDuration`), ms. */
  scriptMs: number;
  /** Σ (long task − 50 ms) over every long task seen so far. */
  tbtMs: number;
  longTasks: number;
  /** The longest task seen so far (0 when none was over 50 ms). */
  longestTaskMs: number;
  /** Requests of any kind (documents, scripts, styles, API calls, frames). */
  requests: number;
  /** Their URLs, in order. */
  requestUrls: string[];
  /** JavaScript responses so far, in arrival order. */
  js: JsResponse[];
}

export interface JsResponse {
  url: string;
  body: Buffer;
}

export interface VisitResult {
  before: Snapshot;
  /** After scrolling the widget into view and opening its Questions tab (Samen only). */
  after?: Snapshot;
  /** From the scroll to the first frame with a rendered question; null when none appeared. */
  openMs?: number | null;
  /** Uncaught errors in the page (peers without their servers have plenty; Samen should have none). */
  errors: string[];
}

export interface VisitOptions {
  /** Open the Samen widget after the page has settled, and measure again. */
  openWidget?: boolean;
  /** The network must be idle this long before a snapshot is taken. */
  quietMs?: number;
  /** Give up waiting for an idle network after this long (peers retry their offline servers). */
  settleCapMs?: number;
}

const LONG_TASKS = '__samenBenchLongTasks';

/**
 * Records long tasks from the first script that runs in the top document. Same-origin frames
 * (Rocket.Chat's iframe) share the renderer's event loop, so their long tasks reach this observer too.
 */
export const longTaskRecorder = `(() => {
  if (window !== window.top) return;
  const durations = [];
  Object.defineProperty(window, '${LONG_TASKS}', { value: durations });
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) durations.push(e.duration); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const isJs = (res: Response): boolean => {
  if (res.status() < 200 || res.status() >= 300) return false;
  const type = res.headers()['content-type'] ?? '';
  return res.request().resourceType() === 'script' || /javascript|ecmascript/.test(type);
};

/** Counts requests in flight, so a snapshot waits until the page has stopped loading things. */
function trackNetwork(page: Page) {
  let inflight = 0;
  let lastChange = Date.now();
  const requests: string[] = [];
  const js: Promise<JsResponse | null>[] = [];
  const open = new Set<Request>();
  page.on('request', (req) => {
    requests.push(req.url());
    open.add(req);
    inflight = open.size;
    lastChange = Date.now();
  });
  const done = (req: Request) => {
    open.delete(req);
    inflight = open.size;
    lastChange = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  page.on('response', (res) => {
    if (!isJs(res)) return;
    js.push(
      res
        .body()
        .then((body) => ({ url: res.url(), body }))
        .catch(() => null),
    );
  });
  return {
    get requests(): string[] {
      return [...requests];
    },
    async quiet(quietMs: number, capMs: number): Promise<void> {
      const deadline = Date.now() + capMs;
      while (Date.now() < deadline) {
        if (inflight === 0 && Date.now() - lastChange >= quietMs) return;
        await sleep(50);
      }
    },
    async jsResponses(): Promise<JsResponse[]> {
      return (await Promise.all(js)).filter((r): r is JsResponse => r !== null);
    },
  };
}

async function snapshot(page: Page, cdp: CDPSession, net: ReturnType<typeof trackNetwork>): Promise<Snapshot> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  const durations = await page.evaluate(
    (key) => [...((window as unknown as Record<string, number[] | undefined>)[key] ?? [])],
    LONG_TASKS,
  );
  return {
    mainThreadMs: metric('TaskDuration'),
    scriptMs: metric('ScriptDuration'),
    tbtMs: durations.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
    longTasks: durations.length,
    longestTaskMs: Math.max(0, ...durations),
    requests: net.requests.length,
    requestUrls: net.requests,
    js: await net.jsResponses(),
  };
}

/**
 * Runs in the page: scrolls `<samen-widget>` into view, clicks its Questions tab once the tab
 * exists and is not already selected, and resolves with the ms until a frame shows a question
 * (a `<samen-question-item>` with rendered text), or null after the timeout. Written against the
 * page as a shopper sees it, so it keeps working while the widget's internals change.
 */
function openQuestionsInPage(timeoutMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const start = performance.now();
    const widget = document.querySelector('samen-widget');
    if (!widget) {
      resolve(null);
      return;
    }
    const walk = function* (root: Document | ShadowRoot | Element): Generator<Element> {
      for (const el of root.querySelectorAll('*')) {
        yield el;
        if (el.shadowRoot) yield* walk(el.shadowRoot);
      }
    };
    const showsText = (root: ShadowRoot): boolean => {
      for (const el of walk(root)) {
        if (el.localName === 'style' || el.localName === 'script') continue;
        for (const node of el.childNodes) if (node.nodeType === Node.TEXT_NODE && node.textContent?.trim()) return true;
      }
      return false;
    };
    widget.scrollIntoView({ block: 'start' });
    const tick = () => {
      const root = widget.shadowRoot;
      if (root) {
        for (const el of walk(root)) {
          if (el.getAttribute('role') === 'tab' && /question/i.test(el.textContent ?? '') && el.getAttribute('aria-selected') !== 'true') {
            (el as HTMLElement).click();
          }
          if (el.localName === 'samen-question-item' && el.shadowRoot && showsText(el.shadowRoot)) {
            resolve(performance.now() - start);
            return;
          }
        }
      }
      if (performance.now() - start > timeoutMs) resolve(null);
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Loads `url` in a new tab of `context` and measures it; see {@link VisitResult}. */
export async function visit(context: BrowserContext, url: string, options: VisitOptions = {}): Promise<VisitResult> {
  const quietMs = options.quietMs ?? 1000;
  const settleCapMs = options.settleCapMs ?? 15_000;
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLING });
    await cdp.send('Performance.enable');
    const net = trackNetwork(page);
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await net.quiet(quietMs, settleCapMs);
    const before = await snapshot(page, cdp, net);
    if (!options.openWidget) return { before, errors };
    const openMs = await page.evaluate(openQuestionsInPage, 10_000);
    await net.quiet(quietMs, settleCapMs);
    return { before, after: await snapshot(page, cdp, net), openMs, errors };
  } finally {
    await page.close();
  }
}
