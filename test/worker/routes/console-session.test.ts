import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ConsoleSession } from '../../../worker/src/routes/console-types.ts';
import { ratePolicies } from '../../../worker/src/domain/rate-limits.ts';
import { aSite } from '../../fixtures/rows.ts';
import { aSession, aStaffMember, anIp, consoleCall, STAFF_PASSWORD, type ConsoleCall } from '../../fixtures/staff.ts';

const call = (path: string, init?: ConsoleCall) => consoleCall(exports.default, path, init);
const signIn = (email: string, password: string, ip = anIp()) =>
  call('/session', { method: 'POST', body: { email, password }, ip });

async function expectError(res: Response, status: number, code: string): Promise<{ code: string; message: string }> {
  expect(res.status, await res.clone().text()).toBe(status);
  const body = await res.json<{ error: { code: string; message: string } }>();
  expect(body).toEqual({ error: { code, message: expect.any(String) } });
  return body.error;
}

/** The `name=value` pair and the attributes of the one Set-Cookie header, attributes lowercased. */
function setCookie(res: Response): { pair: string; value: string; attributes: string[] } {
  const raw = res.headers.getSetCookie();
  expect(raw).toHaveLength(1);
  const [pair = '', ...attributes] = (raw[0] ?? '').split(';').map((s) => s.trim());
  return { pair, value: pair.slice(pair.indexOf('=') + 1), attributes: attributes.map((a) => a.toLowerCase()) };
}

const failedAttempts = async (siteId: string, staffId: string) =>
  (await env.DB.prepare('SELECT failed_attempts, locked_until FROM staff WHERE site_id = ? AND id = ?')
    .bind(siteId, staffId)
    .first<{ failed_attempts: number; locked_until: number }>())!;

