/**
 * The console's Community API: members with points, level, badges and influence; promotion to
 * ambassador or expert (which the widget's expert view follows); owner-only changes; site scoping;
 * the influence score next to the shopper in the queue, and never in the shopper's API.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Answer, Me, OpenQuestion } from '../../../worker/src/api-types.ts';
import type { CommunityMember } from '../../../worker/src/reputation-types.ts';
import type { QueueItemDetail, QueuePage } from '../../../worker/src/routes/console-types.ts';
import { refreshEngagement } from '../../../worker/src/domain/influence.ts';
import { aProductId, aQuestion } from '../../fixtures/rows.ts';
import {
  aCommunity,
  aShopper,
  aVisitor,
  anAnswerBy,
  answersOf,
  call,
  consoleApi,
  expectError,
  membersOf,
  profileRow,
} from './reputation-helpers.ts';

async function promote(cookie: string, profileId: string, body: unknown) {
  return consoleApi(`/members/${profileId}/role`, { method: 'PUT', cookie, body });
}

async function me(site: { id: string }, token: string): Promise<Me> {
  return (await (await call(site, '/me', { token })).json<{ me: Me }>()).me;
}

describe('GET /members', () => {
  it('lists the session’s site’s contributors by points, with level, badges, role and influence', async () => {
    const { site, ownerCookie, agentCookie } = await aCommunity();
    const other = await aCommunity();
    const anna = await aShopper(site);
    const bram = await aShopper(site, { name: 'Bram Bakker' });
    for (let i = 0; i < 3; i++) await anAnswerBy(site, anna.sub);
    await anAnswerBy(site, bram.sub);
    await anAnswerBy(other.site, (await aShopper(other.site, { name: 'Elsewhere' })).sub);
    await refreshEngagement(env.DB, site.id, Date.now());
    const members = await membersOf(ownerCookie);
    const named = members.filter((m) => m.kind === 'member');
    expect(named.map((m) => [m.name, m.points])).toEqual([
      ['Anna de Vries', 6],
      ['Bram Bakker', 2],
    ]);
    expect(named[0]).toMatchObject({ level: 'newcomer', badges: ['first_answer'], role: 'shopper', influence: expect.any(Number) });
    expect(named[0]?.influenceWhy?.factors.map((f) => f.key)).toEqual(['reach', 'helpful', 'accepted', 'reviews', 'ideas', 'tenure']);
    expect(JSON.stringify(members)).not.toContain('Elsewhere');
    // Agents may read (the queue shows influence too); changes are the owner's.
    expect((await membersOf(agentCookie)).length).toBe(members.length);
  });

  it('needs a session', async () => {
    await expectError(await consoleApi('/members'), 401, 'not_signed_in');
  });
});

describe('promotion', () => {
  it('makes a shopper an expert for chosen products: badge, open questions in the widget, expert answers; demotion undoes it', async () => {
    const { site, ownerCookie } = await aCommunity();
    const anna = await aShopper(site);
    await anAnswerBy(site, anna.sub);
    await refreshEngagement(env.DB, site.id, Date.now());
    const profileId = (await profileRow(site, anna.key))!.public_id;
    const boots = aProductId('boots');
    const open = await aQuestion(env.DB, { site, productId: boots, text: 'Are these boots waterproof?', authorVisitor: aVisitor() });

    await expectError(await call(site, `/open-questions`, { token: anna.token }), 403, 'experts_only');
    const res = await promote(ownerCookie, profileId, { role: 'expert', products: [boots] });
    expect(res.status, await res.clone().text()).toBe(200);
    const { member } = await res.json<{ member: CommunityMember }>();
    expect(member).toMatchObject({ role: 'expert', products: [boots], badges: ['verified_expert', 'first_answer'] });

    expect(await me(site, anna.token)).toMatchObject({ role: 'expert', products: [boots] });
    const listed = await call(site, `/open-questions`, { token: anna.token });
    expect(listed.status).toBe(200);
    expect((await listed.json<{ questions: OpenQuestion[] }>()).questions.map((q) => q.id)).toEqual([open.id]);
    const answered = await call(site, `/questions/${open.id}/answers`, { method: 'POST', token: anna.token, body: { text: 'Yes, fully taped seams.' } });
    expect((await answered.json<{ answer: Answer }>()).answer.authorRole).toBe('expert');

    const demoted = await promote(ownerCookie, profileId, { role: 'shopper', products: [boots] });
    expect((await demoted.json<{ member: CommunityMember }>()).member).toMatchObject({ role: 'shopper', products: [] });
    expect(await me(site, anna.token)).toMatchObject({ role: 'shopper', products: [] });
    await expectError(await call(site, `/open-questions`, { token: anna.token }), 403, 'experts_only');
  });

  it('lets an ambassador see open questions of their products while their answers stay a shopper’s', async () => {
    const { site, ownerCookie } = await aCommunity();
    const anna = await aShopper(site);
    await anAnswerBy(site, anna.sub);
    await refreshEngagement(env.DB, site.id, Date.now());
    const profileId = (await profileRow(site, anna.key))!.public_id;
    const tent = aProductId('tent');
    const open = await aQuestion(env.DB, { site, productId: tent, authorVisitor: aVisitor() });
    expect((await promote(ownerCookie, profileId, { role: 'ambassador', products: [tent] })).status).toBe(200);
    expect(await me(site, anna.token)).toMatchObject({ role: 'expert', products: [tent] });
    const listed = await call(site, `/open-questions`, { token: anna.token });
    expect((await listed.json<{ questions: OpenQuestion[] }>()).questions.map((q) => q.id)).toEqual([open.id]);
    const answered = await call(site, `/questions/${open.id}/answers`, { method: 'POST', token: anna.token, body: { text: 'I used it on Texel, dry all week.' } });
    expect((await answered.json<{ answer: Answer }>()).answer.authorRole).toBe('shopper');
    expect(JSON.parse((await profileRow(site, anna.key))!.badges)).toContain('ambassador');
  });

  it('is the owner’s: agents get 403, visitors cannot be promoted, bad input is 400, another site’s member is 404', async () => {
    const { site, ownerCookie, agentCookie } = await aCommunity();
    const other = await aCommunity();
    const anna = await aShopper(site);
    const { question } = await anAnswerBy(site, anna.sub);
    await refreshEngagement(env.DB, site.id, Date.now());
    const profileId = (await profileRow(site, anna.key))!.public_id;
    const visitorId = (await profileRow(site, `v:${question.authorVisitor}`))!.public_id;

    await expectError(await promote(agentCookie, profileId, { role: 'expert', products: [] }), 403, 'forbidden');
    await expectError(await promote(ownerCookie, visitorId, { role: 'ambassador', products: [] }), 409, 'not_a_member');
    await expectError(await promote(ownerCookie, profileId, { role: 'admin', products: [] }), 400, 'invalid_member_role');
    await expectError(await promote(ownerCookie, profileId, { role: 'expert', products: ['no spaces'] }), 400, 'invalid_products');
    await expectError(await promote(other.ownerCookie, profileId, { role: 'expert', products: [] }), 404, 'member_not_found');
    await expectError(await consoleApi(`/members/${profileId}`, { cookie: other.ownerCookie }), 404, 'member_not_found');
    await expectError(await consoleApi('/members/recompute', { method: 'POST', cookie: agentCookie }), 403, 'forbidden');
    await expectError(
      await consoleApi('/reputation/settings', { method: 'PUT', cookie: agentCookie, body: { levels: [] } }),
      403,
      'forbidden',
    );
    expect((await profileRow(site, anna.key))!.role).toBe('shopper');
  });
});

describe('influence in the queue', () => {
  it('shows staff the shopper’s score and why, and never the shopper', async () => {
    const { site, ownerCookie } = await aCommunity();
    const anna = await aShopper(site);
    for (let i = 0; i < 4; i++) await anAnswerBy(site, anna.sub);
    // A personal question goes to the queue.
    const asked = await call(site, `/products/${aProductId()}/questions`, {
      method: 'POST',
      token: anna.token,
      body: { text: 'Where is the invoice for my order 1042?' },
    });
    expect(asked.status, await asked.clone().text()).toBe(201);
    const recompute = await consoleApi('/members/recompute', { method: 'POST', cookie: ownerCookie });
    expect(recompute.status).toBe(200);
    const score = (await profileRow(site, anna.key))!.influence;
    expect(score).toBeGreaterThanOrEqual(1);

    const page = await (await consoleApi('/queue', { cookie: ownerCookie })).json<QueuePage>();
    const item = page.items.find((i) => i.shopper.name === 'Anna de Vries');
    expect(item?.influence).toMatchObject({ score, why: { score, factors: expect.any(Array) } });
    const detail = await (await consoleApi(`/queue/${item!.id}`, { cookie: ownerCookie })).json<QueueItemDetail>();
    expect(detail.item.influence?.score).toBe(score);

    // The shopper's own views of the same data carry no score.
    for (const path of ['/me', '/me/questions', `/questions/${(await asked.json<{ question: { id: string } }>()).question.id}/answers`]) {
      const res = await call(site, path, { token: anna.token });
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).not.toMatch(/influence|"why"|factors/);
    }
    const { id: publicQuestion } = await aQuestion(env.DB, { site, authorVisitor: aVisitor() });
    const shown = await answersOf(site, publicQuestion);
    expect(JSON.stringify(shown)).not.toContain('influence');
  });
});
