import { describe, expect, it } from 'vitest';
import { SignJWT, UnsecuredJWT } from 'jose';
import { signShopToken, verifyShopToken } from '../../../worker/src/domain/shop-tokens.ts';

const SECRET = 'site-secret-for-tests-0123456789abcdef';
const key = new TextEncoder().encode(SECRET);
const now = () => Math.floor(Date.now() / 1000);

const code = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'accepted';
  } catch (err) {
    return (err as { code?: string }).code ?? 'threw';
  }
};

describe('shop tokens', () => {
  it('accepts a token the shop signed, with the shopper identity it carries', async () => {
    const token = await signShopToken({ sub: 'c-42', name: 'Anna', email: 'anna@example.com', role: 'shopper' }, 'shop', SECRET);
    await expect(verifyShopToken(token, 'shop', SECRET)).resolves.toEqual({
      sub: 'c-42',
      name: 'Anna',
      email: 'anna@example.com',
      role: 'shopper',
      products: [],
    });
  });

  it('keeps the products an expert covers', async () => {
    const token = await signShopToken({ sub: 'e-1', name: 'Eva', role: 'expert', products: ['p-1', 'p-2'] }, 'shop', SECRET);
    await expect(verifyShopToken(token, 'shop', SECRET)).resolves.toMatchObject({ role: 'expert', products: ['p-1', 'p-2'] });
  });

  it('refuses each kind of bad token with its own code', async () => {
    const claims = { name: 'Anna', role: 'shopper' };
    const expired = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('c').setExpirationTime(now() - 3600).sign(key);
    const wrongKey = await signShopToken({ sub: 'c', name: 'A', role: 'shopper' }, 'shop', 'another-sites-secret-0123456789abcd');
    const otherSite = await signShopToken({ sub: 'c', name: 'A', role: 'shopper' }, 'other-shop', SECRET);
    const none = new UnsecuredJWT(claims).setSubject('c').setExpirationTime(now() + 600).encode();
    const hs512 = await new SignJWT(claims).setProtectedHeader({ alg: 'HS512' }).setSubject('c').setExpirationTime(now() + 600).sign(key);
    const tooLong = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('c').setExpirationTime(now() + 48 * 3600).sign(key);
    const noExp = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('c').sign(key);
    const badRole = await new SignJWT({ name: 'A', role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('c').setExpirationTime(now() + 600).sign(key);
    const noName = await new SignJWT({ role: 'shopper' }).setProtectedHeader({ alg: 'HS256' }).setSubject('c').setExpirationTime(now() + 600).sign(key);

    const results = {
      expired: await code(verifyShopToken(expired, 'shop', SECRET)),
      wrongKey: await code(verifyShopToken(wrongKey, 'shop', SECRET)),
      otherSite: await code(verifyShopToken(otherSite, 'shop', SECRET)),
      algNone: await code(verifyShopToken(none, 'shop', SECRET)),
      hs512: await code(verifyShopToken(hs512, 'shop', SECRET)),
      lifetimeOver24h: await code(verifyShopToken(tooLong, 'shop', SECRET)),
      noExp: await code(verifyShopToken(noExp, 'shop', SECRET)),
      badRole: await code(verifyShopToken(badRole, 'shop', SECRET)),
      noName: await code(verifyShopToken(noName, 'shop', SECRET)),
      garbage: await code(verifyShopToken('not-a-token', 'shop', SECRET)),
      badBase64: await code(verifyShopToken('eyJ!!!.eyJ.abc', 'shop', SECRET)),
      noSecret: await code(verifyShopToken(wrongKey, 'shop', null)),
    };
    expect(results).toEqual({
      expired: 'token_expired',
      wrongKey: 'token_signature',
      otherSite: 'token_wrong_site',
      algNone: 'token_algorithm',
      hs512: 'token_algorithm',
      lifetimeOver24h: 'token_lifetime',
      noExp: 'token_claims',
      badRole: 'token_claims',
      noName: 'token_claims',
      garbage: 'token_malformed',
      badBase64: 'token_malformed',
      noSecret: 'tokens_not_enabled',
    });
  });
});
