/**
 * Reviews at scale in local workerd (wrangler dev): 200,000 reviews over 500 products (an expert
 * verdict per product, ratings and helpful counts spread out) in a temporary database, then
 * p50/p95/p99 of the Reviews tab's calls — the summary (with the expert verdicts and the viewer's
 * own review), the list in its default order, the newest 5-star reviews, and the structured data —
 * as ratios to the health endpoint measured in the same run. Goal (issue 8): list and summary
 * p95 ≤ 10 ms in the Worker (Server-Timing).
 *
 *   node scripts/bench-reviews.ts [--reviews 200000] [--samples 300]
 * `npm run bench` runs it after the questions benchmark.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, startApp } from '../test/e2e/harness.ts';
import { runWrangler } from './wrangler.ts';

const SITE = 'bench-reviews';
const PRODUCTS = 500;

const percentiles = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
  return { p50: at(50), p95: at(95), p99: at(99) };
};

type Percentiles = ReturnType<typeof percentiles>;

async function measure(url: () => string, samples: number): Promise<{ client: Percentiles; server: Percentiles }> {
  const client: number[] = [];
  const server: number[] = [];
  for (let i = 0; i < 20; i++) await (await fetch(url())).arrayBuffer(); // warm-up
  for (let i = 0; i < samples; i++) {
    const u = url();
    const t = performance.now();
    const res = await fetch(u);
    await res.arrayBuffer();
    client.push(performance.now() - t);
    if (!res.ok) throw new Error(`${u} answered ${res.status}`);
    server.push(Number(/app;dur=(\d+(?:\.\d+)?)/.exec(res.headers.get('Server-Timing') ?? '')?.[1] ?? 0));
  }
  return { client: percentiles(client), server: percentiles(server) };
}

/** SQL files that seed `count` reviews over the products (D1 caps a statement at 100 KB: 200 rows each). */
function seedFiles(dir: string, count: number, rand: () => number): string[] {
  const t0 = Date.UTC(2024, 0, 1);
  const titles = ['Warm and dry', 'Runs small', 'Great value', 'Not for heavy rain', 'Light and packable', 'Sturdy zips', 'Too warm for summer'];
  const bodies = [
    'Kept me dry on a three-hour walk along the dunes in heavy rain.',
    'Nice material, but order a size up if you wear a thick fleece underneath.',
    'Used it every day for a month of commuting by bike: still like new.',
    'The hood is great; the sleeves are a little long for my arms.',
  ];
  const files: string[] = [];
  let sql = `INSERT INTO sites (id, name, default_language, created_at) VALUES ('${SITE}', 'Benchmark shop', 'en', ${t0}) ON CONFLICT DO NOTHING;\n`;
  sql += `INSERT INTO products (site_id, id, first_seen_at) VALUES ${Array.from({ length: PRODUCTS }, (_, p) => `('${SITE}', 'p${p}', ${t0})`).join(',')} ON CONFLICT DO NOTHING;\n`;
  const CHUNK = 10_000;
  for (let start = 0; start < count; start += CHUNK) {
    const rows: string[] = [];
    for (let i = start; i < Math.min(count, start + CHUNK); i++) {
      const product = i % PRODUCTS;
      // The first review of each product is its expert verdict.
      const expert = i < PRODUCTS;
      const rating = expert ? 5 : Math.min(5, 1 + Math.floor(rand() * 5.6));
      const id = `00000000-0000-4000-a000-${String(i).padStart(12, '0')}`;
      const created = t0 + i * 60_000;
      rows.push(
        `('${SITE}', '${id}', 'p${product}', '${expert ? 'expert' : 'shopper'}', ${rating}, '${titles[i % titles.length]}', '${bodies[i % bodies.length]}', ` +
          `'c${i}', 'Shopper ${i % 997}', '${expert ? 'expert' : 'shopper'}', ${rand() < 0.4 ? 1 : 0}, ${Math.floor(rand() * 20)}, ${created}, ${created})`,
      );
    }
    const batches = Array.from(
      { length: Math.ceil(rows.length / 200) },
      (_, b) =>
        `INSERT INTO reviews (site_id, id, product_id, kind, rating, title, body, author_sub, author_name, author_role, verified_buyer, helpful_count, created_at, updated_at) VALUES ${rows.slice(b * 200, b * 200 + 200).join(',\n')};\n`,
    ).join('');
    const file = join(dir, `reviews-${start}.sql`);
    writeFileSync(file, (start === 0 ? sql : '') + batches);
    files.push(file);
  }
  return files;
}

