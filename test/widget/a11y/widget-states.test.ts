/**
 * axe-core over every state of the shopper widget, in light and dark and right-to-left:
 * zero violations (WCAG 2.2 A/AA and axe's best practices; colour contrast included).
 * Each state is reached the way a shopper reaches it, then checked as a whole element,
 * shadow roots included.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { SamenWidget } from '../../../widget/src/samen-widget.ts';
import { define } from '../../../widget/src/internal/define.ts';
import { FakeApi, serverError } from '../../fixtures/fake-api.ts';
import { expectNoAxeViolations } from '../axe.ts';
import {
  click,
  deepQueryAll,
  findByRole,
  getByRole,
  queryAllByRole,
  typeInto,
  waitForNoText,
  waitForText,
} from '../queries.ts';

define('samen-widget', SamenWidget);

interface Look {
  theme: 'light' | 'dark';
  dir: 'ltr' | 'rtl';
}
const LOOKS: Look[] = [
  { theme: 'light', dir: 'ltr' },
  { theme: 'dark', dir: 'ltr' },
  { theme: 'light', dir: 'rtl' },
];

/** The widget on a product page; `look` picks the colour scheme (the shopper's) and direction. */
async function widget(api: FakeApi, look: Look, attrs: { token?: string; mode?: string; order?: string } = {}) {
  await emulateMedia({ colorScheme: look.theme });
  const el = await fixture<SamenWidget>(html`<div dir=${look.dir}>
    <samen-widget .api=${api} product=${api.productId} token=${attrs.token ?? ''} mode=${attrs.mode ?? ''} order=${attrs.order ?? ''}></samen-widget>
  </div>`);
  const w = el.querySelector('samen-widget')!;
  await waitUntil(() => queryAllByRole(w, 'tablist').length + queryAllByRole(w, 'heading').length + queryAllByRole(w, 'status').length > 0);
  if (!attrs.mode) await waitForNoText(w, 'Loading questions…');
  const background = getComputedStyle(w.shadowRoot!.querySelector('.container')!).backgroundColor;
  expect(background === 'rgb(255, 255, 255)', `a ${look.theme} background, not ${background}`).to.equal(look.theme === 'light');
  return w;
}

const shopWithQuestions = () => {
  const api = new FakeApi({ site: { name: 'Noordkust Outdoor' } });
  const q = api.addQuestion({ text: 'Is the jacket waterproof in heavy rain?', authorName: 'Eva', authorRole: 'shopper' });
  api.addAnswer(q.id, { text: 'Yes, it kept me dry all day.', authorName: 'Piet', helpfulCount: 3 });
  api.addAnswer(q.id, { text: 'Taped seams, so yes.', authorRole: 'expert', authorName: 'Sanne' });
  api.addQuestion({ text: 'Does the hood fit over a helmet?' });
  return { api, q };
};


