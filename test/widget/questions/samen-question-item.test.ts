import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../widget/src/questions/samen-question-item.ts';
import type { SamenQuestionItem } from '../../../widget/src/questions/samen-question-item.ts';
import type { Question } from '../../../widget/src/api/client.ts';
import { en } from '../../../widget/src/i18n/index.ts';
import { FakeApi, networkError, serverError } from '../../fixtures/fake-api.ts';
import {
  click,
  deepActiveElement,
  deepQueryAll,
  findByRole,
  getByRole,
  queryAllByRole,
  settle,
  typeInto,
  visibleText,
  waitForText,
} from '../queries.ts';

async function itemFor(api: FakeApi, question: Question) {
  const el = await fixture<SamenQuestionItem>(
    html`<samen-question-item .api=${api} .question=${question} .now=${Date.now()}></samen-question-item>`,
  );
  return {
    el,
    answerButton: () => getByRole(el, 'button', 'Answer'),
    answerBox: () => getByRole<HTMLTextAreaElement>(el, 'textbox', 'Your answer'),
    /** The list of answers, read as its items' texts. */
    answers: () => {
      const list = queryAllByRole(el, 'list')[0];
      return list ? queryAllByRole(list, 'listitem').map((li) => visibleText(li.querySelector('.text') ?? li)) : [];
    },
  };
}