describe('POST /session (sign in)', () => {
  it('answers the account and site and sets an HttpOnly, Secure, SameSite=Strict session cookie for 8 hours', async () => {
    const site = await aSite(env.DB, { name: 'Noordkust' });
    const owner = await aStaffMember(env.DB, { site, name: 'Olga Owner', email: `olga-${crypto.randomUUID()}@shop.example` });

    const res = await signIn(owner.email, STAFF_PASSWORD);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      staff: { id: owner.id, name: 'Olga Owner', email: owner.email, role: 'owner' },
      site: { id: site.id, name: 'Noordkust' },
    } satisfies ConsoleSession);

    const cookie = setCookie(res);
    expect(cookie.pair).toMatch(/^__Host-samen_session=[A-Za-z0-9_-]{43}$/);
    expect(cookie.attributes).toEqual(
      expect.arrayContaining(['httponly', 'secure', 'samesite=strict', 'path=/', 'max-age=28800']),
    );
    expect(cookie.attributes.some((a) => a.startsWith('domain'))).toBe(false);
    expect(res.headers.get('Cache-Control')).toBe('no-store');

    // The cookie works, and the database holds only its SHA-256.
    const me = await call('/session', { cookie: cookie.pair });
    expect(me.status).toBe(200);
    expect((await me.json<ConsoleSession>()).staff.id).toBe(owner.id);
    const { results } = await env.DB.prepare('SELECT token_hash, expires_at, created_at FROM staff_sessions WHERE staff_id = ?')
      .bind(owner.id)
      .all<{ token_hash: string; expires_at: number; created_at: number }>();
    expect(results).toHaveLength(1);
    expect(results[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(results[0]?.token_hash).not.toContain(cookie.value);
    expect((results[0]?.expires_at ?? 0) - (results[0]?.created_at ?? 0)).toBe(8 * 3600e3);
  });

  it('matches the email whatever its case and surrounding spaces', async () => {
    const site = await aSite(env.DB);
    const owner = await aStaffMember(env.DB, { site });
    expect((await signIn(`  ${owner.email.toUpperCase()} `, STAFF_PASSWORD)).status).toBe(200);
  });

  it('answers a wrong password and an unknown email with the same 401 invalid_credentials, and no cookie', async () => {
    const site = await aSite(env.DB);
    const owner = await aStaffMember(env.DB, { site });
    const wrong = await signIn(owner.email, 'not-the-password');
    const unknown = await signIn(`nobody-${crypto.randomUUID()}@shop.example`, STAFF_PASSWORD);
    expect(wrong.headers.getSetCookie()).toEqual([]);
    expect(unknown.headers.getSetCookie()).toEqual([]);
    expect(await expectError(wrong, 401, 'invalid_credentials')).toEqual(await expectError(unknown, 401, 'invalid_credentials'));
  });

  it('locks the account after 5 wrong passwords: 429 account_locked with Retry-After, even for the right password', async () => {
    const site = await aSite(env.DB);
    const owner = await aStaffMember(env.DB, { site });
    const ip = anIp();
    for (let i = 1; i <= 4; i++) await expectError(await signIn(owner.email, `wrong-${i}`, ip), 401, 'invalid_credentials');
    expect((await failedAttempts(site.id, owner.id)).failed_attempts).toBe(4);

    const fifth = await signIn(owner.email, 'wrong-5', ip);
    const error = await expectError(fifth, 429, 'account_locked');
    expect(error.message).toMatch(/15 more minutes/);
    expect(Number(fifth.headers.get('Retry-After'))).toBeGreaterThan(14 * 60);
    expect(Number(fifth.headers.get('Retry-After'))).toBeLessThanOrEqual(15 * 60);

    const right = await signIn(owner.email, STAFF_PASSWORD, ip);
    await expectError(right, 429, 'account_locked');
    expect(Number(right.headers.get('Retry-After'))).toBeGreaterThan(14 * 60);
    expect(right.headers.getSetCookie()).toEqual([]);
    // Another account on the same site is not affected.
    const agent = await aStaffMember(env.DB, { site, role: 'agent' });
    expect((await signIn(agent.email, STAFF_PASSWORD, ip)).status).toBe(200);
  });

  it('lets the right password in again once the lock has run out, and then starts the count afresh', async () => {
    const site = await aSite(env.DB);
    const owner = await aStaffMember(env.DB, { site });
    await env.DB.prepare('UPDATE staff SET failed_attempts = 0, locked_until = ? WHERE site_id = ? AND id = ?')
      .bind(Date.now() - 1000, site.id, owner.id)
      .run();
    expect((await signIn(owner.email, STAFF_PASSWORD)).status).toBe(200);

    await env.DB.prepare('UPDATE staff SET failed_attempts = 4 WHERE site_id = ? AND id = ?').bind(site.id, owner.id).run();
    expect((await signIn(owner.email, STAFF_PASSWORD)).status).toBe(200);
    expect(await failedAttempts(site.id, owner.id)).toEqual({ failed_attempts: 0, locked_until: 0 });
  });

  it('limits sign-in attempts per IP: 429 rate_limited with Retry-After, before any password is checked', async () => {
    const site = await aSite(env.DB);
    const owner = await aStaffMember(env.DB, { site });
    const ip = anIp();
    const policy = ratePolicies.sign_in;
    const windowStart = Math.floor(Date.now() / policy.windowMs) * policy.windowMs;
    // This IP has used up its attempts in the current window (rows under the pseudo site "*").
    await env.DB.prepare('INSERT INTO rate_limits (site_id, bucket, window_start, count) VALUES (?, ?, ?, ?)')
      .bind('*', `sign_in:ip:${ip}`, windowStart, policy.perIp)
      .run();

    const res = await signIn(owner.email, STAFF_PASSWORD, ip);
    await expectError(res, 429, 'rate_limited');
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
    expect(Number(res.headers.get('Retry-After'))).toBeLessThanOrEqual(policy.windowMs / 1000);
    expect(res.headers.getSetCookie()).toEqual([]);
    // A rate-limited attempt is not a wrong password: the account's count is untouched.
    expect((await failedAttempts(site.id, owner.id)).failed_attempts).toBe(0);
    // Other IPs are not affected.
    expect((await signIn(owner.email, STAFF_PASSWORD)).status).toBe(200);
  });

  it('counts every attempt of an IP, so the 21st within the window is refused', async () => {
    const ip = anIp();
    const policy = ratePolicies.sign_in;
    const windowStart = Math.floor(Date.now() / policy.windowMs) * policy.windowMs;
    await env.DB.prepare('INSERT INTO rate_limits (site_id, bucket, window_start, count) VALUES (?, ?, ?, ?)')
      .bind('*', `sign_in:ip:${ip}`, windowStart, policy.perIp - 1)
      .run();
    const email = `nobody-${crypto.randomUUID()}@shop.example`;
    await expectError(await signIn(email, 'guess-one', ip), 401, 'invalid_credentials');
    await expectError(await signIn(email, 'guess-two', ip), 429, 'rate_limited');
  });

  it.each([
    ['no email', { password: STAFF_PASSWORD }],
    ['no password', { email: 'a@shop.example' }],
    ['a numeric password', { email: 'a@shop.example', password: 123456789012 }],
    ['a password of 1025 characters', { email: 'a@shop.example', password: 'p'.repeat(1025) }],
  ])('answers %s with 400 invalid_input', async (_, body) => {
    await expectError(await call('/session', { method: 'POST', body, ip: anIp() }), 400, 'invalid_input');
  });
});

