/**
 * Size budgets of the built widget (dist/, built by `npm test` before this runs).
 * Every byte here is paid for by a shop's product page.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../../dist', import.meta.url));
const KB = 1024;
const brotli = (file: string): number =>
  brotliCompressSync(readFileSync(join(dist, file)), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** Files a module imports statically (`import … from "./x.js"`), resolved relative to dist/. */
function staticImports(file: string): string[] {
  const src = readFileSync(join(dist, file), 'utf8');
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  return [...src.matchAll(/(?:^|[;}\s])import\s*(?:[\w{}$,*\s]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g)].map((m) =>
    join(dir, m[1] ?? ''),
  );
}

/** The loader's lazy import of the widget core. */
function coreChunk(): string {
  const loader = readFileSync(join(dist, 'widget.js'), 'utf8');
  const match = /import\(\s*[`"']\.\/(widget\/samen-widget-[\w-]+\.js)[`"']\s*\)/.exec(loader);
  if (!match?.[1]) throw new Error('the loader does not lazy-import the widget core');
  return match[1];
}

describe('widget bundle budgets (brotli, quality 11)', () => {
  // Issue 10's budgets: the loader (≤ 1.5 KB, below) on every page, plus the core with everything
  // it imports statically (≤ 12 KB) only where a <samen-widget> is in view.
  it('keeps the core a product page loads before interaction (with its static imports) within 12 KB', () => {
    const seen = new Set<string>();
    const queue = [coreChunk()];
    while (queue.length) {
      const file = queue.shift() ?? '';
      if (seen.has(file)) continue;
      seen.add(file);
      queue.push(...staticImports(file));
    }
    const total = [...seen].reduce((sum, f) => sum + brotli(f), 0);
    console.log(`core before interaction: ${[...seen].map((f) => `${f} ${brotli(f)} B`).join(', ')}; total ${total} B`);
    expect(total).toBeLessThanOrEqual(12 * KB);
  });

  it('keeps the loader, which every page with the script tag pays for, within 1.5 KB', () => {
    const size = brotli('widget.js');
    console.log(`loader widget.js: ${size} B`);
    expect(size).toBeLessThanOrEqual(1.5 * KB);
  });

  it('keeps the loader one request: it imports nothing until it decides to', () => {
    // A static import would be fetched with the loader on every page, in view or not.
    expect(staticImports('widget.js')).toEqual([]);
  });

  it('keeps each lazy chunk within 8 KB', () => {
    const chunks = readdirSync(join(dist, 'widget')).filter((f) => !f.startsWith('samen-widget-'));
    expect(chunks.length).toBeGreaterThan(0);
    for (const chunk of chunks) {
      const size = brotli(`widget/${chunk}`);
      console.log(`lazy chunk ${chunk}: ${size} B`);
      expect(size, chunk).toBeLessThanOrEqual(8 * KB);
    }
  });

  it('keeps the Reviews tab, loaded when the tab opens, within 6 KB', () => {
    const chunk = readdirSync(join(dist, 'widget')).find((f) => /^reviews-[\w-]+\.js$/.test(f));
    expect(chunk, 'the Reviews tab is a lazy chunk of its own').toBeDefined();
    const size = brotli(`widget/${chunk}`);
    console.log(`Reviews tab ${chunk}: ${size} B`);
    expect(size).toBeLessThanOrEqual(6 * KB);
  });

  it('ships no development build of Lit and no source maps', () => {
    const core = readFileSync(join(dist, coreChunk()), 'utf8');
    expect(core).not.toContain('Lit is in dev mode');
    expect(readdirSync(join(dist, 'widget')).some((f) => f.endsWith('.map'))).toBe(false);
  });
});
