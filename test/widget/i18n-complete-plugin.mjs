// @ts-check
/**
 * wtr server command `samen-list-files`: the repository's files under a folder (recursively),
 * as paths from the repository root. The i18n completeness test uses it to discover every
 * string catalog and every source file, so a new catalog group is covered without being listed.
 */
import { readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const root = resolve('.');

/** @param {string} dir */
function walk(dir) {
  /** @type {string[]} */
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else out.push(relative(root, path).split(sep).join('/'));
  }
  return out.sort();
}

/** @type {import('@web/test-runner').TestRunnerPlugin} */
export const listFilesPlugin = {
  name: 'samen-list-files',
  async executeCommand({ command, payload }) {
    if (command !== 'samen-list-files') return undefined;
    const dir = resolve(root, String(/** @type {{ dir?: string }} */ (payload)?.dir ?? ''));
    // Only inside the repository, never node_modules.
    if (!dir.startsWith(root + sep) || dir.includes(`${sep}node_modules`)) throw new Error(`samen-list-files: ${dir} is not a source folder`);
    return walk(dir);
  },
};