for (const look of LOOKS) {
  describe(`widget states have no axe violations (${look.theme}, ${look.dir})`, () => {
    after(() => emulateMedia({ colorScheme: 'light' }));

    it('Questions tab: the list', async () => {
      const el = await widget(shopWithQuestions().api, look);
      await findByRole(el, 'article', 'Is the jacket waterproof in heavy rain?');
      await expectNoAxeViolations(el);
    });

    it('Questions tab: empty', async () => {
      const el = await widget(new FakeApi(), look);
      await expectNoAxeViolations(el);
    });

    it('Questions tab: answers shown, and a vote cast', async () => {
      const el = await widget(shopWithQuestions().api, look);
      const item = await findByRole(el, 'article', 'Is the jacket waterproof in heavy rain?');
      await click(getByRole(item, 'button', 'Show 2 answers'));
      await click((await waitUntil(() => queryAllByRole(item, 'button', 'Helpful')[0]), queryAllByRole(item, 'button', 'Helpful')[0]!));
      await expectNoAxeViolations(el);
    });

    it('Questions tab: the ask form with a validation error', async () => {
      const el = await widget(new FakeApi(), look);
      typeInto(getByRole<HTMLTextAreaElement>(el, 'textbox', 'Your question'), 'Hm?');
      await click(getByRole(el, 'button', 'Post question'));
      await findByRole(el, 'alert');
      await expectNoAxeViolations(el);
    });

    it('Questions tab: similar questions suggested while typing', async () => {
      const el = await widget(shopWithQuestions().api, look);
      typeInto(getByRole<HTMLTextAreaElement>(el, 'textbox', 'Your question'), 'waterproof jacket');
      await findByRole(el, 'list', 'Similar questions');
      await expectNoAxeViolations(el);
    });

    it('Reviews tab: the list', async () => {
      const api = new FakeApi();
      api.reviewStore.add({ rating: 4 });
      api.reviewStore.add({ rating: 2 });
      const el = await widget(api, look);
      await click(getByRole(el, 'tab', 'Reviews'));
      await waitForText(el, '3.0 out of 5, 2 reviews');
      await expectNoAxeViolations(el);
    });

    it('Reviews tab: the review form with errors', async () => {
      const api = new FakeApi();
      api.addMember('anna-token', { name: 'Anna de Vries', role: 'shopper' });
      api.reviewStore.purchases.add(`Anna de Vries:${api.productId}`);
      const el = await widget(api, look, { token: 'anna-token' });
      await click(getByRole(el, 'tab', 'Reviews'));
      await click(await findByRole(el, 'button', 'Write a review'));
      await findByRole(el, 'radiogroup', 'Rating');
      await click(getByRole(el, 'button', 'Post review'));
      await findByRole(el, 'alert');
      await expectNoAxeViolations(el);
    });

    it('unavailable', async () => {
      const el = await widget(new FakeApi().fail('site', serverError(403, 'origin_not_allowed')), look);
      await findByRole(el, 'status');
      await expectNoAxeViolations(el);
    });

    it('checkout mode', async () => {
      const el = await widget(new FakeApi({ site: { name: 'Noordkust Outdoor' } }), look, { mode: 'checkout', order: 'NK-1042' });
      await findByRole(el, 'region', 'Question about your order?');
      await click(getByRole(el, 'button', 'Send to the team'));
      await findByRole(el, 'alert');
      await expectNoAxeViolations(el);
    });

    it('routing notice and "Your questions"', async () => {
      const api = new FakeApi({ site: { name: 'Noordkust Outdoor' } });
      const el = await widget(api, look);
      typeInto(getByRole<HTMLTextAreaElement>(el, 'textbox', 'Your question'), 'Where is my invoice for order 1042?');
      await click(getByRole(el, 'button', 'Post question'));
      await findByRole(el, 'button', 'No, ask the community');
      await findByRole(el, 'region', 'Your questions');
      await expectNoAxeViolations(el);
    });

    it('expert view: open questions', async () => {
      const api = new FakeApi().addMember('tok-eva', { name: 'Eva', role: 'expert' });
      api.addQuestion({ text: 'Does the jacket pack into its pocket?' });
      const el = await widget(api, look, { token: 'tok-eva' });
      await click(await findByRole(el, 'button', 'Open questions'));
      await waitUntil(() => deepQueryAll(el, 'samen-open-questions').length > 0);
      await waitForText(el, 'Does the jacket pack into its pocket?');
      await expectNoAxeViolations(el);
    });
  });
}

describe('sanity: the widget states are really checked', () => {
  it('a nameless button put into the widget’s shadow root is caught', async () => {
    const el = await widget(new FakeApi(), LOOKS[0]!);
    const form = deepQueryAll(el, 'samen-post-form')[0]!;
    form.shadowRoot!.append(Object.assign(document.createElement('button'), { type: 'button' }));
    let failure = '';
    await expectNoAxeViolations(el).catch((err: Error) => (failure = err.message));
    expect(failure).to.contain('button-name');
  });

  it('a site colour too pale for its background is caught by the contrast rule', async () => {
    const el = await widget(shopWithQuestions().api, LOOKS[0]!);
    el.style.setProperty('--samen-muted', '#c0c0c0');
    let failure = '';
    await expectNoAxeViolations(el).catch((err: Error) => (failure = err.message));
    expect(failure).to.contain('color-contrast');
  });
});
