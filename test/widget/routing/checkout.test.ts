import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { SamenWidget } from '../../../widget/src/samen-widget.ts';
import { en } from '../../../widget/src/i18n/index.ts';
import { networkError, serverError } from '../../fixtures/fake-api.ts';
import { click, findByRole, getByRole, queryAllByRole, typeInto, visibleText, waitForText } from '../queries.ts';
import { brandApi, pollEvery, statusTexts } from './helpers.ts';

/** The checkout page's widget: `<samen-widget mode="checkout" order="…">`. */
async function checkout(api: ReturnType<typeof brandApi>, order: string, lang = 'en') {
  const el = await fixture<SamenWidget>(html`<samen-widget .api=${api} mode="checkout" order=${order} lang=${lang}></samen-widget>`);
  await waitUntil(() => queryAllByRole(el, 'heading').length > 0, 'the checkout form did not appear');
  return el;
}

async function send(el: Element, text: string, { box = 'Your question', button = 'Send to the team' } = {}) {
  typeInto(getByRole<HTMLTextAreaElement>(el, 'textbox', box), text);
  await click(getByRole(el, 'button', button));
}

describe('<samen-widget mode="checkout">', () => {
  it('asks "Question about your order?" with a compact form, and no tabs', async () => {
    const el = await checkout(brandApi(), 'NK-1042');
    expect(getByRole(el, 'region', 'Question about your order?')).to.exist;
    expect(visibleText(el)).to.contain('Ask about order NK-1042. Your question goes privately to Noordkust Outdoor’s team, never to the public.');
    expect(getByRole(el, 'textbox', 'Your question')).to.exist;
    expect(getByRole(el, 'button', 'Send to the team')).to.exist;
    expect(queryAllByRole(el, 'tablist')).to.have.length(0);
    expect(queryAllByRole(el, 'heading', 'Ask a question')).to.have.length(0);
  });

  it('sends the question with the order number, privately, and shows the notice, the promise and the team’s reply live', async () => {
    const api = brandApi();
    const el = await checkout(api, 'NK-1042');
    await pollEvery(el, 40);
    await send(el, 'Can I still change the delivery address?');

    const notice =
      'We’ve sent your question about order NK-1042 privately to Noordkust Outdoor’s team. Noordkust Outdoor’s team will answer today before 15:30.';
    await waitForText(el, notice);
    expect(statusTexts(el)).to.include(notice);
    expect(api.callsTo('askAtCheckout')).to.deep.equal([['NK-1042', { text: 'Can I still change the delivery address?', lang: 'en' }]]);
    expect(api.callsTo('askQuestion')).to.have.length(0);
    expect(queryAllByRole(el, 'button', 'No, ask the community'), 'checkout questions stay with the team').to.have.length(0);
    expect(getByRole<HTMLTextAreaElement>(el, 'textbox', 'Your question').value).to.equal('');

    const mine = await findByRole(el, 'region', 'Your questions');
    await waitForText(mine, 'Can I still change the delivery address? · Private Sent to Noordkust Outdoor’s team — answer expected today before 15:30');

    api.replyAsStaff(api.storedQuestions.at(-1)!.id, { staffName: 'Sanne', text: 'Yes, I changed it for you.' });
    await waitForText(mine, 'Answered Sanne Noordkust Outdoor team · now Yes, I changed it for you.');
  });

  it('shows only the shopper’s questions that are with the team, and reads out no reply that was there already', async () => {
    const api = brandApi();
    api.addQuestion({ productId: 'boots-2', text: 'Do these boots have steel caps?', mine: true });
    const parcel = api.addPrivateQuestion({ text: 'Where is my parcel for NK-1001?', orderRef: 'NK-1001', mine: true });
    api.replyAsStaff(parcel.id, { staffName: 'Sanne', text: 'It arrives tomorrow.' });
    const el = await checkout(api, 'NK-1042');
    const mine = await findByRole(el, 'region', 'Your questions');
    await waitForText(mine, 'Where is my parcel for NK-1001? · Private Answered Sanne Noordkust Outdoor team · now It arrives tomorrow.');
    expect(visibleText(mine)).not.to.contain('steel caps');
    expect(statusTexts(el).join(' ')).not.to.contain('New reply');
  });

  it('says so when the page passes no usable order number', async () => {
    for (const order of ['', '   ', 'NK 1042; drop table', '-starts-with-dash']) {
      const el = await checkout(brandApi(), order);
      expect(visibleText(getByRole(el, 'alert'))).to.equal(
        'This page did not pass a valid order number, so a question about your order cannot be sent from here. Please contact the shop’s customer service.',
      );
      expect(queryAllByRole(el, 'textbox'), order).to.have.length(0);
      el.remove();
    }
  });

  it('turns the API’s invalid_order_ref and a network failure into readable messages, keeping the text', async () => {
    const api = brandApi().fail('askAtCheckout', serverError(400, 'invalid_order_ref'), { times: 1 });
    const el = await checkout(api, 'NK-1042');
    await send(el, 'Can I still change the delivery address?');
    expect(visibleText(await findByRole(el, 'alert'))).to.equal(
      'The order number on this page is not valid, so your question could not be sent. Please contact the shop’s customer service.',
    );
    expect(getByRole<HTMLTextAreaElement>(el, 'textbox', 'Your question').value).to.equal('Can I still change the delivery address?');

    api.fail('askAtCheckout', networkError(), { times: 1 });
    await click(getByRole(el, 'button', 'Send to the team'));
    await waitForText(el, en.errors.network);
  });

  it('checks the length like the Questions tab', async () => {
    const api = brandApi();
    const el = await checkout(api, 'NK-1042');
    await send(el, 'Address?');
    expect(visibleText(await findByRole(el, 'alert'))).to.equal(en.errors.question_too_short);
    expect(api.callsTo('askAtCheckout')).to.have.length(0);
  });

  for (const [lang, words] of [
    [
      'nl',
      {
        heading: 'Vraag over je bestelling?',
        box: 'Je vraag',
        button: 'Naar het team sturen',
        notice: 'We hebben je vraag over bestelling NK-1042 privé naar het team van Noordkust Outdoor gestuurd. Het team van Noordkust Outdoor antwoordt vandaag vóór 15:30.',
      },
    ],
    [
      'fr',
      {
        heading: 'Une question sur votre commande ?',
        box: 'Votre question',
        button: 'Envoyer à l’équipe',
        notice: 'Nous avons envoyé votre question sur la commande NK-1042 en privé à l’équipe de Noordkust Outdoor. L’équipe de Noordkust Outdoor vous répondra aujourd’hui avant 15h30.',
      },
    ],
  ] as const) {
    it(`in ${lang}`, async () => {
      const api = brandApi();
      const el = await checkout(api, 'NK-1042', lang);
      await findByRole(el, 'region', words.heading);
      await send(el, 'Kan het adres nog worden aangepast ?', { box: words.box, button: words.button });
      await waitForText(el, words.notice);
      expect(api.callsTo('askAtCheckout')[0]?.[1]).to.include({ lang });
    });
  }
});
