import { expect } from '@open-wc/testing';
import { en } from '../../../widget/src/i18n/index.ts';
import { FakeApi, networkError } from '../../fixtures/fake-api.ts';
import {
  click,
  findByRole,
  getByRole,
  listedQuestions,
  queryAllByRole,
  typeInto,
  visibleText,
  waitForText,
} from '../queries.ts';
import { questionsTab, sleep, waitForCalls } from './helpers.ts';

function shop() {
  const api = new FakeApi();
  const zip = api.addQuestion({ text: 'Is the zip two-way?' });
  api.addAnswer(zip.id, { text: 'Yes, a two-way YKK zip.' });
  const hood = api.addQuestion({ text: 'Does the hood fit over a helmet?' });
  const pockets = api.addQuestion({ text: 'How many pockets does it have?' });
  api.addAnswer(pockets.id, { text: 'Four, one with a zip.' });
  api.addQuestion({ productId: 'boots-2', text: 'Do the boots have a zip?' });
  return { api, zip, hood, pockets };
}

const searchBox = (el: Element) => getByRole<HTMLInputElement>(el, 'searchbox', 'Search questions');

describe('the Questions tab’s search box', () => {
  it('replaces the list with this product’s matching questions while it holds text, and clearing restores the list', async () => {
    const { api, zip, hood, pockets } = shop();
    const el = await questionsTab(api);
    const all = [pockets.body, hood.body, zip.body];
    expect(listedQuestions(el)).to.deep.equal(all);

    typeInto(searchBox(el), 'zip');
    const results = await findByRole(el, 'list', '2 questions match your search');
    expect(queryAllByRole(results, 'article').map((a) => visibleText(a.querySelector('.body')!))).to.deep.equal([
      pockets.body,
      zip.body,
    ]);
    expect(queryAllByRole(el, 'list', 'Questions about this product')).to.have.length(0);
    expect(api.callsTo('search')).to.deep.equal([[api.productId, 'zip']]);

    // Results are full questions: their answers open in place.
    await click(getByRole(queryAllByRole(results, 'listitem')[0]!, 'button', 'Show 1 answer'));
    await waitForText(results, 'Four, one with a zip.');

    typeInto(searchBox(el), '');
    await findByRole(el, 'list', 'Questions about this product');
    expect(listedQuestions(el)).to.deep.equal(all);
    expect(queryAllByRole(el, 'list', /match your search/)).to.have.length(0);
  });

  it('searches once the shopper pauses, for the latest text only', async () => {
    const { api } = shop();
    const el = await questionsTab(api);
    typeInto(searchBox(el), 'h');
    typeInto(searchBox(el), 'ho');
    typeInto(searchBox(el), 'hood');
    await sleep(120);
    expect(api.callsTo('search')).to.have.length(0);
    await findByRole(el, 'list', '1 question matches your search');
    expect(api.callsTo('search')).to.deep.equal([[api.productId, 'hood']]);
  });

  it('says so when nothing matches, and while it is searching', async () => {
    const { api } = shop();
    const el = await questionsTab(api);
    const release = api.hold('search');
    typeInto(searchBox(el), 'laptop sleeve');
    await waitForText(el, 'Searching…');
    release();
    await waitForText(el, 'No questions match your search.');
    expect(queryAllByRole(el, 'list')).to.have.length(0);
  });

  it('explains a failed search and keeps the box', async () => {
    const { api } = shop();
    api.fail('search', networkError());
    const el = await questionsTab(api);
    typeInto(searchBox(el), 'zip');
    expect(visibleText(await findByRole(el, 'alert'))).to.equal(en.errors.network);
    expect(searchBox(el).value).to.equal('zip');
    await waitForCalls(() => api.callsTo('search'), 1);
  });
});
