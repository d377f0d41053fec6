/**
 * Tokens a shop's backend signs for its shoppers and experts (HS256 with the site's secret).
 * Each way a token can be wrong has its own code, so a site owner can tell what to fix.
 */
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

export type MemberRole = 'shopper' | 'expert';

export interface ShopIdentity {
  sub: string;
  name: string;
  email: string | null;
  role: MemberRole;
  /** Products an expert covers; empty for shoppers. */
  products: string[];
}

export type TokenErrorCode =
  | 'token_malformed'
  | 'token_algorithm'
  | 'token_signature'
  | 'token_expired'
  | 'token_claims'
  | 'token_wrong_site'
  | 'token_lifetime'
  | 'tokens_not_enabled';

export class TokenError extends Error {
  readonly code: TokenErrorCode;
  constructor(code: TokenErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export const MAX_TOKEN_LIFETIME_MS = 24 * 3600e3;
const CLOCK_SKEW_S = 60;

const claims = z.object({
  sub: z.string().min(1).max(128),
  name: z.string().trim().min(1).max(80),
  email: z.email().max(254).optional(),
  role: z.enum(['shopper', 'expert']),
  products: z.array(z.string().regex(/^[\w.:/-]{1,128}$/)).max(500).optional(),
  exp: z.number().int(),
  aud: z.union([z.string(), z.array(z.string())]).optional(),
});

const secretKey = (secret: string) => new TextEncoder().encode(secret);

/** Verifies a shop token for `siteId`; throws {@link TokenError}. */
export async function verifyShopToken(token: string, siteId: string, secret: string | null): Promise<ShopIdentity> {
  if (!secret) throw new TokenError('tokens_not_enabled', 'This site has no signing secret; identified shoppers are off.');
  if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token) || token.length > 8192) {
    throw new TokenError('token_malformed', 'The token is not a compact JWS.');
  }
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, secretKey(secret), {
      algorithms: ['HS256'],
      clockTolerance: CLOCK_SKEW_S,
      requiredClaims: ['exp', 'sub'],
    }));
  } catch (err) {
    if (err instanceof errors.JWTExpired) throw new TokenError('token_expired', 'The token has expired.');
    if (err instanceof errors.JOSEAlgNotAllowed || err instanceof errors.JOSENotSupported) {
      throw new TokenError('token_algorithm', 'Only HS256-signed tokens are accepted.');
    }
    if (err instanceof errors.JWSSignatureVerificationFailed) {
      throw new TokenError('token_signature', 'The token signature is not valid for this site.');
    }
    if (err instanceof errors.JWTClaimValidationFailed) {
      throw new TokenError('token_claims', `The token's claims are not valid: ${err.message}`);
    }
    throw new TokenError('token_malformed', 'The token could not be read.');
  }
  const parsed = claims.safeParse(payload);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') ?? 'claims';
    throw new TokenError('token_claims', `The token claim “${field}” is missing or not valid.`);
  }
  const c = parsed.data;
  if (c.aud !== undefined && !(Array.isArray(c.aud) ? c.aud : [c.aud]).includes(siteId)) {
    throw new TokenError('token_wrong_site', 'The token was issued for another site.');
  }
  if (c.exp * 1000 - Date.now() > MAX_TOKEN_LIFETIME_MS + CLOCK_SKEW_S * 1000) {
    throw new TokenError('token_lifetime', 'Tokens may be valid for at most 24 hours.');
  }
  return {
    sub: c.sub,
    name: c.name,
    email: c.email ?? null,
    role: c.role,
    products: c.role === 'expert' ? (c.products ?? []) : [],
  };
}

/** Signs a token the way a shop's backend would (used by the demo shop and by tests). */
export async function signShopToken(
  identity: Omit<ShopIdentity, 'email' | 'products'> & { email?: string; products?: readonly string[] },
  siteId: string,
  secret: string,
  lifetimeSeconds = 3600,
): Promise<string> {
  const { sub, ...rest } = identity;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setAudience(siteId)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + lifetimeSeconds)
    .sign(secretKey(secret));
}

/** A new random signing secret (256 bits, base64url). */
export function newSigningSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}
