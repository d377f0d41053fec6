import { expect } from '@open-wc/testing';
import { FakeApi } from '../../fixtures/fake-api.ts';
import {
  click,
  findByRole,
  getByRole,
  queryAllByRole,
  settle,
  typeInto,
  visibleText,
  waitForText,
} from '../queries.ts';
import { freshSite, questionsTab } from './helpers.ts';

const key = (site: string) => `samen:${site}:seen`;
const stored = (site: string): unknown => JSON.parse(localStorage.getItem(key(site)) ?? 'null');

/** A returning shopper: two own questions here and one about boots, with answers since. */
function returning() {
  const api = new FakeApi();
  const fit = api.addQuestion({ text: 'Does it fit a tall person?', mine: true });
  api.addAnswer(fit.id, { text: 'The L is long enough.' });
  const wash = api.addQuestion({ text: 'Can I tumble dry it?', mine: true });
  api.addAnswer(wash.id, { text: 'Better not.' });
  const boots = api.addQuestion({ productId: 'boots-2', text: 'Do the boots need breaking in?', mine: true });
  api.addAnswer(boots.id, { text: 'A few days.' });
  api.addAnswer(boots.id, { text: 'Not mine.' });
  const other = api.addQuestion({ text: 'Someone else: is it warm?' });
  api.addAnswer(other.id, { text: 'Quite.' });
  return { api, fit, wash, boots, other };
}

const articleOf = (el: Element, body: string) => getByRole(el, 'article', body);

describe('"New answers" on the shopper’s own questions', () => {
  let site = '';
  beforeEach(() => (site = freshSite()));
  afterEach(() => localStorage.removeItem(key(site)));

  it('marks own questions with more answers than the shopper saw last time, here and under "Your questions"', async () => {
    const { api, fit, wash, boots } = returning();
    localStorage.setItem(key(site), JSON.stringify({ [fit.id]: 0, [wash.id]: 1, [boots.id]: 1 }));
    const el = await questionsTab(api, { site });
    await findByRole(el, 'region', 'Your questions');

    expect(visibleText(articleOf(el, fit.body))).to.contain('New answers');
    expect(visibleText(articleOf(el, wash.body)), 'nothing new since').not.to.contain('New answers');
    expect(visibleText(getByRole(el, 'region', 'Your questions'))).to.equal(
      'Your questions Do the boots need breaking in? · 2 answers New answers',
    );
    expect(visibleText(articleOf(el, 'Someone else: is it warm?')), 'never on others’ questions').not.to.contain('New answers');
  });

  it('shows no badge without an earlier visit to compare with, and stores nothing on page load', async () => {
    const { api } = returning();
    const el = await questionsTab(api, { site });
    await findByRole(el, 'region', 'Your questions');
    await settle();
    expect(visibleText(el)).not.to.contain('New answers');
    expect(localStorage.getItem(key(site))).to.equal(null);
  });

  it('does not rewrite the stored counts on load, only once the shopper votes', async () => {
    const { api, fit, wash, boots, other } = returning();
    const before = JSON.stringify({ [fit.id]: 0 });
    localStorage.setItem(key(site), before);
    const el = await questionsTab(api, { site });
    await settle();
    expect(localStorage.getItem(key(site))).to.equal(before);

    const item = articleOf(el, other.body);
    await click(getByRole(item, 'button', 'Show 1 answer'));
    await click(await findByRole(item, 'button', 'Helpful'));
    await waitForText(item, '1 person found this helpful');
    expect(stored(site)).to.deep.equal({ [fit.id]: 1, [wash.id]: 1, [boots.id]: 2 });
    // The badges of this visit stay until the next one.
    expect(visibleText(articleOf(el, fit.body))).to.contain('New answers');
  });

  it('remembers a question just posted (with no answers yet) so its first answer will count as new', async () => {
    const api = new FakeApi();
    const el = await questionsTab(api, { site });
    typeInto(getByRole<HTMLTextAreaElement>(el, 'textbox', 'Your question'), 'Is the lining removable?');
    await click(getByRole(el, 'button', 'Post question'));
    await waitForText(el, 'Is the lining removable?');
    const [posted] = api.storedQuestions;
    expect(stored(site)).to.deep.equal({ [posted!.id]: 0 });

    // Next visit: someone answered.
    api.addAnswer(posted!.id, { text: 'Yes, it zips out.' });
    el.remove();
    const again = await questionsTab(api, { site });
    expect(visibleText(articleOf(again, 'Is the lining removable?'))).to.contain('New answers');
    expect(queryAllByRole(again, 'region', 'Your questions'), 'a question about this product is in the list').to.have.length(0);
  });
});
