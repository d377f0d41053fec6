/**
 * The staff console's guards. The console is first-party (served from the API's own origin),
 * so it needs no CORS; instead every state change must prove it comes from that origin (CSRF),
 * and every call after sign-in carries a session cookie that names the site. Routes never take
 * a site id from the request.
 */
import type { Context } from 'hono';
import { generateCookie, getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import { csrf } from 'hono/csrf';
import { deleteSession, findSession, type StaffSession } from '../db/staff.ts';
import { countHits, pruneHits } from '../db/rate-limits.ts';
import { bucketsFor } from '../domain/rate-limits.ts';
import { SESSION_COOKIE, SESSION_TOKEN, SESSION_TTL_MS, hashSessionToken, secondsUntil } from '../domain/sessions.ts';
import { ApiError } from './errors.ts';
import { clientIp } from './rate-limit.ts';

/** Console routes: Workers bindings, and the verified session once `staffSession` has run. */
export interface ConsoleEnv {
  Bindings: Env;
  Variables: {
    staff: StaffSession;
    /** Hash of the presented session token (for sign-out). */
    sessionHash: string;
  };
}

type ConsoleContext = Context<ConsoleEnv>;

const SAFE_METHOD = /^(GET|HEAD|OPTIONS)$/;
const honoCsrf = csrf();

const csrfRefused = () =>
  new ApiError(403, 'csrf_refused', 'This request did not come from the Samen console, so it was refused.');

/**
 * CSRF defence for the console, in two layers:
 * 1. every unsafe request must carry an `Origin` header exactly equal to the request URL's own
 *    origin (browsers always send it on POST/PATCH/DELETE fetches, same-origin included);
 * 2. hono's `csrf()` (Origin / Sec-Fetch-Site checks for form-encoded bodies).
 * Responses are never cached: they hold accounts and shopper data.
 */
export const consoleGuard = createMiddleware<ConsoleEnv>(async (c, next) => {
  if (!SAFE_METHOD.test(c.req.method)) {
    const origin = c.req.header('Origin');
    if (origin === undefined || origin !== new URL(c.req.url).origin) throw csrfRefused();
    try {
      // Run alone (its `next` is a no-op) so that only its own refusal is translated below.
      await honoCsrf(c, async () => {});
    } catch (err) {
      if (err instanceof HTTPException && err.status === 403) throw csrfRefused();
      throw err;
    }
  }
  await next();
  c.res.headers.set('Cache-Control', 'no-store');
});

/** The `Set-Cookie` value that starts a session. `__Host-` pins it to this host with Secure and Path=/. */
export const sessionCookie = (token: string): string =>
  generateCookie(SESSION_COOKIE, token, {
    prefix: 'host',
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    path: '/',
    maxAge: SESSION_TTL_MS / 1000,
  });

/** The `Set-Cookie` value that makes the browser forget the session cookie. */
export const clearedSessionCookie = (): string =>
  generateCookie(SESSION_COOKIE, '', { prefix: 'host', httpOnly: true, secure: true, sameSite: 'Strict', path: '/', maxAge: 0 });

/** The raw session token from the cookie, if it looks like one. */
export function sessionToken(c: ConsoleContext): string | null {
  const token = getCookie(c, SESSION_COOKIE, 'host');
  return token && SESSION_TOKEN.test(token) ? token : null;
}

const notSignedIn = () =>
  new ApiError(401, 'not_signed_in', 'Sign in to the Samen console first.', { 'Set-Cookie': clearedSessionCookie() });

/**
 * Requires a valid session: sets `staff` (account + site) from the session row. A missing or
 * unknown cookie is 401 `not_signed_in`; a session past its 8-hour life is deleted and 401
 * `session_expired`.
 */
export const staffSession = createMiddleware<ConsoleEnv>(async (c, next) => {
  const token = sessionToken(c);
  if (!token) throw notSignedIn();
  const hash = await hashSessionToken(token);
  const session = await findSession(c.env.DB, hash);
  if (!session) throw notSignedIn();
  if (session.expiresAt <= Date.now()) {
    await deleteSession(c.env.DB, hash);
    throw new ApiError(401, 'session_expired', 'Your session has ended. Please sign in again.', {
      'Set-Cookie': clearedSessionCookie(),
    });
  }
  c.set('staff', session);
  c.set('sessionHash', hash);
  await next();
});

/** After `staffSession`: only site owners pass; agents get 403 `forbidden`. */
export const ownerOnly = createMiddleware<ConsoleEnv>(async (c, next) => {
  if (c.get('staff').role !== 'owner') {
    throw new ApiError(403, 'forbidden', 'Only the site owner can do this.');
  }
  await next();
});

/** Rate-limit rows for sign-in live under this pseudo site: the site is unknown until the password checks out. */
export const SIGN_IN_BUCKET_SITE = '*';

/**
 * Counts one sign-in attempt for the caller's IP (the `sign_in` policy); 429 `rate_limited`
 * with Retry-After when over. Counted before the password is checked, so guessing costs the
 * guesser. The policy's site-wide bucket is left out on purpose: under `*` it would be one
 * bucket for every console of every shop, which anyone could fill to lock all staff out.
 * Per-account guessing is stopped by the lockout instead.
 */
export async function enforceSignInLimit(c: ConsoleContext): Promise<void> {
  const now = Date.now();
  const buckets = bucketsFor('sign_in', null, clientIp(c)).filter((b) => b.key.startsWith('sign_in:ip:'));
  const counts = await countHits(c.env.DB, SIGN_IN_BUCKET_SITE, buckets, now);
  if (Math.random() < 0.01) c.executionCtx.waitUntil(pruneHits(c.env.DB, SIGN_IN_BUCKET_SITE, now - 24 * 3600e3));
  const over = counts.filter((h) => h.count > h.bucket.limit);
  if (!over.length) return;
  const retryAfter = secondsUntil(Math.max(...over.map((h) => h.windowEnd)), now);
  throw new ApiError(429, 'rate_limited', `Too many sign-in attempts. Try again in ${retryAfter} seconds.`, {
    'Retry-After': String(retryAfter),
  });
}
