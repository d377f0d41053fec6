import { expect, fixture, html } from '@open-wc/testing';
import '../../../widget/src/questions/samen-questions.ts';
import type { SamenQuestions } from '../../../widget/src/questions/samen-questions.ts';
import { en } from '../../../widget/src/i18n/index.ts';
import { FakeApi, networkError, serverError } from '../../fixtures/fake-api.ts';
import {
  click,
  deepQueryAll,
  findByRole,
  getByRole,
  listedQuestions,
  queryAllByRole,
  settle,
  typeInto,
  visibleText,
  waitForNoText,
  waitForText,
} from '../queries.ts';

async function questionsFor(api: FakeApi, product = api.productId) {
  const el = await fixture<SamenQuestions>(html`<samen-questions .api=${api} product=${product}></samen-questions>`);
  return {
    el,
    textbox: () => getByRole<HTMLTextAreaElement>(el, 'textbox', 'Your question'),
    nameBox: () => getByRole<HTMLInputElement>(el, 'textbox', 'Your name (optional)'),
    postButton: () => getByRole(el, 'button', 'Post question'),
    /** Waits for the list (or the empty text) to replace "Loading questions…". */
    loaded: () => waitForNoText(el, en.loading),
  };
}

async function ask(ui: Awaited<ReturnType<typeof questionsFor>>, text: string, name = '') {
  typeInto(ui.textbox(), text);
  if (name) typeInto(ui.nameBox(), name);
  await click(ui.postButton());
}

