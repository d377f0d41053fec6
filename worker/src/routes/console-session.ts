import { Hono } from 'hono';
import { z } from 'zod';
import { validate } from '../middleware/validate.ts';
import { ApiError } from '../middleware/errors.ts';
import {
  clearedSessionCookie,
  enforceSignInLimit,
  sessionCookie,
  sessionToken,
  staffSession,
  type ConsoleEnv,
} from '../middleware/staff-session.ts';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../domain/passwords.ts';
import {
  LOCKOUT_MS,
  MAX_FAILED_SIGN_INS,
  SESSION_TTL_MS,
  STAFF_PASSWORD_MAX,
  hashSessionToken,
  newSessionToken,
  secondsUntil,
} from '../domain/sessions.ts';
import { deleteSession, findCredentials, recordFailedSignIn, startSession, type StaffSession } from '../db/staff.ts';
import type { ConsoleSession } from './console-types.ts';

const signIn = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(STAFF_PASSWORD_MAX),
});

/** Unknown email and wrong password look exactly the same to the caller. */
const invalidCredentials = () => new ApiError(401, 'invalid_credentials', 'The email or password is not correct.');

function accountLocked(lockedUntil: number, now: number): ApiError {
  const seconds = secondsUntil(lockedUntil, now);
  return new ApiError(
    429,
    'account_locked',
    `Too many wrong passwords: this account is locked for ${Math.ceil(seconds / 60)} more minutes.`,
    { 'Retry-After': String(seconds) },
  );
}

const sessionBody = (s: Pick<StaffSession, 'staffId' | 'name' | 'email' | 'role' | 'siteId' | 'siteName'>): ConsoleSession => ({
  staff: { id: s.staffId, name: s.name, email: s.email, role: s.role },
  site: { id: s.siteId, name: s.siteName },
});

/**
 * Signing in and out of the console: `/api/v1/console/session`. The cookie is HttpOnly, so the
 * console learns whether it is signed in from `GET /session`.
 */
export const consoleSessionRoutes = new Hono<ConsoleEnv>()
  .post('/session', validate('json', signIn), async (c) => {
    const { email, password } = c.req.valid('json');
    await enforceSignInLimit(c);
    const now = Date.now();
    const account = await findCredentials(c.env.DB, email);
    if (!account) {
      // Spend the same PBKDF2 work as for a real account, so timing does not tell which emails exist.
      await verifyPassword(password, DUMMY_PASSWORD_HASH);
      throw invalidCredentials();
    }
    if (account.lockedUntil > now) throw accountLocked(account.lockedUntil, now);
    if (!(await verifyPassword(password, account.passwordHash))) {
      const { lockedUntil } = await recordFailedSignIn(c.env.DB, account.siteId, account.id, now, MAX_FAILED_SIGN_INS, LOCKOUT_MS);
      // The attempt that locks the account says so at once, rather than on the next try.
      if (lockedUntil > now) throw accountLocked(lockedUntil, now);
      throw invalidCredentials();
    }
    const token = newSessionToken();
    await startSession(c.env.DB, {
      siteId: account.siteId,
      staffId: account.id,
      tokenHash: await hashSessionToken(token),
      createdAt: now,
      expiresAt: now + SESSION_TTL_MS,
    });
    const body = sessionBody({ ...account, staffId: account.id });
    return c.json(body, 200, { 'Set-Cookie': sessionCookie(token) });
  })
  .get('/session', staffSession, (c) => c.json(sessionBody(c.get('staff')), 200))
  .delete('/session', async (c) => {
    // Signing out always succeeds and always clears the cookie; a live session row is deleted.
    const token = sessionToken(c);
    if (token) await deleteSession(c.env.DB, await hashSessionToken(token));
    return c.json({ signedOut: true }, 200, { 'Set-Cookie': clearedSessionCookie() });
  });
