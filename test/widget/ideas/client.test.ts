/**
 * The real API client's idea board calls (forwarded to ./calls.ts): URLs and methods as the
 * Worker's routes expect them (widget/worker idea-types.ts), the visitor id a guest's first vote
 * creates, and the body of a new idea.
 */
import { expect } from '@open-wc/testing';
import { createApi } from '../../../widget/src/api/client.ts';

const BASE = new URL('https://samen.example/api/v1/');

function stubFetch(answer: unknown = {}): { sent: { url: string; method: string; body: unknown; visitor: string | null }[]; restore: () => void } {
  const original = window.fetch;
  const sent: { url: string; method: string; body: unknown; visitor: string | null }[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    sent.push({ url: String(input), method: init?.method ?? 'GET', body: init?.body ? JSON.parse(String(init.body)) : null, visitor: headers['X-Samen-Visitor'] ?? null });
    return new Response(JSON.stringify(answer), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  return { sent, restore: () => (window.fetch = original) };
}

describe('API client: the idea board', () => {
  it('lists, searches and opens ideas on a product’s board or the shop’s', async () => {
    const stub = stubFetch({ ideas: [{ id: 'i1' }], nextCursor: null });
    try {
      const api = createApi(BASE, 'shop');
      await api.ideas({ productId: 'nk storm', sort: 'top', cursor: null });
      await api.ideas({ productId: null, sort: 'done', cursor: 'c/2' });
      expect(await api.similarIdeas('hood & helmet', 'nk-1')).to.deep.equal([{ id: 'i1' }]);
      await api.idea('i 1');
      expect(stub.sent.map((s) => `${s.method} ${s.url}`)).to.deep.equal([
        'GET https://samen.example/api/v1/sites/shop/ideas?sort=top&product=nk%20storm',
        'GET https://samen.example/api/v1/sites/shop/ideas?sort=done&cursor=c%2F2',
        'GET https://samen.example/api/v1/sites/shop/ideas/similar?q=hood%20%26%20helmet&product=nk-1',
        'GET https://samen.example/api/v1/sites/shop/ideas/i%201',
      ]);
    } finally {
      stub.restore();
    }
  });

  it('shares, votes (PUT, and DELETE to take it back) and comments, as a visitor from the first write on', async () => {
    localStorage.clear();
    const stub = stubFetch({ voted: true, voteCount: 1 });
    try {
      const api = createApi(BASE, `shop-${crypto.randomUUID()}`);
      await api.voteIdea('i1', true);
      await api.voteIdea('i1', false);
      await api.shareIdea({ title: 'Helmet hood', body: 'For climbing.', category: 'product', productId: null, name: 'Jo' });
      await api.commentOnIdea('i1', { body: 'Yes!' });
      const [put, del, share, comment] = stub.sent;
      expect([put, del, share, comment].map((s) => `${s!.method} ${s!.url.replace(/sites\/[^/]+/, 'sites/…')}`)).to.deep.equal([
        'PUT https://samen.example/api/v1/sites/…/ideas/i1/vote',
        'DELETE https://samen.example/api/v1/sites/…/ideas/i1/vote',
        'POST https://samen.example/api/v1/sites/…/ideas',
        'POST https://samen.example/api/v1/sites/…/ideas/i1/comments',
      ]);
      expect(put!.visitor, 'a guest’s first vote creates their visitor id').to.be.a('string');
      expect(new Set(stub.sent.map((s) => s.visitor)).size, 'the same visitor throughout').to.equal(1);
      expect(share!.body).to.deep.equal({ title: 'Helmet hood', body: 'For climbing.', category: 'product', productId: null, name: 'Jo' });
      expect(comment!.body).to.deep.equal({ body: 'Yes!' });
    } finally {
      stub.restore();
      localStorage.clear();
    }
  });
});
