/**
 * Reputation as shoppers and owners meet it: points from the site's table recounted from the
 * source tables, levels and badges, farming that does not pay, the author's level on answers and
 * the profile card, and the nightly recount.
 */
import { env } from 'cloudflare:workers';
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import type { ProfileCard } from '../../../worker/src/reputation-types.ts';
import { refreshEngagement } from '../../../worker/src/domain/influence.ts';
import { networkPrefix } from '../../../worker/src/domain/reputation.ts';
import worker from '../../../worker/src/index.ts';
import { aProductId, aQuestion, anAnswer } from '../../fixtures/rows.ts';
import {
  aCommunity,
  aReviewBy,
  aShopper,
  aVisitor,
  accept,
  anAnswerBy,
  anIdeaBy,
  answersOf,
  call,
  consoleApi,
  expectError,
  profileRow,
  voteDirect,
} from './reputation-helpers.ts';

describe('points, levels and badges', () => {
  it('adds up the default table from the source tables, and a recount gives the same', async () => {
    const { site } = await aCommunity();
    const anna = await aShopper(site);
    const answered = [];
    for (let i = 0; i < 3; i++) answered.push(await anAnswerBy(site, anna.sub));
    await accept(site, answered[0]!.question.id, answered[0]!.answer.id);
    await voteDirect(site, answered[1]!.answer.id, `v:${aVisitor()}`);
    await voteDirect(site, answered[2]!.answer.id, `v:${aVisitor()}`);
    await aReviewBy(site, anna.sub);
    await aReviewBy(site, anna.sub, 'removed'); // removed content earns nothing
    await anIdeaBy(site, anna.sub, 'planned');
    await anIdeaBy(site, anna.sub, 'declined');
    await refreshEngagement(env.DB, site.id, Date.now());
    // 3 answers × 2 + 1 accepted × 15 + 2 helpful × 1 + 1 review × 5 + 1 idea adopted × 10 = 38
    const row = await profileRow(site, anna.key);
    expect(row).toMatchObject({ points: 38, level: 'regular', accepted_count: 1, helpful_count: 2 });
    expect(JSON.parse(row!.badges)).toEqual(['first_answer']);
    await refreshEngagement(env.DB, site.id, Date.now());
    expect(await profileRow(site, anna.key)).toMatchObject({ points: 38, public_id: row!.public_id });
  });

  it('gives nothing for accepting your own answer to your own question', async () => {
    const { site } = await aCommunity();
    const anna = await aShopper(site);
    const { question, answer } = await anAnswerBy(site, anna.sub, { asker: { authorSub: anna.sub, authorVisitor: null } });
    await accept(site, question.id, answer.id);
    await refreshEngagement(env.DB, site.id, Date.now());
    expect(await profileRow(site, anna.key)).toMatchObject({ points: 2, accepted_count: 0 });
  });

  it('follows the owner’s points table and level thresholds at once', async () => {
    const { site, ownerCookie } = await aCommunity();
    const anna = await aShopper(site);
    await anAnswerBy(site, anna.sub);
    await refreshEngagement(env.DB, site.id, Date.now());
    expect(await profileRow(site, anna.key)).toMatchObject({ points: 2, level: 'newcomer' });
    const res = await consoleApi('/reputation/settings', {
      method: 'PUT',
      cookie: ownerCookie,
      body: {
        points: { answer: 30, accepted: 15, helpfulVote: 1, review: 5, ideaAdopted: 10, voteCap: 3 },
        levels: [
          { key: 'newcomer', min: 0, name: 'Rookie' },
          { key: 'regular', min: 20, name: null },
          { key: 'ambassador', min: 200, name: 'Noordkust Hero' },
        ],
      },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await profileRow(site, anna.key)).toMatchObject({ points: 30, level: 'regular' });
  });

  it('refuses a points table or levels that make no sense, and keeps what was stored', async () => {
    const { site, ownerCookie } = await aCommunity();
    const put = (body: unknown) => consoleApi('/reputation/settings', { method: 'PUT', cookie: ownerCookie, body });
    await expectError(await put({ points: { answer: -1, accepted: 15, helpfulVote: 1, review: 5, ideaAdopted: 10, voteCap: 3 } }), 400, 'invalid_points');
    await expectError(
      await put({ levels: [{ key: 'newcomer', min: 0, name: null }, { key: 'regular', min: 50, name: null }, { key: 'ambassador', min: 40, name: null }] }),
      400,
      'invalid_levels',
    );
    await expectError(await put({}), 400, 'nothing_to_change');
    const res = await consoleApi('/reputation/settings', { cookie: ownerCookie });
    expect((await res.json<{ settings: { points: { answer: number } } }>()).settings.points.answer).toBe(2);
  });

  it('awards ten accepted answers, the month’s top answerer of a product, and verified experts', async () => {
    const { site } = await aCommunity();
    const anna = await aShopper(site);
    const bram = await aShopper(site, { name: 'Bram' });
    const eva = await aShopper(site, { name: 'Eva', role: 'expert', products: ['boots'] });
    const product = aProductId();
    for (let i = 0; i < 10; i++) {
      const { question, answer } = await anAnswerBy(site, anna.sub, { productId: product });
      await accept(site, question.id, answer.id);
    }
    await anAnswerBy(site, bram.sub, { productId: product });
    await anAnswerBy(site, bram.sub, { productId: product });
    // Last month's answers do not make Bram this month's top answerer.
    for (let i = 0; i < 12; i++) await anAnswerBy(site, bram.sub, { productId: product, createdAt: Date.now() - 40 * 24 * 3600e3 });
    await anAnswerBy(site, eva.sub);
    await refreshEngagement(env.DB, site.id, Date.now());
    expect(JSON.parse((await profileRow(site, anna.key))!.badges)).toEqual(['top_answerer', 'accepted_10', 'first_answer']);
    expect(JSON.parse((await profileRow(site, bram.key))!.badges)).toEqual(['first_answer']);
    expect(JSON.parse((await profileRow(site, eva.key))!.badges)).toEqual(['verified_expert', 'first_answer']);
  });
});

describe('farming does not pay', () => {
  it('ignores self-votes and caps votes per voter and per network on one member', async () => {
    const { site } = await aCommunity();
    const anna = await aShopper(site);
    const farmer = aVisitor();
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push((await anAnswerBy(site, anna.sub)).answer);
    // One visitor votes for all six of Anna's answers: only 3 (the cap) count.
    for (const a of answers) expect((await call(site, `/answers/${a.id}/helpful`, { method: 'PUT', visitor: farmer, body: { helpful: true } })).status).toBe(200);
    // Twenty fresh visitor ids from one home network (one /24) on one answer: 3 more count.
    for (let i = 0; i < 20; i++) {
      const res = await call(site, `/answers/${answers[0]!.id}/helpful`, { method: 'PUT', visitor: aVisitor(), ip: `203.0.113.${i + 1}`, body: { helpful: true } });
      expect(res.status).toBe(200);
    }
    // Anna's own vote is refused by the API, and one slipped into the table does not count either.
    await expectError(await call(site, `/answers/${answers[1]!.id}/helpful`, { method: 'PUT', token: anna.token, body: { helpful: true } }), 403, 'own_answer');
    await voteDirect(site, answers[1]!.id, anna.key);
    await refreshEngagement(env.DB, site.id, Date.now());
    // 6 answers × 2 + (3 + 3) capped votes × 1 = 18, not 12 + 27.
    expect(await profileRow(site, anna.key)).toMatchObject({ points: 18, helpful_count: 6 });

    // Five shoppers on five different networks each count in full.
    for (let i = 0; i < 5; i++) {
      await call(site, `/answers/${answers[2]!.id}/helpful`, { method: 'PUT', visitor: aVisitor(), ip: `198.51.${i}.7`, body: { helpful: true } });
    }
    await refreshEngagement(env.DB, site.id, Date.now());
    expect(await profileRow(site, anna.key)).toMatchObject({ points: 23, helpful_count: 11 });
  });

  it('stores only a keyed hash of the network, and forgets it with the vote', async () => {
    const { site } = await aCommunity();
    const anna = await aShopper(site);
    const { answer } = await anAnswerBy(site, anna.sub);
    const voter = aVisitor();
    await call(site, `/answers/${answer.id}/helpful`, { method: 'PUT', visitor: voter, ip: '192.0.2.55', body: { helpful: true } });
    const origin = await env.DB.prepare('SELECT ip_cluster FROM vote_origins WHERE site_id = ? AND target_id = ?').bind(site.id, answer.id).first<{ ip_cluster: string }>();
    expect(origin?.ip_cluster).toMatch(/^[0-9a-f]{32}$/);
    expect(origin?.ip_cluster).not.toContain('192.0.2');
    await call(site, `/answers/${answer.id}/helpful`, { method: 'PUT', visitor: voter, ip: '192.0.2.55', body: { helpful: false } });
    expect(await env.DB.prepare('SELECT count(*) AS n FROM vote_origins WHERE site_id = ? AND target_id = ?').bind(site.id, answer.id).first('n')).toBe(0);
  });

  it('groups addresses by /24 and /48', () => {
    expect(networkPrefix('203.0.113.9')).toBe(networkPrefix('203.0.113.200'));
    expect(networkPrefix('203.0.113.9')).not.toBe(networkPrefix('203.0.114.9'));
    expect(networkPrefix('2001:db8:abcd:1::1')).toBe(networkPrefix('2001:0db8:abcd:ffff:1:2:3:4'));
    expect(networkPrefix('2001:db8:abcd::1')).not.toBe(networkPrefix('2001:db8:abce::1'));
    expect(networkPrefix('local')).toBeNull();
    expect(networkPrefix('999.1.1.1')).toBeNull();
  });
});

describe('reputation in the widget', () => {
  it('shows members’ level and badges on answers, recounted right after they write, and nothing private', async () => {
    const { site } = await aCommunity();
    const anna = await aShopper(site);
    const question = await aQuestion(env.DB, { site, authorVisitor: aVisitor() });
    const res = await call(site, `/questions/${question.id}/answers`, { method: 'POST', token: anna.token, body: { text: 'Yes, it runs half a size small.' } });
    expect(res.status).toBe(201);
    await anAnswer(env.DB, { question, authorVisitor: aVisitor(), authorName: 'Guest' });
    // The recount runs after the response (waitUntil).
    await vi.waitFor(async () => expect(await profileRow(site, anna.key)).toMatchObject({ points: 2 }));
    const shown = await answersOf(site, question.id);
    const byAnna = shown.find((a) => a.authorName === 'Anna de Vries');
    expect(byAnna?.reputation).toEqual({ profileId: expect.stringMatching(/^p_[0-9a-f]{20}$/), level: 'newcomer', levelName: null, badges: ['first_answer'] });
    // Anonymous visitors get no public profile: it would link their posts to each other.
    expect(shown.find((a) => a.authorName === 'Guest')?.reputation).toBeUndefined();
    const text = JSON.stringify(shown);
    for (const secret of [anna.sub, anna.key, 'influence', 'anna@example.com', 'member_key']) expect(text).not.toContain(secret);
  });

  it('opens a profile card with what the member did, and 404s for unknown, visitor and other sites’ profiles', async () => {
    const { site } = await aCommunity();
    const other = await aCommunity();
    const anna = await aShopper(site);
    const { question, answer } = await anAnswerBy(site, anna.sub);
    await anAnswerBy(site, anna.sub);
    await accept(site, question.id, answer.id);
    await aReviewBy(site, anna.sub);
    const visitor = aVisitor();
    await anAnswer(env.DB, { question, authorVisitor: visitor });
    await refreshEngagement(env.DB, site.id, Date.now());
    const { public_id } = (await profileRow(site, anna.key))!;
    const res = await call(site, `/profiles/${public_id}`);
    expect(res.status).toBe(200);
    const { profile } = await res.json<{ profile: ProfileCard }>();
    expect(profile).toEqual({
      profileId: public_id,
      name: 'Anna de Vries',
      role: 'shopper',
      level: 'newcomer',
      levelName: null,
      badges: ['first_answer'],
      answerCount: 2,
      acceptedCount: 1,
      reviewCount: 1,
      memberSince: expect.any(Number),
    });
    expect(JSON.stringify(profile)).not.toContain(anna.sub);
    await expectError(await call(other.site, `/profiles/${public_id}`), 404, 'profile_not_found');
    await expectError(await call(site, `/profiles/p_00000000000000000000`), 404, 'profile_not_found');
    await expectError(await call(site, `/profiles/not-an-id`), 400, 'invalid_profile');
    const visitorProfile = (await profileRow(site, `v:${visitor}`))!;
    await expectError(await call(site, `/profiles/${visitorProfile.public_id}`), 404, 'profile_not_found');
  });
});

describe('nightly recount', () => {
  it('runs on the 03:00 Cron Trigger (reputation and influence), not on the minute one', async () => {
    const { site } = await aCommunity();
    const anna = await aShopper(site);
    await anAnswerBy(site, anna.sub);
    const ctx = createExecutionContext();
    worker.scheduled(createScheduledController({ cron: '* * * * *', scheduledTime: Date.now() }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await profileRow(site, anna.key)).toBeNull();
    const night = createExecutionContext();
    worker.scheduled(createScheduledController({ cron: '0 3 * * *', scheduledTime: Date.now() }), env, night);
    await waitOnExecutionContext(night);
    expect(await profileRow(site, anna.key)).toMatchObject({ points: 2, level: 'newcomer', influence: expect.any(Number) });
  });
});
