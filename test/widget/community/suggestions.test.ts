import { expect } from '@open-wc/testing';
import { en } from '../../../widget/src/i18n/index.ts';
import { FakeApi } from '../../fixtures/fake-api.ts';
import type { Suggestion } from '../../../widget/src/api/client.ts';
import {
  click,
  deepQueryAll,
  findByRole,
  getByRole,
  queryAllByRole,
  settle,
  typeInto,
  visibleText,
  waitForText,
} from '../queries.ts';
import { questionsTab, sleep, waitForCalls } from './helpers.ts';

/** A shop with answered questions about rain, one unanswered, one about another product. */
function shop() {
  const api = new FakeApi();
  const rain = api.addQuestion({ text: 'Is it really waterproof in heavy rain?' });
  api.addAnswer(rain.id, { text: 'Yes, fully waterproof.\nI wore it through a storm.', authorName: 'Jo' });
  const seams = api.addQuestion({ text: 'Do the seams stay waterproof after washing?' });
  api.addAnswer(seams.id, { text: 'Mine did after ten washes.' });
  api.addQuestion({ text: 'Is the waterproof hood removable?' }); // unanswered: never suggested
  const boots = api.addQuestion({ productId: 'boots-2', text: 'Are these boots waterproof?' });
  api.addAnswer(boots.id, { text: 'Yes, with a membrane.' });
  return { api, rain, seams, boots };
}

const questionBox = (el: Element) => getByRole<HTMLTextAreaElement>(el, 'textbox', 'Your question');

