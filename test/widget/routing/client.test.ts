/**
 * The real API client against a stubbed `fetch`: routing's calls send the widget's language and
 * the browser's time zone, and the calls whose code loads lazily still reach the same URLs.
 */
import { expect } from '@open-wc/testing';
import { createApi, type SamenApi } from '../../../widget/src/api/client.ts';

const BASE = new URL('https://samen.example/api/v1/');
const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

interface Sent {
  url: string;
  method: string;
  body: unknown;
  headers: Record<string, string>;
}

function stubFetch(reply: (url: string) => unknown) {
  const sent: Sent[] = [];
  const real = window.fetch;
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    sent.push({
      url,
      method: init.method ?? 'GET',
      body: typeof init.body === 'string' ? JSON.parse(init.body) : null,
      headers: { ...(init.headers as Record<string, string> | undefined) },
    });
    return new Response(JSON.stringify(reply(url)), { status: 200 });
  };
  return { sent, restore: () => (window.fetch = real) };
}

describe('API client: routing calls', () => {
  let restore = () => {};
  let site = '';
  beforeEach(() => (site = `site-${crypto.randomUUID().slice(0, 8)}`));
  afterEach(() => {
    restore();
    localStorage.removeItem(`samen:${site}:visitor`);
  });
  const path = (s: Sent) => s.url.replace(`https://samen.example/api/v1/sites/${site}/`, '');

  it('posts a question with the language and the browser’s time zone, and returns the routing notice', async () => {
    const routing = { visibility: 'private', category: 'invoice' };
    const stub = stubFetch(() => ({ question: { id: 'q1' }, notice: { status: 'published', masked: [] }, routing }));
    restore = stub.restore;
    const api = createApi(BASE, site);
    const asked = await api.askQuestion('jacket/1', { text: 'Where is my invoice?', lang: 'nl' });
    expect(asked.routing).to.deep.equal(routing);
    expect(stub.sent.map((s) => [s.method, path(s), s.body])).to.deep.equal([
      ['POST', 'products/jacket%2F1/questions', { timeZone: ZONE, text: 'Where is my invoice?', lang: 'nl' }],
    ]);
    expect(ZONE).to.be.a('string').and.not.equal('');
  });

  it('asks at checkout with the order reference, and moves a question to the community', async () => {
    const stub = stubFetch(() => ({ question: { id: 'q1' }, routing: {} }));
    restore = stub.restore;
    const api = createApi(BASE, site);
    await api.askAtCheckout('NK-1042', { text: 'Change my address?', lang: 'fr', authorName: 'Anna' });
    await api.moveToCommunity('q/1', 'en');
    expect(stub.sent.map((s) => [s.method, path(s), s.body])).to.deep.equal([
      ['POST', 'checkout/questions', { timeZone: ZONE, text: 'Change my address?', lang: 'fr', authorName: 'Anna', orderRef: 'NK-1042' }],
      ['POST', 'questions/q%2F1/community', { timeZone: ZONE, lang: 'en' }],
    ]);
    // Writing is an interaction: the guest got a visitor id, sent with both.
    const visitor = localStorage.getItem(`samen:${site}:visitor`);
    expect(visitor).to.match(/^v_/);
    for (const s of stub.sent) expect(s.headers['X-Samen-Visitor']).to.equal(visitor);
  });

  it('asks for "Your questions" in the widget’s language and time zone, creating no visitor id', async () => {
    const stub = stubFetch(() => ({ questions: [{ id: 'q1', staff: null }] }));
    restore = stub.restore;
    const api = createApi(BASE, site);
    expect(await api.myQuestions('fr')).to.deep.equal([{ id: 'q1', staff: null }]);
    expect(stub.sent.map((s) => `${s.method} ${path(s)}`)).to.deep.equal([
      `GET me/questions?lang=fr&timeZone=${encodeURIComponent(ZONE)}`,
    ]);
    expect(localStorage.getItem(`samen:${site}:visitor`)).to.equal(null);
  });

  it('has every method of SamenApi, the lazily loaded ones included', async () => {
    const api = createApi(BASE, site);
    const methods: (keyof SamenApi)[] = [
      'setToken', 'site', 'me', 'myQuestions', 'questions', 'askQuestion', 'askAtCheckout', 'moveToCommunity', 'answers',
      'answerQuestion', 'suggestions', 'search', 'trackDeflection', 'setHelpful', 'accept', 'notHelpful', 'report',
      'openQuestions', 'qaJsonLd',
    ];
    for (const m of methods) expect(api[m], m).to.be.a('function');
  });
});
