/**
 * `npm start` may run any number of times: migrating and seeding a database that is already
 * seeded neither fails nor duplicates a row.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runWrangler } from '../../scripts/wrangler.ts';
import { seed } from '../../scripts/seed.ts';

const persistTo = mkdtempSync(join(tmpdir(), 'samen-seed-test-'));
afterAll(() => rmSync(persistTo, { recursive: true, force: true }));

// The demo activity too (90 days of questions, chats, reviews, ideas and queue history) and its rollups.
const TABLES = ['sites', 'site_origins', 'products', 'questions', 'answers', 'staff', 'staff_items', 'conversations', 'reviews', 'ideas', 'idea_votes', 'daily_stats'] as const;

async function counts(): Promise<Record<string, number>> {
  const sql = `SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ')}`;
  const out = await runWrangler(['d1', 'execute', 'DB', '--local', '--persist-to', persistTo, '--json', '--command', sql]);
  const parsed = JSON.parse(out.slice(out.indexOf('['))) as { results: Record<string, number>[] }[];
  return parsed[0]?.results[0] ?? {};
}

async function migrateAndSeed(): Promise<void> {
  await runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo]);
  await seed(persistTo);
}

describe('seeding the demo shop', () => {
  it('is idempotent: a second run changes no counts and keeps the signing secret', async () => {
    await migrateAndSeed();
    const first = await counts();
    const secret = async () => {
      const out = await runWrangler(['d1', 'execute', 'DB', '--local', '--persist-to', persistTo, '--json', '--command', "SELECT token_secret FROM sites WHERE id = 'demo'"]);
      return (JSON.parse(out.slice(out.indexOf('['))) as { results: { token_secret: string }[] }[])[0]?.results[0]?.token_secret;
    };
    const secretBefore = await secret();
    await migrateAndSeed();
    expect(await counts()).toEqual(first);
    expect(await secret()).toBe(secretBefore);
    expect(first.sites).toBe(1);
    expect(first.products).toBeGreaterThanOrEqual(3);
    expect(first.staff).toBe(2);
    expect(secretBefore).toMatch(/^[\w-]{40,}$/);
    expect(first.staff_items).toBeGreaterThan(100);
    expect(first.ideas).toBeGreaterThan(5);
  }, 300_000); // six wrangler runs: generous for a busy machine
});
