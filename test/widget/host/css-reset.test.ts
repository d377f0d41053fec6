/**
 * A shop page with an aggressive global CSS reset: `* { all: unset }`, a 10px root font size (the
 * "62.5%" trick, which would shrink anything sized in rem) and `!important` rules on buttons, text and the widget's own class names and roles. The widget keeps its own look: the
 * page's selectors cannot reach into its shadow root. (Only the element itself is the page's: a
 * `*` rule makes it inline, and its content still lays out at the same width.)
 */
import { expect } from '@open-wc/testing';
import { hostPage, type Host } from './host-page.ts';

const RESET = `<style>
  * { all: unset; }
  html { font-size: 10px !important; }
  head, script, style { display: none !important; }
  button { padding: 0 !important; border: 3px solid rgb(255, 0, 0) !important; background: rgb(255, 255, 0) !important; font-size: 8px !important; }
  p, li, h2, h3, textarea { margin: 40px !important; font-size: 9px !important; color: rgb(0, 255, 0) !important; }
  [role=tab], [role=tablist], .container { display: none !important; }
</style>`;

/** The computed style of the first element matching `selector` in the widget's shadow trees. */
function styleOf({ el, win, queries }: Host, selector: string): CSSStyleDeclaration {
  const found = queries.deepQueryAll(el, selector)[0];
  if (!found) throw new Error(`no ${selector} in the widget`);
  return win.getComputedStyle(found);
}

async function measure(head: string) {
  const host = await hostPage({ head });
  await host.queries.findByRole(host.el, 'tab', 'Questions');
  await host.queries.waitForNoText(host.el, 'Loading questions…');
  const tab = styleOf(host, '[role=tab]');
  const post = host.queries.getByRole(host.el, 'button', 'Post question');
  const postStyle = host.win.getComputedStyle(post);
  const box = styleOf(host, 'textarea');
  const heading = styleOf(host, 'h2, h3');
  const container = host.queries.deepQueryAll<HTMLElement>(host.el, '.container')[0]!;
  return {
    host: host.win.getComputedStyle(host.el).display,
    container: styleOf(host, '.container').display,
    containerWidth: container.getBoundingClientRect().width,
    tabPadding: tab.paddingInlineStart,
    tabBorder: tab.borderTopStyle,
    tabFont: tab.fontSize,
    postBackground: postStyle.backgroundColor,
    postPadding: postStyle.paddingInlineStart,
    postBorder: postStyle.borderTopColor,
    boxFont: box.fontSize,
    boxColor: box.color,
    headingMargin: heading.marginBlockStart,
  };
}

describe('host page with a global CSS reset', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('looks the same as on a page without one', async () => {
    const plain = await measure('<style>body { margin: 0 }</style>'); // the reset takes the body's margin too
    const reset = await measure(RESET);
    expect(reset.host, 'the page’s `*` rule reaches the element itself').to.equal('inline');
    expect({ ...reset, host: 'block' }).to.deep.equal(plain);
    // And the plain look is the widget's own: readable text, a padded accent button.
    expect(parseFloat(plain.boxFont)).to.be.at.least(16);
    expect(parseFloat(plain.tabPadding)).to.be.at.least(12);
    expect(plain.postBackground).to.equal('rgb(34, 87, 122)');
    expect(plain.host).to.equal('block');
  });
});
