/**
 * The real API client as the widget hands it around: bound to a Lit property it is a plain value
 * (no directive), it is no promise and no JSON, and the calls made only after an interaction
 * (the Reviews tab's among them) are forwarded to ./calls.ts with the right URL.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { createApi } from '../../../widget/src/api/client.ts';

const BASE = new URL('https://samen.example/api/v1/');

function stubFetch(): { urls: string[]; restore: () => void } {
  const original = window.fetch;
  const urls: string[] = [];
  window.fetch = async (input: RequestInfo | URL) => {
    urls.push(String(input));
    return new Response(JSON.stringify({ reviews: [], nextCursor: null }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  return { urls, restore: () => (window.fetch = original) };
}

describe('API client (lazy calls)', () => {
  it('is a plain value to Lit, to promises and to JSON', async () => {
    const api = createApi(BASE, 'shop');
    const el = await fixture<HTMLDivElement & { api?: unknown }>(html`<div .api=${api}></div>`);
    expect(el.api).to.equal(api);
    expect(await Promise.resolve(api)).to.equal(api);
    expect(JSON.parse(JSON.stringify(api))).to.deep.equal({});
    expect((api as unknown as Record<string, unknown>)._$litDirective$).to.equal(undefined);
  });

  it('forwards the Reviews tab’s calls with their URLs', async () => {
    const stub = stubFetch();
    try {
      const api = createApi(BASE, 'shop');
      await api.reviews('nk-storm-jacket', { sort: 'newest', stars: 5, cursor: 'c.1' });
      await api.reviewOverview('nk-storm-jacket');
      expect(stub.urls).to.deep.equal([
        'https://samen.example/api/v1/sites/shop/products/nk-storm-jacket/reviews?sort=newest&stars=5&cursor=c.1',
        'https://samen.example/api/v1/sites/shop/products/nk-storm-jacket/reviews/summary',
      ]);
    } finally {
      stub.restore();
    }
  });
});
