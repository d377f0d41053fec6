/**
 * A member's part in the idea board under their privacy rights: the data export holds their
 * ideas, comments and votes; erasure treats their ideas and comments like their questions (kept
 * as "former member" or deleted, as the site chose) and always removes their votes.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { aVisitor, anIdea, anIdeaSite, call, detail, list, recount, shareIdea, shopperToken, vote } from './ideas-helpers.ts';

interface ExportWithIdeas {
  ideaBoard?: {
    ideas: { id: string; title: string; body: string; status: string }[];
    comments: { ideaId: string; body: string }[];
    votes: { ideaId: string }[];
  };
}

async function annaTookPart(eraseMode: 'anonymise' | 'delete' = 'anonymise') {
  const site = await anIdeaSite({ eraseMode });
  const sub = `cust-${crypto.randomUUID().slice(0, 8)}`;
  const anna = await shopperToken(site, sub, 'Anna Erasable');
  const { idea } = await shareIdea(site, { title: 'Recycled packaging please', body: 'All parcels in recycled cardboard, no plastic.' }, { token: anna });
  const others = await anIdea(site, { title: 'Someone else’s idea' });
  await vote(site, idea.id, aVisitor());
  await call(site, `/ideas/${others}/vote`, { method: 'PUT', token: anna });
  await call(site, `/ideas/${idea.id}/vote`, { method: 'PUT', token: anna });
  await call(site, `/ideas/${others}/comments`, { method: 'POST', token: anna, body: { body: 'Good one, Anna here' } });
  await call(site, `/ideas/${others}/comments`, { method: 'POST', visitor: aVisitor(), body: { body: 'Agreed by a visitor' } });
  return { site, sub, anna, mine: idea.id, others };
}

describe('idea board privacy', () => {
  it('exports the member’s ideas, comments and votes, and nothing about others', async () => {
    const { site, anna, mine, others } = await annaTookPart();
    const res = await call(site, '/me/export', { token: anna });
    expect(res.status).toBe(200);
    const data = await res.json<ExportWithIdeas>();
    expect(data.ideaBoard?.ideas).toMatchObject([{ id: mine, title: 'Recycled packaging please', body: 'All parcels in recycled cardboard, no plastic.', status: 'new' }]);
    expect(data.ideaBoard?.comments).toMatchObject([{ ideaId: others, body: 'Good one, Anna here' }]);
    expect(data.ideaBoard?.votes.map((v) => v.ideaId).sort()).toEqual([mine, others].sort());
    expect(JSON.stringify(data)).not.toContain('Agreed by a visitor');
  });

  it('anonymises the member’s ideas and comments and removes their votes, counts exact', async () => {
    const { site, sub, anna, mine, others } = await annaTookPart('anonymise');
    expect((await call(site, '/me', { method: 'DELETE', token: anna })).status).toBe(200);

    const personal = await env.DB.prepare(
      `SELECT (SELECT count(*) FROM ideas WHERE site_id = ?1 AND (author_sub = ?2 OR author_name = ?3)) +
              (SELECT count(*) FROM idea_comments WHERE site_id = ?1 AND (author_sub = ?2 OR author_name = ?3)) +
              (SELECT count(*) FROM idea_votes WHERE site_id = ?1 AND voter = 'm:' || ?2) AS n`,
    )
      .bind(site.id, sub, 'Anna Erasable')
      .first<{ n: number }>();
    expect(personal?.n).toBe(0);
    const kept = await detail(site, mine);
    expect(kept.idea).toMatchObject({ title: 'Recycled packaging please', authorName: null, formerMember: true, voteCount: 1 });
    const theirs = await detail(site, others);
    expect(theirs.idea.voteCount).toBe(0);
    expect(theirs.comments.map((c) => [c.body, c.authorName, c.formerMember])).toEqual([
      ['Good one, Anna here', null, true],
      ['Agreed by a visitor', null, false],
    ]);
    expect(await recount(site, mine)).toMatchObject({ stored: 1, votes: 1 });
    expect(await recount(site, others)).toEqual({ stored: 0, votes: 0, storedComments: 2, comments: 2 });
  });

  it('deletes the member’s ideas (with their votes and comments) and comments when the site erases by deleting', async () => {
    const { site, anna, mine, others } = await annaTookPart('delete');
    const commentOnMine = await call(site, `/ideas/${mine}/comments`, { method: 'POST', visitor: aVisitor(), body: { body: 'On Anna’s idea' } });
    expect(commentOnMine.status).toBe(201);
    const duplicate = await anIdea(site, { title: 'Less plastic in parcels' });
    await env.DB.prepare('UPDATE ideas SET merged_into = ? WHERE site_id = ? AND id = ?').bind(mine, site.id, duplicate).run();
    expect((await call(site, '/me', { method: 'DELETE', token: anna })).status).toBe(200);

    expect((await call(site, `/ideas/${mine}`)).status).toBe(404);
    // The duplicate merged into the erased idea is back on the board on its own.
    expect((await list(site)).ideas.map((i) => i.id).sort()).toEqual([others, duplicate].sort());
    expect((await detail(site, duplicate)).idea.mergedInto).toBeNull();
    const theirs = await detail(site, others);
    expect(theirs.comments.map((c) => c.body)).toEqual(['Agreed by a visitor']);
    expect(await recount(site, others)).toEqual({ stored: 0, votes: 0, storedComments: 1, comments: 1 });
    const leftovers = await env.DB.prepare(
      `SELECT (SELECT count(*) FROM idea_votes WHERE site_id = ?1 AND idea_id = ?2) +
              (SELECT count(*) FROM idea_comments WHERE site_id = ?1 AND idea_id = ?2) +
              (SELECT count(*) FROM ideas_fts WHERE rowid NOT IN (SELECT rowid FROM ideas)) AS n`,
    )
      .bind(site.id, mine)
      .first<{ n: number }>();
    expect(leftovers?.n).toBe(0);
  });
});
