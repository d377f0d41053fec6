/**
 * Who may call what: no session → 401, agents → 403 on owner endpoints, owners → allowed,
 * and a session only ever reaches its own site, whatever the request names.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ConsoleQuestionPage, ConsoleSiteSettings, ConsoleStaffMember } from '../../../worker/src/routes/console-types.ts';
import { aQuestion, aSite, anAnswer, type SiteRow } from '../../fixtures/rows.ts';
import { aMember, aSession, aStaffMember, consoleCall, type ConsoleCall } from '../../fixtures/staff.ts';

const call = (path: string, init?: ConsoleCall) => consoleCall(exports.default, path, init);

async function expectError(res: Response, status: number, code: string): Promise<void> {
  expect(res.status, await res.clone().text()).toBe(status);
  expect(await res.json()).toEqual({ error: { code, message: expect.any(String) } });
}

interface Endpoint {
  name: string;
  /** Builds the request for a site with a member `sub`; each call gets fresh, valid input. */
  request: (sub: string) => { path: string } & ConsoleCall;
  ownerStatus: number;
}

/** Every owner-only endpoint, with input that an owner's call would succeed with. */
const ownerEndpoints: Endpoint[] = [
  { name: 'GET /staff', request: () => ({ path: '/staff' }), ownerStatus: 200 },
  {
    name: 'POST /staff',
    request: () => ({
      path: '/staff',
      method: 'POST',
      body: { email: `new-${crypto.randomUUID()}@shop.example`, name: 'New Agent', role: 'agent', password: 'twelve-chars-ok' },
    }),
    ownerStatus: 201,
  },
  { name: 'GET /site', request: () => ({ path: '/site' }), ownerStatus: 200 },
  { name: 'PATCH /site', request: () => ({ path: '/site', method: 'PATCH', body: { eraseMode: 'delete' } }), ownerStatus: 200 },
  {
    name: 'POST /site/origins',
    request: () => ({ path: '/site/origins', method: 'POST', body: { origin: 'https://new.shop.example' } }),
    ownerStatus: 201,
  },
  {
    name: 'DELETE /site/origins',
    request: () => ({ path: '/site/origins', method: 'DELETE', body: { origin: 'https://shop.example' } }),
    ownerStatus: 200,
  },
  { name: 'POST /site/rotate-secret', request: () => ({ path: '/site/rotate-secret', method: 'POST' }), ownerStatus: 200 },
  { name: 'GET /shoppers/:sub/export', request: (sub) => ({ path: `/shoppers/${sub}/export` }), ownerStatus: 200 },
  { name: 'DELETE /shoppers/:sub', request: (sub) => ({ path: `/shoppers/${sub}`, method: 'DELETE' }), ownerStatus: 200 },
];

const staffEndpoints: Endpoint[] = [
  { name: 'GET /session', request: () => ({ path: '/session' }), ownerStatus: 200 },
  { name: 'GET /questions', request: () => ({ path: '/questions' }), ownerStatus: 200 },
];

/** A site with an origin, a member with a question and an answer, and signed-in owner and agent. */
async function world() {
  const site = await aSite(env.DB, { origins: ['https://shop.example'] });
  const member = await aMember(env.DB, { site });
  const question = await aQuestion(env.DB, { site, authorSub: member.sub, authorName: member.name, authorRole: 'shopper' });
  await anAnswer(env.DB, { question, authorSub: member.sub, authorName: member.name, authorRole: 'shopper' });
  const owner = await aSession(env.DB, { staff: await aStaffMember(env.DB, { site, role: 'owner' }) });
  const agent = await aSession(env.DB, { staff: await aStaffMember(env.DB, { site, role: 'agent' }) });
  return { site, member, question, owner, agent };
}

describe('permissions', () => {
  it.each([...ownerEndpoints, ...staffEndpoints].map((e) => [e.name, e] as const))(
    '%s without a session answers 401 not_signed_in',
    async (_, endpoint) => {
      const { member } = await world();
      const { path, ...init } = endpoint.request(member.sub);
      await expectError(await call(path, init), 401, 'not_signed_in');
    },
  );

  it.each(ownerEndpoints.map((e) => [e.name, e] as const))('%s: an agent gets 403 forbidden, an owner gets through', async (_, endpoint) => {
    const { member, owner, agent, site } = await world();
    const before = await env.DB.prepare(
      `SELECT (SELECT COUNT(*) FROM staff WHERE site_id = ?1) AS staff, (SELECT COUNT(*) FROM members WHERE site_id = ?1) AS members,
              (SELECT COUNT(*) FROM site_origins WHERE site_id = ?1) AS origins, (SELECT erase_mode || coalesce(token_secret, '') FROM sites WHERE id = ?1) AS settings`,
    )
      .bind(site.id)
      .first();

    const { path, ...init } = endpoint.request(member.sub);
    await expectError(await call(path, { ...init, cookie: agent.cookie }), 403, 'forbidden');
    // The agent's refused call changed nothing.
    const after = await env.DB.prepare(
      `SELECT (SELECT COUNT(*) FROM staff WHERE site_id = ?1) AS staff, (SELECT COUNT(*) FROM members WHERE site_id = ?1) AS members,
              (SELECT COUNT(*) FROM site_origins WHERE site_id = ?1) AS origins, (SELECT erase_mode || coalesce(token_secret, '') FROM sites WHERE id = ?1) AS settings`,
    )
      .bind(site.id)
      .first();
    expect(after).toEqual(before);

    const ownerRes = await call(path, { ...init, cookie: owner.cookie });
    expect(ownerRes.status, await ownerRes.text()).toBe(endpoint.ownerStatus);
  });

  it.each(staffEndpoints.map((e) => [e.name, e] as const))('%s is open to agents and owners', async (_, endpoint) => {
    const { member, owner, agent } = await world();
    const { path, ...init } = endpoint.request(member.sub);
    expect((await call(path, { ...init, cookie: agent.cookie })).status).toBe(200);
    expect((await call(path, { ...init, cookie: owner.cookie })).status).toBe(200);
  });

  it('an agent session reports the agent role', async () => {
    const { agent } = await world();
    const res = await call('/session', { cookie: agent.cookie });
    expect((await res.json<{ staff: { role: string } }>()).staff.role).toBe('agent');
  });
});

