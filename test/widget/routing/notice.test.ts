import { expect } from '@open-wc/testing';
import { en } from '../../../widget/src/i18n/index.ts';
import { serverError, networkError } from '../../fixtures/fake-api.ts';
import {
  click,
  deepActiveElement,
  findByRole,
  getByRole,
  listedQuestions,
  queryAllByRole,
  visibleText,
  waitForText,
} from '../queries.ts';
import { ask, brandApi, productWidget, statusTexts } from './helpers.ts';

const INVOICE = 'Where is my invoice for order 1042?';
/** The public list's name per language. */
const LIST = { nl: 'Vragen over dit product', fr: 'Questions sur ce produit' } as const;

describe('after posting: where the question went and when to expect an answer', () => {
  it('a personal question goes privately to the brand’s team, with the team’s promise, and stays out of the public list', async () => {
    const api = brandApi();
    api.addQuestion({ text: 'Is the hood adjustable?' });
    const el = await productWidget(api);
    await ask(el, INVOICE);

    const notice =
      'This looks like a question about your invoice — we’ve sent it privately to Noordkust Outdoor’s team. ' +
      'Noordkust Outdoor’s team will answer today before 15:30.';
    await waitForText(el, notice);
    expect(statusTexts(el), 'said in a live region').to.include(notice);
    expect(listedQuestions(el)).to.deep.equal(['Is the hood adjustable?']);
    expect(visibleText(el)).not.to.contain(en.questionPosted);
    expect(getByRole(el, 'button', 'No, ask the community')).to.exist;
    expect(getByRole<HTMLTextAreaElement>(el, 'textbox', 'Your question').value, 'the form is cleared').to.equal('');

    // The client sent the widget's language (the promise comes back in it).
    expect(api.callsTo('askQuestion')[0]).to.deep.equal([api.productId, { text: INVOICE, lang: 'en' }]);
    expect(api.isPrivate(api.storedQuestions.at(-1)!.id)).to.equal(true);

    // "Your questions" shows it, with where it stands.
    const mine = await findByRole(el, 'region', 'Your questions');
    await waitForText(mine, 'Sent to Noordkust Outdoor’s team — answer expected today before 15:30');
    expect(visibleText(mine)).to.contain(`${INVOICE} · Private`);
  });

  it('says when the team is away, and when it is back', async () => {
    const api = brandApi();
    api.staffOpen = false;
    const el = await productWidget(api);
    await ask(el, 'I want a refund for my broken zip');
    await waitForText(
      el,
      'This looks like a question about a refund — we’ve sent it privately to Noordkust Outdoor’s team. ' +
        'Noordkust Outdoor’s team will answer today before 15:30. The team is away right now — back tomorrow before 09:00.',
    );
  });

  it('a complaint: says sorry first', async () => {
    const api = brandApi();
    const el = await productWidget(api);
    await ask(el, 'This is a complaint: the seams leaked on day one.');
    await waitForText(el, 'We’re sorry something went wrong. This looks like a question about something that went wrong');
  });

  const translated = {
    nl: {
      text: 'Waar is de factuur van mijn bestelling?',
      notice:
        'Dit lijkt een vraag over je factuur — we hebben hem privé naar het team van Noordkust Outdoor gestuurd. ' +
        'Het team van Noordkust Outdoor antwoordt vandaag vóór 15:30. Het team is nu afwezig en is er weer morgen vóór 09:00.',
      button: 'Nee, vraag het de community',
      status: 'Verstuurd naar het team van Noordkust Outdoor — antwoord verwacht vandaag vóór 15:30',
      heading: 'Jouw vragen',
    },
    fr: {
      text: 'Où est la facture de ma commande ?',
      notice:
        'Cette question semble concerner votre facture — nous l’avons envoyée en privé à l’équipe de Noordkust Outdoor. ' +
        'L’équipe de Noordkust Outdoor vous répondra aujourd’hui avant 15h30. L’équipe est absente pour le moment — de retour demain avant 09h00.',
      button: 'Non, demander à la communauté',
      status: 'Envoyée à l’équipe de Noordkust Outdoor — réponse attendue aujourd’hui avant 15h30',
      heading: 'Vos questions',
    },
  } as const;
  for (const [lang, words] of Object.entries(translated) as [keyof typeof translated, (typeof translated)[keyof typeof translated]][]) {
    it(`${lang}: the private notice, the promise and "Your questions" in the shopper’s language`, async () => {
      const api = brandApi();
      api.staffOpen = false;
      const el = await productWidget(api, lang);
      await ask(el, words.text, lang);
      await waitForText(el, words.notice);
      expect(getByRole(el, 'button', words.button)).to.exist;
      expect(api.callsTo('askQuestion')[0]?.[1]).to.include({ lang });
      await waitForText(await findByRole(el, 'region', words.heading), words.status);
      expect(listedQuestions(el, LIST[lang])).to.deep.equal([]);
    });
  }

  it('a public question: the community’s usual time, then the team’s promise if nobody answers', async () => {
    const api = brandApi();
    const el = await productWidget(api);
    await ask(el, 'Does the jacket run small?');
    await waitForText(
      el,
      'The community usually answers questions like this within ~3 hours. ' +
        'If nobody has by then, Noordkust Outdoor’s team will answer today before 15:30.',
    );
    expect(listedQuestions(el)).to.deep.equal(['Does the jacket run small?']);
    expect(visibleText(el)).to.contain(en.questionPosted);
    expect(queryAllByRole(el, 'button', 'No, ask the community')).to.have.length(0);
  });

  it('public questions in Dutch and French', async () => {
    for (const [lang, text] of [
      ['nl', 'De community beantwoordt zulke vragen meestal binnen zo’n 3 uur. Heeft dan nog niemand geantwoord, dan antwoordt het team van Noordkust Outdoor vandaag vóór 15:30.'],
      ['fr', 'La communauté répond généralement à ce genre de question en 3 heures environ. Si personne n’a répondu d’ici là, l’équipe de Noordkust Outdoor vous répondra aujourd’hui avant 15h30.'],
    ] as const) {
      const api = brandApi();
      const el = await productWidget(api, lang);
      await ask(el, 'Taille-t-elle petit ? Valt hij klein?', lang);
      await waitForText(el, text);
      el.remove();
    }
  });

  it('held for review and masked: those notices still come, with the promise', async () => {
    const api = brandApi().screenNextPost({ status: 'held', masked: ['phone'] });
    const el = await productWidget(api);
    await ask(el, 'Call me on [phone] about sizes please');
    await waitForText(el, 'Thanks! Your question will appear after a quick review. We hid a phone number to protect your privacy.');
    expect(statusTexts(el)).to.include('Thanks! Your question will appear after a quick review. We hid a phone number to protect your privacy.');
    await waitForText(el, 'The community usually answers questions like this within ~3 hours.');
    expect(listedQuestions(el)).to.deep.equal([]);
  });
});

