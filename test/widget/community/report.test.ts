import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../widget/src/questions/samen-question-item.ts';
import type { SamenQuestionItem } from '../../../widget/src/questions/samen-question-item.ts';
import type { Question } from '../../../widget/src/api/client.ts';
import { FakeApi, networkError } from '../../fixtures/fake-api.ts';
import {
  click,
  deepActiveElement,
  deepQueryAll,
  findByRole,
  getByRole,
  queryAllByRole,
  settle,
  visibleText,
  waitForText,
} from '../queries.ts';
import { choose, radio, radios } from './helpers.ts';

const itemFor = (api: FakeApi, q: Question) =>
  fixture<SamenQuestionItem>(html`<samen-question-item .api=${api} .question=${api.listed(q.id)} .now=${Date.now()}></samen-question-item>`);

/** Waits for the report form's first reason to be there (its chunk loads on first use). */
async function openReport(el: Element, button: HTMLElement) {
  await click(button);
  await findByRole(el, 'button', 'Send report');
  await settle();
}

describe('reporting questions and answers', () => {
  it('opens a small form with the four reasons, focused on the first, and sends the chosen one', async () => {
    const api = new FakeApi();
    const q = api.addQuestion({ text: 'Buy cheap watches at my site!' });
    const el = await itemFor(api, q);
    const report = getByRole(el, 'button', 'Report');
    expect(report.getAttribute('aria-expanded')).to.equal('false');

    await openReport(el, report);
    expect(report.getAttribute('aria-expanded')).to.equal('true');
    expect(radios(el).map((r) => r.label)).to.deep.equal(['Spam', 'Offensive', 'Off-topic', 'Personal data']);
    expect(visibleText(el.shadowRoot!.querySelector('samen-report')!.shadowRoot!.querySelector('legend')!)).to.equal('Reason');
    expect(deepActiveElement()).to.equal(radio(el, 'Spam'));

    choose(radio(el, 'Off-topic'));
    await click(getByRole(el, 'button', 'Send report'));
    const thanks = await findByRole(el, 'status');
    expect(visibleText(thanks)).to.equal('Thank you for reporting this. Our team will review it.');
    expect(deepActiveElement(), 'focus moves to the thank-you').to.equal(thanks);
    expect(api.reports).to.deep.equal([{ type: 'question', id: q.id, reason: 'off_topic' }]);
    expect(queryAllByRole(el, 'button', 'Report'), 'reported once').to.have.length(0);
    expect(queryAllByRole(el, 'button', 'Send report')).to.have.length(0);
  });

  it('asks for a reason before sending, and says so next to the choices', async () => {
    const api = new FakeApi();
    const el = await itemFor(api, api.addQuestion());
    await openReport(el, getByRole(el, 'button', 'Report'));
    await click(getByRole(el, 'button', 'Send report'));
    expect(visibleText(await findByRole(el, 'alert'))).to.equal('Please choose a reason.');
    expect(api.callsTo('report')).to.have.length(0);
  });

  it('closes with Cancel or Escape and gives focus back to "Report"', async () => {
    const api = new FakeApi();
    const el = await itemFor(api, api.addQuestion());
    const report = getByRole(el, 'button', 'Report');
    await openReport(el, report);
    await click(getByRole(el, 'button', 'Cancel'));
    expect(radios(el)).to.have.length(0);
    expect(deepActiveElement()).to.equal(report);

    await openReport(el, report);
    await sendKeys({ press: 'Escape' });
    await settle();
    expect(radios(el)).to.have.length(0);
    expect(deepActiveElement()).to.equal(report);
  });

  it('works from the keyboard: arrows pick a reason, Enter sends', async () => {
    const api = new FakeApi();
    const q = api.addQuestion();
    const el = await itemFor(api, q);
    getByRole(el, 'button', 'Report').focus();
    await sendKeys({ press: 'Enter' });
    await findByRole(el, 'button', 'Send report');
    await settle();
    await sendKeys({ press: 'ArrowDown' }); // Offensive
    await sendKeys({ press: 'ArrowDown' }); // Off-topic
    await sendKeys({ press: 'ArrowDown' }); // Personal data
    await sendKeys({ press: 'Enter' });
    await waitForText(el, 'Thank you for reporting this.');
    expect(api.reports).to.deep.equal([{ type: 'question', id: q.id, reason: 'personal_data' }]);
  });

  it('keeps the form and explains a failure', async () => {
    const api = new FakeApi().fail('report', networkError());
    const el = await itemFor(api, api.addQuestion());
    await openReport(el, getByRole(el, 'button', 'Report'));
    choose(radio(el, 'Spam'));
    await click(getByRole(el, 'button', 'Send report'));
    expect(visibleText(await findByRole(el, 'alert'))).to.contain('No connection to the service.');
    expect(radio(el, 'Spam').checked).to.equal(true);
  });

  it('says so when a report hid the question (the site’s threshold was reached)', async () => {
    const api = new FakeApi();
    api.reportThreshold = 1;
    const q = api.addQuestion({ text: 'Rude words here' });
    const el = await itemFor(api, q);
    await openReport(el, getByRole(el, 'button', 'Report'));
    choose(radio(el, 'Offensive'));
    await click(getByRole(el, 'button', 'Send report'));
    await waitForText(el, 'Thank you. It is hidden while our team reviews it.');
    expect(api.reports).to.deep.equal([{ type: 'question', id: q.id, reason: 'offensive' }]);
    expect((await api.questions(api.productId, null)).questions, 'gone from the list').to.deep.equal([]);
  });

  it('reports an answer; when the report hides it, the answer leaves the list with a thank-you', async () => {
    const api = new FakeApi();
    api.reportThreshold = 1;
    const q = api.addQuestion();
    const bad = api.addAnswer(q.id, { text: 'Call me on 0612345678 for a discount' });
    api.addAnswer(q.id, { text: 'A fine answer.' });
    const el = await itemFor(api, q);
    await click(getByRole(el, 'button', 'Show 2 answers'));
    const list = await findByRole(el, 'list', '2 answers');
    const [first] = queryAllByRole(list, 'listitem');
    await click(getByRole(first!, 'button', 'Report'));
    await findByRole(first!, 'button', 'Send report');
    choose(radio(first!, 'Personal data'));
    await click(getByRole(first!, 'button', 'Send report'));

    await waitForText(list, 'Thank you. It is hidden while our team reviews it.');
    expect(visibleText(list)).not.to.contain('0612345678');
    expect(visibleText(list)).to.contain('A fine answer.');
    expect(api.reports).to.deep.equal([{ type: 'answer', id: bad.id, reason: 'personal_data' }]);
    expect(deepQueryAll(el, 'samen-report')).to.have.length(0);
  });
});
