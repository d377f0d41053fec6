/**
 * The Reviews tab as Chromium's accessibility tree exposes it (the names the issue asks for), and
 * `<samen-widget seo>` putting the product's reviews into the page as schema.org JSON-LD.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, findAccessibilityNode } from '@web/test-runner-commands';
import { SamenWidget } from '../../../widget/src/samen-widget.ts';
import { define } from '../../../widget/src/internal/define.ts';
import { FakeApi } from '../../fixtures/fake-api.ts';
import { click, findByRole, getByRole, waitForText } from '../queries.ts';

define('samen-widget', SamenWidget);

interface AxNode {
  role: string;
  name: string;
  pressed?: boolean | 'mixed';
  children?: AxNode[];
}

describe('Reviews: accessible names in Chromium’s tree', () => {
  it('exposes the tab, the summary, "Write a review", the Rating radio group, "Review", "Post review" and the "Helpful" toggle', async () => {
    const api = new FakeApi();
    api.addMember('anna', { name: 'Anna de Vries', role: 'shopper' });
    api.reviewStore.summaryOverride = { productId: api.productId, average: 4.3, count: 128, stars: [4, 6, 10, 38, 70], expertCount: 0 };
    api.reviewStore.add({ title: 'Dry on the dunes' });
    const el = await fixture<SamenWidget>(html`<samen-widget .api=${api} product=${api.productId} token="anna"></samen-widget>`);
    await click(await findByRole(el, 'tab', 'Reviews'));
    await waitForText(el, 'Dry on the dunes');
    await click(getByRole(el, 'button', 'Write a review'));
    await findByRole(el, 'radiogroup', 'Rating');

    const tree = await executeServerCommand<AxNode & { children: AxNode[] }, undefined>('samen-ax-tree');
    const find = (role: string, name: string) => findAccessibilityNode<AxNode>(tree, (n) => n.role === role && n.name === name);
    expect(find('tab', 'Reviews'), 'tab Reviews').to.not.equal(null);
    expect(find('tabpanel', 'Reviews'), 'tabpanel Reviews').to.not.equal(null);
    expect(find('StaticText', '4.3 out of 5, 128 reviews') ?? find('paragraph', '4.3 out of 5, 128 reviews'), 'summary text').to.not.equal(null);
    expect(find('radiogroup', 'Rating'), 'radio group Rating').to.not.equal(null);
    for (const n of ['1 star', '2 stars', '3 stars', '4 stars', '5 stars']) expect(find('radio', n), `radio ${n}`).to.not.equal(null);
    expect(find('textbox', 'Review'), 'textbox Review').to.not.equal(null);
    expect(find('button', 'Post review'), 'button Post review').to.not.equal(null);
    const helpful = find('button', 'Helpful');
    expect(helpful, 'toggle Helpful').to.not.equal(null);
    expect(helpful?.pressed, 'a toggle (aria-pressed)').to.equal(false);
  });
});

describe('<samen-widget seo> and reviews', () => {
  const scripts = (root: Element) => [...root.querySelectorAll<HTMLScriptElement>('script[type="application/ld+json"]')];

  it('adds the product’s reviews as a schema.org Product with its rating, next to the Q&A', async () => {
    const api = new FakeApi();
    api.reviewStore.add({ title: 'Dry', rating: 4 });
    api.reviewStore.add({ title: 'Warm', rating: 5 });
    const wrapper = await fixture<HTMLDivElement>(html`<div><samen-widget .api=${api} product=${api.productId} seo></samen-widget></div>`);
    await waitUntil(() => scripts(wrapper).some((s) => s.dataset.samen === 'reviews'), 'no reviews JSON-LD appeared');
    const reviews = scripts(wrapper).find((s) => s.dataset.samen === 'reviews')!;
    const doc = JSON.parse(reviews.textContent ?? '') as { '@type': string; aggregateRating: { ratingValue: number; reviewCount: number }; review: unknown[] };
    expect(doc['@type']).to.equal('Product');
    expect(doc.aggregateRating).to.include({ ratingValue: 4.5, reviewCount: 2 });
    expect(doc.review).to.have.length(2);
    wrapper.querySelector('samen-widget')!.remove();
    await waitUntil(() => scripts(wrapper).length === 0, 'left behind');
  });

  it('adds nothing for a product without reviews', async () => {
    const api = new FakeApi();
    const wrapper = await fixture<HTMLDivElement>(html`<div><samen-widget .api=${api} product=${api.productId} seo></samen-widget></div>`);
    await waitUntil(() => api.callsTo('reviewsJsonLd').length === 1, 'reviews JSON-LD never asked for');
    await new Promise((r) => setTimeout(r, 50));
    expect(scripts(wrapper).filter((s) => s.dataset.samen === 'reviews')).to.have.length(0);
  });
});