describe('"No, ask the community"', () => {
  it('makes the private question public: listed, with the community promise, and no longer private in "Your questions"', async () => {
    const api = brandApi();
    const el = await productWidget(api);
    await ask(el, 'Is there a warranty on the zip of this jacket?');
    await waitForText(el, 'This looks like a question about a warranty claim');
    const posted = api.storedQuestions.at(-1)!;

    await click(getByRole(el, 'button', 'No, ask the community'));
    await waitForText(el, 'Your question is now public and listed below.');
    expect(api.callsTo('moveToCommunity')).to.deep.equal([[posted.id, 'en']]);
    expect(listedQuestions(el)).to.deep.equal(['Is there a warranty on the zip of this jacket?']);
    expect(visibleText(el)).to.contain('The community usually answers questions like this within ~3 hours.');
    expect(visibleText(el)).not.to.contain('sent it privately');
    expect(queryAllByRole(el, 'button', 'No, ask the community')).to.have.length(0);
    // Focus stays on what replaced the button, not lost on the page.
    expect(deepActiveElement()?.getAttribute('role')).to.equal('status');
    expect(queryAllByRole(el, 'region', 'Your questions'), 'a public question about this product is in the list').to.have.length(0);
    expect(api.isPrivate(posted.id)).to.equal(false);
  });

  it('409 already_with_staff: says the team is on it, and the button goes', async () => {
    const api = brandApi();
    const el = await productWidget(api);
    await ask(el, INVOICE);
    await findByRole(el, 'button', 'No, ask the community');
    api.claimAsStaff(api.storedQuestions.at(-1)!.id);

    await click(getByRole(el, 'button', 'No, ask the community'));
    const alert = await findByRole(el, 'alert');
    expect(visibleText(alert)).to.equal(
      'The team is already working on this question, so it stays with them. Their answer will appear under “Your questions”.',
    );
    expect(queryAllByRole(el, 'button', 'No, ask the community')).to.have.length(0);
    expect(listedQuestions(el)).to.deep.equal([]);
  });

  it('409 not_private and checkout_question have their own words; a network failure keeps the button to try again', async () => {
    for (const [code, text] of [
      ['not_private', 'This question is already public.'],
      ['checkout_question', 'Questions about an order stay with the team.'],
    ] as const) {
      const api = brandApi().fail('moveToCommunity', serverError(409, code));
      const el = await productWidget(api);
      await ask(el, INVOICE);
      await click(await findByRole(el, 'button', 'No, ask the community'));
      expect(visibleText(await findByRole(el, 'alert'))).to.equal(text);
      expect(queryAllByRole(el, 'button', 'No, ask the community')).to.have.length(0);
      el.remove();
    }

    const api = brandApi().fail('moveToCommunity', networkError(), { times: 1 });
    const el = await productWidget(api);
    await ask(el, INVOICE);
    await click(await findByRole(el, 'button', 'No, ask the community'));
    expect(visibleText(await findByRole(el, 'alert'))).to.equal(en.errors.network);
    await click(getByRole(el, 'button', 'No, ask the community'));
    await waitForText(el, 'Your question is now public and listed below.');
    expect(listedQuestions(el)).to.deep.equal([INVOICE]);
  });

  it('in Dutch', async () => {
    const api = brandApi();
    const el = await productWidget(api, 'nl');
    await ask(el, 'Kan ik mijn account koppelen aan de app?', 'nl');
    await click(await findByRole(el, 'button', 'Nee, vraag het de community'));
    await waitForText(el, 'Je vraag is nu openbaar en staat hieronder in de lijst.');
    expect(listedQuestions(el, LIST.nl)).to.deep.equal(['Kan ik mijn account koppelen aan de app?']);
  });
});
