/**
 * The "Reviews" tab of <samen-widget>: next to "Questions", its code fetched only when the tab
 * list is hovered, focused or the tab opened, arrow keys between the tabs, and both panels kept.
 * (No static import of the Reviews chunk here: the widget loads it as on a shop's page.)
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SamenWidget } from '../../../widget/src/samen-widget.ts';
import { define } from '../../../widget/src/internal/define.ts';
import { FakeApi } from '../../fixtures/fake-api.ts';
import { click, deepActiveElement, findByRole, getByRole, queryAllByRole, settle, typeInto, waitForText } from '../queries.ts';

define('samen-widget', SamenWidget);

describe('the Reviews tab in <samen-widget>', () => {
  it('sits next to Questions, loads on opening, moves with the arrow keys, and keeps both panels as they were', async () => {
    const api = new FakeApi();
    api.reviewStore.add({ title: 'Dry on the dunes', rating: 5 });
    const el = await fixture<SamenWidget>(html`<samen-widget .api=${api} product=${api.productId}></samen-widget>`);
    const tabs = await findByRole(el, 'tablist', 'Community and support');
    const questions = getByRole(tabs, 'tab', 'Questions');
    const reviews = getByRole(tabs, 'tab', 'Reviews');
    expect(reviews.getAttribute('aria-selected')).to.equal('false');
    expect(reviews.getAttribute('tabindex')).to.equal('-1');
    expect(api.callsTo('reviewOverview')).to.have.length(0);
    typeInto(getByRole<HTMLTextAreaElement>(el, 'textbox', 'Your question'), 'Does it fit over a fleece?');

    await click(reviews);
    expect(reviews.getAttribute('aria-selected')).to.equal('true');
    const panel = getByRole(el, 'tabpanel', 'Reviews');
    await waitForText(panel, 'Dry on the dunes');
    expect(getByRole(el, 'tabpanel', 'Reviews').id).to.equal(reviews.getAttribute('aria-controls'));
    expect(queryAllByRole(el, 'tabpanel', 'Questions'), 'the Questions panel is hidden').to.have.length(0);

    // The arrow keys move to the other tab and select it.
    reviews.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await settle();
    expect(questions.getAttribute('aria-selected')).to.equal('true');
    expect(deepActiveElement()).to.equal(questions);
    await sendKeys({ press: 'ArrowRight' });
    await settle();
    expect(deepActiveElement()).to.equal(reviews);
    expect(getByRole(el, 'tabpanel', 'Reviews')).to.exist;
    expect(api.callsTo('reviewOverview'), 'not loaded again').to.have.length(1);
    // Back to Questions: what was typed there is still there.
    await click(questions);
    expect(getByRole<HTMLTextAreaElement>(getByRole(el, 'tabpanel', 'Questions'), 'textbox', 'Your question').value).to.equal('Does it fit over a fleece?');
  });
});

