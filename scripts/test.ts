/**
 * `npm test`: every check, in order, each counted, ending with one line `N passed, N failed`.
 *   1. typecheck (worker, widget, node code)     4. end-to-end in Chromium against the real server
 *   2. Worker tests inside workerd (real D1)     5. bundle-size budgets
 *   3. component tests in Chromium (wtr)         6. `wrangler deploy --dry-run`
 * A failing step does not stop the later ones, so one run shows everything that is wrong.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { root, wranglerEnv } from './wrangler.ts';

const bin = (pkg: string, file: string) => fileURLToPath(new URL(`../node_modules/${pkg}/${file}`, import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'samen-test-'));
let passed = 0;
let failed = 0;
const failures: string[] = [];
const started = Date.now();

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...wranglerEnv(), ...env } });
    child.on('exit', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(1));
  });
}

/** A step that is one check: it passes when the command exits 0. */
async function check(name: string, args: string[], env?: NodeJS.ProcessEnv): Promise<void> {
  console.log(`\n▶ ${name}`);
  const code = await run(args, env);
  if (code === 0) passed++;
  else {
    failed++;
    failures.push(name);
  }
}

/** A test-runner step: counts come from the runner's result file; a crash with no results counts as one failure. */
async function suite(name: string, args: string[], resultFile: string, read: (json: unknown) => [number, number], env?: NodeJS.ProcessEnv) {
  console.log(`\n▶ ${name}`);
  const code = await run(args, env);
  let counts: [number, number] | null = null;
  if (existsSync(resultFile)) {
    try {
      counts = read(JSON.parse(readFileSync(resultFile, 'utf8')));
    } catch {
      counts = null;
    }
  }
  if (!counts || (counts[0] === 0 && counts[1] === 0)) {
    failed++;
    failures.push(`${name} (no test results)`);
    return;
  }
  passed += counts[0];
  failed += counts[1];
  if (counts[1] > 0 || code !== 0) failures.push(name);
  if (code !== 0 && counts[1] === 0) {
    failed++; // the runner failed outside any test (an error in a hook or a file)
  }
}

const vitestCounts = (json: unknown): [number, number] => {
  const r = json as { numPassedTests?: number; numFailedTests?: number };
  return [r.numPassedTests ?? 0, r.numFailedTests ?? 0];
};
const vitest = (project: string, out: string) => [
  bin('vitest', 'vitest.mjs'),
  'run',
  '--project',
  project,
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${out}`,
];

await check('typecheck: worker', [bin('typescript', 'bin/tsc'), '-p', 'worker']);
await check('typecheck: widget', [bin('typescript', 'bin/tsc'), '-p', 'widget']);
await check('typecheck: node scripts and end-to-end tests', [bin('typescript', 'bin/tsc'), '-p', 'test']);

await check('generated Worker types match wrangler.toml', [
  bin('wrangler', 'bin/wrangler.js'),
  'types',
  '--include-runtime=false',
  '--check',
]);

const workerOut = join(tmp, 'worker.json');
await suite('Worker tests (workerd, real D1)', vitest('worker', workerOut), workerOut, vitestCounts);

const wtrOut = join(tmp, 'wtr.json');
await suite(
  'component tests (Chromium)',
  [bin('@web/test-runner', 'dist/bin.js'), '--config', 'web-test-runner.config.mjs'],
  wtrOut,
  (json) => {
    const r = json as { passed?: number; failed?: number };
    return [r.passed ?? 0, r.failed ?? 0];
  },
  { SAMEN_WTR_RESULTS: wtrOut },
);

const e2eOut = join(tmp, 'e2e.json');
await suite('end-to-end (Chromium against npm start)', vitest('e2e', e2eOut), e2eOut, vitestCounts);

await check('build (widget, demo shop, console)', [join(root, 'scripts/build.ts')]);
const sizeOut = join(tmp, 'size.json');
await suite('bundle-size budgets', vitest('size', sizeOut), sizeOut, vitestCounts);

await check('wrangler deploy --dry-run', [
  bin('wrangler', 'bin/wrangler.js'),
  'deploy',
  '--dry-run',
  '--outdir',
  join(tmp, 'deploy'),
]);

rmSync(tmp, { recursive: true, force: true });
const seconds = Math.round((Date.now() - started) / 1000);
console.log(`\nnpm test took ${seconds} s${failures.length ? `; failed: ${failures.join('; ')}` : ''}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
