/**
 * The Insights report against a small fixture whose every figure was counted by hand (below,
 * next to the rows): two sites with the same product ids (the other site's rows must never
 * count), a product filter, rows on both sides of the period's edges, validation and sign-in.
 *
 * The period is 2025-03-01 … 2025-03-03 (UTC): days D0, D1, D2.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InsightsReport } from '../../../worker/src/insights-types.ts';
import { aProductId, aSite, type SiteRow } from '../../fixtures/rows.ts';
import { aSession, aStaffMember } from '../../fixtures/staff.ts';
import { call, expectError } from './routing-helpers.ts';
import * as row from './insights-helpers.ts';
import { DAY, HOUR } from './insights-helpers.ts';

const D0 = Date.UTC(2025, 2, 1);
const D1 = D0 + DAY;
const D2 = D0 + 2 * DAY;
const D3 = D0 + 3 * DAY;
const dayNo = (ms: number) => Math.floor(ms / DAY);
const PERIOD = '?from=2025-03-01&to=2025-03-03';

interface Fixture {
  site: SiteRow;
  cookie: string;
  pA: string;
  pB: string;
  ids: Record<string, string>;
}

/**
 * Writes the fixture into `site`. Products pA "Storm jacket" and pB "Trail runner".
 *
 *  question  product  when        kind                               staff item
 *  qout1     pA       D0 − 1 ms   public (before the period)         –
 *  qa1       pA       D0 10:00    public; Anna 12:00 (accepted)      –
 *  qp1       pA       D0 11:00    private "invoice is missing"       personal, reply 1 h, resolved 4 h, within SLA
 *  qa2       pB       D1 09:00    public; staff 10:00, Piet 13:00,   –
 *                                 Anna 14:00
 *  qa5       pA       D1 12:00    public, removed by moderation      –
 *  qp2       pB       D1 10:00    private complaint "invoice         complaint, reply 8 h (SLA was 4 h)
 *                                 missing"
 *  qa3       pB       D2 08:00    public, unanswered                 timeout at D2 12:00, no reply
 *  qc1       pB       D2 09:00    checkout "parcel arrived damaged"  checkout, no reply
 *  qch1      pA       D2 14:00    chat "parcel arrived damaged"      personal, reply 30 min, within SLA
 *  qout2     pA       D3 00:00    private (after the period)         personal at D3 00:00
 */
