/**
 * The Reviews tab's content in Chromium, queried by role and name as a user would: the summary read as text, the distribution, expert verdicts, writing a review with
 * the "Rating" radio group, editing and deleting one's own, sorting and filtering, "Helpful",
 * reporting, asking a reviewer, and the strings in Dutch and French.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../widget/src/reviews/samen-reviews.ts';
import type { SamenReviews } from '../../../widget/src/reviews/samen-reviews.ts';
import type { Me } from '../../../widget/src/api/client.ts';
import { en, loadStrings, type Strings } from '../../../widget/src/i18n/index.ts';
import { FakeApi, networkError } from '../../fixtures/fake-api.ts';
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
  waitForNoText,
  waitForText,
} from '../queries.ts';


const ANNA: Me = { kind: 'member', name: 'Anna de Vries', role: 'shopper', products: [] };

async function reviewsTab(api: FakeApi, { me = null, t = en }: { me?: Me | null; t?: Strings } = {}): Promise<SamenReviews> {
  const el = await fixture<SamenReviews>(html`<samen-reviews .api=${api} .me=${me} .t=${t} product=${api.productId}></samen-reviews>`);
  await waitForNoText(el, 'Loading reviews…');
  return el;
}

/** The radio labelled `label` in the rating group (native radios: the shared queries give them no role). */
function star(root: Element, label: string): HTMLInputElement {
  const group = getByRole(root, 'radiogroup', 'Rating');
  const found = deepQueryAll<HTMLInputElement>(group, 'input[type="radio"]').find((r) => r.labels?.[0]?.textContent?.trim() === label);
  if (!found) throw new Error(`No radio "${label}" in the Rating group`);
  return found;
}

const signIn = (api: FakeApi, name = 'Anna de Vries') => {
  api.addMember('anna-token', { name, role: 'shopper' });
  api.setToken('anna-token');
};

