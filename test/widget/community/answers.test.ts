import { expect, fixture, html } from '@open-wc/testing';
import { questionsTab } from './helpers.ts';
import { sendKeys } from '@web/test-runner-commands';
import '../../../widget/src/questions/samen-question-item.ts';
import type { SamenQuestionItem } from '../../../widget/src/questions/samen-question-item.ts';
import type { Question } from '../../../widget/src/api/client.ts';
import { FakeApi, serverError } from '../../fixtures/fake-api.ts';
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

/** A question item with its answers shown. */
async function expanded(api: FakeApi, question: Question) {
  const el = await fixture<SamenQuestionItem>(
    html`<samen-question-item .api=${api} .question=${api.listed(question.id)} .now=${Date.now()}></samen-question-item>`,
  );
  await click(getByRole(el, 'button', /^Show \d+ answers?$/));
  const list = await findByRole(el, 'list', /^\d+ answers?$/);
  return { el, list, items: () => queryAllByRole(list, 'listitem') };
}

const textOf = (li: Element) => visibleText(li.querySelector('.text')!);

describe('answers: order, badges and votes', () => {
  it('keeps the API’s order: accepted, then experts, then most helpful, then oldest', async () => {
    const api = new FakeApi();
    const q = api.addQuestion({ text: 'Does it fit over a fleece?' });
    api.addAnswer(q.id, { text: 'Oldest, no votes.' });
    api.addAnswer(q.id, { text: 'Helpful one.', helpfulCount: 5 });
    api.addAnswer(q.id, { text: 'From the expert.', authorName: 'Dana', authorRole: 'expert' });
    const accepted = api.addAnswer(q.id, { text: 'The accepted one.' });
    api.storedQuestions.find((x) => x.id === q.id)!.acceptedAnswerId = accepted.id;
    const { items } = await expanded(api, q);

    expect(items().map(textOf)).to.deep.equal(['The accepted one.', 'From the expert.', 'Helpful one.', 'Oldest, no votes.']);
    expect(visibleText(items()[0]!)).to.contain('Accepted answer');
    expect(visibleText(items()[1]!)).to.match(/Dana Expert ·/);
    expect(visibleText(items()[2]!)).to.contain('5 people found this helpful');
  });

  it('"Helpful" is a toggle button: pressed state and count follow the API, and it can be taken back', async () => {
    const api = new FakeApi();
    const q = api.addQuestion();
    const a = api.addAnswer(q.id, { text: 'It runs small.', helpfulCount: 2 });
    const { items } = await expanded(api, q);
    const helpful = () => getByRole(items()[0]!, 'button', 'Helpful');

    expect(helpful().getAttribute('aria-pressed')).to.equal('false');
    expect(visibleText(items()[0]!)).to.contain('2 people found this helpful');
    await click(helpful());
    await waitForText(items()[0]!, '3 people found this helpful');
    expect(helpful().getAttribute('aria-pressed')).to.equal('true');

    // From the keyboard: Space on the focused button takes the vote back.
    helpful().focus();
    await sendKeys({ press: 'Space' });
    await waitForText(items()[0]!, '2 people found this helpful');
    expect(helpful().getAttribute('aria-pressed')).to.equal('false');
    expect(api.callsTo('setHelpful')).to.deep.equal([
      [a.id, true],
      [a.id, false],
    ]);
  });

  it('offers no "Helpful" on the shopper’s own answer, and explains own_answer if the API refuses a vote', async () => {
    const api = new FakeApi();
    const q = api.addQuestion();
    api.addAnswer(q.id, { text: 'My own answer.', mine: true });
    api.addAnswer(q.id, { text: 'Someone else’s.' });
    const { items } = await expanded(api, q);
    expect(queryAllByRole(items()[0]!, 'button', 'Helpful')).to.have.length(0);

    api.fail('setHelpful', serverError(403, 'own_answer'));
    await click(getByRole(items()[1]!, 'button', 'Helpful'));
    const alert = await findByRole(items()[1]!, 'alert');
    expect(visibleText(alert)).to.equal('You cannot mark your own answer as helpful.');
    expect(getByRole(items()[1]!, 'button', 'Helpful').getAttribute('aria-pressed')).to.equal('false');
  });

  it('lets only the asker accept an answer, mark it, and undo that', async () => {
    const api = new FakeApi();
    const q = api.addQuestion({ text: 'Is the hood removable?', mine: true });
    const first = api.addAnswer(q.id, { text: 'Yes, with poppers.' });
    const second = api.addAnswer(q.id, { text: 'Yes, it zips off.' });
    const { items } = await expanded(api, q);
    const accept = (i: number) => getByRole(items()[i]!, 'button', 'Accept answer');
    expect(accept(0).getAttribute('aria-pressed')).to.equal('false');
    expect(visibleText(items()[1]!)).not.to.contain('Accepted answer');

    await click(accept(1));
    await waitForText(items()[1]!, 'Accepted answer');
    expect(accept(1).getAttribute('aria-pressed')).to.equal('true');
    expect(accept(0).getAttribute('aria-pressed')).to.equal('false');

    await click(accept(0));
    await waitForText(items()[0]!, 'Accepted answer');
    expect(visibleText(items()[1]!)).not.to.contain('Accepted answer');

    await click(accept(0));
    await settle();
    expect(accept(0).getAttribute('aria-pressed')).to.equal('false');
    expect(visibleText(items()[0]!)).not.to.contain('Accepted answer');
    expect(api.callsTo('accept')).to.deep.equal([
      [q.id, second.id],
      [q.id, first.id],
      [q.id, null],
    ]);
    expect(api.storedQuestions.find((x) => x.id === q.id)!.acceptedAnswerId).to.equal(null);
  });

  it('shows neither "Accept answer" nor "This did not help" to anyone but the asker', async () => {
    const api = new FakeApi();
    const q = api.addQuestion({ text: 'Someone else asked this?' });
    api.addAnswer(q.id, { text: 'An answer.' });
    const { el } = await expanded(api, q);
    expect(queryAllByRole(el, 'button', 'Accept answer')).to.have.length(0);
    expect(queryAllByRole(el, 'button', 'This did not help')).to.have.length(0);
    expect(getByRole(el, 'button', 'Helpful')).to.exist;
  });

  it('lets the asker say an answer did not help: recorded, shown, and shown again after a reload', async () => {
    const api = new FakeApi();
    const q = api.addQuestion({ text: 'Does it shrink?', mine: true });
    const a = api.addAnswer(q.id, { text: 'Not at all.' });
    const { items } = await expanded(api, q);
    const notHelp = () => getByRole(items()[0]!, 'button', 'This did not help');
    expect(notHelp().getAttribute('aria-pressed')).to.equal('false');

    await click(notHelp());
    await waitForText(items()[0]!, 'Thanks for telling us.');
    expect(notHelp().getAttribute('aria-pressed')).to.equal('true');
    expect(notHelp().getAttribute('aria-disabled')).to.equal('true');
    await click(notHelp());
    expect(api.callsTo('notHelpful'), 'recorded once').to.deep.equal([[a.id]]);

    const again = await expanded(api, q);
    expect(getByRole(again.items()[0]!, 'button', 'This did not help').getAttribute('aria-pressed')).to.equal('true');
    expect(visibleText(again.items()[0]!)).to.contain('Thanks for telling us.');
  });

  it('says why a vote failed, in words', async () => {
    const api = new FakeApi();
    const q = api.addQuestion({ mine: true });
    api.addAnswer(q.id);
    const { items } = await expanded(api, q);
    api.fail('accept', serverError(429, 'rate_limited'));
    await click(getByRole(items()[0]!, 'button', 'Accept answer'));
    expect(visibleText(await findByRole(items()[0]!, 'alert'))).to.equal(
      'You are going a little fast. Please wait a few minutes and try again.',
    );
  });

  it('keeps open answers with their question when a new question pushes the list down', async () => {
    const api = new FakeApi();
    const older = api.addQuestion({ text: 'Is it windproof?' });
    api.addAnswer(older.id, { text: 'Very.' });
    const newest = api.addQuestion({ text: 'Does it have pit zips?' });
    const el = await questionsTab(api);
    const article = (body: string) => getByRole(el, 'article', body);
    await click(getByRole(article(older.body), 'button', 'Show 1 answer'));
    await waitForText(article(older.body), 'Very.');

    typeInto(getByRole(el, 'textbox', 'Your question'), 'Can I wash it at 40 degrees?');
    await click(getByRole(el, 'button', 'Post question'));
    await waitForText(el, 'Can I wash it at 40 degrees?');
    await settle();
    // Items are reused by position: none may show another question's answers or state.
    for (const body of ['Can I wash it at 40 degrees?', newest.body]) {
      expect(queryAllByRole(article(body), 'list'), body).to.have.length(0);
      expect(queryAllByRole(article(body), 'button', 'Hide answers'), body).to.have.length(0);
    }
    // The older question is either collapsed again or still showing its own answer.
    const shown = queryAllByRole(el, 'list', '1 answer');
    expect(shown.length).to.be.at.most(1);
    if (shown.length) expect(queryAllByRole(article(older.body), 'list', '1 answer')).to.have.length(1);
    expect(queryAllByRole(article(older.body), 'button', /^(Show 1 answer|Hide answers)$/)).to.have.length(1);
  });
});
