/**
 * What Samen costs the page it sits on (issue 10), as structural facts in Chromium against the
 * real built demo shop: which requests happen before the shopper interacts, and whether the widget
 * moves anything on the page. Timings (main-thread time, long tasks) are benchmarks, not tests:
 * `npm run bench` (scripts/bench-page.ts).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, watchPage } from './harness.ts';

const origin = inject('appOrigin');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * A small phone (iPhone SE): the product page's widget starts below the fold, and the space the
 * shop reserves for it is taller than the screen, so once it is scrolled to, what the widget does
 * inside that space is all there is to see.
 */
const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const DESKTOP = { viewport: { width: 1280, height: 720 } };

/** Every layout shift the page reports, with where each moved node sits relative to `<samen-widget>`. */
const recordLayoutShifts = () => {
  const shifts: { value: number; at: number; sources: string[] }[] = [];
  Object.defineProperty(window, '__layoutShifts', { value: shifts });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { value: number; sources: { node: Node | null }[] })[]) {
      const widget = document.querySelector('samen-widget');
      shifts.push({
        value: e.value,
        at: e.startTime,
        sources: e.sources.map(({ node }) => {
          if (!node || !widget) return 'unknown';
          if (node === widget || widget.contains(node) || node.getRootNode() !== document) return 'widget';
          const pos = widget.compareDocumentPosition(node);
          // An ancestor of the widget moves with whatever moves the widget; it says nothing of the cause.
          if (pos & Node.DOCUMENT_POSITION_CONTAINS) return 'ancestor';
          return pos & Node.DOCUMENT_POSITION_FOLLOWING ? 'after' : 'before';
        }),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
};

type Shift = { value: number; at: number; sources: string[] };
const layoutShifts = (page: Page): Promise<Shift[]> =>
  page.evaluate(() => [...(window as unknown as { __layoutShifts: Shift[] }).__layoutShifts]);

/**
 * Shifts the widget caused: something inside it or after it moved, and nothing before it did (the
 * demo shop's own header grows when its "Browse as" control mounts; that moves the whole page).
 */
const causedByWidget = (shifts: Shift[]) =>
  shifts.filter((s) => s.sources.some((w) => w === 'widget' || w === 'after') && !s.sources.includes('before'));

interface Watched {
  context: BrowserContext;
  page: Page;
  problems: string[];
  /** Samen's own JavaScript (the loader and its chunks), by path, in request order. */
  samenJs: () => string[];
  /** Every API request, by path. */
  api: () => string[];
  /** Authorization headers sent to the API, by path. */
  auth: Map<string, string | undefined>;
}

async function watched(device: typeof PHONE | typeof DESKTOP): Promise<Watched> {
  const context = await browser.newContext(device);
  await context.addInitScript(recordLayoutShifts);
  const page = await context.newPage();
  const paths: string[] = [];
  const auth = new Map<string, string | undefined>();
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.origin !== origin) return;
    paths.push(url.pathname);
    if (url.pathname.startsWith('/api/')) auth.set(url.pathname, req.headers()['authorization']);
  });
  return {
    context,
    page,
    problems: watchPage(page),
    samenJs: () => paths.filter((p) => /^\/widget(\.js$|\/)/.test(p)),
    api: () => paths.filter((p) => p.startsWith('/api/')),
    auth,
  };
}

/** Loads the page and lets it settle: every request it makes by itself has been made. */
async function settled(page: Page, path: string): Promise<void> {
  await page.goto(`${origin}${path}`);
  await page.waitForLoadState('networkidle');
}

const widgetBelowTheFold = (page: Page) =>
  page.evaluate(() => (document.querySelector('samen-widget')?.getBoundingClientRect().top ?? 0) > innerHeight);
const upgraded = (page: Page) => page.evaluate(() => customElements.get('samen-widget') !== undefined);
/** A question of the product, rendered: the widget has started and shows content. */
const firstQuestion = (page: Page) => page.locator('samen-question-item').first().waitFor();

