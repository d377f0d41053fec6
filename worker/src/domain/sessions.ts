/**
 * Rules of the staff console: how long a session lasts, when an account locks, what a session
 * token is, and what counts as a valid console account or site origin. Pure functions, shared by
 * the Worker and the site-owner CLI (scripts/samen.ts), which must refuse the same inputs.
 */

export type StaffRole = 'owner' | 'agent';
export const STAFF_ROLES: readonly StaffRole[] = ['owner', 'agent'];

/** Sessions end 8 hours after sign-in, however active they were (absolute expiry). */
export const SESSION_TTL_MS = 8 * 3600e3;

/** Wrong passwords in a row that lock an account, and for how long. */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MS = 15 * 60e3;

/** The session cookie. Sent as `__Host-samen_session`: Secure, Path=/, no Domain, so no subdomain can plant one. */
export const SESSION_COOKIE = 'samen_session';

/** A new session token (256 random bits, base64url): goes into the cookie and is never stored. */
export function newSessionToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** What a session token must look like before we spend a database lookup on it. */
export const SESSION_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** SHA-256 of the token, hex: what `staff_sessions.token_hash` holds, so a database leak yields no usable cookie. */
export async function hashSessionToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Seconds until `until`, at least 1: the value of a Retry-After header. */
export const secondsUntil = (until: number, now: number): number => Math.max(1, Math.ceil((until - now) / 1000));

/** Site ids as the API accepts them in URLs. */
export const SITE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Console emails, lowercase. Deliberately narrower than RFC 5322 (no quotes, no spaces, no
 * IP literals): these addresses also travel through the CLI into SQL text.
 */
export const STAFF_EMAIL = /^[a-z0-9._%+-]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
export const isStaffEmail = (s: string): boolean => s.length <= 254 && STAFF_EMAIL.test(s);

/** Display names of staff: 1–80 characters after trimming, no control characters. */
export const isStaffName = (s: string): boolean => s.length >= 1 && s.length <= 80 && !/\p{Cc}/u.test(s) && s.trim() === s;

export const STAFF_PASSWORD_MAX = 1024;

const HOST_LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const ORIGIN = new RegExp(`^https?://(?:${HOST_LABEL}(?:\\.${HOST_LABEL})*|\\[[0-9a-f:.]+\\])(?::[0-9]{1,5})?$`);

/**
 * Whether `s` is an origin exactly as a browser sends it in the `Origin` header:
 * `scheme://host[:port]` with scheme http or https, a lowercase host (punycode for IDNs),
 * no default port, no path, no trailing slash or dot, no credentials. Origins are compared
 * byte for byte, so anything a browser would never send is refused rather than "fixed".
 */
export function isExactOrigin(s: string): boolean {
  if (s.length > 300 || !ORIGIN.test(s)) return false;
  try {
    // The round trip catches what the pattern lets through: default ports (`:443`), ports above 65535, odd IPv6.
    return new URL(s).origin === s;
  } catch {
    return false;
  }
}