async function arrange(site: SiteRow, pA: string, pB: string): Promise<Record<string, string>> {
  const s = site.id;
  await row.product(s, pA, 'Storm jacket');
  await row.product(s, pB, 'Trail runner');
  const ids: Record<string, string> = {};
  ids.qout1 = await row.question(s, { productId: pA, at: D0 - 1 });
  ids.qa1 = await row.question(s, { productId: pA, at: D0 + 10 * HOUR });
  ids.qp1 = await row.question(s, { productId: pA, at: D0 + 11 * HOUR, visibility: 'private', body: 'Where is my invoice? The invoice is missing.' });
  ids.qa2 = await row.question(s, { productId: pB, at: D1 + 9 * HOUR });
  ids.qa5 = await row.question(s, { productId: pA, at: D1 + 12 * HOUR, status: 'removed' });
  ids.qp2 = await row.question(s, { productId: pB, at: D1 + 10 * HOUR, visibility: 'private', complaint: true, body: 'Invoice missing again, very disappointed.' });
  ids.qa3 = await row.question(s, { productId: pB, at: D2 + 8 * HOUR });
  ids.qc1 = await row.question(s, { productId: pB, at: D2 + 9 * HOUR, visibility: 'private', channel: 'checkout', body: 'Parcel arrived damaged [order number hidden]' });
  ids.qch1 = await row.question(s, { productId: pA, at: D2 + 14 * HOUR, visibility: 'private', body: 'My parcel arrived damaged' });
  ids.qout2 = await row.question(s, { productId: pA, at: D3, visibility: 'private', body: 'Invoice missing' });
  await row.conversation(s, { questionId: ids.qch1, productId: pA, at: D2 + 14 * HOUR });

  const anna = { sub: `anna-${crypto.randomUUID()}`, name: 'Anna' };
  ids.annaSub = anna.sub;
  const a1 = await row.answer(s, { questionId: ids.qa1, at: D0 + 12 * HOUR, sub: anna.sub, name: anna.name, role: 'shopper' });
  await row.accept(s, ids.qa1, a1);
  await row.answer(s, { questionId: ids.qa1, at: D0 + 11 * HOUR, visitor: 'v_piet', name: 'Piet', status: 'removed' });
  await row.answer(s, { questionId: ids.qa2, at: D1 + 10 * HOUR, role: 'staff', name: 'Sam Staff' });
  await row.answer(s, { questionId: ids.qa2, at: D1 + 13 * HOUR, visitor: 'v_piet', name: 'Piet' });
  await row.answer(s, { questionId: ids.qa2, at: D1 + 14 * HOUR, sub: anna.sub, name: anna.name, role: 'shopper' });
  await row.answer(s, { questionId: ids.qout1, at: D3 + HOUR, sub: anna.sub, name: anna.name, role: 'shopper' });

  await row.staffItem(s, { questionId: ids.qp1, productId: pA, reason: 'personal', routedAt: D0 + 11 * HOUR, firstResponseAt: D0 + 12 * HOUR, resolvedAt: D0 + 15 * HOUR, slaDueAt: D0 + 15 * HOUR });
  await row.staffItem(s, { questionId: ids.qp2, productId: pB, reason: 'complaint', routedAt: D1 + 10 * HOUR, firstResponseAt: D1 + 18 * HOUR, slaDueAt: D1 + 14 * HOUR });
  await row.staffItem(s, { questionId: ids.qa3, productId: pB, reason: 'timeout', routedAt: D2 + 12 * HOUR });
  await row.staffItem(s, { questionId: ids.qc1, productId: pB, reason: 'checkout', routedAt: D2 + 9 * HOUR });
  await row.staffItem(s, { questionId: ids.qch1, productId: pA, reason: 'personal', routedAt: D2 + 14 * HOUR, firstResponseAt: D2 + 14.5 * HOUR, slaDueAt: D2 + 18 * HOUR });
  await row.staffItem(s, { questionId: ids.qout2, productId: pA, reason: 'personal', routedAt: D3, firstResponseAt: D3 + HOUR });

  await row.review(s, { productId: pA, at: D0 + 9 * HOUR });
  await row.review(s, { productId: pB, at: D1 + 9 * HOUR });
  await row.review(s, { productId: pA, at: D1 + 9 * HOUR, source: 'import' });
  await row.review(s, { productId: pB, at: D3 });
  await row.idea(s, { productId: pA, at: D0 + 8 * HOUR });
  await row.idea(s, { productId: null, at: D2 + 8 * HOUR });

  await row.deflection(s, { productId: pA, day: dayNo(D0), kind: 'deflected', count: 3 });
  await row.deflection(s, { productId: pA, day: dayNo(D0), kind: 'question_posted', count: 2 });
  await row.deflection(s, { productId: pA, day: dayNo(D0), kind: 'abandoned', count: 1 });
  await row.deflection(s, { productId: pA, day: dayNo(D0), kind: 'suggestions_shown', count: 10 });
  await row.deflection(s, { productId: pA, day: dayNo(D0), kind: 'suggestion_opened', count: 4 });
  await row.deflection(s, { productId: pB, day: dayNo(D1), kind: 'deflected', count: 1 });
  await row.deflection(s, { productId: pB, day: dayNo(D1), kind: 'question_posted', count: 2 });
  // A second increment of the same counter (the widget's upsert path).
  await row.deflection(s, { productId: pB, day: dayNo(D1), kind: 'question_posted', count: 1 });
  await row.deflection(s, { productId: pA, day: dayNo(D0) - 1, kind: 'deflected', count: 5 });

  await row.profile(s, { memberKey: `m:${anna.sub}`, publicId: `pub-${crypto.randomUUID()}`, name: 'Anna de Vries', points: 42, influence: 4 });
  ids.annaPublic = (await env.DB.prepare('SELECT public_id FROM member_profiles WHERE site_id = ? AND member_key = ?').bind(s, `m:${anna.sub}`).first<{ public_id: string }>())!.public_id;
  return ids;
}

let mine: Fixture;
let other: Fixture;

async function aFixture(): Promise<Fixture> {
  const site = await aSite(env.DB);
  const owner = await aStaffMember(env.DB, { site });
  const { cookie } = await aSession(env.DB, { staff: owner });
  const pA = aProductId('pa');
  const pB = aProductId('pb');
  return { site, cookie, pA, pB, ids: {} };
}

