/**
 * The idea board tells the site's webhooks about published ideas (`idea.created`) and about staff
 * changing an idea's public status (`idea.status_changed`), never about held ideas, and never with
 * an author's member or visitor id.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { SiteRow } from '../../fixtures/rows.ts';
import { anIdeaSite, consoleApi, shareIdea, staffOf } from './ideas-helpers.ts';

async function subscribe(site: SiteRow, events: string[]): Promise<void> {
  await env.DB.prepare(`INSERT INTO webhooks (site_id, id, url, events, secret, created_at) VALUES (?, ?, 'https://hooks.example/samen', ?, 'whsec_x', 0)`)
    .bind(site.id, crypto.randomUUID(), JSON.stringify(events))
    .run();
}

async function deliveries(site: SiteRow, event: string): Promise<{ event: string; data: Record<string, unknown> }[]> {
  const { results } = await env.DB.prepare('SELECT payload FROM webhook_deliveries WHERE site_id = ? AND event = ? ORDER BY created_at')
    .bind(site.id, event)
    .all<{ payload: string }>();
  return results.map((r) => JSON.parse(r.payload) as { event: string; data: Record<string, unknown> });
}

describe('idea webhooks', () => {
  it('sends idea.created for a published idea only, without ids of its author', async () => {
    const site = await anIdeaSite();
    await env.DB.prepare(`UPDATE sites SET blocklist = '["rubbish"]' WHERE id = ?`).bind(site.id).run();
    await subscribe(site, ['idea.created']);
    // The held one first: had it been sent, its delivery would be there before the published one's.
    const held = await shareIdea(site, { title: 'This rubbish idea waits for review' });
    expect(held.notice.status).toBe('held');
    const { idea } = await shareIdea(site, { title: 'A hood that fits over a helmet' });
    await expect.poll(async () => (await deliveries(site, 'idea.created')).some((d) => JSON.stringify(d).includes(idea.id))).toBe(true);
    expect(await deliveries(site, 'idea.created')).toHaveLength(1);
    const [sent] = await deliveries(site, 'idea.created');
    expect(sent).toMatchObject({ event: 'idea.created', data: { idea: { id: idea.id, title: 'A hood that fits over a helmet', status: 'new' } } });
    expect(JSON.stringify(sent)).not.toMatch(/v_[A-Za-z0-9_-]{20,}|author_?(sub|visitor)/i);
  });

  it('sends idea.status_changed with the previous status when staff change it, not for a note alone', async () => {
    const site = await anIdeaSite();
    await subscribe(site, ['idea.status_changed']);
    const { idea } = await shareIdea(site);
    const { agent } = await staffOf(site);
    const change = (body: unknown) => consoleApi(`/ideas/${idea.id}`, { method: 'PATCH', cookie: agent, body });
    expect((await change({ status: 'planned', note: 'Next spring.' })).status).toBe(200);
    expect((await change({ note: 'Next spring, in three colours.' })).status).toBe(200);
    await expect.poll(() => deliveries(site, 'idea.status_changed')).toHaveLength(1);
    const [sent] = await deliveries(site, 'idea.status_changed');
    expect(sent).toMatchObject({ data: { idea: { id: idea.id, status: 'planned', statusNote: 'Next spring.' }, previousStatus: 'new' } });
  });
});
