import { expect, fixture, html } from '@open-wc/testing';
import '../../../widget/src/questions/samen-question-item.ts';
import type { SamenQuestionItem } from '../../../widget/src/questions/samen-question-item.ts';
import { en, loadStrings } from '../../../widget/src/i18n/index.ts';
import { FakeApi } from '../../fixtures/fake-api.ts';
import { click, getByRole, listedQuestions, queryAllByRole, typeInto, visibleText, waitForText } from '../queries.ts';
import { questionsTab } from './helpers.ts';

async function ask(el: Element, text: string, { box = 'Your question', button = 'Post question' } = {}) {
  typeInto(getByRole<HTMLTextAreaElement>(el, 'textbox', box), text);
  await click(getByRole(el, 'button', button));
}

describe('what authors are told about their posts', () => {
  it('a question held for review: says it will appear after a review, and does not list it', async () => {
    const api = new FakeApi().screenNextPost({ status: 'held' });
    api.addQuestion({ text: 'Is the zipper waterproof?' });
    const el = await questionsTab(api);
    await ask(el, 'Visit my-shop.example for cheap jackets!!');

    await waitForText(el, 'Thanks! Your question will appear after a quick review.');
    expect(queryAllByRole(el, 'status').map((s) => visibleText(s)), 'in a live region').to.include(
      'Thanks! Your question will appear after a quick review.',
    );
    expect(listedQuestions(el)).to.deep.equal(['Is the zipper waterproof?']);
    expect(visibleText(el)).not.to.contain(en.questionPosted);
    expect(getByRole<HTMLTextAreaElement>(el, 'textbox', 'Your question').value).to.equal('');
  });

  it('a question with personal data masked: published, and says what was hidden and why', async () => {
    const api = new FakeApi().screenNextPost({ masked: ['email', 'phone'] });
    const el = await questionsTab(api);
    await ask(el, 'Can you mail me at [email] or call [phone] about sizes?');

    await waitForText(el, 'We hid an email address and a phone number to protect your privacy.');
    expect(listedQuestions(el)).to.deep.equal(['Can you mail me at [email] or call [phone] about sizes?']);
    expect(visibleText(el)).to.contain(en.questionPosted);
  });

  it('held and masked at once: both, with the kinds listed in words', async () => {
    const api = new FakeApi().screenNextPost({ status: 'held', masked: ['iban', 'card', 'email'] });
    const el = await questionsTab(api);
    await ask(el, 'Refund to my account please, here are the numbers');
    await waitForText(
      el,
      'Thanks! Your question will appear after a quick review. We hid a bank account number, a card number, and an email address to protect your privacy.',
    );
  });

  it('says nothing extra about a post that was published as written', async () => {
    const api = new FakeApi();
    const el = await questionsTab(api);
    await ask(el, 'Can I wash it at 40 degrees?');
    await waitForText(el, en.questionPosted);
    expect(visibleText(el)).not.to.match(/quick review|privacy/);
  });

  it('an answer held for review: the form closes, the count stays, and the author is told why', async () => {
    const api = new FakeApi();
    const q = api.addQuestion();
    const el = await fixture<SamenQuestionItem>(html`<samen-question-item .api=${api} .question=${q}></samen-question-item>`);
    api.screenNextPost({ status: 'held' });
    await click(getByRole(el, 'button', 'Answer'));
    await ask(el, 'Buy here: cheap.example', { box: 'Your answer', button: 'Post answer' });

    await waitForText(el, 'Thanks! Your answer will appear after a quick review.');
    expect(visibleText(el)).to.contain('No answers yet');
    expect(getByRole(el, 'button', 'Answer')).to.exist;
  });

  it('an answer with a phone number masked, in Dutch', async () => {
    const api = new FakeApi();
    const q = api.addQuestion();
    const nl = await loadStrings('nl');
    const el = await fixture<SamenQuestionItem>(html`<samen-question-item .api=${api} .question=${q} .t=${nl}></samen-question-item>`);
    api.screenNextPost({ masked: ['email', 'phone'] });
    await click(getByRole(el, 'button', 'Beantwoorden'));
    await ask(el, 'Bel me op [phone] of mail [email].', { box: 'Je antwoord', button: 'Antwoord plaatsen' });
    await waitForText(el, 'We hebben een e-mailadres en een telefoonnummer verborgen om je privacy te beschermen.');
    expect(visibleText(el)).to.contain('1 antwoord');
  });

  it('in French too', async () => {
    const api = new FakeApi().screenNextPost({ status: 'held', masked: ['card'] });
    const fr = await loadStrings('fr');
    const el = await questionsTab(api, { t: fr });
    await ask(el, 'Voici ma carte pour le remboursement', { box: 'Votre question', button: 'Publier la question' });
    await waitForText(
      el,
      'Merci ! Votre question apparaîtra après une brève vérification. Nous avons masqué un numéro de carte pour protéger votre vie privée.',
    );
  });
});