/** Seeds, starts a server on the seeded database, measures and prints; returns the Worker-side p95s. */
export async function benchReviews({ reviews = 200_000, samples = 300 } = {}): Promise<{ list: number; summary: number }> {
  let seed = 20261124;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const persistTo = mkdtempSync(join(tmpdir(), 'samen-bench-reviews-'));
  const seedDir = mkdtempSync(join(tmpdir(), 'samen-bench-reviews-sql-'));
  console.log(`\nReviews: seeding ${reviews.toLocaleString('en')} reviews over ${PRODUCTS} products…`);
  let t = performance.now();
  await runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo]);
  for (const file of seedFiles(seedDir, reviews, rand)) await runWrangler(['d1', 'execute', 'DB', '--local', '--persist-to', persistTo, `--file=${file}`]);
  rmSync(seedDir, { recursive: true, force: true });
  console.log(`  seeded in ${((performance.now() - t) / 1000).toFixed(1)} s (summaries kept by the triggers as rows went in)`);

  t = performance.now();
  const app = await startApp([], { persistTo, port: await freePort() });
  console.log(`  server up in ${((performance.now() - t) / 1000).toFixed(1)} s at ${app.origin}\n`);
  try {
    const api = `${app.origin}/api/v1/sites/${SITE}`;
    const product = () => `p${Math.floor(rand() * PRODUCTS)}`;
    const results = {
      health: await measure(() => `${app.origin}/api/v1/health`, samples),
      'reviews summary (+ experts, form)': await measure(() => `${api}/products/${product()}/reviews/summary`, samples),
      'reviews list (5, most helpful)': await measure(() => `${api}/products/${product()}/reviews`, samples),
      'reviews list (newest, 5 stars)': await measure(() => `${api}/products/${product()}/reviews?sort=newest&stars=5`, samples),
      'reviews list (lowest first)': await measure(() => `${api}/products/${product()}/reviews?sort=lowest`, samples),
      'reviews.jsonld (20 reviews)': await measure(() => `${api}/products/${product()}/reviews.jsonld`, samples),
    };
    const base = results.health.client.p95 || 1;
    const f = (n: number) => n.toFixed(1).padStart(6);
    console.log('                                   client (through wrangler dev)         worker (Server-Timing)');
    console.log('endpoint                           p50 ms  p95 ms  p99 ms  ÷health p95   p50 ms  p95 ms  p99 ms');
    for (const [name, r] of Object.entries(results)) {
      console.log(
        `${name.padEnd(34)} ${f(r.client.p50)}  ${f(r.client.p95)}  ${f(r.client.p99)}  ${(r.client.p95 / base).toFixed(2).padStart(6)}×     ${f(r.server.p50)}  ${f(r.server.p95)}  ${f(r.server.p99)}`,
      );
    }
    const list = results['reviews list (5, most helpful)'].server.p95;
    const summary = results['reviews summary (+ experts, form)'].server.p95;
    console.log(
      `\ngoals in the Worker: reviews list p95 ${list} ms, summary p95 ${summary} ms (≤ 10: ${list <= 10 && summary <= 10 ? 'met' : 'missed'}); ` +
        `${samples} sequential samples each over ${reviews.toLocaleString('en')} reviews (health p95 ${results.health.client.p95.toFixed(1)} ms through wrangler dev).`,
    );
    return { list, summary };
  } finally {
    await app.stop();
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { reviews: { type: 'string', default: '200000' }, samples: { type: 'string', default: '300' } } });
  await benchReviews({ reviews: Number(values.reviews), samples: Number(values.samples) });
}
