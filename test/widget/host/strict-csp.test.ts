/**
 * On a shop page with a strict Content Security Policy (scripts only from the page's origin, no
 * inline scripts or styles, no eval) and with Trusted Types enforced, the widget renders and works,
 * and the browser reports no violation. (Lit styles through constructable stylesheets and binds
 * text, never HTML strings; the only Trusted Types policy it creates is its own "lit-html".)
 */
import { expect } from '@open-wc/testing';
import { hostPage, type Host } from './host-page.ts';

const STRICT =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'";
const meta = (policy: string) => `<meta http-equiv="Content-Security-Policy" content="${policy}">`;

/** Asks a question and opens an answer: the widget is not only drawn but works. */
async function useIt({ el, queries: q }: Host): Promise<void> {
  await q.findByRole(el, 'tab', 'Questions');
  await q.waitForNoText(el, 'Loading questions…');
  const item = q.getByRole(el, 'article', 'Is the jacket waterproof?');
  await q.click(q.getByRole(item, 'button', 'Show 1 answer'));
  await q.waitForText(item, 'Yes, fully taped seams.');
  q.typeInto(q.getByRole<HTMLTextAreaElement>(el, 'textbox', 'Your question'), 'Can I wash it at 40 degrees?');
  await q.click(q.getByRole(el, 'button', 'Post question'));
  await q.waitForText(el, 'Can I wash it at 40 degrees?');
}

/** The widget's styles are applied (its tab is a borderless button with padding, not a default one). */
function styled({ el, win }: Host): void {
  const tab = el.shadowRoot!.querySelector('[role=tab]')!;
  const style = win.getComputedStyle(tab);
  expect(style.borderTopStyle, 'the tab button has the widget’s own style').to.equal('none');
  expect(parseFloat(style.paddingInlineStart)).to.be.greaterThan(8);
}

describe('host page with a strict CSP', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('renders, styles and works with no CSP violation', async () => {
    const host = await hostPage({ head: meta(STRICT) });
    await useIt(host);
    styled(host);
    expect(host.violations).to.deep.equal([]);
  });

  it('really enforces the policy (an inline style attribute on the page is reported)', async () => {
    const host = await hostPage({ head: meta(STRICT) });
    await host.queries.findByRole(host.el, 'tab', 'Questions');
    host.win.document.body.setAttribute('style', 'color: red');
    await host.queries.settle();
    expect(host.violations.join('\n')).to.match(/^style-src-attr blocked inline/);
  });
});

describe('host page enforcing Trusted Types', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));
  const TT = `${STRICT}; require-trusted-types-for 'script'; trusted-types lit-html`;

  it('renders and works with no Trusted Types violation, with only Lit’s own policy', async () => {
    const host = await hostPage({ head: meta(TT) });
    await useIt(host);
    styled(host);
    expect(host.violations).to.deep.equal([]);
    expect((host.win as unknown as { trustedTypes?: object }).trustedTypes, 'the browser supports Trusted Types').to.exist;
  });

  it('really enforces them (a plain string to innerHTML on the page throws and is reported)', async () => {
    const host = await hostPage({ head: meta(TT) });
    await host.queries.findByRole(host.el, 'tab', 'Questions');
    expect(() => (host.win.document.body.querySelector('div')!.innerHTML = '<b>x</b>')).to.throw(/TrustedHTML/);
    await host.queries.settle();
    expect(host.violations.join('\n')).to.match(/require-trusted-types-for/);
  });
});
