/**
 * Runs wrangler with the environment this project needs on an offline machine:
 * no metrics, no Request.cf lookup, no interactive prompts.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
const wranglerBin = fileURLToPath(new URL('../node_modules/wrangler/bin/wrangler.js', import.meta.url));

export const wranglerEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  CI: 'true',
});

/** Starts wrangler with the project's Node binary (process.execPath is Node 24 under npm scripts). */
export function spawnWrangler(args: string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, [wranglerBin, ...args], { cwd: root, env: wranglerEnv(), stdio: 'inherit', ...options });
}

/** Runs wrangler to completion; rejects with its output when it fails. */
export function runWrangler(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawnWrangler(args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`wrangler ${args.join(' ')} exited with ${code}\n${out}`)),
    );
  });
}

/** `--persist-to <dir>` when a separate local database is wanted (tests), else nothing. */
export const persistArgs = (persistTo: string | undefined): string[] => (persistTo ? ['--persist-to', persistTo] : []);