beforeAll(async () => {
  mine = await aFixture();
  other = await aFixture();
  // The other site uses the same product ids: nothing of it may leak into mine.
  other.pA = mine.pA;
  other.pB = mine.pB;
  mine.ids = await arrange(mine.site, mine.pA, mine.pB);
  other.ids = await arrange(other.site, other.pA, other.pB);
  // Extra rows only on the other site, so equal reports would not hide a leak.
  await row.question(other.site.id, { productId: mine.pA, at: D1, visibility: 'private', complaint: true, body: 'Invoice missing again' });
  await row.deflection(other.site.id, { productId: mine.pA, day: dayNo(D1), kind: 'deflected', count: 50 });
});

async function report(cookie: string, query: string): Promise<InsightsReport> {
  const res = await call(`/insights${query}`, { cookie });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json<InsightsReport>();
}

const zeroReasons = { personal: 0, checkout: 0, complaint: 0, second_contact: 0, timeout: 0, not_helpful: 0 };

describe('GET /insights (whole site)', () => {
  it('reports every figure as counted by hand, nothing from the other site or outside the period', async () => {
    const r = await report(mine.cookie, PERIOD);
    expect(r.period).toEqual({ from: '2025-03-01', to: '2025-03-03', days: 3 });
    expect(r.productId).toBeNull();
    // Questions: D0 qa1 qp1; D1 qa2 qa5 qp2; D2 qa3 qc1 (qch1 is a chat). Reviews: one per day D0, D1 (the import is no contact).
    expect(r.contacts).toEqual({
      total: { question: 7, chat: 1, review: 2, idea: 2 },
      daily: [
        { day: '2025-03-01', question: 2, chat: 0, review: 1, idea: 1 },
        { day: '2025-03-02', question: 3, chat: 0, review: 1, idea: 0 },
        { day: '2025-03-03', question: 2, chat: 1, review: 0, idea: 1 },
      ],
    });
    // Started = deflected + question_posted + abandoned: D0 3 + 2 + 1, D1 1 + 3.
    expect(r.deflection).toEqual({
      started: 10,
      deflected: 4,
      rate: 0.4,
      daily: [
        { day: '2025-03-01', started: 6, deflected: 3 },
        { day: '2025-03-02', started: 4, deflected: 1 },
        { day: '2025-03-03', started: 0, deflected: 0 },
      ],
    });
    // Public, not removed: qa1 (Anna after 2 h), qa2 (Piet after 4 h; staff's answer does not count), qa3 (none).
    expect(r.community).toEqual({ questions: 3, answered: 2, answerRate: 2 / 3, medianFirstAnswerMs: 3 * HOUR });
    // Routed in the period: qp1, qp2, qa3, qc1, qch1. Replies 1 h, 8 h, 30 min; one resolved after 4 h; 2 of 3 within SLA.
    expect(r.staff).toEqual({
      routed: 5,
      responded: 3,
      medianFirstResponseMs: HOUR,
      resolved: 1,
      medianResolutionMs: 4 * HOUR,
      withinSla: 2,
      slaRate: 2 / 3,
    });
    expect(r.escalations).toEqual({
      total: 5,
      byReason: { ...zeroReasons, personal: 2, complaint: 1, checkout: 1, timeout: 1 },
      daily: [
        { day: '2025-03-01', ...zeroReasons, personal: 1 },
        { day: '2025-03-02', ...zeroReasons, complaint: 1 },
        { day: '2025-03-03', ...zeroReasons, personal: 1, checkout: 1, timeout: 1 },
      ],
    });
    expect(r.topProducts).toEqual([
      { productId: mine.pB, name: 'Trail runner', contacts: 3, complaints: 1 },
      { productId: mine.pA, name: 'Storm jacket', contacts: 2, complaints: 0 },
    ]);
    // Personal questions and complaints of the period, newest first within each topic.
    expect(r.rootCauses).toEqual([
      { topic: 'arrived damaged', terms: ['arrived', 'damaged', 'parcel'], count: 2, questionIds: [mine.ids.qch1, mine.ids.qc1] },
      { topic: 'invoice missing', terms: ['invoice', 'missing'], count: 2, questionIds: [mine.ids.qp2, mine.ids.qp1] },
    ]);
    // Anna: qa1 (accepted) and qa2; her answer after the period does not count. Piet: qa2 (his removed answer does not count).
    expect(r.topContributors).toEqual([
      { memberId: mine.ids.annaPublic, name: 'Anna de Vries', answers: 2, accepted: 1, points: 42, influence: 4 },
      { memberId: '', name: 'Piet', answers: 1, accepted: 0, points: 0, influence: null },
    ]);
    expect(r.computedMs).toBeGreaterThanOrEqual(0);
  });

  it('counts a row on the last millisecond of the period and not one a millisecond later', async () => {
    const r1 = await report(mine.cookie, '?from=2025-02-28&to=2025-02-28');
    expect(r1.contacts.total.question).toBe(1); // qout1, at D0 − 1 ms
    expect(r1.deflection.deflected).toBe(5);
    expect(r1.community).toMatchObject({ questions: 1, answered: 1, medianFirstAnswerMs: 3 * DAY + HOUR + 1 });
    const r2 = await report(mine.cookie, '?from=2025-03-04&to=2025-03-04');
    expect(r2.contacts.total).toEqual({ question: 1, chat: 0, review: 1, idea: 0 });
    expect(r2.staff).toMatchObject({ routed: 1, responded: 1, medianFirstResponseMs: HOUR, slaRate: 1 });
    expect(r2.topContributors).toEqual([{ memberId: mine.ids.annaPublic, name: 'Anna de Vries', answers: 1, accepted: 0, points: 42, influence: 4 }]);
  });

  it('answers zeros and nulls for a period without activity', async () => {
    const r = await report(mine.cookie, '?from=2020-01-01&to=2020-01-02');
    expect(r.contacts.total).toEqual({ question: 0, chat: 0, review: 0, idea: 0 });
    expect(r.contacts.daily).toHaveLength(2);
    expect(r.deflection).toMatchObject({ started: 0, deflected: 0, rate: null });
    expect(r.community).toEqual({ questions: 0, answered: 0, answerRate: null, medianFirstAnswerMs: null });
    expect(r.staff).toEqual({ routed: 0, responded: 0, medianFirstResponseMs: null, resolved: 0, medianResolutionMs: null, withinSla: 0, slaRate: null });
    expect(r.escalations.total).toBe(0);
    expect(r.topProducts).toEqual([]);
    expect(r.rootCauses).toEqual([]);
    expect(r.topContributors).toEqual([]);
  });
});

