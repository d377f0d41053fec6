import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../widget/src/routing/index.ts';
import type { SamenMyQuestions } from '../../../widget/src/routing/samen-my-questions.ts';
import { en, loadStrings } from '../../../widget/src/i18n/index.ts';
import { xssPayloads } from '../../fixtures/xss-payloads.ts';
import { deepQueryAll, findByRole, getByRole, queryAllByRole, visibleText, waitForText } from '../queries.ts';
import { BRAND, ask, brandApi, pollEvery, productWidget, sleep, statusTexts } from './helpers.ts';

const INVOICE = 'Where is my invoice for order 1042?';

/** "Your questions" on its own, as the Questions tab shows it, for the viewer's questions in `api`. */
async function yourQuestions(api: ReturnType<typeof brandApi>, { interval = 50, t = { ...en, brand: BRAND } } = {}) {
  const questions = await api.myQuestions(t.lang);
  return fixture<SamenMyQuestions>(
    html`<samen-my-questions .api=${api} .t=${t} .questions=${questions} product=${api.productId} interval=${interval}></samen-my-questions>`,
  );
}

describe('"Your questions": where each stands with the brand’s team', () => {
  it('shows sent, answered and resolved questions with the team’s replies, and own questions elsewhere', async () => {
    const api = brandApi();
    api.addQuestion({ productId: 'boots-2', text: 'Do these boots have steel caps?', mine: true });
    const resolved = api.addPrivateQuestion({ text: 'Can I change my account email?', category: 'account', mine: true });
    const answered = api.addPrivateQuestion({ text: 'My refund has not arrived yet.', category: 'refund', mine: true });
    api.addPrivateQuestion({ text: INVOICE, mine: true });
    api.addPrivateQuestion({ text: 'Someone else’s invoice question', mine: false });
    api.addQuestion({ text: 'My public question about this jacket?', mine: true });
    api.replyAsStaff(answered.id, { staffName: 'Sanne', text: 'Your refund went out today.\nIt takes 2 days.' });
    api.replyAsStaff(resolved.id, { staffName: 'Joris', text: 'Done: changed it.' });
    api.resolveAsStaff(resolved.id);

    const el = await yourQuestions(api);
    const region = getByRole(el, 'region', 'Your questions');
    const items = queryAllByRole(region, 'listitem').filter((li) => li.parentElement?.closest('li') === null);
    expect(items.map((li) => visibleText(li))).to.deep.equal([
      `${INVOICE} · Private Sent to Noordkust Outdoor’s team — answer expected today before 15:30`,
      'My refund has not arrived yet. · Private Answered Sanne Noordkust Outdoor team · now Your refund went out today. It takes 2 days.',
      'Can I change my account email? · Private Resolved Joris Noordkust Outdoor team · now Done: changed it.',
      'Do these boots have steel caps? · No answers yet',
    ]);
    const [replies] = queryAllByRole(region, 'list', 'Replies from the team');
    if (!replies) throw new Error('no replies list');
    expect(replies.querySelector('time')?.getAttribute('datetime')).to.match(/^\d{4}-\d\d-\d\dT/);
    expect(replies.querySelector('.reply')?.textContent).to.equal('Your refund went out today.\nIt takes 2 days.');
  });

  it('shows staff replies as text, never as markup', async () => {
    const api = brandApi();
    const q = api.addPrivateQuestion({ text: INVOICE, mine: true });
    for (const payload of xssPayloads) api.replyAsStaff(q.id, { staffName: payload, text: payload });
    const el = await yourQuestions(api);
    const text = visibleText(el);
    for (const payload of xssPayloads) expect(text).to.contain(payload.replace(/\s+/g, ' ').trim());
    expect(deepQueryAll(el, 'img, script, svg, iframe, a, math, details')).to.have.length(0);
  });

  it('in Dutch and French', async () => {
    for (const [lang, expected] of [
      ['nl', 'Verstuurd naar het team van Noordkust Outdoor — antwoord verwacht vandaag vóór 15:30'],
      ['fr', 'Envoyée à l’équipe de Noordkust Outdoor — réponse attendue aujourd’hui avant 15h30'],
    ] as const) {
      const api = brandApi();
      const answered = api.addPrivateQuestion({ text: 'Factuur / facture ?', mine: true });
      api.addPrivateQuestion({ text: INVOICE, mine: true });
      api.replyAsStaff(answered.id, { staffName: 'Sanne', text: 'Ok' });
      const t = { ...(await loadStrings(lang)), brand: BRAND };
      const el = await yourQuestions(api, { t });
      await waitForText(el, expected);
      await waitForText(el, lang === 'nl' ? 'Beantwoord Sanne Team Noordkust Outdoor' : 'Répondue Sanne Équipe Noordkust Outdoor');
      expect(api.callsTo('myQuestions').at(-1)).to.deep.equal([lang]);
    }
  });
});