describe('before the shopper interacts, with the widget out of view', () => {
  it('loads only the loader and calls no API; scrolled to, the core loads and the questions show without moving anything', async () => {
    const w = await watched(PHONE);
    await settled(w.page, '/products/storm-shell-jacket');
    expect(await widgetBelowTheFold(w.page)).toBe(true);
    expect(w.samenJs()).toEqual(['/widget.js']);
    expect(w.api()).toEqual([]);
    expect(await upgraded(w.page)).toBe(false);
    // The launcher is the loader's own: there before anything else is fetched.
    await w.page.getByRole('button', { name: 'Chat with us' }).waitFor();
    // The empty element already holds the space the shop reserved for it.
    const reserved = await w.page.evaluate(() => document.querySelector('samen-widget')?.getBoundingClientRect().height ?? 0);
    expect(reserved).toBeGreaterThan(667);
    const before = causedByWidget(await layoutShifts(w.page));

    // As an anchor link would: straight to the widget, so it starts while in view.
    const scrolledAt = await w.page.evaluate(() => {
      document.querySelector('samen-widget')?.scrollIntoView({ block: 'start' });
      return performance.now();
    });
    await w.page.getByRole('tab', { name: 'Questions' }).waitFor();
    await firstQuestion(w.page);
    await w.page.waitForLoadState('networkidle');
    expect(w.samenJs()[0]).toBe('/widget.js');
    expect(w.samenJs().some((p) => /^\/widget\/samen-widget-[\w-]+\.js$/.test(p))).toBe(true);
    expect(w.api()).toContain('/api/v1/sites/demo');
    expect(w.api()).toContain('/api/v1/sites/demo/products/nk-storm-jacket/questions');

    // Wider than the phone, the page would be laid out anew (and the fixed launcher pushed aside).
    expect(await w.page.evaluate(() => document.documentElement.scrollWidth), 'page width with the widget').toBe(375);
    const shifts = await layoutShifts(w.page);
    expect(before).toEqual([]);
    // Everything that moved after the scroll, whatever the cause: nothing may.
    expect(shifts.filter((s) => s.at >= scrolledAt)).toEqual([]);
    expect(w.problems).toEqual([]);
    await w.context.close();
  });

  it('keeps a token handed over with samen.identify() until the widget starts, then uses it', async () => {
    const res = await fetch(`${origin}/api/v1/sites/demo/demo/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin },
      body: JSON.stringify({ persona: 'anna' }),
    });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };

    const w = await watched(PHONE);
    await settled(w.page, '/products/merino-base-layer');
    await w.page.evaluate((t) => (window as unknown as { samen: { identify(t: string): void } }).samen.identify(t), token);
    await w.page.waitForLoadState('networkidle');
    expect(w.samenJs()).toEqual(['/widget.js']);
    expect(w.api()).toEqual([]);

    await w.page.evaluate(() => document.querySelector('samen-widget')?.scrollIntoView({ block: 'start' }));
    await w.page.getByText('Posting as Anna de Vries').first().waitFor();
    expect(w.auth.get('/api/v1/sites/demo/me')).toBe(`Bearer ${token}`);
    expect(w.problems).toEqual([]);
    await w.context.close();
  });

  it('preloads the chat on hover of the launcher without calling the API, and opens it on click', async () => {
    const w = await watched(PHONE);
    await settled(w.page, '/products/daypack-24');
    const launcher = w.page.getByRole('button', { name: 'Chat with us' });
    await launcher.hover();
    await w.page.waitForLoadState('networkidle');
    await expect.poll(() => w.samenJs().some((p) => /^\/widget\/chat-[\w-]+\.js$/.test(p))).toBe(true);
    expect(w.api()).toEqual([]);

    await launcher.click();
    await w.page.getByRole('dialog').waitFor();
    await expect.poll(() => w.api().length).toBeGreaterThan(0);
    expect(w.problems).toEqual([]);
    await w.context.close();
  });

  it('starts a widget a single-page shop adds later, once it is in view', async () => {
    const w = await watched(PHONE);
    await settled(w.page, '/products/trail-runner-gtx');
    expect(w.api()).toEqual([]);
    // The shop's own script renders a second widget at the top of its main content.
    await w.page.evaluate(() => {
      const added = document.createElement('samen-widget');
      added.setAttribute('product', 'nk-merino-base');
      added.id = 'added';
      document.querySelector('main')?.prepend(added);
    });
    await w.page.locator('#added').getByRole('tab', { name: 'Questions' }).waitFor();
    expect(w.api()).toContain('/api/v1/sites/demo/products/nk-merino-base/questions');
    expect(w.problems).toEqual([]);
    await w.context.close();
  });
});

describe('with the widget in view when the page loads', () => {
  it('starts at once and moves nothing on the page', async () => {
    const w = await watched(DESKTOP);
    await settled(w.page, '/products/storm-shell-jacket');
    expect(await widgetBelowTheFold(w.page)).toBe(false);
    await firstQuestion(w.page);
    await w.page.waitForLoadState('networkidle');
    expect(w.samenJs().filter((p) => p === '/widget.js')).toHaveLength(1);
    expect(w.api()).toContain('/api/v1/sites/demo/products/nk-storm-jacket/questions');
    expect(causedByWidget(await layoutShifts(w.page))).toEqual([]);
    expect(w.problems).toEqual([]);
    await w.context.close();
  });
});
