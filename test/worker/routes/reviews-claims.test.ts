/**
 * Every way a purchase claim can be wrong has its own code, on the site's endpoint and the
 * server-to-server one; and a shopper token can never pass for a claim (or the other way round).
 */
import { env, exports } from 'cloudflare:workers';
import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signShopToken } from '../../../worker/src/domain/shop-tokens.ts';
import { signPurchaseClaim } from '../../../worker/src/domain/reviews-purchases.ts';
import { aProductId } from '../../fixtures/rows.ts';
import { SECRET, aReviewSite, call, expectError, postClaim } from './reviews-helpers.ts';

const key = (secret: string) => new TextEncoder().encode(secret);
const now = () => Math.floor(Date.now() / 1000);

function claim(payload: Record<string, unknown>, { secret = SECRET, alg = 'HS256' }: { secret?: string; alg?: string } = {}) {
  return new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(key(secret));
}

const serverToServer = (body: unknown) =>
  exports.default.fetch('https://samen.test/api/v1/purchases', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('purchase claim failures', () => {
  it('answers each kind of bad claim with its own code', async () => {
    const site = await aReviewSite();
    const product = aProductId();
    const base = { aud: site.id, sub: 'cust-1', order: 'NK-1', products: [product], iat: now(), exp: now() + 600 };
    const cases: [string, Promise<string> | string][] = [
      ['claim_malformed', 'not-a-jwt'],
      ['claim_signature', claim(base, { secret: 'another-secret-0123456789abcdef0123' })],
      ['claim_algorithm', claim(base, { alg: 'HS512' })],
      ['claim_algorithm', new UnsecuredJWT(base).encode()],
      ['claim_expired', claim({ ...base, iat: now() - 7200, exp: now() - 3600 })],
      ['claim_wrong_site', claim({ ...base, aud: 'another-site' })],
      ['claim_lifetime', claim({ ...base, exp: now() + 31 * 24 * 3600 })],
      ['claim_claims', claim({ ...base, order: undefined })],
      ['claim_claims', claim({ ...base, products: [] })],
      ['claim_claims', claim({ ...base, products: ['bad id with spaces'] })],
      ['claim_claims', claim({ ...base, aud: undefined })],
      // A shopper token has no order: it is not a purchase claim.
      ['claim_claims', signShopToken({ sub: 'cust-1', name: 'Anna', role: 'shopper' }, site.id, SECRET)],
    ];
    for (const [code, token] of cases) {
      await expectError(await postClaim(site, await token), 401, code);
    }
    // Nothing was recorded.
    const count = await env.DB.prepare('SELECT count(*) AS n FROM purchases WHERE site_id = ?').bind(site.id).first<{ n: number }>();
    expect(count?.n).toBe(0);
  });

  it('says so when the site has no signing secret yet', async () => {
    const site = await aReviewSite({ secret: null });
    const token = await signPurchaseClaim({ sub: 'c', order: 'o', products: ['p'] }, site.id, SECRET);
    await expectError(await postClaim(site, token), 409, 'claims_not_enabled');
  });

  it('never accepts a claim as a shopper token', async () => {
    const site = await aReviewSite();
    const token = await signPurchaseClaim({ sub: 'c', order: 'o', products: ['p'] }, site.id, SECRET);
    await expectError(await call(site, '/me', { token }), 401, 'token_claims');
  });

  it('server to server: unknown sites look like bad signatures, and the body must hold a claim', async () => {
    const site = await aReviewSite();
    const forged = await claim({ aud: 'no-such-site-here', sub: 'c', order: 'o', products: ['p'], exp: now() + 60 });
    await expectError(await serverToServer({ claim: forged }), 401, 'claim_signature');
    const twoSites = await claim({ aud: [site.id, 'other'], sub: 'c', order: 'o', products: ['p'], exp: now() + 60 });
    await expectError(await serverToServer({ claim: twoSites }), 401, 'claim_claims');
    await expectError(await serverToServer({ claim: 42 }), 400, 'invalid_claim');
    await expectError(await serverToServer({ claim: '' }), 400, 'invalid_claim');
    const wrongKey = await claim({ aud: site.id, sub: 'c', order: 'o', products: ['p'], exp: now() + 60 }, { secret: 'x'.repeat(40) });
    await expectError(await serverToServer({ claim: wrongKey }), 401, 'claim_signature');
  });
});