describe('"Your questions" live: the team’s reply appears without a reload', () => {
  it('polls while a question waits for the team, shows and announces the reply, then stops', async () => {
    const api = brandApi();
    const el = await productWidget(api);
    await pollEvery(el, 40);
    await ask(el, INVOICE);
    await waitForText(await findByRole(el, 'region', 'Your questions'), 'Sent to Noordkust Outdoor’s team');

    await sleep(150);
    expect(api.callsTo('myQuestions').length, 'it keeps looking while the team has not answered').to.be.greaterThan(2);

    api.replyAsStaff(api.storedQuestions.at(-1)!.id, { staffName: 'Sanne', text: 'Your invoice is in your inbox now.' });
    const region = getByRole(el, 'region', 'Your questions');
    await waitForText(region, 'Answered Sanne Noordkust Outdoor team · now Your invoice is in your inbox now.');
    expect(statusTexts(el), 'read out politely').to.include('New reply from Sanne of Noordkust Outdoor’s team.');

    // Nothing waits any more: no more polling.
    await sleep(60);
    const calls = api.callsTo('myQuestions').length;
    await sleep(200);
    expect(api.callsTo('myQuestions').length).to.equal(calls);
  });

  it('pauses while the page is hidden and looks at once when it is back', async () => {
    const api = brandApi();
    api.addPrivateQuestion({ text: INVOICE, mine: true });
    const el = await yourQuestions(api, { interval: 40 });
    await waitUntil(() => api.callsTo('myQuestions').length >= 3, 'polling', { timeout: 2000 });

    let hidden = true;
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      await sleep(60);
      const calls = api.callsTo('myQuestions').length;
      await sleep(200);
      expect(api.callsTo('myQuestions').length, 'no polling while hidden').to.equal(calls);

      api.replyAsStaff(api.storedQuestions[0]!.id, { staffName: 'Sanne', text: 'Found it.' });
      hidden = false;
      document.dispatchEvent(new Event('visibilitychange'));
      await waitForText(el, 'Found it.');
      expect(api.callsTo('myQuestions').length).to.equal(calls + 1);
    } finally {
      delete (document as { hidden?: boolean }).hidden;
    }
    expect(document.hidden).to.equal(false);
  });

  it('stops when the element leaves the page', async () => {
    const api = brandApi();
    api.addPrivateQuestion({ text: INVOICE, mine: true });
    const el = await yourQuestions(api, { interval: 40 });
    await waitUntil(() => api.callsTo('myQuestions').length >= 3, 'polling', { timeout: 2000 });
    el.remove();
    await sleep(60);
    const calls = api.callsTo('myQuestions').length;
    await sleep(200);
    expect(api.callsTo('myQuestions').length).to.equal(calls);
  });

  it('does not poll at all when nothing waits for the team', async () => {
    const api = brandApi();
    const q = api.addPrivateQuestion({ text: INVOICE, mine: true });
    api.replyAsStaff(q.id);
    api.addQuestion({ productId: 'boots-2', text: 'Do these boots have steel caps?', mine: true });
    const el = await yourQuestions(api, { interval: 20 });
    await waitForText(el, 'Answered');
    const calls = api.callsTo('myQuestions').length;
    await sleep(150);
    expect(api.callsTo('myQuestions').length).to.equal(calls);
  });

  it('keeps polling through a failed request, backing off', async () => {
    const api = brandApi();
    const q = api.addPrivateQuestion({ text: INVOICE, mine: true });
    const el = await yourQuestions(api, { interval: 20 });
    const { networkError } = await import('../../fixtures/fake-api.ts');
    api.fail('myQuestions', networkError(), { times: 2 });
    api.replyAsStaff(q.id, { staffName: 'Sanne', text: 'Back online.' });
    await waitForText(el, 'Back online.');
  });
});
