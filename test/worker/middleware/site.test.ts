import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ErrorBody, Question, SiteInfo } from '../../../worker/src/api-types.ts';
import { aProductId, aQuestion, aSite, aSiteId } from '../../fixtures/rows.ts';

const ORIGIN = 'https://demo.example';

/** A request to the Worker as a browser on `origin` would send it (no Origin header when null). */
function call(path: string, { origin, ...init }: RequestInit & { origin?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (origin !== undefined) headers.set('Origin', origin);
  return exports.default.fetch(`https://samen.test${path}`, { ...init, headers });
}

const postQuestion = (siteId: string, productId: string, origin?: string) =>
  call(`/api/v1/sites/${siteId}/products/${productId}/questions`, {
    method: 'POST',
    origin,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ text: 'Is the strap adjustable?' }),
  });

async function countQuestions(siteId: string): Promise<number> {
  const row = await env.DB.prepare('SELECT COUNT(*) AS n FROM questions WHERE site_id = ?')
    .bind(siteId)
    .first<{ n: number }>();
  return row?.n ?? -1;
}

describe('site resolution', () => {
  it('GET /sites/:site answers the public site info and nothing else (no origins)', async () => {
    const site = await aSite(env.DB, { name: 'Fietsenwinkel', defaultLanguage: 'nl', origins: [ORIGIN] });
    const res = await call(`/api/v1/sites/${site.id}`);
    expect(res.status).toBe(200);
    expect(await res.json<{ site: SiteInfo }>()).toEqual({
      site: { id: site.id, name: 'Fietsenwinkel', defaultLanguage: 'nl', ideas: true, brandColor: null },
    });
  });

  it.each([
    ['the site root', ''],
    ['a nested route', '/products/p1/questions'],
  ])('an unknown site answers 404 site_not_found on %s', async (_, rest) => {
    const res = await call(`/api/v1/sites/${aSiteId('unknown')}${rest}`, { origin: ORIGIN });
    expect(res.status).toBe(404);
    expect(await res.json<ErrorBody>()).toEqual({ error: { code: 'site_not_found', message: expect.any(String) } });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it.each(['Upper-Case', 'with_underscore', '-leading-dash', 'x'.repeat(64), '%20'])(
    'a malformed site id %j answers 404 site_not_found without touching a real site',
    async (badId) => {
      const res = await call(`/api/v1/sites/${badId}/products/p1/questions`);
      expect(res.status).toBe(404);
      expect((await res.json<ErrorBody>()).error.code).toBe('site_not_found');
    },
  );
});

describe('origin check', () => {
  it('a request without an Origin header (server-to-server) is allowed and gets no CORS header', async () => {
    const site = await aSite(env.DB, { origins: [ORIGIN] });
    const res = await call(`/api/v1/sites/${site.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('an allowed origin gets its exact origin back in Access-Control-Allow-Origin, never *', async () => {
    const site = await aSite(env.DB, { origins: [ORIGIN, 'http://localhost:8788'] });
    for (const origin of [ORIGIN, 'http://localhost:8788']) {
      const res = await call(`/api/v1/sites/${site.id}/products/p1/questions`, { origin });
      expect(res.status).toBe(200);
      expect(res.headers.get('Access-Control-Allow-Origin')).toBe(origin);
      expect(res.headers.get('Vary')).toMatch(/\bOrigin\b/);
    }
    // The site root passes the middleware once (a second pass would repeat Vary).
    const root = await call(`/api/v1/sites/${site.id}`, { origin: ORIGIN });
    expect(root.headers.get('Vary')).toBe('Origin');
  });

  it('a POST from an allowed origin succeeds and carries the CORS header', async () => {
    const site = await aSite(env.DB, { origins: [ORIGIN] });
    const res = await postQuestion(site.id, aProductId(), ORIGIN);
    expect(res.status).toBe(201);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);
    expect((await res.json<{ question: Question }>()).question.body).toBe('Is the strap adjustable?');
  });

  it('error answers to an allowed origin carry the CORS header, so the widget can read the code', async () => {
    const site = await aSite(env.DB, { origins: [ORIGIN] });
    const res = await call(`/api/v1/sites/${site.id}/products/p1/questions`, {
      method: 'POST',
      origin: ORIGIN,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'short' }),
    });
    expect(res.status).toBe(400);
    expect((await res.json<ErrorBody>()).error.code).toBe('question_too_short');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);
  });

  it.each([
    ['a lookalike with a longer domain', 'https://demo.example.evil'],
    ['a lookalike with a prefix', 'https://evil-demo.example'],
    ['a subdomain', 'https://shop.demo.example'],
    ['the opaque origin "null"', 'null'],
    ['an upper-case variant', 'https://DEMO.EXAMPLE'],
    ['a trailing-dot variant', 'https://demo.example.'],
    ['a trailing-slash variant', 'https://demo.example/'],
    ['another scheme', 'http://demo.example'],
    ['an explicit default port', 'https://demo.example:443'],
  ])('refuses %s (%j) with 403 origin_not_allowed and no CORS header', async (_, origin) => {
    const site = await aSite(env.DB, { origins: [ORIGIN] });
    const res = await call(`/api/v1/sites/${site.id}/products/p1/questions`, { origin });
    expect(res.status).toBe(403);
    expect(await res.json<ErrorBody>()).toEqual({
      error: { code: 'origin_not_allowed', message: expect.any(String) },
    });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('a refused origin cannot write: the POST is answered 403 and nothing is stored', async () => {
    const site = await aSite(env.DB, { origins: [ORIGIN] });
    const res = await postQuestion(site.id, aProductId(), 'https://evil-demo.example');
    expect(res.status).toBe(403);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(await countQuestions(site.id)).toBe(0);
  });

  it('an origin allowed for one site is refused by another site', async () => {
    const siteA = await aSite(env.DB, { origins: [ORIGIN] });
    const siteB = await aSite(env.DB, { origins: ['https://other.example'] });
    expect((await call(`/api/v1/sites/${siteA.id}`, { origin: ORIGIN })).status).toBe(200);
    const res = await call(`/api/v1/sites/${siteB.id}`, { origin: ORIGIN });
    expect(res.status).toBe(403);
    expect((await res.json<ErrorBody>()).error.code).toBe('origin_not_allowed');
  });

  it('a site with no origins refuses every browser origin', async () => {
    const site = await aSite(env.DB, { origins: [] });
    const res = await call(`/api/v1/sites/${site.id}`, { origin: ORIGIN });
    expect(res.status).toBe(403);
  });

  it('a refused question read shows none of the site’s data', async () => {
    const site = await aSite(env.DB, { origins: [ORIGIN] });
    const question = await aQuestion(env.DB, { site, text: 'Private question text here' });
    const res = await call(`/api/v1/sites/${site.id}/products/${question.productId}/questions`, {
      origin: 'https://evil.example',
    });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('Private question');
  });
});

describe('CORS preflight', () => {
  const preflight = (siteId: string, origin: string) =>
    call(`/api/v1/sites/${siteId}/products/p1/questions`, {
      method: 'OPTIONS',
      origin,
      headers: { 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });

  it('from an allowed origin answers 204 with that origin and the allowed methods and headers', async () => {
    const site = await aSite(env.DB, { origins: [ORIGIN] });
    const res = await preflight(site.id, ORIGIN);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);
    expect(res.headers.get('Access-Control-Allow-Methods')).toMatch(/\bPOST\b/);
    expect(res.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toMatch(/\bcontent-type\b/);
    expect(res.headers.get('Vary')).toMatch(/\bOrigin\b/);
  });

  it('from a refused origin answers 403 without CORS headers', async () => {
    const site = await aSite(env.DB, { origins: [ORIGIN] });
    const res = await preflight(site.id, 'https://demo.example.evil');
    expect(res.status).toBe(403);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(res.headers.get('Access-Control-Allow-Methods')).toBeNull();
  });

  it('for an unknown site answers 404 without CORS headers', async () => {
    const res = await preflight(aSiteId('unknown'), ORIGIN);
    expect(res.status).toBe(404);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});
