/**
 * `npm start`: build the widget and demo pages, migrate the local D1 database, seed the
 * demo shop, then serve everything with `wrangler dev` on http://localhost:8787 (PORT overrides).
 *
 *   node scripts/start.ts [--persist-to DIR] [--ip ADDR]
 */
import { parseArgs } from 'node:util';
import { build } from './build.ts';
import { persistArgs, runWrangler, spawnWrangler } from './wrangler.ts';
import { seed } from './seed.ts';
import { NIGHTLY_CRON } from '../worker/src/crons.ts';

const { values } = parseArgs({ options: { 'persist-to': { type: 'string' }, ip: { type: 'string' } } });
const persistTo = values['persist-to'];
const port = process.env.PORT ?? '8787';
const step = (what: string) => console.log(`\n▶ ${what}`);

step('Building the widget, the demo shop and the console (vite)');
build();

step('Applying D1 migrations to the local database');
console.log(await runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', ...persistArgs(persistTo)]));

step('Seeding the demo shop');
await seed(persistTo);

step(`Serving on http://localhost:${port}`);
console.log(`  product page: http://localhost:${port}/products/storm-shell-jacket\n  API health:   http://localhost:${port}/api/v1/health\n`);
const dev = spawnWrangler(['dev', '--port', port, ...(values.ip ? ['--ip', values.ip] : []), ...persistArgs(persistTo)]);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => dev.kill(signal));
dev.on('exit', (code) => process.exit(code ?? 0));
void runNightlyOnce(`http://${values.ip ?? 'localhost'}:${port}`);

/**
 * wrangler dev fires no Cron Triggers: run the nightly job (reputation and influence recount) once
 * the server answers, so the seeded community has its levels and influence scores in the console.
 */
async function runNightlyOnce(origin: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    try {
      if ((await fetch(`${origin}/api/v1/health`)).ok) {
        const res = await fetch(`${origin}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent(NIGHTLY_CRON)}`);
        if (!res.ok) console.warn(`  nightly recount: HTTP ${res.status}`);
        return;
      }
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
