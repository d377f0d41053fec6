/**
 * The influence score 1–5: the README's formula against hand-computed fixtures, and the nightly
 * recount reading every factor from the source tables.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { influenceFor, refreshEngagement, refreshReputation, type InfluenceInputs } from '../../../worker/src/domain/influence.ts';
import { aQuestion } from '../../fixtures/rows.ts';
import { aCommunity, aReviewBy, aShopper, aVisitor, accept, anAnswerBy, anIdeaBy, call, profileRow, voteDirect } from '../routes/reputation-helpers.ts';

const DAY = 24 * 3600e3;
const NOW = Date.UTC(2026, 10, 23, 3, 0, 0);
const none: InfluenceInputs = { views: 0, helpfulVotes: 0, accepted: 0, reviews: 0, ideaActivity: 0, since: null, complaints: 0, removed: 0 };

describe('influenceFor', () => {
  it('is 1 for someone Samen knows nothing about', () => {
    expect(influenceFor(none, NOW)).toMatchObject({ raw: 0, score: 1 });
  });

  it('weighs each factor up to its target (hand-computed: 0.62 → 3)', () => {
    // reach 500/1000 × 0.2 = 0.1, helpful 10/20 × 0.2 = 0.1, accepted 5/10 × 0.2 = 0.1,
    // reviews 5/5 × 0.15 = 0.15, ideas 4/20 × 0.1 = 0.02, tenure 365/365 × 0.15 = 0.15 → 0.62
    // → 1 + round(4 × 0.62) = 1 + round(2.48) = 3
    const why = influenceFor({ ...none, views: 500, helpfulVotes: 10, accepted: 5, reviews: 5, ideaActivity: 4, since: NOW - 365 * DAY }, NOW);
    expect(why.raw).toBe(0.62);
    expect(why.score).toBe(3);
    expect(why.factors.map((f) => [f.key, f.value, f.share])).toEqual([
      ['reach', 500, 0.5],
      ['helpful', 10, 0.5],
      ['accepted', 5, 0.5],
      ['reviews', 5, 1],
      ['ideas', 4, 0.2],
      ['tenure', 365, 1],
    ]);
  });

  it('caps each factor at its target, so one factor alone cannot make a 5 (hand-computed: 0.85 → 4)', () => {
    // Everything at its target but tenure (0 days): 1 − 0.15 = 0.85 → 1 + round(3.4) = 4.
    const why = influenceFor({ ...none, views: 1e6, helpfulVotes: 20, accepted: 10, reviews: 5, ideaActivity: 20, since: NOW }, NOW);
    expect(why).toMatchObject({ raw: 0.85, score: 4 });
  });

  it('takes off for complaints and removed posts, at most 0.5 (hand-computed: 1 − 0.1 → 5, 1 − 0.5 → 3)', () => {
    const full = { ...none, views: 1000, helpfulVotes: 20, accepted: 10, reviews: 5, ideaActivity: 20, since: NOW - 400 * DAY };
    expect(influenceFor({ ...full, complaints: 1 }, NOW)).toMatchObject({ raw: 0.9, score: 5, negative: { complaints: 1, removed: 0, penalty: 0.1 } });
    expect(influenceFor({ ...full, complaints: 1, removed: 3 }, NOW)).toMatchObject({ raw: 0.5, score: 3, negative: { penalty: 0.5 } });
    expect(influenceFor({ ...none, removed: 1 }, NOW)).toMatchObject({ raw: 0, score: 1 });
  });
});

describe('refreshEngagement', () => {
  it('reads every factor from the source tables (hand-computed: 0.14 → 2)', async () => {
    const { site } = await aCommunity();
    const anna = await aShopper(site);
    await env.DB.prepare('UPDATE members SET first_seen_at = ? WHERE site_id = ? AND sub = ?').bind(NOW - 73 * DAY, site.id, anna.sub).run();
    const first = await anAnswerBy(site, anna.sub);
    const second = await anAnswerBy(site, anna.sub);
    await accept(site, first.question.id, first.answer.id);
    for (let i = 0; i < 4; i++) await voteDirect(site, second.answer.id, `v:${aVisitor()}`);
    const review = await aReviewBy(site, anna.sub);
    await anIdeaBy(site, anna.sub, 'new', 3);
    const complaint = await aQuestion(env.DB, { site, authorSub: anna.sub, authorName: 'Anna de Vries' });
    await env.DB.batch([
      env.DB.prepare('UPDATE questions SET view_count = ? WHERE site_id = ? AND id = ?').bind(300, site.id, first.question.id),
      env.DB.prepare('UPDATE questions SET view_count = ? WHERE site_id = ? AND id = ?').bind(100, site.id, second.question.id),
      env.DB.prepare('UPDATE reviews SET view_count = ? WHERE site_id = ? AND id = ?').bind(100, site.id, review),
      env.DB.prepare('UPDATE questions SET complaint = 1 WHERE site_id = ? AND id = ?').bind(site.id, complaint.id),
    ]);
    await refreshEngagement(env.DB, site.id, NOW);
    // reach 500 → 0.1; helpful 4/20 × 0.2 = 0.04; accepted 1/10 × 0.2 = 0.02; reviews 1/5 × 0.15 = 0.03;
    // ideas (1 idea + 3 votes) 4/20 × 0.1 = 0.02; tenure 73/365 × 0.15 = 0.03 → 0.24; one complaint −0.1 → 0.14
    // → 1 + round(0.56) = 2. Points: 2 answers × 2 + 15 + 4 + 5 = 28.
    const row = await env.DB.prepare('SELECT points, influence, influence_factors, influence_at FROM member_profiles WHERE site_id = ? AND member_key = ?')
      .bind(site.id, anna.key)
      .first<{ points: number; influence: number; influence_factors: string; influence_at: number }>();
    expect(row).toMatchObject({ points: 28, influence: 2, influence_at: NOW });
    const why = JSON.parse(row!.influence_factors) as { raw: number; factors: { key: string; value: number }[] };
    expect(why.raw).toBe(0.14);
    expect(why.factors.map((f) => [f.key, f.value])).toEqual([
      ['reach', 500],
      ['helpful', 4],
      ['accepted', 1],
      ['reviews', 1],
      ['ideas', 4],
      ['tenure', 73],
    ]);
  });

  it('counts a view each time a question’s answers are fetched', async () => {
    const { site } = await aCommunity();
    const anna = await aShopper(site);
    const { question } = await anAnswerBy(site, anna.sub);
    for (let i = 0; i < 3; i++) expect((await call(site, `/questions/${question.id}/answers`)).status).toBe(200);
    await vi.waitFor(async () =>
      expect(await env.DB.prepare('SELECT view_count FROM questions WHERE site_id = ? AND id = ?').bind(site.id, question.id).first('view_count')).toBe(3),
    );
    await refreshEngagement(env.DB, site.id, NOW);
    expect(await profileRow(site, anna.key)).toMatchObject({ influence: 1, influence_at: NOW });
    // A recount after a write updates points but leaves last night's score (and its time) alone.
    await anAnswerBy(site, anna.sub);
    await refreshReputation(env.DB, site.id, anna.key, NOW + DAY);
    expect(await profileRow(site, anna.key)).toMatchObject({ points: 4, influence: 1, influence_at: NOW });
  });
});
