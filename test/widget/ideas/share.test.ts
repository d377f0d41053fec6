/**
 * "Share an idea" in Chromium: the form's fields by their labels, errors next to each field
 * (checked before sending, and the API's own codes), similar ideas as the title is typed (so the
 * shopper can vote for one instead), this product or the whole shop, and posting as a guest.
 */
import { expect } from '@open-wc/testing';
import { serverError, FakeApi } from '../../fixtures/fake-api.ts';
import { accessibleDescription, click, deepActiveElement, deepQueryAll, findByRole, getByRole, queryAllByRole, settle, typeInto, visibleText, waitForText } from '../queries.ts';
import { board } from './helpers.ts';

/** The radio whose label starts with `label` (native radios: the shared queries give them no role). */
function radio(root: Element, label: string): HTMLInputElement {
  const found = deepQueryAll<HTMLInputElement>(root, 'input[type="radio"]').find((r) => r.closest('label')?.textContent?.trim().startsWith(label));
  if (!found) throw new Error(`No radio "${label}"`);
  return found;
}

async function openForm(api: FakeApi) {
  const el = await board(api);
  await click(getByRole(el, 'button', 'Share an idea'));
  const form = await findByRole(el, 'form');
  return { el, form };
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('"Share an idea"', () => {
  it('opens the form with the title focused, and says what is missing next to each field', async () => {
    const api = new FakeApi({ site: { ideas: true } });
    const { el, form } = await openForm(api);
    const title = getByRole<HTMLInputElement>(form, 'textbox', 'Title');
    expect(deepActiveElement()).to.equal(title);
    expect(queryAllByRole(el, 'list', 'Top ideas'), 'the list makes way for the form').to.have.length(0);

    typeInto(title, 'Hood');
    await click(getByRole(form, 'button', 'Post idea'));
    const text = visibleText(form);
    expect(text).to.contain('Please give your idea a title of at least 5 characters.');
    expect(text).to.contain('Please describe your idea in at least 10 characters.');
    expect(text).to.contain('Please choose a category.');
    expect(title.getAttribute('aria-invalid')).to.equal('true');
    expect(accessibleDescription(title)).to.contain('Please give your idea a title of at least 5 characters.');
    const body = getByRole<HTMLTextAreaElement>(form, 'textbox', 'Description');
    expect(body.getAttribute('aria-invalid')).to.equal('true');
    expect(accessibleDescription(body)).to.contain('Please describe your idea in at least 10 characters.');
    expect(queryAllByRole(form, 'alert')).to.have.length(3);
    expect(deepActiveElement(), 'focus on the first field in trouble').to.equal(title);
    expect(api.callsTo('shareIdea'), 'nothing sent').to.have.length(0);
    expect(title.value, 'what was typed stays').to.equal('Hood');
  });

  it('shows the API’s error next to the field it is about, keeping what was typed', async () => {
    const api = new FakeApi({ site: { ideas: true } });
    api.fail('shareIdea', serverError(400, 'idea_title_too_long'), { times: 1 });
    const { form } = await openForm(api);
    typeInto(getByRole<HTMLInputElement>(form, 'textbox', 'Title'), 'A hood that fits over a helmet');
    typeInto(getByRole<HTMLTextAreaElement>(form, 'textbox', 'Description'), 'For climbing in the rain.');
    radio(form, 'Product').click();
    await click(getByRole(form, 'button', 'Post idea'));
    const title = getByRole<HTMLInputElement>(form, 'textbox', 'Title');
    expect(accessibleDescription(title)).to.contain('Please keep the title under 120 characters.');
    expect(title.getAttribute('aria-invalid')).to.equal('true');
    expect(getByRole<HTMLTextAreaElement>(form, 'textbox', 'Description').value).to.equal('For climbing in the rain.');

    api.fail('shareIdea', serverError(400, 'name_too_long'), { times: 1 });
    typeInto(getByRole<HTMLInputElement>(form, 'textbox', 'Your name (optional)'), 'N'.repeat(40));
    await click(getByRole(form, 'button', 'Post idea'));
    const name = getByRole<HTMLInputElement>(form, 'textbox', 'Your name (optional)');
    expect(accessibleDescription(name)).to.equal('Please use a name of at most 60 characters.');
    expect(title.getAttribute('aria-invalid'), 'the title is fine now').to.equal('false');
  });

  it('shows similar ideas as the title is typed, and opens one to vote instead (the form kept)', async () => {
    const api = new FakeApi({ site: { ideas: true } });
    api.ideaStore.add({ title: 'A hood that fits over a helmet', voteCount: 12, status: 'planned' });
    api.ideaStore.add({ title: 'Recycled packaging' });
    const { el, form } = await openForm(api);
    typeInto(getByRole<HTMLInputElement>(form, 'textbox', 'Title'), 'Bigger hood for');
    typeInto(getByRole<HTMLInputElement>(form, 'textbox', 'Title'), 'Bigger hood for my helmet');
    await pause();
    await waitForText(form, 'Similar ideas: vote for one of these instead?');
    // Debounced: one search for the text the shopper paused at.
    expect(api.callsTo('similarIdeas')).to.deep.equal([['Bigger hood for my helmet', api.productId]]);
    const similar = getByRole(form, 'region', 'Similar ideas: vote for one of these instead?');
    expect(visibleText(similar)).to.contain('A hood that fits over a helmet');
    expect(visibleText(similar)).to.contain('Planned');
    expect(visibleText(similar)).to.contain('12 votes');
    expect(visibleText(similar)).not.to.contain('Recycled packaging');

    await click(getByRole(similar, 'button', 'A hood that fits over a helmet'));
    const detail = await findByRole(el, 'article', 'A hood that fits over a helmet');
    await click(getByRole(detail, 'button', 'Vote'));
    await waitForText(detail, '13 votes');
    await click(getByRole(el, 'button', 'Back to the ideas'));
    const back = getByRole(el, 'form');
    expect(getByRole<HTMLInputElement>(back, 'textbox', 'Title').value, 'the form as it was').to.equal('Bigger hood for my helmet');
    expect(deepActiveElement()).to.equal(getByRole(back, 'textbox', 'Title'));

    // Emptying the title clears the list.
    typeInto(getByRole<HTMLInputElement>(back, 'textbox', 'Title'), '');
    await settle();
    expect(queryAllByRole(back, 'region')).to.have.length(0);
  });

  it('posts as a guest about this product by default, or about the whole shop, then shows the idea', async () => {
    const api = new FakeApi({ site: { ideas: true } });
    const { el, form } = await openForm(api);
    expect(radio(form, 'This product').checked).to.equal(true);
    typeInto(getByRole<HTMLInputElement>(form, 'textbox', 'Title'), 'Free repairs for a year');
    typeInto(getByRole<HTMLTextAreaElement>(form, 'textbox', 'Description'), 'Repairs make a jacket last.');
    radio(form, 'Experience').click();
    radio(form, 'The whole shop').click();
    typeInto(getByRole<HTMLInputElement>(form, 'textbox', 'Your name (optional)'), 'Joris');
    await click(getByRole(form, 'button', 'Post idea'));
    const detail = await findByRole(el, 'article', 'Free repairs for a year');
    expect(api.callsTo('shareIdea')).to.deep.equal([
      [{ title: 'Free repairs for a year', body: 'Repairs make a jacket last.', category: 'experience', productId: null, name: 'Joris' }],
    ]);
    const text = visibleText(detail);
    expect(text).to.contain('New');
    expect(text).to.contain('Experience');
    expect(text).to.contain('The whole shop');
    expect(text).to.contain('Joris (you)');
    await waitForText(getByRole(el, 'status'), 'Thank you! Your idea is posted.');
    await click(getByRole(el, 'button', 'Back to the ideas'));
    expect(getByRole(getByRole(el, 'group', 'Show ideas'), 'button', 'New').getAttribute('aria-pressed')).to.equal('true');
    expect(getByRole(el, 'article', 'Free repairs for a year')).to.exist;
  });

  it('says when an idea is held for a check, and closes with Cancel', async () => {
    const api = new FakeApi({ site: { ideas: true } });
    api.ideaStore.nextNotice = { status: 'held', masked: ['email'] };
    const { el, form } = await openForm(api);
    typeInto(getByRole<HTMLInputElement>(form, 'textbox', 'Title'), 'Mail me the manual');
    typeInto(getByRole<HTMLTextAreaElement>(form, 'textbox', 'Description'), 'At jan@example.com please.');
    radio(form, 'Involvement').click();
    await click(getByRole(form, 'button', 'Post idea'));
    await waitForText(getByRole(el, 'status'), 'Your idea will appear after a quick check.');
    await click(getByRole(el, 'button', 'Back to the ideas'));
    await click(getByRole(el, 'button', 'Share an idea'));
    await click(getByRole(getByRole(el, 'form'), 'button', 'Cancel'));
    expect(queryAllByRole(el, 'form')).to.have.length(0);
    expect(deepActiveElement()).to.equal(getByRole(el, 'button', 'Share an idea'));
  });
});
