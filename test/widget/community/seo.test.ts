import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { SamenWidget } from '../../../widget/src/samen-widget.ts';
import { define } from '../../../widget/src/internal/define.ts';
import { FakeApi } from '../../fixtures/fake-api.ts';
import { findByRole, settle } from '../queries.ts';

define('samen-widget', SamenWidget);

const FAQ = {
  '@context': 'https://schema.org',
  '@type': 'FAQPage',
  mainEntity: [{ '@type': 'Question', name: 'Is it </script><script>alert(1)</script> waterproof?' }],
};

/** A page fragment with the widget (so the JSON-LD has somewhere to go next to it). */
async function page(api: FakeApi, { seo }: { seo: boolean }) {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div><samen-widget .api=${api} product=${api.productId} ?seo=${seo}></samen-widget></div>`,
  );
  const el = wrapper.querySelector('samen-widget')!;
  await findByRole(el, 'tab', 'Questions');
  return { wrapper, el };
}

const jsonLd = (root: Element) => root.querySelectorAll<HTMLScriptElement>('script[type="application/ld+json"]');

describe('<samen-widget seo>', () => {
  it('puts the product’s Q&A as JSON-LD in a script next to the element, as data', async () => {
    const api = new FakeApi();
    api.jsonLd = JSON.stringify(FAQ);
    const { wrapper, el } = await page(api, { seo: true });
    await waitUntil(() => jsonLd(wrapper).length === 1, 'no JSON-LD script appeared');

    const script = jsonLd(wrapper)[0]!;
    expect(script.previousElementSibling).to.equal(el);
    expect(JSON.parse(script.textContent ?? '')).to.deep.equal(FAQ);
    expect(api.callsTo('qaJsonLd')).to.deep.equal([[api.productId]]);
    expect(wrapper.querySelectorAll('script')).to.have.length(1);
  });

  it('replaces it for another product and takes it away with the element', async () => {
    const api = new FakeApi();
    const { wrapper, el } = await page(api, { seo: true });
    await waitUntil(() => jsonLd(wrapper).length === 1, 'no JSON-LD script appeared');
    api.jsonLd = '{"@type":"FAQPage","mainEntity":[],"about":"boots"}';
    el.product = 'boots-2';
    await waitUntil(() => jsonLd(wrapper)[0]?.textContent?.includes('boots') === true, 'not replaced');
    expect(jsonLd(wrapper)).to.have.length(1);

    el.remove();
    await waitUntil(() => jsonLd(wrapper).length === 0, 'left behind');
  });

  it('does nothing without the attribute', async () => {
    const api = new FakeApi();
    const { wrapper } = await page(api, { seo: false });
    await settle();
    expect(jsonLd(wrapper)).to.have.length(0);
    expect(api.callsTo('qaJsonLd')).to.have.length(0);
  });

  it('goes without, silently, where Trusted Types refuse setting a script’s text', async () => {
    const api = new FakeApi();
    const errors: unknown[] = [];
    const onError = (e: PromiseRejectionEvent) => errors.push(e.reason);
    window.addEventListener('unhandledrejection', onError);
    // What a `require-trusted-types-for 'script'` policy does to script text set from a string.
    Object.defineProperty(HTMLScriptElement.prototype, 'textContent', {
      configurable: true,
      set() {
        throw new TypeError("This document requires 'TrustedScript' assignment.");
      },
    });
    try {
      const { wrapper } = await page(api, { seo: true });
      await waitUntil(() => api.callsTo('qaJsonLd').length === 1, 'JSON-LD never fetched');
      await settle();
      expect(jsonLd(wrapper)).to.have.length(0);
      expect(errors).to.deep.equal([]);
    } finally {
      delete (HTMLScriptElement.prototype as { textContent?: unknown }).textContent;
      window.removeEventListener('unhandledrejection', onError);
    }
  });
});
