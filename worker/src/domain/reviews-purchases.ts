/**
 * Signed purchase claims: the shop's checkout or backend signs, with the same per-site HS256
 * secret as its shopper tokens, a JWT saying which products a customer bought in an order.
 * "Verified buyer" comes from nothing else.
 *
 *   { "aud": "<site id>", "sub": "<customer id, as in shopper tokens>", "order": "NK-1042",
 *     "products": ["nk-storm-jacket", …], "iat": …, "exp": … }
 *
 * `order` is what tells a claim from a shopper token (which never has one), so neither can be
 * passed off as the other. Every way a claim can be wrong has its own `claim_*` code.
 */
import { decodeJwt, errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

export type ClaimErrorCode =
  | 'claim_malformed'
  | 'claim_algorithm'
  | 'claim_signature'
  | 'claim_expired'
  | 'claim_claims'
  | 'claim_wrong_site'
  | 'claim_lifetime'
  | 'claims_not_enabled';

export class ClaimError extends Error {
  readonly code: ClaimErrorCode;
  constructor(code: ClaimErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Claims are often signed when the order is placed and handed on later (confirmation page, email). */
export const MAX_CLAIM_LIFETIME_MS = 30 * 24 * 3600e3;
export const MAX_CLAIM_PRODUCTS = 100;
const CLOCK_SKEW_S = 60;
const COMPACT_JWS = /^[\w-]+\.[\w-]+\.[\w-]*$/;

export interface PurchaseClaim {
  sub: string;
  order: string;
  products: string[];
  /** When the order was placed (the claim's `iat`, else now). */
  purchasedAt: number;
}

const claimShape = z.object({
  sub: z.string().min(1).max(128),
  order: z.string().regex(/^[\w.:/#-]{1,64}$/),
  products: z.array(z.string().regex(/^[\w.:/-]{1,128}$/)).min(1).max(MAX_CLAIM_PRODUCTS),
  exp: z.number().int(),
  iat: z.number().int().optional(),
  aud: z.union([z.string(), z.array(z.string())]),
});

const key = (secret: string) => new TextEncoder().encode(secret);
const audiences = (aud: unknown): string[] =>
  typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];

/**
 * The site a claim names (its `aud`), read before the signature is checked: only to pick the
 * secret to check it with. Null when the claim does not name exactly one site.
 */
export function claimedSite(token: string): string | null {
  if (!COMPACT_JWS.test(token) || token.length > 8192) return null;
  try {
    const aud = audiences(decodeJwt(token).aud);
    return aud.length === 1 ? (aud[0] ?? null) : null;
  } catch {
    return null;
  }
}

/** Verifies a purchase claim for `siteId`; throws {@link ClaimError}. */
export async function verifyPurchaseClaim(token: string, siteId: string, secret: string | null, now = Date.now()): Promise<PurchaseClaim> {
  if (!secret) throw new ClaimError('claims_not_enabled', 'This site has no signing secret, so it cannot sign purchase claims.');
  if (!COMPACT_JWS.test(token) || token.length > 8192) throw new ClaimError('claim_malformed', 'The purchase claim is not a compact JWS.');
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, key(secret), {
      algorithms: ['HS256'],
      clockTolerance: CLOCK_SKEW_S,
      requiredClaims: ['exp', 'sub', 'aud'],
      currentDate: new Date(now),
    }));
  } catch (err) {
    if (err instanceof errors.JWTExpired) throw new ClaimError('claim_expired', 'The purchase claim has expired.');
    if (err instanceof errors.JOSEAlgNotAllowed || err instanceof errors.JOSENotSupported) {
      throw new ClaimError('claim_algorithm', 'Only HS256-signed purchase claims are accepted.');
    }
    if (err instanceof errors.JWSSignatureVerificationFailed) {
      throw new ClaimError('claim_signature', 'The purchase claim signature is not valid for this site.');
    }
    if (err instanceof errors.JWTClaimValidationFailed) {
      throw new ClaimError('claim_claims', `The purchase claim is not valid: ${err.message}`);
    }
    throw new ClaimError('claim_malformed', 'The purchase claim could not be read.');
  }
  const parsed = claimShape.safeParse(payload);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') ?? 'claims';
    throw new ClaimError('claim_claims', `The purchase claim's “${field}” is missing or not valid.`);
  }
  const c = parsed.data;
  if (!audiences(c.aud).includes(siteId)) throw new ClaimError('claim_wrong_site', 'The purchase claim was issued for another site.');
  if (c.exp * 1000 - now > MAX_CLAIM_LIFETIME_MS + CLOCK_SKEW_S * 1000) {
    throw new ClaimError('claim_lifetime', 'Purchase claims may be valid for at most 30 days.');
  }
  return {
    sub: c.sub,
    order: c.order,
    products: [...new Set(c.products)],
    purchasedAt: c.iat !== undefined && c.iat * 1000 <= now + CLOCK_SKEW_S * 1000 ? c.iat * 1000 : now,
  };
}

/** Signs a purchase claim the way a shop's backend would (used by the demo shop and by tests). */
export async function signPurchaseClaim(
  claim: { sub: string; order: string; products: readonly string[] },
  siteId: string,
  secret: string,
  lifetimeSeconds = 3600,
): Promise<string> {
  return new SignJWT({ order: claim.order, products: [...claim.products] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claim.sub)
    .setAudience(siteId)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + lifetimeSeconds)
    .sign(key(secret));
}
