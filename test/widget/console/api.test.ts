import { expect } from '@open-wc/testing';
import { ConsoleApiError, createConsoleApi } from '../../../widget/src/console/api.ts';

interface Seen {
  url: string;
  method: string;
  credentials: RequestCredentials | undefined;
  headers: Record<string, string>;
  body: string | null;
}

/** Replaces window.fetch for one test, answering with `respond`. */
function stubFetch(respond: (seen: Seen) => Response): { seen: Seen[]; restore: () => void } {
  const original = window.fetch;
  const seen: Seen[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const s: Seen = {
      url: String(input),
      method: init?.method ?? 'GET',
      credentials: init?.credentials,
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: typeof init?.body === 'string' ? init.body : null,
    };
    seen.push(s);
    return respond(s);
  };
  return { seen, restore: () => (window.fetch = original) };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

describe('console API client', () => {
  const base = new URL('/api/v1/console/', location.origin);

  it('calls the same-origin console API with the cookie (credentials same-origin) and JSON bodies', async () => {
    const session = { staff: { id: 's', name: 'Olga', email: 'o@shop.example', role: 'owner' }, site: { id: 'demo', name: 'Demo' } };
    const { seen, restore } = stubFetch(() => json(session));
    try {
      const api = createConsoleApi(base);
      expect(await api.signIn('o@shop.example', 'pw-123456789')).to.deep.equal(session);
      await api.session();
      await api.eraseShopper('a/b c');
    } finally {
      restore();
    }
    expect(seen.map((s) => [s.method, s.url, s.credentials])).to.deep.equal([
      ['POST', `${location.origin}/api/v1/console/session`, 'same-origin'],
      ['GET', `${location.origin}/api/v1/console/session`, 'same-origin'],
      ['DELETE', `${location.origin}/api/v1/console/shoppers/a%2Fb%20c`, 'same-origin'],
    ]);
    expect(seen[0]?.headers['content-type']).to.equal('application/json');
    expect(JSON.parse(seen[0]?.body ?? '')).to.deep.equal({ email: 'o@shop.example', password: 'pw-123456789' });
    expect(seen[1]?.body).to.equal(null);
  });

  it('turns an error response into a ConsoleApiError with its code, status and Retry-After', async () => {
    const { restore } = stubFetch(() =>
      json({ error: { code: 'account_locked', message: 'Locked.' } }, 429, { 'Retry-After': '840' }),
    );
    let error: unknown;
    try {
      await createConsoleApi(base).signIn('o@shop.example', 'x');
    } catch (err) {
      error = err;
    } finally {
      restore();
    }
    expect(error).to.be.instanceOf(ConsoleApiError);
    const e = error as ConsoleApiError;
    expect([e.status, e.code, e.retryAfter]).to.deep.equal([429, 'account_locked', 840]);
  });

  it('reports a failed network as status 0, code network', async () => {
    const original = window.fetch;
    window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    let error: unknown;
    try {
      await createConsoleApi(base).questions(null);
    } catch (err) {
      error = err;
    } finally {
      window.fetch = original;
    }
    expect((error as ConsoleApiError).status).to.equal(0);
    expect((error as ConsoleApiError).code).to.equal('network');
  });
});
