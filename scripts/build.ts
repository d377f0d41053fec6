/**
 * Builds everything `wrangler dev` serves from dist/: the widget (loader + lazy chunks) with the
 * demo shop's pages, then the staff console. Always a production build (Lit's small build).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { root } from './wrangler.ts';

const vite = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));
const env = { ...process.env, NODE_ENV: 'production' };

export function build(): void {
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env });
  if (existsSync(new URL('../vite.console.config.ts', import.meta.url))) {
    execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn', '--config', 'vite.console.config.ts'], {
      cwd: root,
      stdio: 'inherit',
      env,
    });
  }
}

if (import.meta.main) build();
