/** What each console resource does for a signed-in owner (permissions are in console-access.test.ts). */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type {
  ConsoleQuestion,
  ConsoleQuestionPage,
  ConsoleSiteSettings,
  ConsoleStaffMember,
  ShopperExport,
} from '../../../worker/src/routes/console-types.ts';
import { aProductId, aQuestion, aSite, anAnswer } from '../../fixtures/rows.ts';
import { aMember, aSession, aStaffMember, anIp, consoleCall, type ConsoleCall } from '../../fixtures/staff.ts';

const call = (path: string, init?: ConsoleCall) => consoleCall(exports.default, path, init);

async function expectError(res: Response, status: number, code: string | string[]): Promise<void> {
  expect(res.status, await res.clone().text()).toBe(status);
  const body = await res.json<{ error: { code: string; message: string } }>();
  expect(body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  expect([code].flat()).toContain(body.error.code);
}

/**
 * Input refusals. The schemas name precise codes (invalid_origin, password_too_short, …); the
 * shared validate() helper reports codes it does not know yet as invalid_input, so either passes.
 */
const inputError = (precise: string) => [precise, 'invalid_input'];

async function signedInOwner(overrides: Parameters<typeof aSite>[1] = {}) {
  const site = await aSite(env.DB, overrides);
  const staff = await aStaffMember(env.DB, { site, name: 'Olga Owner' });
  const session = await aSession(env.DB, { staff });
  return { site, staff, cookie: session.cookie };
}

describe('GET /questions', () => {
  it('lists the site’s newest questions over all products, with author name, role and member sub, never a visitor id', async () => {
    const { site, cookie } = await signedInOwner();
    const sub = `customer-${crypto.randomUUID()}`;
    const visitor = `v_${crypto.randomUUID().replaceAll('-', '')}`;
    const byVisitor = await aQuestion(env.DB, { site, productId: aProductId('a'), authorVisitor: visitor, authorName: 'Kim', createdAt: 1_000 });
    const byMember = await aQuestion(env.DB, {
      site,
      productId: aProductId('b'),
      authorSub: sub,
      authorName: 'Eva',
      authorRole: 'expert',
      createdAt: 3_000,
    });
    const erased = await aQuestion(env.DB, { site, productId: aProductId('c'), authorErased: true, createdAt: 2_000 });
    await anAnswer(env.DB, { question: byMember });

    const res = await call('/questions', { cookie });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toContain(visitor);
    const page = JSON.parse(text) as ConsoleQuestionPage;
    expect(page.nextCursor).toBeNull();
    expect(page.questions).toEqual([
      {
        id: byMember.id,
        productId: byMember.productId,
        body: byMember.body,
        answerCount: 1,
        createdAt: 3_000,
        authorName: 'Eva',
        authorRole: 'expert',
        authorSub: sub,
        formerMember: false,
      },
      { ...pick(erased), authorName: null, authorRole: null, authorSub: null, formerMember: true },
      { ...pick(byVisitor), authorName: 'Kim', authorRole: null, authorSub: null, formerMember: false },
    ] satisfies ConsoleQuestion[]);
  });

  it('pages with ?cursor, newest first, without gaps or duplicates', async () => {
    const { site, cookie } = await signedInOwner();
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push((await aQuestion(env.DB, { site, productId: aProductId(), createdAt: 10_000 + Math.floor(i / 2) })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: Response = await call(`/questions${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, { cookie });
      const page: ConsoleQuestionPage = await res.json();
      seen.push(...page.questions.map((q) => q.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 5);
    expect(pages).toBe(2);
    expect(new Set(seen).size).toBe(25);
    const rows = await env.DB.prepare('SELECT id FROM questions WHERE site_id = ? ORDER BY created_at DESC, id DESC').bind(site.id).all<{ id: string }>();
    expect(seen).toEqual(rows.results.map((r) => r.id));
  });

  it('refuses a malformed cursor with 400 invalid_cursor', async () => {
    const { cookie } = await signedInOwner();
    await expectError(await call('/questions?cursor=nope', { cookie }), 400, 'invalid_cursor');
  });
});

const pick = (q: { id: string; productId: string; body: string; answerCount: number; createdAt: number }) => ({
  id: q.id,
  productId: q.productId,
  body: q.body,
  answerCount: q.answerCount,
  createdAt: q.createdAt,
});

describe('shopper data', () => {
  it('exports the member row with their questions and answers, and no visitor ids', async () => {
    const { site, cookie } = await signedInOwner();
    const member = await aMember(env.DB, { site, name: 'Anna', email: 'anna@example.com' });
    const visitor = `v_${crypto.randomUUID().replaceAll('-', '')}`;
    const question = await aQuestion(env.DB, { site, authorSub: member.sub, authorName: 'Anna', authorRole: 'shopper', text: 'Mine?' });
    const someoneElses = await aQuestion(env.DB, { site, authorVisitor: visitor });
    const answer = await anAnswer(env.DB, { question: someoneElses, authorSub: member.sub, authorName: 'Anna', text: 'My answer' });

    const res = await call(`/shoppers/${encodeURIComponent(member.sub)}/export`, { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="samen-${site.id}-shopper-export.json"`);
    const text = await res.text();
    expect(text).not.toContain(visitor);
    const body = JSON.parse(text) as ShopperExport;
    expect(body).toEqual({
      exportedAt: expect.any(Number),
      site: site.id,
      member: { sub: member.sub, name: 'Anna', email: 'anna@example.com', role: 'shopper', firstSeenAt: expect.any(Number), lastSeenAt: expect.any(Number) },
      questions: [
        {
          id: question.id,
          productId: question.productId,
          body: 'Mine?',
          authorName: 'Anna',
          answerCount: 0,
          createdAt: question.createdAt,
          visibility: 'public',
          orderRef: null,
          staffReplies: [],
        },
      ],
      answers: [{ id: answer.id, questionId: someoneElses.id, body: 'My answer', authorName: 'Anna', createdAt: answer.createdAt }],
      conversations: [],
      reviews: [],
    } satisfies ShopperExport);
  });

  it('answers 404 shopper_not_found for a sub the site holds nothing about', async () => {
    const { cookie } = await signedInOwner();
    await expectError(await call('/shoppers/nobody-here/export', { cookie }), 404, 'shopper_not_found');
    await expectError(await call('/shoppers/nobody-here', { method: 'DELETE', cookie }), 404, 'shopper_not_found');
  });

  it('erases with the site’s erase mode: anonymise keeps the posts as “former member”', async () => {
    const { site, cookie } = await signedInOwner({ eraseMode: 'anonymise' });
    const member = await aMember(env.DB, { site });
    const question = await aQuestion(env.DB, { site, authorSub: member.sub, authorName: member.name });
    const res = await call(`/shoppers/${member.sub}`, { method: 'DELETE', cookie });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ erased: true, mode: 'anonymise' });
    const row = await env.DB.prepare('SELECT author_sub, author_name, author_erased FROM questions WHERE site_id = ? AND id = ?')
      .bind(site.id, question.id)
      .first();
    expect(row).toEqual({ author_sub: null, author_name: null, author_erased: 1 });
    await expectError(await call(`/shoppers/${member.sub}/export`, { cookie }), 404, 'shopper_not_found');
  });

  it('erases with the mode the owner set: delete removes the posts', async () => {
    const { site, cookie } = await signedInOwner();
    expect((await call('/site', { method: 'PATCH', cookie, body: { eraseMode: 'delete' } })).status).toBe(200);
    const member = await aMember(env.DB, { site });
    await aQuestion(env.DB, { site, authorSub: member.sub, authorName: member.name });
    const res = await call(`/shoppers/${member.sub}`, { method: 'DELETE', cookie });
    expect(await res.json()).toEqual({ erased: true, mode: 'delete' });
    const n = await env.DB.prepare('SELECT COUNT(*) AS n FROM questions WHERE site_id = ?').bind(site.id).first<{ n: number }>();
    expect(n?.n).toBe(0);
  });

  it('handles subs with awkward characters literally', async () => {
    const { site, cookie } = await signedInOwner();
    const member = await aMember(env.DB, { site, sub: `o'brien/42 "x"` });
    const res = await call(`/shoppers/${encodeURIComponent(member.sub)}/export`, { cookie });
    expect(res.status).toBe(200);
    expect((await res.json<ShopperExport>()).member?.sub).toBe(member.sub);
  });
});

describe('staff accounts', () => {
  it('lists the site’s accounts without password hashes or failure counts', async () => {
    const { site, staff, cookie } = await signedInOwner();
    const agent = await aStaffMember(env.DB, { site, role: 'agent', name: 'Arjen Agent' });
    const res = await call('/staff', { cookie });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toMatch(/pbkdf2|password|hash|failed/i);
    const { staff: list } = JSON.parse(text) as { staff: ConsoleStaffMember[] };
    expect(list).toEqual([
      { id: staff.id, email: staff.email, name: 'Olga Owner', role: 'owner', createdAt: expect.any(Number), lockedUntil: null },
      { id: agent.id, email: agent.email, name: 'Arjen Agent', role: 'agent', createdAt: expect.any(Number), lockedUntil: null },
    ]);
    for (const s of list) expect(Object.keys(s).sort()).toEqual(['createdAt', 'email', 'id', 'lockedUntil', 'name', 'role']);
  });

  it('adds an account (201, email lowercased) that can then sign in', async () => {
    const { site, cookie } = await signedInOwner();
    const email = `New.Agent-${crypto.randomUUID()}@Shop.Example`;
    const res = await call('/staff', {
      method: 'POST',
      cookie,
      body: { email: ` ${email} `, name: ' Nina Agent ', role: 'agent', password: 'a-long-password' },
    });
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).not.toMatch(/pbkdf2|password/i);
    const { staff } = JSON.parse(text) as { staff: ConsoleStaffMember };
    expect(staff).toEqual({ id: expect.any(String), email: email.toLowerCase(), name: 'Nina Agent', role: 'agent', createdAt: expect.any(Number), lockedUntil: null });

    const signIn = await call('/session', { method: 'POST', body: { email: email.toLowerCase(), password: 'a-long-password' }, ip: anIp() });
    expect(signIn.status).toBe(200);
    expect(await signIn.json()).toEqual({ staff: { id: staff.id, name: 'Nina Agent', email: email.toLowerCase(), role: 'agent' }, site: { id: site.id, name: site.name } });
    const stored = await env.DB.prepare('SELECT password_hash FROM staff WHERE id = ?').bind(staff.id).first<{ password_hash: string }>();
    expect(stored?.password_hash).toMatch(/^pbkdf2-sha256\$100000\$/);
  });

  it('refuses an email that already has an account, on any site, with 409 email_taken', async () => {
    const { cookie } = await signedInOwner();
    const elsewhere = await aStaffMember(env.DB, { site: await aSite(env.DB) });
    const res = await call('/staff', {
      method: 'POST',
      cookie,
      body: { email: elsewhere.email.toUpperCase(), name: 'Copy', role: 'agent', password: 'a-long-password' },
    });
    await expectError(res, 409, 'email_taken');
  });

  it.each([
    ['a password of 11 characters', { password: 'x'.repeat(11) }, 'password_too_short'],
    ['no password', { password: undefined }, 'password_too_short'],
    ['an email without a domain', { email: 'agent@' }, 'invalid_email'],
    ['an email with a space', { email: 'an agent@shop.example' }, 'invalid_email'],
    ['an email with a quote', { email: "o'brien@shop.example" }, 'invalid_email'],
    ['an empty name', { name: '   ' }, 'invalid_name'],
    ['a name of 81 characters', { name: 'n'.repeat(81) }, 'invalid_name'],
    ['a name with a control character', { name: 'Nina\u0000' }, 'invalid_name'],
    ['the role admin', { role: 'admin' }, 'invalid_role'],
  ])('refuses %s with 400', async (_, change, code) => {
    const { site, cookie } = await signedInOwner();
    const body = { email: `n-${crypto.randomUUID()}@shop.example`, name: 'Nina', role: 'agent', password: 'a-long-password', ...change };
    await expectError(await call('/staff', { method: 'POST', cookie, body }), 400, inputError(code));
    const n = await env.DB.prepare('SELECT COUNT(*) AS n FROM staff WHERE site_id = ?').bind(site.id).first<{ n: number }>();
    expect(n?.n).toBe(1);
  });
});

