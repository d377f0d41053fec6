/**
 * The two open-source chat widgets Samen is measured against, taken from their npm packages with
 * `npm pack` (nothing installed, nothing of theirs runs in Node). Tarballs and their unpacked
 * contents are cached under node_modules/.cache/samen-bench/, so re-runs work offline.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../wrangler.ts';

export interface Peer {
  /** npm package name. */
  name: string;
  /** Pinned so figures stay comparable over time. */
  version: string;
  /** The unpacked package folder (the tarball's `package/`). */
  dir: string;
}

export const cacheDir = join(root, 'node_modules', '.cache', 'samen-bench');

export const PEERS = {
  rocketChat: { name: '@rocket.chat/livechat', version: '1.13.3' },
  n8nChat: { name: '@n8n/chat', version: '1.37.0' },
} as const;

const tarballName = (name: string, version: string) => `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;

/** Fetches (once) and unpacks (once) one package; returns where its files are. */
export function unpackPeer(name: string, version: string): Peer {
  mkdirSync(cacheDir, { recursive: true });
  const tarball = join(cacheDir, tarballName(name, version));
  const dir = join(cacheDir, tarballName(name, version).replace(/\.tgz$/, ''));
  if (!existsSync(join(dir, 'package', 'package.json'))) {
    if (!existsSync(tarball)) {
      console.log(`  npm pack ${name}@${version} (cached in ${cacheDir})`);
      // Into a scratch folder first, so an interrupted download never looks like a cached tarball.
      const scratch = join(cacheDir, `.pack-${process.pid}`);
      mkdirSync(scratch, { recursive: true });
      try {
        execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', scratch, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
        const packed = readdirSync(scratch).find((f) => f.endsWith('.tgz'));
        if (!packed) throw new Error(`npm pack ${name}@${version} produced no tarball`);
        renameSync(join(scratch, packed), tarball);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    }
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', dir]);
  }
  return { name, version, dir: join(dir, 'package') };
}
