/**
 * Tenant isolation, property-based: thousands of generated attempts by site B (its origin, its
 * tokens, its visitors — and stolen site-A tokens and visitor ids) at every widget route, aimed at
 * site A's objects by id. Site A's content carries a marker; no response to B may contain it, no
 * attempt may change A's data, and A's ids are never accepted through B.
 */
import { env, exports } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signShopToken } from '../../../worker/src/domain/shop-tokens.ts';
import { aQuestion, aSite, anAnswer, aProductId } from '../../fixtures/rows.ts';

const ATTEMPTS = 10_000;
const MARKER = 'ALPHA-PRIVATE';

interface Attempt {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

describe('tenant isolation', () => {
  it(`leaks nothing across sites in ${ATTEMPTS} generated cross-site attempts`, async () => {
    const alpha = await aSite(env.DB, { origins: ['https://alpha.example'], tokenSecret: 'alpha-secret-0123456789abcdef0123' });
    const beta = await aSite(env.DB, { origins: ['https://beta.example'], tokenSecret: 'beta-secret-0123456789abcdef01234' });
    const alphaProduct = aProductId('alpha');
    const alphaVisitor = `v_${'a'.repeat(24)}`;
    const questions = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        aQuestion(env.DB, {
          site: alpha,
          productId: alphaProduct,
          text: `${MARKER} question ${i} from a member`,
          authorName: `${MARKER} Anna`,
          authorSub: 'alpha-member',
          authorVisitor: i % 2 ? alphaVisitor : null,
          authorRole: 'shopper',
        }),
      ),
    );
    const answers = [];
    for (const q of questions) answers.push(await anAnswer(env.DB, { question: q, text: `${MARKER} answer`, authorSub: 'alpha-member' }));
    await env.DB.prepare(
      "INSERT INTO members (site_id, sub, name, email, role, first_seen_at, last_seen_at) VALUES (?, 'alpha-member', ?, 'anna@alpha.example', 'shopper', 1, 1)",
    )
      .bind(alpha.id, `${MARKER} Anna`)
      .run();

    const alphaToken = await signShopToken({ sub: 'alpha-member', name: 'Anna', role: 'shopper' }, alpha.id, alpha.tokenSecret ?? '');
    const betaToken = await signShopToken({ sub: 'alpha-member', name: 'Mallory', role: 'expert' }, beta.id, beta.tokenSecret ?? '');
    // A token with site B's audience but signed with A's secret, and the reverse.
    const mixedToken = await signShopToken({ sub: 'alpha-member', name: 'Mallory', role: 'shopper' }, beta.id, alpha.tokenSecret ?? '');

    const snapshot = async () =>
      JSON.stringify(
        await env.DB.prepare(
          `SELECT (SELECT json_group_array(json_array(id, body, answer_count, author_sub)) FROM questions WHERE site_id = ?1) AS q,
                  (SELECT json_group_array(json_array(id, body, author_sub, helpful_count, status, report_count)) FROM answers WHERE site_id = ?1) AS a,
                  (SELECT json_group_array(json_array(id, accepted_answer_id, status, report_count)) FROM questions WHERE site_id = ?1) AS s,
                  (SELECT count(*) FROM answer_votes WHERE site_id = ?1) + (SELECT count(*) FROM reports WHERE site_id = ?1)
                    + (SELECT count(*) FROM answer_feedback WHERE site_id = ?1) AS v,
                  (SELECT json_group_array(json_array(sub, name, email)) FROM members WHERE site_id = ?1) AS m`,
        )
          .bind(alpha.id)
          .first(),
      );
    const before = await snapshot();

    const alphaIds = [...questions.map((q) => q.id), ...answers.map((a) => a.id)];
    const credential = fc.constantFrom<Record<string, string>>(
      {},
      { Authorization: `Bearer ${alphaToken}` },
      { Authorization: `Bearer ${betaToken}` },
      { Authorization: `Bearer ${mixedToken}` },
      { 'X-Samen-Visitor': alphaVisitor },
      { 'X-Samen-Visitor': alphaVisitor, Authorization: `Bearer ${betaToken}` },
    );
    const origin = fc.constantFrom('https://beta.example', 'https://alpha.example', undefined);
    const target = fc.constantFrom(...alphaIds, crypto.randomUUID());
    const route = fc.constantFrom(
      'list-answers',
      'post-answer',
      'list-product-questions',
      'post-question',
      'my-questions',
      'export',
      'erase',
      'site-info',
      'vote',
      'report-question',
      'report-answer',
      'accept',
      'not-helpful',
      'open-questions',
      'suggestions',
      'search',
      'jsonld',
    );
    const siteInPath = fc.constantFrom(beta.id, beta.id, beta.id, alpha.id);

    const toAttempt = (r: string, site: string, id: string, cred: Record<string, string>, o: string | undefined): Attempt => {
      const headers: Record<string, string> = { ...cred, 'Content-Type': 'application/json', 'CF-Connecting-IP': `10.0.${id.charCodeAt(0)}.1` };
      if (o) headers.Origin = o;
      const base = `/api/v1/sites/${site}`;
      switch (r) {
        case 'list-answers':
          return { method: 'GET', path: `${base}/questions/${id}/answers`, headers };
        case 'post-answer':
          return { method: 'POST', path: `${base}/questions/${id}/answers`, headers, body: { text: 'Mallory was here' } };
        case 'list-product-questions':
          return { method: 'GET', path: `${base}/products/${alphaProduct}/questions`, headers };
        case 'post-question':
          return { method: 'POST', path: `${base}/products/${alphaProduct}/questions`, headers, body: { text: 'Mallory asks a question' } };
        case 'my-questions':
          return { method: 'GET', path: `${base}/me/questions`, headers };
        case 'export':
          return { method: 'GET', path: `${base}/me/export`, headers };
        case 'erase':
          return { method: 'DELETE', path: `${base}/me`, headers };
        case 'vote':
          return { method: 'PUT', path: `${base}/answers/${id}/helpful`, headers, body: { helpful: true } };
        case 'report-question':
          return { method: 'POST', path: `${base}/questions/${id}/report`, headers, body: { reason: 'spam' } };
        case 'report-answer':
          return { method: 'POST', path: `${base}/answers/${id}/report`, headers, body: { reason: 'offensive' } };
        case 'accept':
          return { method: 'POST', path: `${base}/questions/${alphaIds[0]}/accept`, headers, body: { answerId: id } };
        case 'not-helpful':
          return { method: 'POST', path: `${base}/answers/${id}/not-helpful`, headers };
        case 'open-questions':
          return { method: 'GET', path: `${base}/open-questions?product=${alphaProduct}`, headers };
        case 'suggestions':
          return { method: 'GET', path: `${base}/products/${alphaProduct}/suggestions?q=${MARKER}`, headers };
        case 'search':
          return { method: 'GET', path: `${base}/products/${alphaProduct}/search?q=question`, headers };
        case 'jsonld':
          return { method: 'GET', path: `${base}/products/${alphaProduct}/qa.jsonld`, headers };
        default:
          return { method: 'GET', path: base, headers };
      }
    };

    let attempts = 0;
    let leaks = 0;
    await fc.assert(
      fc.asyncProperty(route, siteInPath, target, credential, origin, async (r, site, id, cred, o) => {
        // Through A's own path, only calls from B's page are cross-site (A's page or A's backend may read A).
        fc.pre(site === beta.id || o === 'https://beta.example');
        const a = toAttempt(r, site, id, cred, o);
        const res = await exports.default.fetch(`https://samen.test${a.path}`, {
          method: a.method,
          headers: a.headers,
          body: a.body === undefined ? undefined : JSON.stringify(a.body),
        });
        const text = await res.text();
        attempts++;
        if (text.includes(MARKER) || text.includes('anna@alpha.example')) {
          leaks++;
          return false;
        }
        if (site === alpha.id) return res.status === 403; // B's origin is never allowed on A
        // Through site B, site A's question ids do not exist.
        if (site === beta.id && alphaIds.includes(id) && ['list-answers', 'post-answer', 'vote', 'report-question', 'report-answer', 'not-helpful', 'accept'].includes(r)) {
          // Refused one way or another (unknown id, no credential, bad token, origin), never accepted.
          return [400, 401, 403, 404].includes(res.status);
        }
        return true;
      }),
      { numRuns: ATTEMPTS, seed: 20261123, endOnFailure: true },
    );

    expect(await snapshot()).toBe(before);
    console.log(`tenant isolation: ${attempts} cross-site attempts, ${leaks} leaks`);
    expect(attempts).toBeGreaterThanOrEqual(ATTEMPTS * 0.9);
    expect(leaks).toBe(0);
  }, 300_000);
});
