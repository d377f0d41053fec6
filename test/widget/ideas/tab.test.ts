/**
 * The "Ideas" tab of <samen-widget>: there only when the site has the idea board on, its code
 * fetched when the tab opens, the arrow keys cycling over the four tabs, and the Questions panel
 * hidden while Ideas is shown. (No static import of the Ideas chunk: the widget loads it as on a
 * shop's page.)
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SamenWidget } from '../../../widget/src/samen-widget.ts';
import { define } from '../../../widget/src/internal/define.ts';
import { FakeApi } from '../../fixtures/fake-api.ts';
import { click, deepActiveElement, findByRole, getByRole, queryAllByRole, settle, waitForText } from '../queries.ts';

define('samen-widget', SamenWidget);

const widget = (api: FakeApi) => fixture<SamenWidget>(html`<samen-widget .api=${api} product=${api.productId}></samen-widget>`);

describe('the Ideas tab in <samen-widget>', () => {
  it('is not there when the site has the idea board off', async () => {
    const api = new FakeApi({ site: { ideas: false } });
    const el = await widget(api);
    const tabs = await findByRole(el, 'tablist', 'Community and support');
    expect(queryAllByRole(tabs, 'tab').map((t) => t.textContent?.trim())).to.deep.equal(['Questions', 'Reviews', 'Chat']);
    expect(queryAllByRole(el, 'tab', 'Ideas')).to.have.length(0);
    expect(queryAllByRole(el, 'tabpanel', 'Ideas')).to.have.length(0);
    expect(api.callsTo('ideas')).to.have.length(0);
  });

  it('is the fourth tab when the board is on: opens the board, hides Questions, and the arrow keys cycle all four', async () => {
    const api = new FakeApi({ site: { ideas: true } });
    api.ideaStore.add({ title: 'A hood that fits over a helmet', voteCount: 7, status: 'planned' });
    const el = await widget(api);
    const tabs = await findByRole(el, 'tablist', 'Community and support');
    expect(queryAllByRole(tabs, 'tab').map((t) => t.textContent?.trim())).to.deep.equal(['Questions', 'Reviews', 'Chat', 'Ideas']);
    const ideas = getByRole(tabs, 'tab', 'Ideas');
    expect(ideas.getAttribute('aria-selected')).to.equal('false');
    expect(ideas.getAttribute('tabindex')).to.equal('-1');
    expect(api.callsTo('ideas'), 'nothing asked before the tab opens').to.have.length(0);

    await click(ideas);
    expect(ideas.getAttribute('aria-selected')).to.equal('true');
    const panel = getByRole(el, 'tabpanel', 'Ideas');
    expect(panel.id).to.equal(ideas.getAttribute('aria-controls'));
    await waitForText(panel, 'A hood that fits over a helmet');
    expect(getByRole(panel, 'button', 'Share an idea')).to.exist;
    expect(getByRole(panel, 'button', 'Vote').getAttribute('aria-pressed')).to.equal('false');
    expect(queryAllByRole(el, 'tabpanel', 'Questions'), 'the Questions panel is hidden').to.have.length(0);

    // Right from Ideas wraps to Questions; left from Questions comes back to Ideas.
    ideas.focus();
    await sendKeys({ press: 'ArrowRight' });
    await settle();
    const questions = getByRole(tabs, 'tab', 'Questions');
    expect(questions.getAttribute('aria-selected')).to.equal('true');
    expect(deepActiveElement()).to.equal(questions);
    expect(getByRole(el, 'tabpanel', 'Questions')).to.exist;
    await sendKeys({ press: 'ArrowLeft' });
    await settle();
    expect(deepActiveElement()).to.equal(ideas);
    expect(getByRole(el, 'tabpanel', 'Ideas')).to.exist;
    expect(api.callsTo('ideas'), 'the board kept its state, not loaded again').to.have.length(1);
  });

  it('names the tab in the page’s language', async () => {
    for (const [lang, name] of [
      ['nl', 'Ideeën'],
      ['fr', 'Idées'],
    ] as const) {
      const api = new FakeApi({ site: { ideas: true } });
      const el = await fixture<SamenWidget>(html`<samen-widget lang=${lang} .api=${api} product=${api.productId}></samen-widget>`);
      const tabs = await findByRole(el, 'tablist');
      expect(getByRole(tabs, 'tab', name)).to.exist;
    }
  });
});
