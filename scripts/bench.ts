/**
 * `npm run bench`: API latency at scale in local workerd (wrangler dev), as ratios to the health
 * endpoint measured in the same run — absolute numbers on a shared 2-core machine mean little.
 *
 * Seeds 50,000 questions and 150,000 answers across 500 products of a benchmark site into a
 * temporary database, then measures p50/p95/p99 of: health, the questions list, search-as-you-type
 * suggestions (growing prefixes), and the product search box. Goals (issue 5): suggestions p95 ≤ 15 ms,
 * list p95 ≤ 10 ms.
 *
 *   node scripts/bench.ts [--questions 50000] [--samples 300]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, startApp } from '../test/e2e/harness.ts';
import { runWrangler } from './wrangler.ts';
import { benchReviews } from './bench-reviews.ts';
import { benchChat } from './bench-chat.ts';
import { benchInsights } from './bench-insights.ts';
import { benchTimeToQueue, routingBenchSeed } from './bench-routing.ts';

const { values } = parseArgs({
  options: { questions: { type: 'string', default: '50000' }, samples: { type: 'string', default: '300' } },
});
const QUESTIONS = Number(values.questions);
const ANSWERS_PER_QUESTION = 3;
const PRODUCTS = 500;
const SAMPLES = Number(values.samples);
const SITE = 'bench';

// A small seeded generator, so every run measures the same data.
let seed = 20261123;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

const subjects = ['jacket', 'jas', 'veste', 'zipper', 'rits', 'hood', 'capuchon', 'sole', 'zool', 'semelle', 'strap', 'backpack', 'rugzak', 'sac', 'lining', 'voering', 'doublure', 'seam', 'naad', 'pocket', 'zak', 'poche'];
const traits = ['waterproof', 'waterdicht', 'imperméable', 'warm', 'chaud', 'breathable', 'ademend', 'respirant', 'durable', 'stevig', 'solide', 'washable', 'wasbaar', 'lavable', 'small', 'klein', 'petit', 'large', 'groot', 'grand'];
const contexts = ['for winter cycling', 'voor de fietsvakantie', 'pour la randonnée', 'in heavy rain', 'bij zware regen', 'sous la pluie', 'on the beach', 'op het strand', 'au café', 'for the commute', 'naar kantoor', 'au bureau'];
const sentence = () => `Is the ${pick(subjects)} ${pick(traits)} ${pick(contexts)}? ${pick(subjects)} ${pick(traits)}`;
const reply = () => `The ${pick(subjects)} is ${pick(traits)}; ${pick(contexts)} it works ${pick(['well', 'goed', 'bien', 'fine'])}.`;
const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;

function seedFiles(dir: string): string[] {
  const files: string[] = [];
  const t0 = Date.UTC(2025, 0, 1);
  let sql = `INSERT INTO sites (id, name, default_language, created_at) VALUES ('${SITE}', 'Benchmark shop', 'en', ${t0}) ON CONFLICT DO NOTHING;\n`;
  sql += `INSERT INTO products (site_id, id, first_seen_at) VALUES ${Array.from({ length: PRODUCTS }, (_, p) => `('${SITE}', 'p${p}', ${t0})`).join(',')} ON CONFLICT DO NOTHING;\n`;
  const CHUNK = 5000;
  for (let start = 0; start < QUESTIONS; start += CHUNK) {
    const qs: string[] = [];
    const as: string[] = [];
    for (let i = start; i < Math.min(QUESTIONS, start + CHUNK); i++) {
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      const created = t0 + i * 60_000;
      qs.push(`('${SITE}', '${id}', 'p${i % PRODUCTS}', ${lit(sentence())}, ${ANSWERS_PER_QUESTION}, ${created}, 'Shopper ${i % 997}')`);
      for (let a = 0; a < ANSWERS_PER_QUESTION; a++) {
        const aid = `00000000-0000-4000-9${a}00-${String(i).padStart(12, '0')}`;
        as.push(`('${SITE}', '${aid}', '${id}', ${lit(reply())}, ${created + (a + 1) * 3_600_000}, ${Math.floor(rand() * 10)})`);
      }
    }
    const file = join(dir, `seed-${start}.sql`);
    // D1 caps one statement at 100 KB: insert in batches of 200 rows.
    const batches = (rows: string[], head: string) =>
      Array.from({ length: Math.ceil(rows.length / 200) }, (_, b) => `${head} ${rows.slice(b * 200, b * 200 + 200).join(',\n')};\n`).join('');
    writeFileSync(
      file,
      (start === 0 ? sql : '') +
        batches(qs, 'INSERT INTO questions (site_id, id, product_id, body, answer_count, created_at, author_name) VALUES') +
        batches(as, 'INSERT INTO answers (site_id, id, question_id, body, created_at, helpful_count) VALUES'),
    );
    files.push(file);
  }
  return files;
}

function percentiles(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
  return { p50: at(50), p95: at(95), p99: at(99) };
}

interface Measured {
  client: ReturnType<typeof percentiles>;
  /** The Worker's own time from its Server-Timing header (no proxy, no network). */
  server: ReturnType<typeof percentiles>;
}