describe('site isolation', () => {
  async function twoSites() {
    const a = await world();
    const b = await world();
    return { a, b };
  }

  const countOn = async (site: SiteRow, table: 'members' | 'questions' | 'answers') =>
    (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE site_id = ?`).bind(site.id).first<{ n: number }>())?.n;

  it('lists only the session’s own site’s questions, whatever the query string says', async () => {
    const { a, b } = await twoSites();
    for (const path of ['/questions', `/questions?site=${b.site.id}`]) {
      const res = await call(path, { cookie: a.owner.cookie });
      const page = await res.json<ConsoleQuestionPage>();
      expect(page.questions.map((q) => q.id)).toEqual([a.question.id]);
    }
  });

  it('cannot export or erase another site’s shopper by their sub', async () => {
    const { a, b } = await twoSites();
    await expectError(await call(`/shoppers/${b.member.sub}/export`, { cookie: a.owner.cookie }), 404, 'shopper_not_found');
    await expectError(await call(`/shoppers/${b.member.sub}`, { method: 'DELETE', cookie: a.owner.cookie }), 404, 'shopper_not_found');
    expect(await countOn(b.site, 'members')).toBe(1);
    expect(await countOn(b.site, 'questions')).toBe(1);
    expect(await countOn(b.site, 'answers')).toBe(1);
    const stillThere = await env.DB.prepare('SELECT author_sub, author_erased FROM questions WHERE site_id = ? AND id = ?')
      .bind(b.site.id, b.question.id)
      .first();
    expect(stillThere).toEqual({ author_sub: b.member.sub, author_erased: 0 });
  });

  it('erasing a sub that exists on both sites erases it on the session’s site only', async () => {
    const siteA = await aSite(env.DB);
    const siteB = await aSite(env.DB);
    const sub = `customer-${crypto.randomUUID()}`;
    await aMember(env.DB, { site: siteA, sub });
    await aMember(env.DB, { site: siteB, sub });
    await aQuestion(env.DB, { site: siteB, authorSub: sub, authorName: 'Anna' });
    const owner = await aSession(env.DB, { staff: await aStaffMember(env.DB, { site: siteA }) });

    const exported = await call(`/shoppers/${sub}/export`, { cookie: owner.cookie });
    expect((await exported.json<{ questions: unknown[] }>()).questions).toEqual([]);
    expect((await call(`/shoppers/${sub}`, { method: 'DELETE', cookie: owner.cookie })).status).toBe(200);
    expect(await countOn(siteA, 'members')).toBe(0);
    expect(await countOn(siteB, 'members')).toBe(1);
    expect(await countOn(siteB, 'questions')).toBe(1);
  });

  it('site settings and staff come from the session’s site, never from the request', async () => {
    const { a, b } = await twoSites();
    const site = await (await call(`/site?site=${b.site.id}`, { cookie: a.owner.cookie })).json<{ site: ConsoleSiteSettings }>();
    expect(site.site.id).toBe(a.site.id);

    const added = await call('/site/origins', {
      method: 'POST',
      cookie: a.owner.cookie,
      body: { origin: 'https://only-a.example', siteId: b.site.id, site: b.site.id },
    });
    expect(added.status).toBe(201);
    const originsOf = async (s: SiteRow) =>
      (await env.DB.prepare('SELECT origin FROM site_origins WHERE site_id = ? ORDER BY origin').bind(s.id).all<{ origin: string }>()).results.map(
        (r) => r.origin,
      );
    expect(await originsOf(a.site)).toEqual(['https://only-a.example', 'https://shop.example']);
    expect(await originsOf(b.site)).toEqual(['https://shop.example']);

    const created = await call('/staff', {
      method: 'POST',
      cookie: a.owner.cookie,
      body: { email: `x-${crypto.randomUUID()}@shop.example`, name: 'X', role: 'agent', password: 'twelve-chars-ok', siteId: b.site.id },
    });
    expect(created.status).toBe(201);
    const { staff } = await created.json<{ staff: ConsoleStaffMember }>();
    const row = await env.DB.prepare('SELECT site_id FROM staff WHERE id = ?').bind(staff.id).first<{ site_id: string }>();
    expect(row?.site_id).toBe(a.site.id);

    const list = await (await call('/staff', { cookie: b.owner.cookie })).json<{ staff: ConsoleStaffMember[] }>();
    expect(list.staff.map((s) => s.id)).not.toContain(staff.id);
  });

  it('rotating the secret and changing the erase mode touch the session’s site only', async () => {
    const { a, b } = await twoSites();
    expect((await call('/site/rotate-secret', { method: 'POST', cookie: a.owner.cookie })).status).toBe(200);
    expect((await call('/site', { method: 'PATCH', cookie: a.owner.cookie, body: { eraseMode: 'delete' } })).status).toBe(200);
    const bRow = await env.DB.prepare('SELECT token_secret, erase_mode FROM sites WHERE id = ?').bind(b.site.id).first();
    expect(bRow).toEqual({ token_secret: null, erase_mode: 'anonymise' });
  });
});
