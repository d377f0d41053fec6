import { expect } from '@open-wc/testing';
import { loadStrings } from '../../../widget/src/i18n/index.ts';
import { FakeApi } from '../../fixtures/fake-api.ts';
import {
  accessibleName,
  click,
  findByRole,
  getByRole,
  queryAllByRole,
  settle,
  typeInto,
  visibleText,
  waitForText,
} from '../queries.ts';
import { questionsTab } from './helpers.ts';

const DAY = 24 * 3600e3;

/** An expert (Eva, covering boots-2 too) and a shop with open and resolved questions. */
async function expertShop() {
  const api = new FakeApi().addMember('tok-eva', { name: 'Eva', role: 'expert', products: ['boots-2'] });
  const now = Date.now();
  const newer = api.addQuestion({ text: 'Does the jacket pack into its pocket?', createdAt: now - 2 * 3600e3 });
  const oldest = api.addQuestion({ text: 'Is the jacket breathable when hiking?', createdAt: now - 3 * DAY });
  const boots = api.addQuestion({ productId: 'boots-2', text: 'Can the boots be resoled?', createdAt: now - DAY - 60e3 });
  const resolved = api.addQuestion({ text: 'Is the zip two-way?', createdAt: now - 5 * DAY });
  const a = api.addAnswer(resolved.id, { text: 'Yes.' });
  api.storedQuestions.find((q) => q.id === resolved.id)!.acceptedAnswerId = a.id;
  api.addQuestion({ productId: 'tent-3', text: 'Not Eva’s product?', createdAt: now - 9 * DAY });
  api.setToken('tok-eva');
  const me = await api.me();
  return { api, me, newer, oldest, boots };
}

describe('experts: open questions inside the widget', () => {
  it('offers shoppers no "Open questions"', async () => {
    const api = new FakeApi();
    api.addQuestion();
    const el = await questionsTab(api);
    await settle();
    expect(queryAllByRole(el, 'button', 'Open questions')).to.have.length(0);
    expect(api.callsTo('openQuestions')).to.have.length(0);
  });

  it('opens the product’s open chats for the expert to join, from the same place', async () => {
    const { api, me } = await expertShop();
    const conv = api.chat.add({ productId: api.productId });
    api.chat.store(conv.id, 'c1', 'Is this jacket warm enough for winter?', 'shopper', '');
    api.chat.asExpert = true;
    const el = await questionsTab(api, { me });
    await click(await findByRole(el, 'button', 'Open chats'));
    const panel = await new Promise<Element>((resolve) => {
      const look = () => {
        const found = document.querySelector('samen-chat');
        if (found?.shadowRoot && visibleText(found).includes('Open chats about this product')) resolve(found);
        else setTimeout(look, 20);
      };
      look();
    });
    expect(queryAllByRole(panel, 'button', /^Join:/).map((b) => accessibleName(b))).to.deep.equal(['Join: Is this jacket warm enough for winter?']);
    panel.remove();
  });

  it('lists the expert’s open questions, longest waiting first, with how long each has waited', async () => {
    const { api, me, newer, oldest, boots } = await expertShop();
    const el = await questionsTab(api, { me });
    const toggle = await findByRole(el, 'button', 'Open questions');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');

    await click(toggle);
    const list = await findByRole(el, 'list', 'Open questions');
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    const items = queryAllByRole(list, 'listitem');
    expect(items.map((li) => accessibleName(getByRole(li, 'article')))).to.deep.equal([oldest.body, boots.body, newer.body]);
    expect(visibleText(items[0]!)).to.match(/^waiting 3 days /);
    expect(visibleText(items[1]!)).to.match(/^waiting 1 day · boots-2 /);
    expect(visibleText(items[2]!)).to.match(/^waiting 2 hours /);
    expect(api.callsTo('openQuestions')).to.deep.equal([[api.productId]]);

    await click(toggle);
    expect(queryAllByRole(el, 'list', 'Open questions')).to.have.length(0);
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
  });

  it('lets the expert answer in place, with the same answer form, posting under their name', async () => {
    const { api, me, oldest } = await expertShop();
    const el = await questionsTab(api, { me });
    await click(await findByRole(el, 'button', 'Open questions'));
    const list = await findByRole(el, 'list', 'Open questions');
    const item = queryAllByRole(list, 'listitem')[0]!;

    await click(getByRole(item, 'button', 'Answer'));
    expect(visibleText(item)).to.contain('Posting as Eva');
    typeInto(getByRole<HTMLTextAreaElement>(item, 'textbox', 'Your answer'), 'Yes: the back is vented.');
    await click(getByRole(item, 'button', 'Post answer'));
    await waitForText(item, 'Yes: the back is vented.');

    expect(visibleText(item)).to.contain('1 answer');
    expect(visibleText(item)).to.match(/Eva Expert \(you\) ·/);
    expect(api.storedAnswers.at(-1)).to.include({ questionId: oldest.id, body: 'Yes: the back is vented.', authorRole: 'expert' });
  });

  it('thanks the expert when nothing is open, and says so in Dutch', async () => {
    const api = new FakeApi().addMember('tok-eva', { name: 'Eva', role: 'expert' });
    api.setToken('tok-eva');
    const me = await api.me();
    const el = await questionsTab(api, { me, t: await loadStrings('nl') });
    await click(await findByRole(el, 'button', 'Open vragen'));
    await waitForText(el, 'Er zijn nu geen open vragen. Bedankt voor je hulp!');
  });
});
