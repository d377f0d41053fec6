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
  /**
   * Widget start to first content: from scrolling the widget into view (where it starts: core,
   * site and questions requests, first render) to the first frame with a rendered question; null
   * when none appeared.
   */
  openMs?: number | null;
  /**
   * Opening the Questions tab on the started widget, coming from the Reviews tab: from the real
   * click on the tab to the frame that shows the first question; null for an opening that did not
   * show one within the timeout.
   */
  tabOpenMs?: (number | null)[];
  /** Uncaught errors in the page (peers without their servers have plenty; Samen should have none). */
  errors: string[];
}

export interface VisitOptions {
  /** Open the Samen widget after the page has settled, and measure again. */
  openWidget?: boolean;
  /** With `openWidget`: then this many times select Reviews and measure opening Questions again. */
  tabOpenings?: number;
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
 * Widget start to first content. Runs in the page: scrolls `<samen-widget>` into view (where it
 * starts), clicks its Questions tab once the tab exists and is not already selected, and resolves
 * with the ms until a frame shows a question
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

const TAB_OPENING = '__samenBenchTabOpening';

/**
 * Runs in the page before the click on the Questions tab: waits for that click (capture phase on
 * `window`, so before the widget's own handler) and from the click event's timestamp (when the
 * browser received the input) watches every frame until the first question is visible (rendered
 * text, not hidden, on screen). The time is taken in a task posted from that frame's
 * requestAnimationFrame callback, so it runs once the frame has been rendered: the click-to-paint
 * time a shopper sees. Stores the promise of that time on `window[key]`; returns why it cannot
 * measure, or null when armed.
 */
function armTabOpening({ key, timeoutMs }: { key: string; timeoutMs: number }): string | null {
  const widget = document.querySelector('samen-widget');
  const root = widget?.shadowRoot;
  if (!root) return 'no started <samen-widget>';
  const walk = function* (r: Document | ShadowRoot | Element): Generator<Element> {
    for (const el of r.querySelectorAll('*')) {
      yield el;
      if (el.shadowRoot) yield* walk(el.shadowRoot);
    }
  };
  const showsText = (r: ShadowRoot): boolean => {
    for (const el of walk(r)) {
      if (el.localName === 'style' || el.localName === 'script') continue;
      for (const node of el.childNodes) if (node.nodeType === Node.TEXT_NODE && node.textContent?.trim()) return true;
    }
    return false;
  };
  const questionShown = (): boolean => {
    for (const el of walk(root)) {
      if (el.localName !== 'samen-question-item' || !el.shadowRoot || !showsText(el.shadowRoot)) continue;
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      const box = el.getBoundingClientRect();
      if (box.height > 0 && box.bottom > 0 && box.top < innerHeight) return true;
    }
    return false;
  };
  const isQuestionsTab = (n: EventTarget) => n instanceof Element && n.getAttribute('role') === 'tab' && /question/i.test(n.textContent ?? '');
  if (questionShown()) return 'a question is already visible before the click';
  let resolve: (ms: number | null) => void = () => {};
  Object.defineProperty(window, key, { value: new Promise<number | null>((r) => (resolve = r)), configurable: true });
  const onClick = (e: Event) => {
    if (!e.composedPath().some(isQuestionsTab)) return;
    removeEventListener('click', onClick, true);
    // The event's own timestamp is when the input arrived; never later than now.
    const start = e.timeStamp > 0 && e.timeStamp <= performance.now() ? e.timeStamp : performance.now();
    const frame = () => {
      if (questionShown()) {
        const after = new MessageChannel();
        after.port1.onmessage = () => resolve(performance.now() - start);
        after.port2.postMessage(null);
      } else if (performance.now() - start > timeoutMs) resolve(null);
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  };
  addEventListener('click', onClick, true);
  return null;
}

/**
 * Opening the Questions tab of the started widget, `times` times: each time a real click (CDP
 * input, as a shopper's) on Reviews, a wait until that tab has loaded and the page is idle, then a
 * measured real click on Questions. The widget's chunks and first API answers are in by then, so
 * this is what the "opening the Questions tab to first content, warm" names.
 */
async function measureTabOpenings(page: Page, net: ReturnType<typeof trackNetwork>, times: number): Promise<(number | null)[]> {
  const tabs = page.locator('samen-widget').getByRole('tab');
  const reviews = tabs.filter({ hasText: /review/i });
  const questions = tabs.filter({ hasText: /question/i });
  const samples: (number | null)[] = [];
  for (let i = 0; i < times; i++) {
    await reviews.click({ timeout: 10_000 });
    await net.quiet(300, 10_000);
    // A few idle frames, so the opening does not share a frame with the Reviews tab's last work.
    await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100)))));
    const cannot = await page.evaluate(armTabOpening, { key: TAB_OPENING, timeoutMs: 5_000 });
    if (cannot) throw new Error(`cannot measure opening the Questions tab: ${cannot}`);
    await questions.click({ timeout: 10_000 });
    samples.push(await page.evaluate((key) => (window as unknown as Record<string, Promise<number | null>>)[key] ?? null, TAB_OPENING));
  }
  await net.quiet(300, 10_000);
  return samples;
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
    const after = await snapshot(page, cdp, net);
    const tabOpenMs = options.tabOpenings ? await measureTabOpenings(page, net, options.tabOpenings) : undefined;
    return { before, after, openMs, ...(tabOpenMs ? { tabOpenMs } : {}), errors };
  } finally {
    await page.close();
  }
}