describe('<samen-questions>', () => {
  it('says it is loading, then lists the product’s questions newest first', async () => {
    const api = new FakeApi();
    const older = api.addQuestion({ text: 'Is it waterproof in heavy rain?' });
    const newer = api.addQuestion({ text: 'Does it have inside pockets?', authorName: 'Ria' });
    api.addQuestion({ productId: 'another-product', text: 'Question about something else?' });
    const release = api.hold('questions');
    const { el, loaded } = await questionsFor(api);

    expect(queryAllByRole(el, 'status').map((s) => visibleText(s))).to.include(en.loading);
    release();
    await loaded();

    expect(listedQuestions(el)).to.deep.equal([newer.body, older.body]);
    expect(getByRole(el, 'heading', 'Questions about this product')).to.exist;
    expect(getByRole(el, 'heading', 'Ask a question')).to.exist;
    expect(visibleText(el)).to.contain('Ria').and.contain(en.anonymous);
    expect(api.callsTo('questions')).to.deep.equal([[api.productId, null]]);
  });

  it('invites the first question when there are none', async () => {
    const { el, loaded } = await questionsFor(new FakeApi());
    await loaded();
    expect(visibleText(el)).to.contain(en.empty);
    expect(queryAllByRole(el, 'list')).to.have.length(0);
    expect(queryAllByRole(el, 'button', en.moreQuestions)).to.have.length(0);
  });

  it('explains a failed load and tries again on request', async () => {
    const api = new FakeApi().fail('questions', networkError());
    api.addQuestion({ text: 'Is it waterproof in heavy rain?' });
    const { el } = await questionsFor(api);

    const alert = await findByRole(el, 'alert');
    expect(visibleText(alert)).to.contain(en.loadError).and.contain(en.errors.network);
    api.succeed();
    await click(getByRole(alert, 'button', 'Try again'));
    await waitForText(el, 'Is it waterproof in heavy rain?');
    expect(queryAllByRole(el, 'alert')).to.have.length(0);
  });

  it('shows ten questions, then the next ten on "Show more questions", without duplicates', async () => {
    const api = new FakeApi();
    const all = api.addQuestions(25).map((q) => q.body);
    const { el, loaded } = await questionsFor(api);
    await loaded();
    expect(listedQuestions(el)).to.deep.equal(all.slice(0, 10));

    await click(getByRole(el, 'button', 'Show more questions'));
    await waitForText(el, all[19]!);
    expect(listedQuestions(el)).to.deep.equal(all.slice(0, 20));

    await click(getByRole(el, 'button', 'Show more questions'));
    await waitForText(el, all[24]!);
    expect(listedQuestions(el)).to.deep.equal(all);
    expect(new Set(listedQuestions(el)).size).to.equal(25);
    expect(queryAllByRole(el, 'button', 'Show more questions')).to.have.length(0);
    expect(api.callsTo('questions').map(([, cursor]) => cursor)).to.have.length(3).and.satisfy((c: unknown[]) => c[0] === null && c[1] && c[2] && c[1] !== c[2]);
  });

  it('shows a question only once when the next page repeats it', async () => {
    const api = new FakeApi();
    const all = api.addQuestions(12).map((q) => q.body);
    const realPage = api.questions.bind(api);
    // A page boundary that moved (e.g. rows changed between requests) repeats the last two.
    api.questions = async (product, cursor, signal) => {
      const page = await realPage(product, null, signal);
      return cursor ? { questions: [...page.questions.slice(8), ...(await realPage(product, cursor, signal)).questions], nextCursor: null } : page;
    };
    const { el, loaded } = await questionsFor(api);
    await loaded();
    await click(getByRole(el, 'button', 'Show more questions'));
    await waitForText(el, all[11]!);
    expect(listedQuestions(el)).to.deep.equal(all);
  });

  it('keeps "Show more questions" and announces the error when the next page fails', async () => {
    const api = new FakeApi();
    const all = api.addQuestions(11).map((q) => q.body);
    const { el, loaded } = await questionsFor(api);
    await loaded();
    api.fail('questions', networkError(), { times: 1 });
    await click(getByRole(el, 'button', 'Show more questions'));
    await settle();

    expect(listedQuestions(el)).to.deep.equal(all.slice(0, 10));
    const status = queryAllByRole(el, 'status').find((s) => s.getAttribute('aria-live') === 'polite');
    expect(visibleText(status!)).to.equal(en.errors.network);
    await click(getByRole(el, 'button', 'Show more questions'));
    await waitForText(el, all[10]!);
    expect(listedQuestions(el)).to.deep.equal(all);
  });

  it('posts a question: it appears at the top, the box is cleared and the post is announced', async () => {
    const api = new FakeApi();
    const existing = api.addQuestions(3).map((q) => q.body);
    const ui = await questionsFor(api);
    await ui.loaded();
    await ask(ui, 'Can I wash it at 40 degrees?', 'Noor');
    await settle();

    expect(listedQuestions(ui.el)).to.deep.equal(['Can I wash it at 40 degrees?', ...existing]);
    expect(ui.textbox().value).to.equal('');
    expect(visibleText(ui.el)).to.contain('Noor');
    expect(visibleText(ui.el)).to.contain(en.questionPosted);
    expect(api.storedQuestions.at(-1)).to.include({ productId: api.productId, body: 'Can I wash it at 40 degrees?', authorName: 'Noor' });
  });

  it('replaces the empty text with the first question', async () => {
    const ui = await questionsFor(new FakeApi());
    await ui.loaded();
    await ask(ui, 'Can I wash it at 40 degrees?');
    await settle();
    expect(listedQuestions(ui.el)).to.deep.equal(['Can I wash it at 40 degrees?']);
    expect(visibleText(ui.el)).not.to.contain(en.empty);
  });

  it('shows the server’s question_too_short next to the field and keeps the text and the list', async () => {
    const api = new FakeApi().fail('askQuestion', serverError(400, 'question_too_short'));
    const existing = api.addQuestions(2).map((q) => q.body);
    const ui = await questionsFor(api);
    await ui.loaded();
    await ask(ui, 'Fits well??  ');

    const alert = await findByRole(ui.el, 'alert');
    expect(visibleText(alert)).to.equal(en.errors.question_too_short);
    // "next to the field": the alert sits in the field's own group and describes it
    expect(alert.parentElement).to.equal(ui.textbox().parentElement);
    expect(ui.textbox().getAttribute('aria-describedby')).to.contain(alert.id);
    expect(ui.textbox().value).to.equal('Fits well??  ');
    expect(listedQuestions(ui.el)).to.deep.equal(existing);
  });

  it('says "No connection…" when posting fails offline, keeping the text', async () => {
    const api = new FakeApi().fail('askQuestion', networkError());
    const ui = await questionsFor(api);
    await ui.loaded();
    await ask(ui, 'Can I wash it at 40 degrees?');

    expect(visibleText(await findByRole(ui.el, 'alert'))).to.equal(en.errors.network);
    expect(ui.textbox().value).to.equal('Can I wash it at 40 degrees?');
    expect(visibleText(ui.el)).to.contain(en.empty);
  });

  it('shows markup that shoppers type as text, never as elements', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const api = new FakeApi();
    api.addQuestion({ text: `Stored ${evil} question`, authorName: `<b>${evil}</b>` });
    const ui = await questionsFor(api);
    await ui.loaded();
    await ask(ui, `Posted ${evil} question`, evil);
    await settle();

    expect(listedQuestions(ui.el)).to.deep.equal([`Posted ${evil} question`, `Stored ${evil} question`]);
    expect(visibleText(ui.el)).to.contain(`<b>${evil}</b>`);
    expect(deepQueryAll(ui.el, 'img, b')).to.have.length(0);
  });

  it('updates a question’s answer count in the list after an answer is posted', async () => {
    const api = new FakeApi();
    const q = api.addQuestion({ text: 'Is it waterproof in heavy rain?' });
    const ui = await questionsFor(api);
    await ui.loaded();
    await click(getByRole(ui.el, 'button', 'Answer'));
    typeInto(getByRole<HTMLTextAreaElement>(ui.el, 'textbox', 'Your answer'), 'Yes, I wore it in a storm.');
    await click(getByRole(ui.el, 'button', 'Post answer'));
    await waitForText(ui.el, 'Yes, I wore it in a storm.');

    expect(visibleText(ui.el)).to.contain('1 answer');
    expect(visibleText(ui.el)).to.contain(en.answerPosted);
    expect(api.storedAnswers.map((a) => a.questionId)).to.deep.equal([q.id]);
  });

  it('lists the shopper’s own questions about other products under "Your questions"', async () => {
    const api = new FakeApi();
    const elsewhere = api.addQuestion({ productId: 'boots-2', text: 'Do these boots have steel caps?', mine: true });
    api.addAnswer(elsewhere.id);
    api.addQuestion({ text: 'My question about this jacket?', mine: true });
    api.addQuestion({ productId: 'boots-2', text: 'Someone else asked about boots?' });
    const ui = await questionsFor(api);
    await ui.loaded();

    const mine = await findByRole(ui.el, 'region', 'Your questions');
    expect(visibleText(mine)).to.equal('Your questions Do these boots have steel caps? · 1 answer');
    expect(listedQuestions(ui.el)).to.deep.equal(['My question about this jacket?']);
  });

  it('shows no "Your questions" to a new guest', async () => {
    const api = new FakeApi();
    api.addQuestion({ productId: 'boots-2', text: 'Someone else asked about boots?' });
    const ui = await questionsFor(api);
    await ui.loaded();
    expect(queryAllByRole(ui.el, 'heading', 'Your questions')).to.have.length(0);
    expect(api.callsTo('myQuestions')).to.have.length(1);
  });

  it('lets a signed-in member post under their account name', async () => {
    const api = new FakeApi().addMember('tok-ria', { name: 'Ria', role: 'shopper' });
    api.setToken('tok-ria');
    const me = await api.me();
    const el = await fixture<SamenQuestions>(html`<samen-questions .api=${api} .me=${me} product=${api.productId}></samen-questions>`);
    await waitForNoText(el, en.loading);

    expect(queryAllByRole(el, 'textbox', 'Your name (optional)')).to.have.length(0);
    expect(visibleText(el)).to.contain('Posting as Ria');
    typeInto(getByRole(el, 'textbox', 'Your question'), 'Can I wash it at 40 degrees?');
    await click(getByRole(el, 'button', 'Post question'));
    await settle();
    expect(visibleText(queryAllByRole(el, 'article')[0]!)).to.match(/Can I wash it at 40 degrees\? Ria \(you\) · /);
  });

  it('loads the other product’s questions when `product` changes', async () => {
    const api = new FakeApi();
    api.addQuestion({ text: 'Is it waterproof in heavy rain?' });
    api.addQuestion({ productId: 'boots-2', text: 'Do these boots have steel caps?' });
    const ui = await questionsFor(api);
    await ui.loaded();
    ui.el.product = 'boots-2';
    await waitForText(ui.el, 'Do these boots have steel caps?');
    expect(listedQuestions(ui.el)).to.deep.equal(['Do these boots have steel caps?']);
  });
});
