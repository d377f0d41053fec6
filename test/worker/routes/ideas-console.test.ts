/**
 * The idea board in the console: the site's ideas with filters and pages, the public status with
 * staff's explanation, publishing held ideas, merging duplicates with exact counts, the owner's
 * switch, and that staff of one site never reach another site's ideas.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ConsoleIdea, ConsoleIdeaPage, IdeaSettings } from '../../../worker/src/idea-types.ts';
import { aProductId } from '../../fixtures/rows.ts';
import { aVisitor, anIdea, anIdeaSite, call, consoleApi, detail, expectError, list, recount, shareIdea, staffOf, vote } from './ideas-helpers.ts';

const patch = (cookie: string, id: string, body: unknown) => consoleApi(`/ideas/${id}`, { method: 'PATCH', cookie, body });
const merge = (cookie: string, id: string, into: string) => consoleApi(`/ideas/${id}/merge`, { method: 'POST', cookie, body: { into } });

async function page(cookie: string, query = ''): Promise<ConsoleIdeaPage> {
  const res = await consoleApi(`/ideas${query}`, { cookie });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

const comment = (site: { id: string }, id: string, body: string, visitor = aVisitor()) =>
  call(site, `/ideas/${id}/comments`, { method: 'POST', visitor, body: { body } });

describe('the console list', () => {
  it('lists the site’s ideas newest first, by status and product, in pages, for owners and agents', async () => {
    const site = await anIdeaSite();
    const { agent } = await staffOf(site);
    const product = aProductId();
    const t = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < 22; i++) ids.push(await anIdea(site, { createdAt: t - i * 10 }));
    const planned = await anIdea(site, { status: 'planned', productId: product, createdAt: t - 1000 });
    const held = await anIdea(site, { moderation: 'held', createdAt: t - 2000 });

    const first = await page(agent);
    expect(first.ideas.map((i) => i.id)).toEqual(ids.slice(0, 20));
    expect(first.ideas[0]).toMatchObject({ moderation: 'published', mergedFrom: [], status: 'new' });
    const second = await page(agent, `?cursor=${encodeURIComponent(first.nextCursor ?? '')}`);
    expect(second.ideas.map((i) => i.id)).toEqual([...ids.slice(20), planned, held]);
    expect(second.ideas.at(-1)?.moderation).toBe('held');
    expect(second.nextCursor).toBeNull();

    expect((await page(agent, '?status=planned')).ideas.map((i) => i.id)).toEqual([planned]);
    expect((await page(agent, `?product=${product}`)).ideas.map((i) => i.id)).toEqual([planned]);
    await expectError(consoleApi('/ideas?status=shipped', { cookie: agent }), 400, 'invalid_idea_status');
    await expectError(consoleApi('/ideas?cursor=bad', { cookie: agent }), 400, 'invalid_cursor');
    await expectError(consoleApi('/ideas'), 401, 'not_signed_in');
  });
});

describe('status and explanation', () => {
  it('lets any staff set a public status with an explanation, shown to shoppers', async () => {
    const site = await anIdeaSite();
    const { agent } = await staffOf(site);
    const id = await anIdea(site);
    const res = await patch(agent, id, { status: 'planned', note: 'Coming this autumn.' });
    expect(res.status, await res.clone().text()).toBe(200);
    const { idea } = await res.json<{ idea: ConsoleIdea }>();
    expect(idea).toMatchObject({ id, status: 'planned', statusNote: 'Coming this autumn.', statusAt: expect.any(Number), mergedFrom: [] });
    expect((await detail(site, id)).idea).toMatchObject({ status: 'planned', statusNote: 'Coming this autumn.', statusAt: idea.statusAt });

    // The explanation alone changes without moving the status date; '' clears it.
    const noted = (await (await patch(agent, id, { note: 'Now in the autumn collection.' })).json<{ idea: ConsoleIdea }>()).idea;
    expect(noted).toMatchObject({ status: 'planned', statusNote: 'Now in the autumn collection.', statusAt: idea.statusAt });
    const done = (await (await patch(agent, id, { status: 'done', note: '' })).json<{ idea: ConsoleIdea }>()).idea;
    expect(done).toMatchObject({ status: 'done', statusNote: null });
    expect(done.statusAt).toBeGreaterThanOrEqual(idea.statusAt ?? 0);
    expect((await list(site, '?sort=done')).ideas.map((i) => i.id)).toEqual([id]);
    expect((await list(site, '?sort=top')).ideas).toEqual([]);
  });

  it('refuses bad changes with their codes', async () => {
    const site = await anIdeaSite();
    const { agent } = await staffOf(site);
    const id = await anIdea(site);
    await expectError(patch(agent, id, { status: 'shipped' }), 400, 'invalid_idea_status');
    await expectError(patch(agent, id, { note: 'x'.repeat(1001) }), 400, 'idea_note_too_long');
    await expectError(patch(agent, id, {}), 400, 'nothing_to_change');
    await expectError(patch(agent, id, { moderation: 'deleted' }), 400, 'invalid_idea_moderation');
    await expectError(patch(agent, crypto.randomUUID(), { status: 'planned' }), 404, 'idea_not_found');
    await expectError(patch(agent, 'not-a-uuid', { status: 'planned' }), 400, 'invalid_input');
    expect((await detail(site, id)).idea).toMatchObject({ status: 'new', statusNote: null, statusAt: null });
  });

  it('publishes a held idea, or removes one from the board', async () => {
    const site = await anIdeaSite();
    const { agent } = await staffOf(site);
    const held = await anIdea(site, { moderation: 'held' });
    const shown = await anIdea(site);
    expect((await list(site)).ideas.map((i) => i.id)).toEqual([shown]);
    expect((await patch(agent, held, { moderation: 'published' })).status).toBe(200);
    expect((await patch(agent, shown, { moderation: 'removed' })).status).toBe(200);
    expect((await list(site)).ideas.map((i) => i.id)).toEqual([held]);
    await expectError(call(site, `/ideas/${shown}`), 404, 'idea_not_found');
  });
});

describe('merging duplicates', () => {
  it('moves votes (each voter once) and comments, keeps counts exact and marks the duplicate', async () => {
    const site = await anIdeaSite();
    const { agent } = await staffOf(site);
    const target = (await shareIdea(site, { title: 'Petite sizes for jackets' })).idea.id;
    const source = (await shareIdea(site, { title: 'Shorter sleeves please' })).idea.id;
    const older = await anIdea(site, { title: 'Short arms need jackets too' });
    const [both, onlySource, onlyTarget, onlyOlder] = [aVisitor(), aVisitor(), aVisitor(), aVisitor()];
    for (const v of [both, onlySource]) await vote(site, source, v);
    for (const v of [both, onlyTarget]) await vote(site, target, v);
    await vote(site, older, onlyOlder);
    await comment(site, source, 'Sleeves are always too long');
    await comment(site, target, 'Please do this');
    // A duplicate merged into the source earlier ends up pointing at the target too.
    expect((await merge(agent, older, source)).status).toBe(200);
    expect(await recount(site, source)).toMatchObject({ stored: 3, votes: 3 });

    const res = await merge(agent, source, target);
    expect(res.status, await res.clone().text()).toBe(200);
    const { idea } = await res.json<{ idea: ConsoleIdea }>();
    expect(idea).toMatchObject({ id: target, voteCount: 4, commentCount: 2 });
    expect([...idea.mergedFrom].sort()).toEqual([source, older].sort());
    expect(await recount(site, target)).toEqual({ stored: 4, votes: 4, storedComments: 2, comments: 2 });
    expect(await recount(site, source)).toEqual({ stored: 0, votes: 0, storedComments: 0, comments: 0 });
    const voters = await env.DB.prepare('SELECT voter FROM idea_votes WHERE site_id = ? AND idea_id = ? ORDER BY voter').bind(site.id, target).all<{ voter: string }>();
    expect(voters.results.map((r) => r.voter)).toEqual([both, onlySource, onlyTarget, onlyOlder].map((v) => `v:${v}`).sort());

    expect((await detail(site, source)).idea.mergedInto).toBe(target);
    expect((await detail(site, older)).idea.mergedInto).toBe(target);
    const seen = await detail(site, target, { visitor: both });
    expect(seen.idea.voted).toBe(true);
    expect(seen.comments.map((c) => c.body)).toEqual(['Sleeves are always too long', 'Please do this']);
    expect((await list(site)).ideas.map((i) => i.id)).toEqual([target]);
    expect((await page(agent)).ideas.map((i) => i.id)).toEqual([target]);
    // A vote already moved: voting again on the target keeps one per shopper.
    await expect((await vote(site, target, onlySource)).json()).resolves.toEqual({ voted: true, voteCount: 4 });
  });

  it('refuses to merge into itself, into a merged idea, a merged idea again, or unknown ideas', async () => {
    const site = await anIdeaSite();
    const { agent } = await staffOf(site);
    const [a, b, c] = [await anIdea(site), await anIdea(site), await anIdea(site)];
    await expectError(merge(agent, a, a), 400, 'merge_into_itself');
    expect((await merge(agent, b, a)).status).toBe(200);
    await expectError(merge(agent, c, b), 409, 'merge_target_merged');
    await expectError(merge(agent, b, c), 409, 'idea_already_merged');
    await expectError(merge(agent, a, crypto.randomUUID()), 404, 'idea_not_found');
    await expectError(merge(agent, crypto.randomUUID(), a), 404, 'idea_not_found');
    await expectError(consoleApi(`/ideas/${a}/merge`, { method: 'POST', cookie: agent, body: { into: 'nope' } }), 400, 'invalid_input');
    const rows = await env.DB.prepare('SELECT id, merged_into FROM ideas WHERE site_id = ? ORDER BY id').bind(site.id).all<{ id: string; merged_into: string | null }>();
    expect(Object.fromEntries(rows.results.map((r) => [r.id, r.merged_into]))).toEqual({ [a]: null, [b]: a, [c]: null });
  });

  it('never loops when two duplicates are merged into each other at the same time', async () => {
    const site = await anIdeaSite();
    const { agent } = await staffOf(site);
    const [a, b] = [await anIdea(site), await anIdea(site)];
    await vote(site, a, aVisitor());
    await vote(site, b, aVisitor());
    const results = await Promise.all([merge(agent, a, b), merge(agent, b, a)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const rows = await env.DB.prepare('SELECT count(*) AS n FROM ideas WHERE site_id = ? AND merged_into IS NULL').bind(site.id).first<{ n: number }>();
    expect(rows?.n).toBe(1);
    const kept = (await list(site)).ideas;
    expect(kept).toHaveLength(1);
    expect(kept[0]?.voteCount).toBe(2);
  });
});

describe('settings', () => {
  it('lets the owner turn the board off and on; agents may not', async () => {
    const site = await anIdeaSite();
    const { owner, agent } = await staffOf(site);
    await expect((await consoleApi('/ideas/settings', { cookie: owner })).json()).resolves.toEqual({ enabled: true } satisfies IdeaSettings);
    const off = await consoleApi('/ideas/settings', { method: 'PUT', cookie: owner, body: { enabled: false } });
    await expect(off.json()).resolves.toEqual({ enabled: false });
    await expectError(call(site, '/ideas'), 404, 'ideas_disabled');
    expect((await (await call(site, '')).json<{ site: { ideas: boolean } }>()).site.ideas).toBe(false);
    await expect((await consoleApi('/ideas/settings', { cookie: owner })).json()).resolves.toEqual({ enabled: false });

    await expectError(consoleApi('/ideas/settings', { cookie: agent }), 403, 'forbidden');
    await expectError(consoleApi('/ideas/settings', { method: 'PUT', cookie: agent, body: { enabled: true } }), 403, 'forbidden');
    await expectError(consoleApi('/ideas/settings', { method: 'PUT', cookie: owner, body: { enabled: 'yes' } }), 400, 'invalid_input');
    await expectError(consoleApi('/ideas/settings', { method: 'PUT', cookie: owner, body: { enabled: true }, origin: 'https://evil.example' }), 403, 'csrf_refused');
    await consoleApi('/ideas/settings', { method: 'PUT', cookie: owner, body: { enabled: true } });
    expect((await call(site, '/ideas')).status).toBe(200);
  });
});

describe('site scoping', () => {
  it('staff of one site can neither see nor change another site’s ideas', async () => {
    const site = await anIdeaSite();
    const other = await anIdeaSite();
    const { owner } = await staffOf(site);
    const mine = await anIdea(site);
    const theirs = await anIdea(other, { title: 'Their idea' });
    const theirsToo = await anIdea(other);
    expect((await page(owner)).ideas.map((i) => i.id)).toEqual([mine]);
    await expectError(patch(owner, theirs, { status: 'declined', note: 'No.' }), 404, 'idea_not_found');
    await expectError(merge(owner, theirs, theirsToo), 404, 'idea_not_found');
    await expectError(merge(owner, mine, theirs), 404, 'idea_not_found');
    await expectError(merge(owner, theirs, mine), 404, 'idea_not_found');
    await consoleApi('/ideas/settings', { method: 'PUT', cookie: owner, body: { enabled: false } });
    expect((await call(other, '/ideas')).status).toBe(200);
    const stored = await env.DB.prepare('SELECT status, merged_into FROM ideas WHERE site_id = ? AND id = ?').bind(other.id, theirs).first();
    expect(stored).toEqual({ status: 'new', merged_into: null });
  });
});