describe('GET /insights?product=', () => {
  it('counts only that product’s rows (pA: qa1, qp1, qa5, qch1 and their answers and items)', async () => {
    const r = await report(mine.cookie, `${PERIOD}&product=${mine.pA}`);
    expect(r.productId).toBe(mine.pA);
    expect(r.contacts).toEqual({
      total: { question: 3, chat: 1, review: 1, idea: 1 },
      daily: [
        { day: '2025-03-01', question: 2, chat: 0, review: 1, idea: 1 },
        { day: '2025-03-02', question: 1, chat: 0, review: 0, idea: 0 },
        { day: '2025-03-03', question: 0, chat: 1, review: 0, idea: 0 },
      ],
    });
    expect(r.deflection).toEqual({
      started: 6,
      deflected: 3,
      rate: 0.5,
      daily: [
        { day: '2025-03-01', started: 6, deflected: 3 },
        { day: '2025-03-02', started: 0, deflected: 0 },
        { day: '2025-03-03', started: 0, deflected: 0 },
      ],
    });
    expect(r.community).toEqual({ questions: 1, answered: 1, answerRate: 1, medianFirstAnswerMs: 2 * HOUR });
    // Replies after 1 h and 30 min: the median of two is their mean.
    expect(r.staff).toEqual({ routed: 2, responded: 2, medianFirstResponseMs: 45 * 60_000, resolved: 1, medianResolutionMs: 4 * HOUR, withinSla: 2, slaRate: 1 });
    expect(r.escalations.byReason).toEqual({ ...zeroReasons, personal: 2 });
    expect(r.topProducts).toEqual([{ productId: mine.pA, name: 'Storm jacket', contacts: 2, complaints: 0 }]);
    expect(r.rootCauses).toEqual([]); // qp1 and qch1 share no theme
    expect(r.topContributors).toEqual([{ memberId: mine.ids.annaPublic, name: 'Anna de Vries', answers: 1, accepted: 1, points: 42, influence: 4 }]);
  });
});

