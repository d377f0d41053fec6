/**
 * uPlot and its stylesheet, fetched the first time an Insights chart is drawn (never by the
 * shopper's widget, and not before the owner opens Insights). The console runs under
 * `style-src 'self'`, so the CSS is a real file of this origin (the build copies uPlot's own
 * `uPlot.min.css` and rewrites this URL), turned into a constructable stylesheet that each
 * chart adopts into its shadow root — no inline `<style>` for the CSP to refuse.
 */
import type uPlotClass from 'uplot';

export type UPlot = typeof uPlotClass;

export interface UPlotKit {
  uPlot: UPlot;
  sheet: CSSStyleSheet;
}

const cssUrl = new URL('../../../node_modules/uplot/dist/uPlot.min.css', import.meta.url);

let loading: Promise<UPlotKit> | null = null;

async function loadSheet(): Promise<CSSStyleSheet> {
  const res = await fetch(cssUrl);
  if (!res.ok) throw new Error(`uPlot's stylesheet answered ${res.status}`);
  const sheet = new CSSStyleSheet();
  await sheet.replace(await res.text());
  return sheet;
}

/**
 * uPlot builds an `Intl.NumberFormat(navigator.language)` when its module loads, which throws on
 * a tag Intl refuses (Chromium reports `en-US@posix` when started under `LANG=C`), and then no
 * chart could be drawn at all. Our labels use the console's own language; uPlot's default
 * formatter only needs a valid tag.
 */
function validNavigatorLanguage(): void {
  try {
    new Intl.NumberFormat(navigator.language);
  } catch {
    Object.defineProperty(navigator, 'language', { configurable: true, get: () => 'en' });
  }
}

/** uPlot and its stylesheet, loaded once per page; a failed load is tried again next time. */
export function loadUPlot(): Promise<UPlotKit> {
  validNavigatorLanguage();
  loading ??= Promise.all([import('uplot'), loadSheet()])
    .then(([mod, sheet]) => ({ uPlot: mod.default, sheet }))
    .catch((err: unknown) => {
      loading = null;
      throw err;
    });
  return loading;
}