async function measure(urls: () => string): Promise<Measured> {
  const times: number[] = [];
  const server: number[] = [];
  for (let i = 0; i < 20; i++) await (await fetch(urls())).arrayBuffer(); // warm-up
  for (let i = 0; i < SAMPLES; i++) {
    const url = urls();
    const t = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    times.push(performance.now() - t);
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    server.push(Number(/app;dur=(\d+(?:\.\d+)?)/.exec(res.headers.get('Server-Timing') ?? '')?.[1] ?? 0));
  }
  return { client: percentiles(times), server: percentiles(server) };
}

const persistTo = mkdtempSync(join(tmpdir(), 'samen-bench-'));
const seedDir = mkdtempSync(join(tmpdir(), 'samen-bench-sql-'));
console.log(`Seeding ${QUESTIONS} questions and ${QUESTIONS * ANSWERS_PER_QUESTION} answers across ${PRODUCTS} products…`);
let t = performance.now();
await runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo]);
for (const file of seedFiles(seedDir)) await runWrangler(['d1', 'execute', 'DB', '--local', '--persist-to', persistTo, `--file=${file}`]);
await routingBenchSeed(persistTo, SITE);
console.log(`  seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
rmSync(seedDir, { recursive: true, force: true });

t = performance.now();
const app = await startApp([], { persistTo, port: await freePort() });
console.log(`  server up in ${((performance.now() - t) / 1000).toFixed(1)} s at ${app.origin}\n`);
try {
  const api = `${app.origin}/api/v1/sites/${SITE}`;
  const words = ['waterproof', 'waterdicht', 'imperméable', 'breathable', 'rugzak', 'semelle', 'capuchon', 'lining', 'zipper', 'lavable'];
  const prefixes = words.flatMap((w) => Array.from({ length: w.length - 1 }, (_, i) => w.slice(0, i + 2)));
  let n = 0;
  const results = {
    health: await measure(() => `${app.origin}/api/v1/health`),
    'questions list (10, newest)': await measure(() => `${api}/products/p${Math.floor(rand() * PRODUCTS)}/questions`),
    'search-as-you-type (suggestions)': await measure(
      () => `${api}/products/p${Math.floor(rand() * PRODUCTS)}/suggestions?q=${encodeURIComponent(`is the ${prefixes[n++ % prefixes.length]}`)}`,
    ),
    'product search box': await measure(() => `${api}/products/p${Math.floor(rand() * PRODUCTS)}/search?q=${encodeURIComponent(pick(words))}`),
  };
  const base = results.health.client.p95 || 1;
  console.log('                                   client (through wrangler dev)         worker (Server-Timing)');
  console.log('endpoint                           p50 ms  p95 ms  p99 ms  ÷health p95   p50 ms  p95 ms  p99 ms');
  const f = (n: number) => n.toFixed(1).padStart(6);
  for (const [name, r] of Object.entries(results)) {
    console.log(
      `${name.padEnd(34)} ${f(r.client.p50)}  ${f(r.client.p95)}  ${f(r.client.p99)}  ${(r.client.p95 / base).toFixed(2).padStart(6)}×     ${f(r.server.p50)}  ${f(r.server.p95)}  ${f(r.server.p99)}`,
    );
  }
  const s = results['search-as-you-type (suggestions)'];
  const l = results['questions list (10, newest)'];
  console.log(
    `\ngoals in the Worker: suggestions p95 ${s.server.p95} ms (≤ 15: ${s.server.p95 <= 15 ? 'met' : 'missed'}), list p95 ${l.server.p95} ms (≤ 10: ${l.server.p95 <= 10 ? 'met' : 'missed'}); ` +
      `${SAMPLES} sequential samples each; client times add wrangler dev's proxy and loopback (health p95 ${results.health.client.p95.toFixed(1)} ms).`,
  );
  const q = await benchTimeToQueue(app.origin, SITE);
  const ms = (n: number | null) => (n === null ? 'n/a' : `${n.toFixed(1)} ms`);
  console.log(
    `\ntime to queue (personal question, post → staff see it), ${q.samples} samples: ` +
      `live push p50 ${ms(q.liveP50)} p95 ${ms(q.liveP95)}; in the queue list p50 ${ms(q.listP50)} p95 ${ms(q.listP95)} ` +
      `(${(q.listP95 / base).toFixed(1)}× health p95)`,
  );
  await (await import('./bench-page.ts')).benchPage(app.origin).catch((err: unknown) => console.error('\npage-cost bench failed:', err)); // issue 10: page cost vs. peer widgets in Chromium
} finally {
  await app.stop();
}

// Reviews at 200,000 over 500 products (issue 8), in their own database and server.
await benchReviews();

// Live chat (issue 7): round trip, fan-out and idle connections, in their own database and server.
await benchChat({ samples: SAMPLES });

// Insights (issue 9): the 90-day report over ~1 million events, in its own database and server.
await benchInsights();
