/**
 * The site's brand colour (issue 10): the owner's colour from the site settings is the widget's
 * accent in light mode; a page's own --samen-accent wins over it; dark mode keeps Samen's accent.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { SamenWidget } from '../../widget/src/samen-widget.ts';
import { define } from '../../widget/src/internal/define.ts';
import { FakeApi } from '../fixtures/fake-api.ts';
import { findByRole, getByRole } from './queries.ts';
import { hostPage } from './host/host-page.ts';

define('samen-widget', SamenWidget);

const BRAND = 'rgb(192, 57, 43)'; // #c0392b
const SAMEN_LIGHT = 'rgb(34, 87, 122)'; // #22577a
const SAMEN_DARK = 'rgb(142, 202, 230)'; // #8ecae6
const PAGE_ACCENT = 'rgb(0, 100, 0)';

/** A widget whose site has `brandColor`, inside a page box with the given inline style. */
async function widget(brandColor: string | null, { theme = '', pageStyle = '' } = {}) {
  const api = new FakeApi({ site: { brandColor } });
  const page = await fixture<HTMLDivElement>(
    html`<div style=${pageStyle}><samen-widget .api=${api} product=${api.productId} theme=${theme}></samen-widget></div>`,
  );
  const el = page.querySelector('samen-widget')!;
  await findByRole(el, 'tab', 'Questions');
  return el;
}

/** The Post question button's background: the accent, as the shopper sees it. */
const postButton = (el: Element) => getComputedStyle(getByRole(el, 'button', 'Post question')).backgroundColor;

describe('brand colour from the site settings', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('is the accent in light mode: the Post question button has its background', async () => {
    await emulateMedia({ colorScheme: 'light' });
    expect(postButton(await widget(null))).to.equal(SAMEN_LIGHT);
    expect(postButton(await widget('#c0392b'))).to.equal(BRAND);
    expect(postButton(await widget('#c0392b', { theme: 'light' }))).to.equal(BRAND);
  });

  it('gives way to a --samen-accent the page sets', async () => {
    const el = await widget('#c0392b', { theme: 'light', pageStyle: `--samen-accent: ${PAGE_ACCENT}` });
    expect(postButton(el)).to.equal(PAGE_ACCENT);
  });

  it('leaves dark mode its default accent (by theme or the shopper’s preference), unless the page sets one', async () => {
    expect(postButton(await widget('#c0392b', { theme: 'dark' }))).to.equal(SAMEN_DARK);
    await emulateMedia({ colorScheme: 'dark' });
    expect(postButton(await widget('#c0392b'))).to.equal(SAMEN_DARK);
    expect(postButton(await widget('#c0392b', { pageStyle: `--samen-accent: ${PAGE_ACCENT}` }))).to.equal(PAGE_ACCENT);
  });

  describe('on a page with a strict CSP', () => {
    afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

    it('is applied without a style attribute and with no CSP violation', async () => {
      const policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'";
      const host = await hostPage({ head: `<meta http-equiv="Content-Security-Policy" content="${policy}">`, page: 'brand-page.ts' });
      await host.queries.findByRole(host.el, 'tab', 'Questions');
      const button = host.queries.getByRole(host.el, 'button', 'Post question');
      expect(host.win.getComputedStyle(button).backgroundColor).to.equal(BRAND);
      await host.queries.settle();
      expect(host.violations).to.deep.equal([]);
    });
  });
});