describe('<samen-question-item>', () => {
  it('shows the question, who asked it, when, and that nobody answered yet', async () => {
    const api = new FakeApi();
    const q = api.addQuestion({ text: 'Is it waterproof in heavy rain?', createdAt: Date.now() - 3 * 24 * 3600e3 });
    const { el } = await itemFor(api, q);

    expect(getByRole(el, 'article', 'Is it waterproof in heavy rain?')).to.exist;
    expect(visibleText(el)).to.contain(`${en.anonymous} · 3 days ago · No answers yet`);
    expect(el.shadowRoot!.querySelector('time')!.getAttribute('datetime')).to.equal(new Date(q.createdAt).toISOString());
    expect(queryAllByRole(el, 'button').map((b) => visibleText(b))).to.deep.equal(['Answer', 'Report']);
  });

  it('marks experts with a badge, erased authors as "Former member" and the viewer’s own posts with "(you)"', async () => {
    const api = new FakeApi();
    const q = api.addQuestion({ text: 'Is it waterproof in heavy rain?', authorName: 'Ria', mine: true });
    api.addAnswer(q.id, { text: 'Yes, rated 10,000 mm.', authorName: 'Dana', authorRole: 'expert' });
    api.addAnswer(q.id, { text: 'Mine leaked.', authorName: 'Gone', formerMember: true });
    const { el, answers } = await itemFor(api, api.listed(q.id));
    await click(getByRole(el, 'button', 'Show 2 answers'));
    await waitForText(el, 'Mine leaked.');

    expect(answers()).to.deep.equal(['Yes, rated 10,000 mm.', 'Mine leaked.']);
    const [question, expert, erased] = deepQueryAll(el, '.meta').map((m) => visibleText(m));
    expect(question).to.match(/^Ria \(you\) · /);
    expect(expert).to.match(/^Dana Expert · /);
    expect(erased).to.match(/^Former member · /);
    expect(visibleText(el)).not.to.contain('Gone');
    expect(deepQueryAll(el, '.badge').map((b) => visibleText(b))).to.deep.equal(['Expert']);
  });

  it('shows and hides the answers, oldest first, with the button telling its state', async () => {
    const api = new FakeApi();
    const q = api.addQuestion({ text: 'Is it waterproof in heavy rain?', authorName: 'Ria' });
    api.addAnswer(q.id, { text: 'Yes, completely.', authorName: 'Jo' });
    api.addAnswer(q.id, { text: 'Mine leaked at the seams.' });
    const release = api.hold('answers');
    const { el, answers } = await itemFor(api, api.listed(q.id));

    expect(visibleText(el)).to.contain('Ria').and.contain('2 answers');
    const toggle = getByRole(el, 'button', 'Show 2 answers');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    await click(toggle);
    expect(visibleText(getByRole(el, 'status'))).to.equal(en.loadingAnswers);
    release();

    await waitForText(el, 'Mine leaked at the seams.');
    expect(answers()).to.deep.equal(['Yes, completely.', 'Mine leaked at the seams.']);
    expect(getByRole(el, 'list', '2 answers')).to.exist;
    expect(visibleText(el)).to.contain('Jo').and.contain(en.anonymous);
    const hide = getByRole(el, 'button', 'Hide answers');
    expect(hide.getAttribute('aria-expanded')).to.equal('true');

    await click(hide);
    expect(answers()).to.deep.equal([]);
    expect(getByRole(el, 'button', 'Show 2 answers').getAttribute('aria-expanded')).to.equal('false');
    expect(api.callsTo('answers')).to.have.length(1);
  });

  it('says why answers could not be loaded', async () => {
    const api = new FakeApi().fail('answers', networkError());
    const q = api.addQuestion();
    api.addAnswer(q.id);
    const { el } = await itemFor(api, api.listed(q.id));
    await click(getByRole(el, 'button', 'Show 1 answer'));
    expect(visibleText(await findByRole(el, 'alert'))).to.equal(en.errors.network);
  });

  it('opens the answer form with the text box focused; Cancel closes it and returns focus to Answer', async () => {
    const api = new FakeApi();
    const { el, answerButton, answerBox } = await itemFor(api, api.addQuestion());
    await click(answerButton());

    expect(deepActiveElement()).to.equal(answerBox());
    expect(queryAllByRole(el, 'button', 'Answer')).to.have.length(0);
    expect(getByRole(el, 'button', 'Post answer')).to.exist;

    await click(getByRole(el, 'button', 'Cancel'));
    expect(queryAllByRole(el, 'textbox')).to.have.length(0);
    expect(deepActiveElement()).to.equal(answerButton());
  });

  it('works with the keyboard alone: Enter opens, typing answers, Tab reaches Cancel, Enter returns to Answer', async () => {
    const api = new FakeApi();
    const q = api.addQuestion();
    const { el, answerButton, answerBox } = await itemFor(api, q);

    answerButton().focus();
    await sendKeys({ press: 'Enter' });
    await settle();
    expect(deepActiveElement()).to.equal(answerBox());
    await sendKeys({ type: 'Runs small' });
    await sendKeys({ press: 'Tab' }); // name
    await sendKeys({ press: 'Tab' }); // Post answer
    expect(visibleText(deepActiveElement()!)).to.equal('Post answer');
    await sendKeys({ press: 'Tab' }); // Cancel
    expect(visibleText(deepActiveElement()!)).to.equal('Cancel');
    await sendKeys({ press: 'Enter' });
    await settle();
    expect(deepActiveElement()).to.equal(answerButton());

    await sendKeys({ press: 'Space' });
    await settle();
    await sendKeys({ type: 'Runs small, take one size up.' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitForText(el, 'Runs small, take one size up.');
    // Sending is in the lazy chunk: wait for the answer to be stored, not only shown in the box.
    await waitUntil(() => api.storedAnswers.length === 1, 'the answer was not sent');
    expect(api.storedAnswers.map((a) => a.body)).to.deep.equal(['Runs small, take one size up.']);
  });

  it('posting an answer shows it, counts it, closes the form and puts focus back on Answer', async () => {
    const api = new FakeApi();
    const q = api.addQuestion();
    const { el, answerButton, answerBox, answers } = await itemFor(api, q);
    const changed = new Promise<CustomEvent<Question>>((resolve) =>
      el.addEventListener('question-changed', (e) => resolve(e as CustomEvent<Question>), { once: true }),
    );
    await click(answerButton());
    typeInto(answerBox(), '  It runs one size small.  ');
    typeInto(getByRole<HTMLInputElement>(el, 'textbox', 'Your name (optional)'), 'Jo');
    await click(getByRole(el, 'button', 'Post answer'));
    await waitForText(el, 'It runs one size small.');

    expect(answers()).to.deep.equal(['It runs one size small.']);
    expect(visibleText(el)).to.contain('Jo').and.contain('· 1 answer');
    expect(getByRole(el, 'button', 'Hide answers').getAttribute('aria-expanded')).to.equal('true');
    expect(queryAllByRole(el, 'textbox')).to.have.length(0);
    expect(deepActiveElement()).to.equal(answerButton());
    expect((await changed).detail.answerCount).to.equal(1);
  });

  it('after answering a collapsed question, shows the earlier answers too', async () => {
    const api = new FakeApi();
    const q = api.addQuestion();
    api.addAnswer(q.id, { text: 'First answer here.' });
    api.addAnswer(q.id, { text: 'Second answer here.' });
    const { el, answerButton, answerBox, answers } = await itemFor(api, api.listed(q.id));
    await click(answerButton());
    typeInto(answerBox(), 'Third answer here.');
    await click(getByRole(el, 'button', 'Post answer'));
    await waitForText(el, 'Third answer here.');

    expect(answers()).to.deep.equal(['First answer here.', 'Second answer here.', 'Third answer here.']);
    expect(visibleText(el)).to.contain('3 answers');
  });

  it('adds the new answer once to answers already shown', async () => {
    const api = new FakeApi();
    const q = api.addQuestion();
    api.addAnswer(q.id, { text: 'First answer here.' });
    const { el, answerButton, answerBox, answers } = await itemFor(api, api.listed(q.id));
    await click(getByRole(el, 'button', 'Show 1 answer'));
    await waitForText(el, 'First answer here.');
    await click(answerButton());
    typeInto(answerBox(), 'Second answer here.');
    await click(getByRole(el, 'button', 'Post answer'));
    await waitForText(el, 'Second answer here.');
    expect(answers()).to.deep.equal(['First answer here.', 'Second answer here.']);
    expect(getByRole(el, 'list', '2 answers')).to.exist;
  });

  it('refuses a one-letter answer next to the field, keeping it', async () => {
    const api = new FakeApi();
    const { el, answerButton, answerBox } = await itemFor(api, api.addQuestion());
    await click(answerButton());
    typeInto(answerBox(), 'Y');
    await click(getByRole(el, 'button', 'Post answer'));

    expect(visibleText(getByRole(el, 'alert'))).to.equal(en.errors.answer_too_short);
    expect(answerBox().value).to.equal('Y');
    expect(api.callsTo('answerQuestion')).to.have.length(0);
  });

  it('explains a server refusal (question removed) and keeps the typed answer and the count', async () => {
    const api = new FakeApi().fail('answerQuestion', serverError(404, 'question_not_found'));
    const { el, answerButton, answerBox } = await itemFor(api, api.addQuestion());
    await click(answerButton());
    typeInto(answerBox(), 'It runs one size small.');
    await click(getByRole(el, 'button', 'Post answer'));

    expect(visibleText(await findByRole(el, 'alert'))).to.equal(en.errors.question_not_found);
    expect(answerBox().value).to.equal('It runs one size small.');
    expect(visibleText(el)).to.contain('No answers yet');
  });

  it('shows markup in answers and names as text', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const api = new FakeApi();
    const q = api.addQuestion({ text: `Question ${evil}?` });
    api.addAnswer(q.id, { text: `Answer ${evil}`, authorName: evil });
    const { el, answers } = await itemFor(api, api.listed(q.id));
    await click(getByRole(el, 'button', 'Show 1 answer'));
    await waitForText(el, `Answer ${evil}`);

    expect(answers()).to.deep.equal([`Answer ${evil}`]);
    expect(getByRole(el, 'article', `Question ${evil}?`)).to.exist;
    expect(deepQueryAll(el, 'img')).to.have.length(0);
  });
});
