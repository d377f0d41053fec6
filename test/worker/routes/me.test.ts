/**
 * Identity through the widget API: shop-signed members, anonymous visitors, returning-customer
 * recognition, privacy export and erasure, exact rate limits, and what each role may see.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { signShopToken } from '../../../worker/src/domain/shop-tokens.ts';
import { aProductId, aSite, type SiteRow } from '../../fixtures/rows.ts';

const SECRET = 'test-site-secret-0123456789abcdef0123';

async function aSiteWithTokens(overrides: Partial<SiteRow> = {}) {
  return aSite(env.DB, { origins: ['https://shop.example'], tokenSecret: SECRET, ...overrides });
}

const tokenFor = (site: SiteRow, who: { sub: string; name: string; role: 'shopper' | 'expert'; email?: string; products?: string[] }) =>
  signShopToken(who, site.id, SECRET);

function call(site: SiteRow, path: string, init: { method?: string; token?: string; visitor?: string; body?: unknown; ip?: string } = {}) {
  const headers: Record<string, string> = { Origin: 'https://shop.example', 'CF-Connecting-IP': init.ip ?? crypto.randomUUID() };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.visitor) headers['X-Samen-Visitor'] = init.visitor;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  return exports.default.fetch(`https://samen.test/api/v1/sites/${site.id}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

const aVisitorId = () => `v_${crypto.randomUUID().replaceAll('-', '')}`;

describe('identified members', () => {
  it('post under the name the shop signed, are recognised as the author, and never expose their ids', async () => {
    const site = await aSiteWithTokens();
    const product = aProductId();
    const anna = await tokenFor(site, { sub: 'cust-1', name: 'Anna de Vries', role: 'shopper', email: 'anna@example.com' });
    const posted = await call(site, `/products/${product}/questions`, {
      method: 'POST',
      token: anna,
      body: { text: 'Will this fit over a thick fleece?', authorName: 'Someone Else' },
    });
    expect(posted.status).toBe(201);
    const { question } = await posted.json<{ question: Record<string, unknown> }>();
    expect(question).toMatchObject({ authorName: 'Anna de Vries', authorRole: 'shopper', mine: true, formerMember: false });

    const asGuest = await (await call(site, `/products/${product}/questions`)).json<{ questions: Record<string, unknown>[] }>();
    expect(asGuest.questions[0]).toMatchObject({ authorName: 'Anna de Vries', mine: false });
    expect(JSON.stringify(asGuest)).not.toMatch(/cust-1|anna@example\.com/);

    // Returning customer: her questions follow her to any page of the shop.
    const mine = await (await call(site, '/me/questions', { token: anna })).json<{ questions: { body: string }[] }>();
    expect(mine.questions.map((q) => q.body)).toEqual(['Will this fit over a thick fleece?']);
  });

  it('answer with an expert role that the widget can badge', async () => {
    const site = await aSiteWithTokens();
    const product = aProductId();
    const asked = await (await call(site, `/products/${product}/questions`, { method: 'POST', body: { text: 'Is the hood adjustable?' } })).json<{ question: { id: string } }>();
    const eva = await tokenFor(site, { sub: 'exp-1', name: 'Eva', role: 'expert', products: [product] });
    const res = await call(site, `/questions/${asked.question.id}/answers`, { method: 'POST', token: eva, body: { text: 'Yes, with a one-hand toggle.' } });
    expect(res.status).toBe(201);
    await expect(res.json()).resolves.toMatchObject({ answer: { authorName: 'Eva', authorRole: 'expert' } });
    await expect((await call(site, '/me', { token: eva })).json()).resolves.toEqual({
      me: { kind: 'member', name: 'Eva', role: 'expert', products: [product] },
    });
  });

  it('refuses a bad token with 401 and a precise code, and serves guests without one', async () => {
    const site = await aSiteWithTokens();
    const forged = await signShopToken({ sub: 'x', name: 'X', role: 'shopper' }, site.id, 'not-the-site-secret-0123456789abcdef');
    const res = await call(site, '/me', { token: forged });
    expect(res.status).toBe(401);
    await expect(res.json()).resolves.toMatchObject({ error: { code: 'token_signature' } });
    await expect((await call(site, '/me')).json()).resolves.toEqual({
      me: { kind: 'anonymous', name: null, role: null, products: [] },
    });
  });
});

describe('anonymous visitors', () => {
  it('find their own questions again with their visitor id, and nobody else does', async () => {
    const site = await aSiteWithTokens();
    const product = aProductId();
    const visitor = aVisitorId();
    await call(site, `/products/${product}/questions`, { method: 'POST', visitor, body: { text: 'Can I return it after wearing?', authorName: 'Kim' } });
    const mine = await (await call(site, '/me/questions', { visitor })).json<{ questions: { body: string; mine: boolean }[] }>();
    expect(mine.questions).toMatchObject([{ body: 'Can I return it after wearing?', mine: true }]);
    const theirs = await (await call(site, '/me/questions', { visitor: aVisitorId() })).json<{ questions: unknown[] }>();
    expect(theirs.questions).toEqual([]);
  });

  it('refuses a malformed visitor id', async () => {
    const site = await aSiteWithTokens();
    const res = await call(site, '/me/questions', { visitor: 'v_short' });
    expect(res.status).toBe(400);
    await expect(res.json()).resolves.toMatchObject({ error: { code: 'invalid_visitor' } });
  });
});

describe('privacy', () => {
  it('exports everything a member wrote', async () => {
    const site = await aSiteWithTokens();
    const product = aProductId();
    const anna = await tokenFor(site, { sub: 'cust-export', name: 'Anna', role: 'shopper', email: 'anna@example.com' });
    const q = await (await call(site, `/products/${product}/questions`, { method: 'POST', token: anna, body: { text: 'What is the warranty period?' } })).json<{ question: { id: string } }>();
    await call(site, `/questions/${q.question.id}/answers`, { method: 'POST', token: anna, body: { text: 'Answering myself: two years.' } });
    // A private question, masked for everyone but staff, is exported as Anna wrote it.
    await call(site, `/products/${product}/questions`, { method: 'POST', token: anna, body: { text: 'Where is my invoice for order NK-1042?' } });
    const res = await call(site, '/me/export', { token: anna });
    expect(res.status).toBe(200);
    const data = await res.json<{
      member: { email: string };
      questions: { body: string; visibility: string }[];
      answers: { body: string }[];
      reviews: unknown[];
    }>();
    expect(data.member.email).toBe('anna@example.com');
    expect(data.questions.map((x) => [x.body, x.visibility]).sort()).toEqual([
      ['What is the warranty period?', 'public'],
      ['Where is my invoice for order NK-1042?', 'private'],
    ]);
    expect(data.reviews).toEqual([]);
    expect(data).toHaveProperty('conversations', []);
    expect(data.answers.map((x) => x.body)).toEqual(['Answering myself: two years.']);
    expect((await call(site, '/me/export')).status).toBe(401);
  });

  it.each(['anonymise', 'delete'] as const)('erases a member (%s): zero rows of personal data remain', async (eraseMode) => {
    const site = await aSiteWithTokens({ eraseMode });
    const product = aProductId();
    const anna = await tokenFor(site, { sub: 'cust-erase', name: 'Anna Erasable', role: 'shopper', email: 'erase-me@example.com' });
    const q = await (await call(site, `/products/${product}/questions`, { method: 'POST', token: anna, body: { text: 'Does it come in green?' } })).json<{ question: { id: string } }>();
    await call(site, `/questions/${q.question.id}/answers`, { method: 'POST', body: { text: 'Yes, olive green.', authorName: 'Piet' } });
    const other = await (await call(site, `/products/${product}/questions`, { method: 'POST', body: { text: 'Is it machine washable?' } })).json<{ question: { id: string } }>();
    await call(site, `/questions/${other.question.id}/answers`, { method: 'POST', token: anna, body: { text: 'Mine survived 30 °C fine.' } });

    const erased = await call(site, '/me', { method: 'DELETE', token: anna });
    expect(erased.status).toBe(200);

    const personal = await env.DB.prepare(
      `SELECT (SELECT count(*) FROM members WHERE site_id = ?1) +
              (SELECT count(*) FROM questions WHERE site_id = ?1 AND (author_sub = ?2 OR author_name = ?3)) +
              (SELECT count(*) FROM answers WHERE site_id = ?1 AND (author_sub = ?2 OR author_name = ?3)) AS n`,
    )
      .bind(site.id, 'cust-erase', 'Anna Erasable')
      .first<{ n: number }>();
    expect(personal?.n).toBe(0);

    const list = await (await call(site, `/products/${product}/questions`)).json<{ questions: { body: string; formerMember: boolean; authorName: string | null }[] }>();
    const bodies = list.questions.map((x) => x.body);
    if (eraseMode === 'anonymise') {
      expect(bodies).toContain('Does it come in green?');
      expect(list.questions.find((x) => x.body === 'Does it come in green?')).toMatchObject({ formerMember: true, authorName: null });
    } else {
      expect(bodies).toEqual(['Is it machine washable?']);
      const answers = await (await call(site, `/questions/${other.question.id}/answers`)).json<{ answers: unknown[] }>();
      expect(answers.answers).toEqual([]);
    }
  });
});

describe('rate limits', () => {
  it('allow exactly 5 questions per visitor per window, then 429 with Retry-After', async () => {
    const site = await aSiteWithTokens();
    const product = aProductId();
    const visitor = aVisitorId();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call(site, `/products/${product}/questions`, { method: 'POST', visitor, body: { text: `Question number ${i} about sizing` } }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
    const limited = results.find((r) => r.status === 429);
    expect(Number(limited?.headers.get('Retry-After'))).toBeGreaterThan(0);
    await expect(limited?.json()).resolves.toMatchObject({ error: { code: 'rate_limited' } });
  });

  it('allow exactly 30 questions per IP across visitors', async () => {
    const site = await aSiteWithTokens();
    const product = aProductId();
    const results = await Promise.all(
      Array.from({ length: 34 }, (_, i) =>
        call(site, `/products/${product}/questions`, { method: 'POST', visitor: aVisitorId(), ip: '203.0.113.9', body: { text: `Question ${i} from one network` } }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(30);
    expect(results.filter((r) => r.status === 429)).toHaveLength(4);
  });
});

describe('what each role sees', () => {
  it('returns exactly the public fields to every widget role', async () => {
    const site = await aSiteWithTokens();
    const product = aProductId();
    const anna = await tokenFor(site, { sub: 'cust-snap', name: 'Anna', role: 'shopper', email: 'snap@example.com' });
    const eva = await tokenFor(site, { sub: 'exp-snap', name: 'Eva', role: 'expert', products: [product] });
    const visitor = aVisitorId();
    const q = await (await call(site, `/products/${product}/questions`, { method: 'POST', token: anna, body: { text: 'How warm is this jacket?' } })).json<{ question: { id: string } }>();
    await call(site, `/questions/${q.question.id}/answers`, { method: 'POST', visitor, body: { text: 'Warm enough with a fleece.' } });

    const roles: Record<string, { token?: string; visitor?: string }> = {
      anonymous: {},
      visitor: { visitor },
      shopper: { token: anna },
      expert: { token: eva },
    };
    const questionKeys = ['acceptedAnswerId', 'answerCount', 'authorName', 'authorRole', 'body', 'createdAt', 'formerMember', 'id', 'mine', 'productId'];
    const answerKeys = ['accepted', 'authorName', 'authorRole', 'body', 'createdAt', 'didNotHelp', 'formerMember', 'helpfulCount', 'id', 'mine', 'questionId', 'votedHelpful'];
    for (const [role, who] of Object.entries(roles)) {
      const list = await (await call(site, `/products/${product}/questions`, who)).json<{ questions: Record<string, unknown>[] }>();
      const answers = await (await call(site, `/questions/${q.question.id}/answers`, who)).json<{ answers: Record<string, unknown>[] }>();
      expect(Object.keys(list.questions[0] ?? {}).sort(), role).toEqual(questionKeys);
      expect(Object.keys(answers.answers[0] ?? {}).sort(), role).toEqual(answerKeys);
      const text = JSON.stringify([list, answers]);
      expect(text, role).not.toMatch(/snap@example\.com|cust-snap|exp-snap|v_[0-9a-f]{20}|tokenSecret|token_secret/);
    }
  });
});
