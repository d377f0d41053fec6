/**
 * The real API client against a stubbed `fetch`: the URLs, methods and bodies of the community
 * calls, the visitor id created before the first vote or report (never before), and the
 * deflection beacon that carries nothing about the shopper.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { ApiRequestError, createApi } from '../../../widget/src/api/client.ts';
import { freshSite } from './helpers.ts';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
  keepalive: boolean;
  credentials: RequestCredentials | undefined;
}

const BASE = new URL('https://samen.example/api/v1/');

/** Replaces `fetch` for one test: records requests and answers each with `reply(url)`. */
function stubFetch(reply: (url: string) => { status?: number; body: unknown }) {
  const sent: Sent[] = [];
  const real = window.fetch;
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    sent.push({
      url,
      method: init.method ?? 'GET',
      headers: { ...(init.headers as Record<string, string> | undefined) },
      body: typeof init.body === 'string' ? init.body : null,
      keepalive: init.keepalive === true,
      credentials: init.credentials,
    });
    const { status = 200, body } = reply(url);
    return new Response(status === 204 ? null : JSON.stringify(body), { status });
  };
  return { sent, restore: () => (window.fetch = real) };
}

describe('API client: community calls', () => {
  let restore = () => {};
  afterEach(() => restore());

  it('builds the search, suggestion, open-question and JSON-LD URLs, encoding what the shopper typed', async () => {
    const site = freshSite();
    const stub = stubFetch((url) => ({
      body: url.includes('qa.jsonld')
        ? { '@type': 'FAQPage', mainEntity: [] }
        : url.includes('suggestions')
          ? { suggestions: [{ id: 's1' }] }
          : { questions: [{ id: 'q1' }] },
    }));
    restore = stub.restore;
    const api = createApi(BASE, site);

    expect(await api.suggestions('jacket/1', 'zip & hood?')).to.deep.equal([{ id: 's1' }]);
    expect(await api.search('jacket/1', 'a+b')).to.deep.equal([{ id: 'q1' }]);
    expect(await api.openQuestions('jacket 1')).to.deep.equal([{ id: 'q1' }]);
    expect(JSON.parse(await api.qaJsonLd('jacket-1'))).to.deep.equal({ '@type': 'FAQPage', mainEntity: [] });

    expect(stub.sent.map((s) => `${s.method} ${s.url}`)).to.deep.equal([
      `GET https://samen.example/api/v1/sites/${site}/products/jacket%2F1/suggestions?q=zip%20%26%20hood%3F`,
      `GET https://samen.example/api/v1/sites/${site}/products/jacket%2F1/search?q=a%2Bb`,
      `GET https://samen.example/api/v1/sites/${site}/open-questions?product=jacket%201`,
      `GET https://samen.example/api/v1/sites/${site}/products/jacket-1/qa.jsonld`,
    ]);
    expect(localStorage.getItem(`samen:${site}:visitor`), 'reading creates no visitor id').to.equal(null);
  });

  it('sends votes, acceptance, "did not help" and reports as JSON writes, creating the visitor id first', async () => {
    const site = freshSite();
    const stub = stubFetch(() => ({ body: { helpful: true, helpfulCount: 4, acceptedAnswerId: null, didNotHelp: true, reported: true, hidden: false } }));
    restore = stub.restore;
    const api = createApi(BASE, site);
    try {
      expect(await api.setHelpful('a1', true)).to.include({ helpful: true, helpfulCount: 4 });
      const visitor = localStorage.getItem(`samen:${site}:visitor`);
      expect(visitor, 'created by the first vote').to.match(/^v_[A-Za-z0-9_-]{20,64}$/);
      await api.accept('q1', null);
      await api.notHelpful('a1');
      await api.report('question', 'q1', 'off_topic');
      await api.report('answer', 'a1', 'personal_data');

      expect(stub.sent.map((s) => [s.method, s.url.replace(`https://samen.example/api/v1/sites/${site}/`, ''), s.body])).to.deep.equal([
        ['PUT', 'answers/a1/helpful', '{"helpful":true}'],
        ['POST', 'questions/q1/accept', '{"answerId":null}'],
        ['POST', 'answers/a1/not-helpful', '{}'],
        ['POST', 'questions/q1/report', '{"reason":"off_topic"}'],
        ['POST', 'answers/a1/report', '{"reason":"personal_data"}'],
      ]);
      for (const s of stub.sent) {
        expect(s.headers['X-Samen-Visitor']).to.equal(visitor);
        expect(s.headers['Content-Type']).to.equal('application/json');
        expect(s.credentials).to.equal('omit');
      }
    } finally {
      localStorage.removeItem(`samen:${site}:visitor`);
    }
  });

  it('with a shop token, votes without creating a visitor id', async () => {
    const site = freshSite();
    const stub = stubFetch(() => ({ body: { helpful: true, helpfulCount: 1 } }));
    restore = stub.restore;
    const api = createApi(BASE, site);
    api.setToken('tok');
    await api.setHelpful('a1', true);
    expect(stub.sent[0]!.headers.Authorization).to.equal('Bearer tok');
    expect(localStorage.getItem(`samen:${site}:visitor`)).to.equal(null);
  });

  it('turns a refusal into an ApiRequestError with the API’s code (own_answer)', async () => {
    const stub = stubFetch(() => ({ status: 403, body: { error: { code: 'own_answer', message: 'no' } } }));
    restore = stub.restore;
    const api = createApi(BASE, freshSite());
    api.setToken('tok');
    const err = await api.setHelpful('a1', true).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(ApiRequestError);
    expect(err).to.include({ status: 403, code: 'own_answer' });
  });

  it('sends deflection events as a plain-text keepalive beacon with no credentials, token or visitor id', async () => {
    const site = freshSite();
    localStorage.setItem(`samen:${site}:visitor`, 'v_aaaaaaaaaaaaaaaaaaaaaaaa');
    const stub = stubFetch(() => ({ status: 204, body: null }));
    restore = stub.restore;
    try {
      const api = createApi(BASE, site);
      api.setToken('tok');
      api.trackDeflection('jacket-1', 'deflected');
      // Its code comes with the first lazy call (a beacon later in the page goes out at once).
      await waitUntil(() => stub.sent.length === 1, 'no beacon sent');
      expect(stub.sent).to.have.length(1);
      const [beacon] = stub.sent;
      expect(beacon).to.deep.equal({
        url: `https://samen.example/api/v1/sites/${site}/products/jacket-1/deflection`,
        method: 'POST',
        headers: {},
        body: '{"kind":"deflected"}',
        keepalive: true,
        credentials: 'omit',
      });
      // A string body without a Content-Type header goes out as text/plain: no CORS preflight.
      expect(new Request(beacon!.url, { method: 'POST', body: beacon!.body }).headers.get('content-type')).to.match(
        /^text\/plain/,
      );
    } finally {
      localStorage.removeItem(`samen:${site}:visitor`);
    }
  });

  it('never throws from a deflection beacon that fails', async () => {
    const real = window.fetch;
    window.fetch = () => Promise.reject(new TypeError('offline'));
    restore = () => (window.fetch = real);
    expect(() => createApi(BASE, freshSite()).trackDeflection('p', 'abandoned')).not.to.throw();
    await new Promise((r) => setTimeout(r, 0));
  });
});