describe('GET /session', () => {
  it('answers 401 not_signed_in without a cookie, with an unknown token, and with a malformed one', async () => {
    await expectError(await call('/session'), 401, 'not_signed_in');
    await expectError(await call('/session', { cookie: `__Host-samen_session=${'A'.repeat(43)}` }), 401, 'not_signed_in');
    await expectError(await call('/session', { cookie: '__Host-samen_session=../../etc' }), 401, 'not_signed_in');
  });

  it('does not accept the token under the unprefixed cookie name (which a subdomain could set)', async () => {
    const site = await aSite(env.DB);
    const session = await aSession(env.DB, { staff: await aStaffMember(env.DB, { site }) });
    await expectError(await call('/session', { cookie: `samen_session=${session.token}` }), 401, 'not_signed_in');
  });

  it('refuses a session older than its 8 hours with 401 session_expired, deletes it and clears the cookie', async () => {
    const site = await aSite(env.DB);
    const owner = await aStaffMember(env.DB, { site });
    const createdAt = Date.now() - 8 * 3600e3 - 1000;
    const session = await aSession(env.DB, { staff: owner, createdAt });

    const res = await call('/session', { cookie: session.cookie });
    await expectError(res, 401, 'session_expired');
    expect(res.headers.getSetCookie()[0]).toMatch(/^__Host-samen_session=; .*Max-Age=0/i);
    const row = await env.DB.prepare('SELECT COUNT(*) AS n FROM staff_sessions WHERE token_hash = ?').bind(session.tokenHash).first<{ n: number }>();
    expect(row?.n).toBe(0);
    // …and the same cookie is now simply unknown.
    await expectError(await call('/session', { cookie: session.cookie }), 401, 'not_signed_in');
  });

  it('accepts a session one minute before it expires', async () => {
    const site = await aSite(env.DB);
    const owner = await aStaffMember(env.DB, { site });
    const session = await aSession(env.DB, { staff: owner, createdAt: Date.now() - 8 * 3600e3 + 60e3 });
    expect((await call('/session', { cookie: session.cookie })).status).toBe(200);
  });

  it('ends the sessions of an account that no longer exists', async () => {
    const site = await aSite(env.DB);
    const owner = await aStaffMember(env.DB, { site });
    const session = await aSession(env.DB, { staff: owner });
    await env.DB.prepare('DELETE FROM staff WHERE site_id = ? AND id = ?').bind(site.id, owner.id).run();
    await expectError(await call('/session', { cookie: session.cookie }), 401, 'not_signed_in');
  });
});

describe('DELETE /session (sign out)', () => {
  it('deletes the session row and clears the cookie; the old cookie no longer works', async () => {
    const site = await aSite(env.DB);
    const owner = await aStaffMember(env.DB, { site });
    const session = await aSession(env.DB, { staff: owner });
    const other = await aSession(env.DB, { staff: owner });

    const res = await call('/session', { method: 'DELETE', cookie: session.cookie });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ signedOut: true });
    const cleared = res.headers.getSetCookie()[0] ?? '';
    expect(cleared).toMatch(/^__Host-samen_session=;/);
    expect(cleared).toMatch(/Max-Age=0/i);

    await expectError(await call('/session', { cookie: session.cookie }), 401, 'not_signed_in');
    await expectError(await call('/questions', { cookie: session.cookie }), 401, 'not_signed_in');
    // Only this session ended: the account's session on another device goes on.
    expect((await call('/session', { cookie: other.cookie })).status).toBe(200);
  });

  it('succeeds without a session too (signing out twice is fine)', async () => {
    const res = await call('/session', { method: 'DELETE' });
    expect(res.status).toBe(200);
  });
});

describe('CSRF', () => {
  it.each([
    ['no Origin', null],
    ['a foreign Origin', 'https://evil.example'],
    ['a look-alike Origin', 'https://samen.test.evil.example'],
    ['the same host over http', 'http://samen.test'],
    ['Origin: null', 'null'],
  ])('refuses a sign-in with %s: 403 csrf_refused, no cookie', async (_, origin) => {
    const site = await aSite(env.DB);
    const owner = await aStaffMember(env.DB, { site });
    const res = await call('/session', { method: 'POST', body: { email: owner.email, password: STAFF_PASSWORD }, origin, ip: anIp() });
    await expectError(res, 403, 'csrf_refused');
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('refuses a form-encoded sign-in from another site', async () => {
    const res = await call('/session', {
      method: 'POST',
      body: 'email=a%40shop.example&password=x',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'cross-site' },
      origin: 'https://evil.example',
    });
    await expectError(res, 403, 'csrf_refused');
  });

  it('refuses a signed-in state change without Origin or from another origin, and changes nothing', async () => {
    const site = await aSite(env.DB, { origins: ['https://shop.example'] });
    const owner = await aStaffMember(env.DB, { site });
    const session = await aSession(env.DB, { staff: owner });
    for (const origin of [null, 'https://evil.example']) {
      await expectError(
        await call('/site/origins', { method: 'POST', cookie: session.cookie, origin, body: { origin: 'https://evil.example' } }),
        403,
        'csrf_refused',
      );
      await expectError(
        await call('/site', { method: 'PATCH', cookie: session.cookie, origin, body: { eraseMode: 'delete' } }),
        403,
        'csrf_refused',
      );
      await expectError(await call('/session', { method: 'DELETE', cookie: session.cookie, origin }), 403, 'csrf_refused');
    }
    const settings = await (await call('/site', { cookie: session.cookie })).json<{ site: { origins: string[]; eraseMode: string } }>();
    expect(settings.site.origins).toEqual(['https://shop.example']);
    expect(settings.site.eraseMode).toBe('anonymise');
    expect((await call('/session', { cookie: session.cookie })).status).toBe(200);
  });

  it('lets reads through without an Origin header (same-origin GETs do not send one)', async () => {
    const site = await aSite(env.DB);
    const session = await aSession(env.DB, { staff: await aStaffMember(env.DB, { site }) });
    expect((await call('/questions', { cookie: session.cookie, origin: null })).status).toBe(200);
  });
});