describe('GET /insights: who may see it', () => {
  it('asks for a session (401), and shows an agent their own site', async () => {
    await expectError(await call(`/insights${PERIOD}`), 401, 'not_signed_in');
    await expectError(await call('/insights/products'), 401, 'not_signed_in');
    const agent = await aStaffMember(env.DB, { site: mine.site, role: 'agent' });
    const { cookie } = await aSession(env.DB, { staff: agent });
    const r = await report(cookie, PERIOD);
    expect(r.contacts.total.question).toBe(7);
  });

  it('gives the other site its own figures (its extra complaint and deflections)', async () => {
    const r = await report(other.cookie, PERIOD);
    expect(r.contacts.total.question).toBe(8);
    expect(r.deflection.deflected).toBe(54);
    expect(r.topProducts).toEqual([
      { productId: mine.pB, name: 'Trail runner', contacts: 3, complaints: 1 },
      { productId: mine.pA, name: 'Storm jacket', contacts: 2, complaints: 1 },
    ]);
  });
});

describe('GET /insights: bad input', () => {
  it.each([
    ['?from=2025-02-30&to=2025-03-03', 'invalid_date'],
    ['?from=yesterday&to=2025-03-03', 'invalid_date'],
    ['?from=2025-03-01&to=2025-3-3', 'invalid_date'],
    ['?from=2025-03-05&to=2025-03-01', 'invalid_period'],
    ['?from=2024-01-01&to=2025-01-01', 'period_too_long'],
    ['?from=2025-03-01&to=2025-03-03&product=no%20spaces', 'invalid_product'],
    ['?from=2025-03-01&to=2025-03-03&product=nope', 'unknown_product'],
  ])('%s → 400 %s', async (query, code) => {
    await expectError(await call(`/insights${query}`, { cookie: mine.cookie }), 400, code);
  });

  it('accepts exactly 366 days, and defaults to the 30 days up to today', async () => {
    expect((await report(mine.cookie, '?from=2024-01-01&to=2024-12-31')).period.days).toBe(366);
    const r = await report(mine.cookie, '');
    expect(r.period.days).toBe(30);
    expect(r.period.to).toBe(new Date().toISOString().slice(0, 10));
  });

  it('does not know another site’s product', async () => {
    const theirs = aProductId('theirs');
    await row.product(other.site.id, theirs, 'Their boot');
    await expectError(await call(`/insights${PERIOD}&product=${theirs}`, { cookie: mine.cookie }), 400, 'unknown_product');
  });
});

describe('GET /insights/products', () => {
  it('lists the session’s site’s products by name', async () => {
    const res = await call('/insights/products', { cookie: mine.cookie });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ products: [{ id: mine.pA, name: 'Storm jacket' }, { id: mine.pB, name: 'Trail runner' }] });
  });
});

describe('GET /insights/questions (a root-cause topic’s questions)', () => {
  it('gives the topic’s questions of the session’s site, newest first, and nothing of another site', async () => {
    const r = await report(mine.cookie, PERIOD);
    const invoice = r.rootCauses.find((t) => t.questionIds.includes(mine.ids.qp1!));
    expect(invoice, JSON.stringify(r.rootCauses)).toBeDefined();
    const res = await call(`/insights/questions?ids=${[...invoice!.questionIds, other.ids.qp1].join(',')}`, { cookie: mine.cookie });
    expect(res.status).toBe(200);
    const { questions } = await res.json<{ questions: { id: string; body: string; productId: string }[] }>();
    expect(questions.map((q) => q.id)).toEqual([mine.ids.qp2, mine.ids.qp1]);
    expect(questions[1]).toMatchObject({ productId: mine.pA, body: 'Where is my invoice? The invoice is missing.' });
  });

  it('refuses a missing or oversized id list (400) and asks for a session (401)', async () => {
    await expectError(await call('/insights/questions?ids=', { cookie: mine.cookie }), 400, 'invalid_input');
    const many = Array.from({ length: 101 }, (_, i) => `q${i}`).join(',');
    await expectError(await call(`/insights/questions?ids=${many}`, { cookie: mine.cookie }), 400, 'invalid_input');
    await expectError(await call(`/insights/questions?ids=${mine.ids.qp1}`), 401, 'not_signed_in');
  });
});
