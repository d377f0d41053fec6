/**
 * axe-core in the test page, over an element and every open shadow root inside it.
 *
 *   await expectNoAxeViolations(el);                 // a widget or console element
 *   await expectNoAxeViolations(el, { page: true }); // a whole page: landmarks matter too
 *
 * axe is loaded once as a classic script (its UMD build sets `window.axe`); it walks shadow
 * roots itself when given an element. A failure lists each violation with the elements it
 * hit (their selector path through shadow roots, and a snippet), so it reads like a bug report.
 */
import type { AxeResults, ElementContext, Result, RunOptions } from 'axe-core';

type Axe = typeof import('axe-core');

let loading: Promise<Axe> | undefined;

/** axe-core, loaded into the page on first use. */
export function loadAxe(): Promise<Axe> {
  const w = window as unknown as { axe?: Axe };
  if (w.axe) return Promise.resolve(w.axe);
  loading ??= new Promise<Axe>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    script.onload = () => (w.axe ? resolve(w.axe) : reject(new Error('axe-core loaded but did not define window.axe')));
    script.onerror = () => reject(new Error('could not load /node_modules/axe-core/axe.min.js'));
    document.head.append(script);
  });
  return loading;
}

export interface AxeCheckOptions {
  /**
   * The element is a whole page (the console): keep the page-level rules. Off for the widget,
   * which sits inside someone else's page: its landmarks, `<title>` and `<h1>` are the host's.
   */
  page?: boolean;
  /** More rule ids to switch off, each with a reason in the calling test. */
  disable?: string[];
}

/** Rules about the page as a whole, which an embedded widget does not own. */
const PAGE_RULES = ['region', 'landmark-one-main', 'page-has-heading-one', 'document-title', 'html-has-lang', 'bypass'];

/** WCAG 2.0–2.2 A and AA, plus axe's best practices. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Lets finite CSS animations (a dialog fading in) finish: mid-fade, text is partly transparent
 * and the contrast axe measures is not the contrast a shopper sees.
 */
async function animationsDone(): Promise<void> {
  // document.getAnimations() leaves out shadow trees: ask every shadow root too.
  const roots: (Document | ShadowRoot)[] = [document];
  for (const el of document.querySelectorAll('*')) collectShadowRoots(el, roots);
  const running = roots.flatMap((r) => r.getAnimations());
  const finite = running.filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
  await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
}

function collectShadowRoots(el: Element, into: ShadowRoot[] | (Document | ShadowRoot)[]): void {
  if (!el.shadowRoot) return;
  into.push(el.shadowRoot);
  for (const child of el.shadowRoot.querySelectorAll('*')) collectShadowRoots(child, into);
}

/** The violations axe finds in `el` (including its shadow roots). */
export async function axeViolations(el: ElementContext, options: AxeCheckOptions = {}): Promise<Result[]> {
  const axe = await loadAxe();
  await animationsDone();
  const off = [...(options.page ? [] : PAGE_RULES), ...(options.disable ?? [])];
  const run: RunOptions = {
    runOnly: { type: 'tag', values: TAGS },
    rules: Object.fromEntries(off.map((id) => [id, { enabled: false }])),
    resultTypes: ['violations'],
  };
  const results: AxeResults = await axe.run(el, run);
  return results.violations;
}

/** A readable list: one block per rule, one line per element it hit. */
export function formatViolations(violations: Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => {
          const where = n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' ');
          const why = n.failureSummary?.replace(/\s+/g, ' ').trim() ?? '';
          return `    - ${where}\n      ${n.html.slice(0, 200)}\n      ${why}`;
        })
        .join('\n');
      return `  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join('\n');
}

/** Fails, listing every violation, unless axe finds none in `el` and its shadow roots. */
export async function expectNoAxeViolations(el: ElementContext, options: AxeCheckOptions = {}): Promise<void> {
  const violations = await axeViolations(el, options);
  if (violations.length) {
    throw new Error(`axe found ${violations.length} accessibility violation(s):\n${formatViolations(violations)}`);
  }
}
