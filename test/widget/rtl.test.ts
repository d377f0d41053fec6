/**
 * Right-to-left pages (issue 10): the layout is written with logical properties, so with
 * `dir="rtl"` it mirrors: the tabs start at the right, the launcher sits at the bottom left.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { SamenWidget } from '../../widget/src/samen-widget.ts';
import { define } from '../../widget/src/internal/define.ts';
import { FakeApi } from '../fixtures/fake-api.ts';
import { deepActiveElement, findByRole, getByRole } from './queries.ts';
// The launcher comes with the loader.
import '../../widget/src/loader.ts';

define('samen-widget', SamenWidget);

async function widget(dir: 'ltr' | 'rtl') {
  const api = new FakeApi();
  const el = await fixture<SamenWidget>(html`<div style="inline-size: 40rem"><samen-widget dir=${dir} .api=${api} product=${api.productId}></samen-widget></div>`);
  const w = el.querySelector('samen-widget')!;
  await findByRole(w, 'tab', 'Questions');
  return w;
}

const rect = (el: Element) => el.getBoundingClientRect();

describe('right-to-left', () => {
  afterEach(() => document.documentElement.removeAttribute('dir'));

  it('starts the tab list at the right edge, first tab rightmost', async () => {
    const el = await widget('rtl');
    const list = rect(getByRole(el, 'tablist'));
    const questions = rect(getByRole(el, 'tab', 'Questions'));
    const reviews = rect(getByRole(el, 'tab', 'Reviews'));
    expect(Math.abs(list.right - questions.right)).to.be.below(2);
    expect(reviews.right).to.be.at.most(questions.left + 1);
  });

  it('starts it at the left edge in LTR', async () => {
    const el = await widget('ltr');
    const list = rect(getByRole(el, 'tablist'));
    expect(Math.abs(rect(getByRole(el, 'tab', 'Questions')).left - list.left)).to.be.below(2);
  });

  it('moves through the tabs with the arrow keys in reading order (ArrowLeft is next in RTL)', async () => {
    const el = await widget('rtl');
    const questions = getByRole(el, 'tab', 'Questions');
    questions.focus();
    questions.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(getByRole(el, 'tab', 'Reviews').getAttribute('aria-selected')).to.equal('true');
    expect(deepActiveElement()).to.equal(getByRole(el, 'tab', 'Reviews'));
  });

  it('puts the chat launcher at the bottom right in LTR and the bottom left in RTL', () => {
    const launcher = document.querySelector('samen-launcher')!;
    expect(launcher).to.exist;
    expect(rect(launcher).left).to.be.above(innerWidth / 2);
    document.documentElement.dir = 'rtl';
    expect(rect(launcher).right).to.be.below(innerWidth / 2);
    expect(innerHeight - rect(launcher).bottom).to.be.within(8, 24);
  });
});