describe('site settings', () => {
  it('GET /site shows the settings and whether a secret exists, never the secret', async () => {
    const { site, cookie } = await signedInOwner({ name: 'Noordkust', defaultLanguage: 'nl', origins: ['https://b.example', 'https://a.example'], tokenSecret: 'super-secret-value' });
    const res = await call('/site', { cookie });
    const text = await res.text();
    expect(text).not.toContain('super-secret-value');
    expect(JSON.parse(text)).toEqual({
      site: {
        id: site.id,
        name: 'Noordkust',
        defaultLanguage: 'nl',
        origins: ['https://a.example', 'https://b.example'],
        eraseMode: 'anonymise',
        hasTokenSecret: true,
        reportThreshold: 3,
        blocklist: [],
        brandColor: null,
      } satisfies ConsoleSiteSettings,
    });
  });

  it('adds an origin (201), which the widget API then accepts; adding it again is 200; removing it works once', async () => {
    const { site, cookie } = await signedInOwner();
    const widgetCall = () => exports.default.fetch(`https://samen.test/api/v1/sites/${site.id}`, { headers: { Origin: 'https://shop.example:8443' } });
    expect((await widgetCall()).status).toBe(403);

    const added = await call('/site/origins', { method: 'POST', cookie, body: { origin: 'https://shop.example:8443' } });
    expect(added.status).toBe(201);
    expect((await added.json<{ site: ConsoleSiteSettings }>()).site.origins).toEqual(['https://shop.example:8443']);
    expect((await widgetCall()).status).toBe(200);
    expect((await call('/site/origins', { method: 'POST', cookie, body: { origin: 'https://shop.example:8443' } })).status).toBe(200);

    const removed = await call('/site/origins', { method: 'DELETE', cookie, body: { origin: 'https://shop.example:8443' } });
    expect(removed.status).toBe(200);
    expect((await removed.json<{ site: ConsoleSiteSettings }>()).site.origins).toEqual([]);
    expect((await widgetCall()).status).toBe(403);
    await expectError(await call('/site/origins', { method: 'DELETE', cookie, body: { origin: 'https://shop.example:8443' } }), 404, 'origin_not_found');
  });

  it.each([
    'https://demo.example.evil/',
    'HTTPS://X.EXAMPLE',
    'https://X.example',
    'http://a.example.',
    'null',
    'http://a.example/path',
    'http://a.example?x=1',
    'http://a.example#top',
    'https://shop.example:443',
    'http://shop.example:80',
    'http://shop.example:99999',
    'https://user@shop.example',
    'ftp://shop.example',
    'javascript://shop.example',
    '//shop.example',
    'shop.example',
    'https://*.shop.example',
    'https://shop_example.com',
    'https://-shop.example',
    'https://bücher.example',
    ' https://shop.example',
    'https://shop.example ',
    '',
  ])('refuses the origin %j with 400 and stores nothing', async (origin) => {
    const { site, cookie } = await signedInOwner();
    await expectError(await call('/site/origins', { method: 'POST', cookie, body: { origin } }), 400, inputError('invalid_origin'));
    const n = await env.DB.prepare('SELECT COUNT(*) AS n FROM site_origins WHERE site_id = ?').bind(site.id).first<{ n: number }>();
    expect(n?.n).toBe(0);
  });

  it.each(['http://localhost:8787', 'http://127.0.0.1:8787', 'https://xn--bcher-kva.example', 'https://shop.example', 'http://[::1]:8080'])(
    'accepts the origin %s',
    async (origin) => {
      const { cookie } = await signedInOwner();
      expect((await call('/site/origins', { method: 'POST', cookie, body: { origin } })).status).toBe(201);
    },
  );

  it('rotate-secret returns a new secret once, which then verifies shop tokens; GET /site never shows it', async () => {
    const { site, cookie } = await signedInOwner();
    const first = await (await call('/site/rotate-secret', { method: 'POST', cookie })).json<{ secret: string }>();
    const second = await (await call('/site/rotate-secret', { method: 'POST', cookie })).json<{ secret: string }>();
    expect(first.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.secret).not.toBe(first.secret);
    const stored = await env.DB.prepare('SELECT token_secret FROM sites WHERE id = ?').bind(site.id).first<{ token_secret: string }>();
    expect(stored?.token_secret).toBe(second.secret);
    const text = await (await call('/site', { cookie })).text();
    expect(text).not.toContain(second.secret);
    expect(JSON.parse(text).site.hasTokenSecret).toBe(true);
  });

  it('PATCH /site refuses an unknown erase mode', async () => {
    const { cookie } = await signedInOwner();
    await expectError(await call('/site', { method: 'PATCH', cookie, body: { eraseMode: 'shred' } }), 400, inputError('invalid_erase_mode'));
  });
});