describe('search-before-ask (similar questions)', () => {
  it('shows answered questions like the one being typed, with the first line of their best answer', async () => {
    const { api, rain, boots } = shop();
    const el = await questionsTab(api);
    typeInto(questionBox(el), 'Is it waterproof in rain');

    const list = await findByRole(el, 'list', 'Similar questions');
    const items = queryAllByRole(list, 'listitem');
    expect(items.map((li) => visibleText(li.querySelector('.body')!))).to.deep.equal([rain.body]);
    expect(visibleText(items[0]!)).to.contain('Yes, fully waterproof.').and.not.contain('storm');
    expect(api.callsTo('suggestions')).to.deep.equal([[api.productId, 'Is it waterproof in rain']]);
    expect(visibleText(el)).not.to.contain(boots.body);
  });

  it('asks after a pause in typing, once, for the latest text (this product first, then the shop)', async () => {
    const { api, rain, seams, boots } = shop();
    const el = await questionsTab(api);
    typeInto(questionBox(el), 'wat');
    typeInto(questionBox(el), 'waterp');
    await sleep(100);
    typeInto(questionBox(el), 'waterproof');
    await sleep(150);
    expect(api.callsTo('suggestions'), 'nothing within 250 ms of a keystroke').to.have.length(0);

    const list = await findByRole(el, 'list', 'Similar questions');
    expect(api.callsTo('suggestions')).to.deep.equal([[api.productId, 'waterproof']]);
    expect(queryAllByRole(list, 'listitem').map((li) => visibleText(li.querySelector('.body')!))).to.deep.equal([
      seams.body,
      rain.body,
      boots.body,
    ]);
  });

  it('cancels the request for older text when the shopper types on', async () => {
    const { api } = shop();
    const signals: AbortSignal[] = [];
    const real = api.suggestions.bind(api);
    api.suggestions = (product: string, q: string, signal?: AbortSignal): Promise<Suggestion[]> => {
      if (signal) signals.push(signal);
      return real(product, q, signal);
    };
    const release = api.hold('suggestions');
    const el = await questionsTab(api);
    typeInto(questionBox(el), 'waterproof');
    await waitForCalls(() => signals, 1, 'suggestion requests');
    typeInto(questionBox(el), 'waterproof seams');
    await waitForCalls(() => signals, 2, 'suggestion requests');
    expect(signals[0]!.aborted).to.equal(true);
    expect(signals[1]!.aborted).to.equal(false);
    release();
    await findByRole(el, 'list', 'Similar questions');
  });

  it('counts suggestions_shown once per typing session, and nothing when no suggestion appears', async () => {
    const { api } = shop();
    const el = await questionsTab(api);
    typeInto(questionBox(el), 'zipper pockets');
    await waitForCalls(() => api.callsTo('suggestions'), 1);
    await settle();
    expect(queryAllByRole(el, 'list', 'Similar questions')).to.have.length(0);
    expect(api.deflections).to.deep.equal([]);

    typeInto(questionBox(el), 'waterproof');
    await findByRole(el, 'list', 'Similar questions');
    typeInto(questionBox(el), 'waterproof seams');
    await waitForCalls(() => api.callsTo('suggestions'), 3);
    await settle();
    expect(api.deflections).to.deep.equal(['suggestions_shown']);
  });

  it('expands a suggestion in place to its answers (counted as suggestion_opened), then leaving counts as deflected', async () => {
    const { api } = shop();
    const el = await questionsTab(api);
    typeInto(questionBox(el), 'rain');
    const list = await findByRole(el, 'list', 'Similar questions');
    const toggle = getByRole(list, 'button', 'Show 1 answer');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');

    await click(toggle);
    await waitForText(list, 'I wore it through a storm.');
    expect(getByRole(list, 'button', 'Hide answers').getAttribute('aria-expanded')).to.equal('true');
    expect(getByRole(list, 'list', '1 answer')).to.exist;
    expect(getByRole(list, 'button', /^Helpful/)).to.exist;
    expect(api.deflections).to.deep.equal(['suggestions_shown', 'suggestion_opened']);

    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(api.deflections).to.deep.equal(['suggestions_shown', 'suggestion_opened', 'deflected']);
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(api.deflections, 'counted once').to.have.length(3);
  });

  it('counts abandoned when the page is hidden after seeing suggestions without opening one', async () => {
    const { api } = shop();
    const el = await questionsTab(api);
    typeInto(questionBox(el), 'waterproof');
    await findByRole(el, 'list', 'Similar questions');

    // Becoming visible again is not leaving.
    document.dispatchEvent(new Event('visibilitychange'));
    expect(api.deflections).to.deep.equal(['suggestions_shown']);

    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
    }
    expect(api.deflections).to.deep.equal(['suggestions_shown', 'abandoned']);
  });

  it('shows markup in suggested questions and answers as text', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const api = new FakeApi();
    const q = api.addQuestion({ text: `Waterproof ${evil}?` });
    api.addAnswer(q.id, { text: `Yes ${evil}` });
    const el = await questionsTab(api);
    typeInto(questionBox(el), 'waterproof');
    const list = await findByRole(el, 'list', 'Similar questions');
    expect(visibleText(list)).to.contain(`Waterproof ${evil}?`).and.contain(`Yes ${evil}`);
    await click(getByRole(list, 'button', 'Show 1 answer'));
    await findByRole(list, 'list', '1 answer');
    expect(deepQueryAll(el, 'img')).to.have.length(0);
  });

  it('counts question_posted when the shopper posts anyway, and no deflection when they leave afterwards', async () => {
    const { api } = shop();
    const el = await questionsTab(api);
    typeInto(questionBox(el), 'Is it really waterproof in rain?');
    const list = await findByRole(el, 'list', 'Similar questions');
    await click(getByRole(list, 'button', 'Show 1 answer'));
    await click(getByRole(el, 'button', 'Post question'));
    await waitForText(el, en.questionPosted);

    expect(api.deflections).to.deep.equal(['suggestions_shown', 'suggestion_opened', 'question_posted']);
    expect(queryAllByRole(el, 'list', 'Similar questions'), 'cleared with the box').to.have.length(0);
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(api.deflections).to.have.length(3);
  });
});