describe('<samen-reviews>', () => {
  it('reads the summary as text, with a bar per star and the expert verdict on top', async () => {
    const api = new FakeApi();
    api.reviewStore.summaryOverride = { productId: api.productId, average: 4.3, count: 128, stars: [4, 6, 10, 38, 70], expertCount: 1 };
    api.reviewStore.add({
      kind: 'expert',
      authorName: 'Eva Jansen',
      specialism: 'Mountain guide',
      title: 'Best shell under 200 euros',
      rating: 5,
      pros: ['Hood fits a helmet'],
      cons: ['Slim fit'],
    });
    const el = await reviewsTab(api);
    await waitForText(el, '4.3 out of 5, 128 reviews');
    const bars = getByRole(el, 'list', 'Reviews per rating');
    expect(visibleText(bars)).to.contain('5 stars: 70 reviews');
    expect(visibleText(bars)).to.contain('1 star: 4 reviews');
    expect(getByRole(el, 'heading', 'Expert verdict')).to.exist;
    const verdict = getByRole(el, 'article', 'Best shell under 200 euros');
    expect(visibleText(verdict)).to.contain('Eva Jansen');
    expect(visibleText(verdict)).to.contain('Expert');
    expect(visibleText(verdict)).to.contain('Mountain guide');
    expect(visibleText(verdict)).to.contain('Pros Hood fits a helmet Cons Slim fit');
    expect(getByRole(verdict, 'img', '5 out of 5 stars')).to.exist;
  });

  it('shows buyer reviews with "Verified buyer", fields and the brand’s reply', async () => {
    const api = new FakeApi({ site: { name: 'Noordkust Outdoor' } });
    api.reviewStore.add({ title: 'Fits well', verifiedBuyer: true, fields: { fit: 'true_to_size' }, reply: 'Thanks for your review!' });
    const el = await reviewsTab(api);
    const review = getByRole(el, 'article', 'Fits well');
    expect(visibleText(review)).to.contain('Verified buyer');
    expect(visibleText(review)).to.contain('Fit: True to size');
    expect(visibleText(review)).to.contain('Response from Noordkust Outdoor');
    expect(visibleText(review)).to.contain('Thanks for your review!');
  });

  it('asks a guest to sign in when the site takes reviews only from shop accounts', async () => {
    const el = await reviewsTab(new FakeApi());
    expect(visibleText(el)).to.contain('No reviews yet.');
    expect(visibleText(el)).to.contain('Sign in on the shop to write a review.');
    expect(queryAllByRole(el, 'button', 'Write a review')).to.have.length(0);
  });

  it('lets a signed-in shopper write a review: Rating, Review, Post review, then shows it and the new summary', async () => {
    const api = new FakeApi();
    signIn(api);
    api.reviewStore.purchases.add(`Anna de Vries:${api.productId}`);
    api.reviewStore.add({ rating: 2 });
    const el = await reviewsTab(api, { me: ANNA });
    await waitForText(el, '2.0 out of 5, 1 review');

    await click(getByRole(el, 'button', 'Write a review'));
    const group = await findByRole(el, 'radiogroup', 'Rating');
    expect(deepQueryAll(group, 'input[type="radio"]')).to.have.length(5);
    expect(deepActiveElement(), 'focus starts on the first star').to.equal(star(el, '1 star'));
    // Nothing chosen yet: said next to the stars.
    await click(getByRole(el, 'button', 'Post review'));
    expect(visibleText(await findByRole(el, 'alert'))).to.equal('Please choose a rating from 1 to 5 stars.');

    star(el, '4 stars').click();
    typeInto(getByRole(el, 'textbox', 'Title'), 'Warm and dry');
    typeInto(getByRole(el, 'textbox', 'Review'), 'Short.');
    await click(getByRole(el, 'button', 'Post review'));
    expect(visibleText(await findByRole(el, 'alert'))).to.equal('Please write at least 20 characters.');
    expect(getByRole(el, 'textbox', 'Review').getAttribute('aria-invalid')).to.equal('true');

    typeInto(getByRole(el, 'textbox', 'Review'), 'Kept me dry on a three-hour walk in the rain.');
    await click(getByRole(el, 'button', 'Post review'));
    await waitForText(el, '3.0 out of 5, 2 reviews');
    const mine = getByRole(el, 'article', 'Warm and dry');
    expect(visibleText(mine)).to.contain('Verified buyer');
    expect(visibleText(mine)).to.contain('Anna de Vries');
    expect(getByRole(el, 'heading', 'Your review')).to.exist;
    expect(getByRole(el, 'status').textContent).to.contain('Thank you! Your review is posted.');
    expect(queryAllByRole(el, 'button', 'Write a review')).to.have.length(0);
  });

  it('lets the author edit and delete their own review', async () => {
    const api = new FakeApi();
    signIn(api);
    const el = await reviewsTab(api, { me: ANNA });
    await click(getByRole(el, 'button', 'Write a review'));
    star(el, '2 stars').click();
    typeInto(getByRole(el, 'textbox', 'Title'), 'Too small');
    typeInto(getByRole(el, 'textbox', 'Review'), 'The sleeves are short for my arms.');
    await click(getByRole(el, 'button', 'Post review'));
    await findByRole(el, 'article', 'Too small');

    await click(getByRole(el, 'button', 'Edit review'));
    expect(star(el, '2 stars').checked).to.equal(true);
    expect((getByRole(el, 'textbox', 'Title') as HTMLInputElement).value).to.equal('Too small');
    star(el, '4 stars').click();
    typeInto(getByRole(el, 'textbox', 'Title'), 'Fine after all');
    await click(getByRole(el, 'button', 'Save review'));
    const edited = await findByRole(el, 'article', 'Fine after all');
    expect(getByRole(edited, 'img', '4 out of 5 stars')).to.exist;
    expect(visibleText(edited)).to.contain('edited');

    await click(getByRole(edited, 'button', 'Delete review'));
    const confirm = queryAllByRole(el, 'button', 'Delete review').find((b) => b.classList.contains('primary'));
    await click(confirm!);
    await findByRole(el, 'button', 'Write a review');
    expect(api.reviewStore.stored).to.have.length(0);
    expect(getByRole(el, 'status').textContent).to.contain('Your review is deleted.');
  });

  it('offers the product’s fields, and pros, cons and a specialism to experts', async () => {
    const api = new FakeApi();
    api.addMember('eva', { name: 'Eva Jansen', role: 'expert', products: [api.productId] });
    api.setToken('eva');
    api.reviewStore.fields = ['fit'];
    const el = await reviewsTab(api, { me: { kind: 'member', name: 'Eva Jansen', role: 'expert', products: [api.productId] } });
    await click(getByRole(el, 'button', 'Write a review'));
    const fit = deepQueryAll<HTMLSelectElement>(el, 'select#field-fit')[0]!;
    expect(fit.labels?.[0]?.textContent).to.equal('Fit');
    fit.value = 'large';
    fit.dispatchEvent(new Event('change'));
    star(el, '5 stars').click();
    typeInto(getByRole(el, 'textbox', 'Title'), 'Expert verdict');
    typeInto(getByRole(el, 'textbox', 'Review'), 'The best shell of the season for cyclists.');
    typeInto(getByRole(el, 'textbox', 'Pros (one per line)'), 'Hood fits a helmet\nPacks small');
    typeInto(getByRole(el, 'textbox', 'Cons (one per line)'), 'Slim fit');
    typeInto(getByRole(el, 'textbox', 'Your specialism (optional)'), 'Mountain guide');
    await click(getByRole(el, 'button', 'Post review'));
    await findByRole(el, 'article', 'Expert verdict');
    expect(api.callsTo('writeReview')[0]?.[1]).to.deep.equal({
      rating: 5,
      title: 'Expert verdict',
      body: 'The best shell of the season for cyclists.',
      fields: { fit: 'large' },
      pros: ['Hood fits a helmet', 'Packs small'],
      cons: ['Slim fit'],
      specialism: 'Mountain guide',
    });
  });

  it('sorts and filters, and pages with "Show more reviews"', async () => {
    const api = new FakeApi();
    for (let i = 0; i < 7; i++) api.reviewStore.add({ title: `Review ${i}`, rating: (i % 5) + 1, helpfulCount: i });
    const el = await reviewsTab(api);
    const titles = () => queryAllByRole(getByRole(el, 'list', 'Reviews of this product'), 'heading').map((h) => visibleText(h));
    expect(titles()).to.deep.equal(['Review 6', 'Review 5', 'Review 4', 'Review 3', 'Review 2']);
    await click(getByRole(el, 'button', 'Show more reviews'));
    await waitForText(el, 'Review 0');
    expect(titles()).to.have.length(7);

    const sort = deepQueryAll<HTMLSelectElement>(el, 'select#sort')[0]!;
    expect(sort.labels?.[0]?.textContent).to.equal('Sort reviews');
    sort.value = 'lowest';
    sort.dispatchEvent(new Event('change'));
    await waitForNoText(el, 'Loading reviews…');
    expect(titles()[0]).to.equal('Review 5');
    expect(api.callsTo('reviews').at(-1)?.[1]).to.deep.equal({ sort: 'lowest', stars: null, cursor: null });

    const stars = deepQueryAll<HTMLSelectElement>(el, 'select#stars')[0]!;
    stars.value = '5';
    stars.dispatchEvent(new Event('change'));
    await waitForNoText(el, 'Loading reviews…');
    expect(titles()).to.deep.equal(['Review 4']);
  });

  it('has a "Helpful" toggle with its count, and refuses a vote for one’s own review', async () => {
    const api = new FakeApi();
    api.reviewStore.add({ title: 'Useful', helpfulCount: 2 });
    const el = await reviewsTab(api);
    const helpful = getByRole(el, 'button', 'Helpful');
    expect(helpful.getAttribute('aria-pressed')).to.equal('false');
    expect(visibleText(el)).to.contain('2 people found this helpful');
    await click(helpful);
    await waitForText(el, '3 people found this helpful');
    expect(getByRole(el, 'button', 'Helpful').getAttribute('aria-pressed')).to.equal('true');
    await click(getByRole(el, 'button', 'Helpful'));
    await waitForText(el, '2 people found this helpful');
  });

  it('reports a review with the shared report form', async () => {
    const api = new FakeApi();
    const review = api.reviewStore.add({ title: 'Spammy' });
    const el = await reviewsTab(api);
    await click(getByRole(el, 'button', 'Report'));
    await findByRole(el, 'button', 'Send report');
    await settle();
    deepQueryAll<HTMLInputElement>(el, 'input[type="radio"][value="spam"]')[0]!.click();
    await click(getByRole(el, 'button', 'Send report'));
    await waitForText(el, 'Thank you for reporting this.');
    expect(api.reports).to.deep.equal([{ type: 'review', id: review.id, reason: 'spam' }]);
  });

  it('asks a reviewer a question, which becomes a product question', async () => {
    const api = new FakeApi();
    const review = api.reviewStore.add({ title: 'Great boots', authorName: 'Joris' });
    const el = await reviewsTab(api);
    await click(getByRole(el, 'button', 'Ask Joris a question'));
    const box = await findByRole<HTMLTextAreaElement>(el, 'textbox', 'Your question to Joris');
    expect(deepActiveElement()).to.equal(box);
    typeInto(box, 'How do they fit after a month?');
    await click(getByRole(el, 'button', 'Send question'));
    await waitForText(getByRole(el, 'status'), 'Your question is posted under Questions');
    expect(api.callsTo('askReviewer')).to.deep.equal([[review.id, { text: 'How do they fit after a month?' }]]);
    expect(api.storedQuestions.map((q) => q.body)).to.deep.equal(['How do they fit after a month?']);
  });

  it('says when the reviews cannot load, and retries', async () => {
    const api = new FakeApi().fail('reviewOverview', networkError(), { times: 1 });
    const el = await fixture<SamenReviews>(html`<samen-reviews .api=${api} .t=${en} product=${api.productId}></samen-reviews>`);
    const alert = await findByRole(el, 'alert');
    expect(visibleText(alert)).to.contain('We could not load the reviews.');
    await click(getByRole(alert, 'button', 'Try again'));
    await waitForText(el, 'No reviews yet.');
  });

  it('speaks Dutch and French', async () => {
    for (const [lang, summary, write] of [
      ['nl', '4,5 van de 5, 2 reviews', 'Schrijf een review'],
      ['fr', '4,5 sur 5, 2 avis', 'Donner mon avis'],
    ] as const) {
      const api = new FakeApi();
      signIn(api);
      api.reviewStore.add({ rating: 4 });
      api.reviewStore.add({ rating: 5 });
      const t = await loadStrings(lang);
      const el = await fixture<SamenReviews>(html`<samen-reviews .api=${api} .me=${ANNA} .t=${t} product=${api.productId}></samen-reviews>`);
      await waitForText(el, summary);
      expect(getByRole(el, 'button', write)).to.exist;
    }
  });
});
