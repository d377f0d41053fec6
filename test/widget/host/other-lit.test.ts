/**
 * A shop that already runs Lit (another copy, loaded first, with its own elements): both copies
 * coexist. The page's import map sends the shop's `lit` to other URLs, so the browser instantiates
 * Lit twice, as with two bundles; each registers in Lit's global version lists.
 */
import { expect } from '@open-wc/testing';
import { hostPage } from './host-page.ts';

/** URLs the dev server maps to the same files, but the browser treats as other modules. */
const SECOND_COPY = {
  '/node_modules/lit/': '/node_modules/%6Cit/',
  '/node_modules/lit-html/': '/node_modules/%6Cit-html/',
  '/node_modules/lit-element/': '/node_modules/%6Cit-element/',
  '/node_modules/@lit/reactive-element/': '/node_modules/@%6Cit/reactive-element/',
};
const scopes = Object.fromEntries(
  ['/test/widget/host/pages/other-lit/', ...Object.values(SECOND_COPY)].map((prefix) => [prefix, SECOND_COPY]),
);
const importMap = `<script type="importmap">${JSON.stringify({ scopes })}</script>`;

describe('host page that runs another copy of Lit', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('keeps the shop’s Lit element and the widget both working', async () => {
    const host = await hostPage({ head: importMap, page: 'other-lit-page.ts' });
    const { el, queries: q, win } = host;
    const { card, HostCard, WidgetLitElement } = host as unknown as { card: HTMLElement & { label: string; updateComplete: Promise<unknown> }; HostCard: object; WidgetLitElement: object };

    // Two instances of Lit on the page: two LitElement classes, two entries in each version list.
    expect(Object.getPrototypeOf(HostCard)).not.to.equal(WidgetLitElement);
    const versions = win as unknown as { litHtmlVersions?: string[]; litElementVersions?: string[]; reactiveElementVersions?: string[] };
    expect(versions.litHtmlVersions, 'lit-html loaded twice').to.have.length(2);
    expect(versions.litElementVersions, 'lit-element loaded twice').to.have.length(2);
    expect(versions.reactiveElementVersions, 'reactive-element loaded twice').to.have.length(2);

    // The shop's element renders with its copy; the widget with its own, and works.
    await card.updateComplete;
    expect(card.shadowRoot!.textContent).to.contain('Free shipping over €50');
    await q.findByRole(el, 'tab', 'Questions');
    await q.waitForNoText(el, 'Loading questions…');
    await q.click(q.getByRole(q.getByRole(el, 'article', 'Is the jacket waterproof?'), 'button', 'Show 1 answer'));
    await q.waitForText(el, 'Yes, fully taped seams.');

    // Each keeps rendering after the other updates.
    card.label = 'Free returns';
    await card.updateComplete;
    expect(card.shadowRoot!.textContent).to.contain('Free returns');
    expect(win.getComputedStyle(card.shadowRoot!.querySelector('p')!).color).to.equal('rgb(200, 0, 0)');
    await q.click(q.getByRole(el, 'tab', 'Reviews'));
    expect(q.getByRole(el, 'tab', 'Reviews').getAttribute('aria-selected')).to.equal('true');
  });
});
