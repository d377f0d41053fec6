/**
 * The routing side of the console beyond the queue: canned responses (shared by the site's staff)
 * and the owner's routing settings (business hours, holidays, windows, own triage words).
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { CannedResponse, RoutingSettings } from '../../../worker/src/routes/console-types.ts';
import { aDesk, ask, call, expectError, itemIdOf } from './routing-helpers.ts';

const DEFAULTS: RoutingSettings = {
  timeZone: 'Europe/Amsterdam',
  businessHours: {
    mon: [['09:00', '17:30']],
    tue: [['09:00', '17:30']],
    wed: [['09:00', '17:30']],
    thu: [['09:00', '17:30']],
    fri: [['09:00', '17:30']],
  },
  holidays: [],
  communityWindowMinutes: 240,
  slaMinutes: 240,
  keywords: {},
};

const createCanned = (cookie: string, body: unknown) => call('/canned', { method: 'POST', cookie, body });

async function cannedList(cookie: string): Promise<CannedResponse[]> {
  const res = await call('/canned', { cookie });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json<{ canned: CannedResponse[] }>()).canned;
}

describe('canned responses', () => {
  it('creates (201), lists by title for every staff member of the site, and deletes (204)', async () => {
    const { owner, agent } = await aDesk();
    expect(await cannedList(agent.cookie)).toEqual([]);

    const res = await createCanned(agent.cookie, { title: '  Where is my invoice  ', body: 'Hi {{name}}, your invoice for {{product}} is in your account.' });
    expect(res.status, await res.clone().text()).toBe(201);
    const { canned } = await res.json<{ canned: CannedResponse }>();
    expect(canned).toEqual({
      id: expect.any(String),
      title: 'Where is my invoice',
      body: 'Hi {{name}}, your invoice for {{product}} is in your account.',
      createdAt: expect.any(Number),
    } satisfies CannedResponse);
    const apology = (await (await createCanned(owner.cookie, { title: 'apology for the delay', body: 'Sorry for the wait.' })).json<{ canned: CannedResponse }>())
      .canned;

    expect(await cannedList(owner.cookie)).toEqual([apology, canned]);
    expect(await cannedList(agent.cookie)).toEqual([apology, canned]);

    const deleted = await call(`/canned/${canned.id}`, { method: 'DELETE', cookie: owner.cookie });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    expect(await cannedList(agent.cookie)).toEqual([apology]);
    await expectError(await call(`/canned/${canned.id}`, { method: 'DELETE', cookie: owner.cookie }), 404, 'canned_not_found');
  });

  it('keeps each site’s canned responses to itself', async () => {
    const mine = await aDesk();
    const theirs = await aDesk();
    const { canned } = await (await createCanned(theirs.owner.cookie, { title: 'Theirs', body: 'Their text' })).json<{ canned: CannedResponse }>();
    expect(await cannedList(mine.owner.cookie)).toEqual([]);
    await expectError(await call(`/canned/${canned.id}`, { method: 'DELETE', cookie: mine.owner.cookie }), 404, 'canned_not_found');
    await expectError(await call(`/canned/${crypto.randomUUID()}`, { method: 'DELETE', cookie: mine.owner.cookie }), 404, 'canned_not_found');
    expect(await cannedList(theirs.agent.cookie)).toEqual([canned]);
  });

  it('refuses a missing, blank or overlong title or body with 400', async () => {
    const { agent } = await aDesk();
    for (const title of [undefined, '', '   ', 'x'.repeat(81), 42]) {
      await expectError(await createCanned(agent.cookie, { title, body: 'Fine body' }), 400, 'title_invalid');
    }
    for (const body of [undefined, '', '  \n ', 'x'.repeat(5001), ['list']]) {
      await expectError(await createCanned(agent.cookie, { title: 'Fine title', body }), 400, 'body_invalid');
    }
    expect((await createCanned(agent.cookie, { title: 'x'.repeat(80), body: 'y'.repeat(5000) })).status).toBe(201);
    expect(await cannedList(agent.cookie)).toHaveLength(1);
  });

  it('keeps at most 100 per site: the 101st is refused with 409 too_many_canned', async () => {
    const { site, owner } = await aDesk();
    const now = Date.now();
    await env.DB.batch(
      Array.from({ length: 99 }, (_, i) =>
        env.DB.prepare('INSERT INTO canned_responses (site_id, id, title, body, created_at) VALUES (?, ?, ?, ?, ?)').bind(
          site.id,
          crypto.randomUUID(),
          `Canned ${String(i).padStart(2, '0')}`,
          'Body',
          now,
        ),
      ),
    );
    expect((await createCanned(owner.cookie, { title: 'The hundredth', body: 'Body' })).status).toBe(201);
    await expectError(await createCanned(owner.cookie, { title: 'One too many', body: 'Body' }), 409, 'too_many_canned');
    expect(await cannedList(owner.cookie)).toHaveLength(100);

    // Deleting one makes room again.
    const [first] = await cannedList(owner.cookie);
    expect((await call(`/canned/${first!.id}`, { method: 'DELETE', cookie: owner.cookie })).status).toBe(204);
    expect((await createCanned(owner.cookie, { title: 'Room again', body: 'Body' })).status).toBe(201);
  });

  it('needs a session, and the console’s Origin on writes', async () => {
    const { owner } = await aDesk();
    await expectError(await call('/canned'), 401, 'not_signed_in');
    await expectError(await call('/canned', { method: 'POST', cookie: owner.cookie, body: { title: 'T', body: 'B' }, origin: null }), 403, 'csrf_refused');
    await expectError(
      await call('/canned', { method: 'POST', cookie: owner.cookie, body: { title: 'T', body: 'B' }, origin: 'https://evil.example' }),
      403,
      'csrf_refused',
    );
    const { canned } = await (await createCanned(owner.cookie, { title: 'Keep me', body: 'B' })).json<{ canned: CannedResponse }>();
    await expectError(await call(`/canned/${canned.id}`, { method: 'DELETE', cookie: owner.cookie, origin: null }), 403, 'csrf_refused');
    expect(await cannedList(owner.cookie)).toEqual([canned]);
  });
});

const putRouting = (cookie: string, body: unknown, origin?: string | null) => call('/routing', { method: 'PUT', cookie, body, origin });

async function routingOf(cookie: string): Promise<RoutingSettings> {
  const res = await call('/routing', { cookie });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json<{ routing: RoutingSettings }>()).routing;
}

describe('routing settings', () => {
  it('shows a new site the defaults: Amsterdam, Mon–Fri 09:00–17:30, 240 minutes each', async () => {
    const { owner } = await aDesk();
    expect(await routingOf(owner.cookie)).toEqual(DEFAULTS);
  });

  it('saves what the owner sends and reads it back: holidays sorted once, keywords lower-cased once, empty lists dropped', async () => {
    const { site, owner } = await aDesk();
    const sent = {
      timeZone: 'America/New_York',
      businessHours: { mon: [['13:00', '17:00'], ['08:00', '12:00']], sat: [['10:00', '24:00']], sun: [] },
      holidays: ['2026-12-25', '2026-01-01', '2026-12-25'],
      communityWindowMinutes: 60,
      slaMinutes: 120,
      keywords: { invoice: ['Bonnetje', 'bonnetje', '  kassabon '], refund: [] },
    };
    const res = await putRouting(owner.cookie, sent);
    expect(res.status, await res.clone().text()).toBe(200);
    const expected: RoutingSettings = {
      timeZone: 'America/New_York',
      businessHours: { mon: [['13:00', '17:00'], ['08:00', '12:00']], sat: [['10:00', '24:00']], sun: [] },
      holidays: ['2026-01-01', '2026-12-25'],
      communityWindowMinutes: 60,
      slaMinutes: 120,
      keywords: { invoice: ['bonnetje', 'kassabon'] },
    };
    expect((await res.json<{ routing: RoutingSettings }>()).routing).toEqual(expected);
    expect(await routingOf(owner.cookie)).toEqual(expected);

    const row = await env.DB.prepare('SELECT time_zone, community_window_ms, sla_ms FROM sites WHERE id = ?').bind(site.id).first();
    expect(row).toEqual({ time_zone: 'America/New_York', community_window_ms: 3_600_000, sla_ms: 7_200_000 });

    // The limits themselves are accepted.
    expect((await putRouting(owner.cookie, { ...DEFAULTS, communityWindowMinutes: 5, slaMinutes: 14 * 24 * 60 })).status).toBe(200);
    expect((await putRouting(owner.cookie, { ...DEFAULTS, communityWindowMinutes: 7 * 24 * 60, slaMinutes: 5 })).status).toBe(200);
    expect(await routingOf(owner.cookie)).toEqual({ ...DEFAULTS, communityWindowMinutes: 7 * 24 * 60, slaMinutes: 5 });
  });

  it.each([
    ['an unknown zone', { timeZone: 'Mars/Olympus_Mons' }, 'invalid_time_zone'],
    ['an empty zone', { timeZone: '' }, 'invalid_time_zone'],
    ['a zone that is not a string', { timeZone: 1 }, 'invalid_time_zone'],
    ['overlapping intervals', { businessHours: { mon: [['09:00', '12:00'], ['11:30', '17:00']] } }, 'invalid_business_hours'],
    ['closing before opening', { businessHours: { mon: [['17:00', '09:00']] } }, 'invalid_business_hours'],
    ['opening and closing at once', { businessHours: { mon: [['09:00', '09:00']] } }, 'invalid_business_hours'],
    ['no open day', { businessHours: {} }, 'invalid_business_hours'],
    ['only empty days', { businessHours: { mon: [], tue: [] } }, 'invalid_business_hours'],
    ['an hour past 24', { businessHours: { mon: [['09:00', '25:00']] } }, 'invalid_business_hours'],
    ['a clock without a leading zero', { businessHours: { mon: [['9:00', '17:00']] } }, 'invalid_business_hours'],
    ['opening at 24:00', { businessHours: { mon: [['24:00', '24:00']] } }, 'invalid_business_hours'],
    ['an unknown weekday', { businessHours: { funday: [['09:00', '17:00']] } }, 'invalid_business_hours'],
    ['an interval that is not a pair', { businessHours: { mon: [['09:00']] } }, 'invalid_business_hours'],
    ['an interval of three times', { businessHours: { mon: [['09:00', '12:00', '17:00']] } }, 'invalid_business_hours'],
    ['hours as numbers', { businessHours: { mon: [[9, 17]] } }, 'invalid_business_hours'],
    ['a day that is not a list', { businessHours: { mon: '09:00-17:00' } }, 'invalid_business_hours'],
    ['more than six intervals a day', { businessHours: { mon: Array.from({ length: 7 }, (_, i) => [`0${i}:00`, `0${i}:30`]) } }, 'invalid_business_hours'],
    ['business hours that are not an object', { businessHours: 'weekdays' }, 'invalid_business_hours'],
    ['a month 13', { holidays: ['2026-13-01'] }, 'invalid_holidays'],
    ['a date in words', { holidays: ['Christmas'] }, 'invalid_holidays'],
    ['more than 100 holidays', { holidays: Array.from({ length: 101 }, (_, i) => `2026-01-${String((i % 28) + 1).padStart(2, '0')}`) }, 'invalid_holidays'],
    ['holidays that are not a list', { holidays: '2026-12-25' }, 'invalid_holidays'],
    ['a holiday as a number', { holidays: [20261225] }, 'invalid_holidays'],
    ['a window under 5 minutes', { communityWindowMinutes: 4 }, 'invalid_window'],
    ['a window over 7 days', { communityWindowMinutes: 7 * 24 * 60 + 1 }, 'invalid_window'],
    ['a fractional window', { communityWindowMinutes: 60.5 }, 'invalid_window'],
    ['a window as text', { communityWindowMinutes: '60' }, 'invalid_window'],
    ['an SLA under 5 minutes', { slaMinutes: 4 }, 'invalid_sla'],
    ['an SLA over 14 days', { slaMinutes: 14 * 24 * 60 + 1 }, 'invalid_sla'],
    ['a missing SLA', { slaMinutes: undefined }, 'invalid_sla'],
    ['an unknown category', { keywords: { shipping: ['parcel'] } }, 'invalid_keywords'],
    ['an empty keyword', { keywords: { invoice: ['  '] } }, 'invalid_keywords'],
    ['a keyword over 60 characters', { keywords: { invoice: ['x'.repeat(61)] } }, 'invalid_keywords'],
    ['more than 50 keywords in a category', { keywords: { invoice: Array.from({ length: 51 }, (_, i) => `word${i}`) } }, 'invalid_keywords'],
    ['keywords that are not lists', { keywords: { invoice: 'bonnetje' } }, 'invalid_keywords'],
    ['a keyword that is not text', { keywords: { invoice: [5] } }, 'invalid_keywords'],
    ['keywords that are not an object', { keywords: ['bonnetje'] }, 'invalid_keywords'],
  ])('refuses %s with 400 and keeps the old settings', async (_what, change, code) => {
    const { owner } = await aDesk();
    await expectError(await putRouting(owner.cookie, { ...DEFAULTS, ...change }), 400, code);
    expect(await routingOf(owner.cookie)).toEqual(DEFAULTS);
  });

  it('is for owners: agents get 403 forbidden on read and write', async () => {
    const { agent, owner } = await aDesk();
    await expectError(await call('/routing', { cookie: agent.cookie }), 403, 'forbidden');
    await expectError(await putRouting(agent.cookie, { ...DEFAULTS, slaMinutes: 60 }), 403, 'forbidden');
    expect(await routingOf(owner.cookie)).toEqual(DEFAULTS);
  });

  it('needs a session, and the console’s Origin on writes', async () => {
    const { owner } = await aDesk();
    await expectError(await call('/routing'), 401, 'not_signed_in');
    await expectError(await putRouting(owner.cookie, { ...DEFAULTS, slaMinutes: 60 }, null), 403, 'csrf_refused');
    await expectError(await putRouting(owner.cookie, { ...DEFAULTS, slaMinutes: 60 }, 'https://evil.example'), 403, 'csrf_refused');
    expect(await routingOf(owner.cookie)).toEqual(DEFAULTS);
  });

  it('routes a question with the owner’s own keyword privately, in that category', async () => {
    const { site, owner } = await aDesk();
    const text = 'Waar is mijn bonnetje gebleven?';
    const before = await ask(site, { text });
    expect(before.routing).toMatchObject({ visibility: 'public', category: null });

    expect((await putRouting(owner.cookie, { ...DEFAULTS, keywords: { invoice: ['bonnetje'] } })).status).toBe(200);
    const after = await ask(site, { text });
    expect(after.routing).toMatchObject({ visibility: 'private', category: 'invoice', canMoveToCommunity: true });

    const itemId = await itemIdOf(site, after.question.id);
    const detail = await call(`/queue/${itemId}`, { cookie: owner.cookie });
    const shown = await detail.json<{ item: { category: string; reason: string }; triage: string[] }>();
    expect(shown.item).toMatchObject({ category: 'invoice', reason: 'personal' });
    expect(shown.triage.join(' ')).toContain('bonnetje');
  });

  it('uses the new SLA for items routed afterwards', async () => {
    const { site, owner } = await aDesk();
    // Open around the clock, so the SLA is plain wall-clock time.
    const always = Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [['00:00', '24:00']]]));
    expect((await putRouting(owner.cookie, { ...DEFAULTS, businessHours: always, slaMinutes: 30 })).status).toBe(200);
    const asked = await ask(site);
    const row = await env.DB.prepare('SELECT sla_due_at - routed_at AS ms FROM staff_items WHERE site_id = ? AND question_id = ?')
      .bind(site.id, asked.question.id)
      .first<{ ms: number }>();
    expect(row?.ms).toBe(30 * 60e3);
  });
});
