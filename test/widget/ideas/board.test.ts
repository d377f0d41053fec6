/**
 * The idea board (<samen-ideas>) in Chromium, queried by role and name as a user would: Top, New
 * and Done lists with status labels and vote counts, the "Vote" toggle, opening an idea (its
 * description, the team's explanation of the status, comments and the comment form), merged
 * ideas, and failures said in words.
 */
import { expect } from '@open-wc/testing';
import { en } from '../../../widget/src/i18n/index.ts';
import { FakeApi, networkError, serverError } from '../../fixtures/fake-api.ts';
import { click, deepActiveElement, findByRole, getByRole, queryAllByRole, typeInto, visibleText, waitForNoText, waitForText } from '../queries.ts';
import { board } from './helpers.ts';

/** The titles in the list named `name`, top to bottom. */
const titles = (el: Element, name: string) => queryAllByRole(getByRole(el, 'list', name), 'article').map((a) => a.querySelector('h3')?.textContent?.trim());

describe('<samen-ideas>', () => {
  it('lists Top by votes, New by date and Done apart, each idea with its status and votes', async () => {
    const api = new FakeApi({ site: { ideas: true } });
    api.ideaStore.add({ title: 'Recycled packaging', voteCount: 3, status: 'under_review' });
    api.ideaStore.add({ title: 'A hood that fits over a helmet', voteCount: 12, status: 'planned' });
    api.ideaStore.add({ title: 'Free repairs for a year', voteCount: 1, productId: null });
    api.ideaStore.add({ title: 'Reflective stripes', voteCount: 40, status: 'done', statusNote: 'In the 2025 range.' });
    api.ideaStore.add({ title: 'A pink version', voteCount: 50, status: 'declined' });
    api.ideaStore.add({ title: 'Idea about the tent', voteCount: 9, productId: 'tent-2' });
    const el = await board(api);

    const sorts = getByRole(el, 'group', 'Show ideas');
    expect(getByRole(sorts, 'button', 'Top').getAttribute('aria-pressed')).to.equal('true');
    // Open ideas of this product and the whole shop; not done, declined or another product's.
    expect(titles(el, 'Top ideas')).to.deep.equal(['A hood that fits over a helmet', 'Recycled packaging', 'Free repairs for a year']);
    const hood = getByRole(el, 'article', 'A hood that fits over a helmet');
    expect(visibleText(hood)).to.contain('Planned');
    expect(visibleText(hood)).to.contain('12 votes');
    expect(visibleText(getByRole(el, 'article', 'Recycled packaging'))).to.contain('Under review');
    expect(visibleText(getByRole(el, 'article', 'Free repairs for a year'))).to.contain('1 vote');

    await click(getByRole(sorts, 'button', 'New'));
    await waitForNoText(el, 'Loading ideas…');
    expect(getByRole(sorts, 'button', 'New').getAttribute('aria-pressed')).to.equal('true');
    expect(titles(el, 'New ideas')).to.deep.equal(['Free repairs for a year', 'A hood that fits over a helmet', 'Recycled packaging']);

    await click(getByRole(sorts, 'button', 'Done'));
    await waitForNoText(el, 'Loading ideas…');
    expect(titles(el, 'Done ideas')).to.deep.equal(['Reflective stripes']);
    expect(visibleText(getByRole(el, 'article', 'Reflective stripes'))).to.contain('Done');
    expect(api.callsTo('ideas').map(([q]) => q)).to.deep.equal([
      { productId: api.productId, sort: 'top', cursor: null },
      { productId: api.productId, sort: 'new', cursor: null },
      { productId: api.productId, sort: 'done', cursor: null },
    ]);
  });

  it('says when a list is empty, and when it could not load (with a retry)', async () => {
    const api = new FakeApi({ site: { ideas: true } });
    api.fail('ideas', networkError(), { times: 1 });
    const el = await board(api);
    const alert = await findByRole(el, 'alert');
    expect(visibleText(alert)).to.contain('We could not load the ideas.');
    expect(visibleText(alert)).to.contain('No connection to the service.');
    await click(getByRole(alert, 'button', 'Try again'));
    await waitForText(el, 'No ideas yet. Be the first to share one.');
    await click(getByRole(el, 'button', 'Done'));
    await waitForText(el, 'No ideas are done yet.');
  });

  it('toggles "Vote" (aria-pressed) and the count, in the list and in the idea', async () => {
    const api = new FakeApi({ site: { ideas: true } });
    api.ideaStore.add({ title: 'A hood that fits over a helmet', voteCount: 4 });
    const el = await board(api);
    const idea = getByRole(el, 'article', 'A hood that fits over a helmet');
    const vote = getByRole(idea, 'button', 'Vote');
    expect(vote.getAttribute('aria-pressed')).to.equal('false');
    expect(visibleText(idea)).to.contain('4 votes');

    await click(vote);
    await waitForText(idea, '5 votes');
    expect(getByRole(idea, 'button', 'Vote').getAttribute('aria-pressed')).to.equal('true');
    expect(api.callsTo('voteIdea')).to.deep.equal([[api.ideaStore.stored[0]!.id, true]]);

    // Opened, the idea shows the same vote; taking it back there updates the list too.
    await click(getByRole(el, 'button', 'A hood that fits over a helmet'));
    const detail = await findByRole(el, 'article', 'A hood that fits over a helmet');
    expect(getByRole(detail, 'button', 'Vote').getAttribute('aria-pressed')).to.equal('true');
    await click(getByRole(detail, 'button', 'Vote'));
    await waitForText(detail, '4 votes');
    expect(getByRole(detail, 'button', 'Vote').getAttribute('aria-pressed')).to.equal('false');
    await click(getByRole(el, 'button', 'Back to the ideas'));
    const again = getByRole(el, 'article', 'A hood that fits over a helmet');
    expect(getByRole(again, 'button', 'Vote').getAttribute('aria-pressed')).to.equal('false');
    expect(visibleText(again)).to.contain('4 votes');
    expect(deepActiveElement(), 'focus back on the idea').to.equal(getByRole(again, 'button', 'A hood that fits over a helmet'));
  });

  it('says why a vote did not count, and keeps the toggle as it was', async () => {
    const api = new FakeApi({ site: { ideas: true } });
    api.ideaStore.add({ title: 'A hood that fits over a helmet', voteCount: 4 });
    api.fail('voteIdea', serverError(429, 'rate_limited'), { times: 1 });
    const el = await board(api);
    await click(getByRole(el, 'button', 'Vote'));
    await waitForText(getByRole(el, 'status'), 'You are going a little fast.');
    expect(getByRole(el, 'button', 'Vote').getAttribute('aria-pressed')).to.equal('false');
    expect(visibleText(el)).to.contain('4 votes');
  });

  it('opens an idea: description, the team’s explanation of its status, comments, and a comment form for guests', async () => {
    const api = new FakeApi({ site: { ideas: true, name: 'Noordkust Outdoor' } });
    const stored = api.ideaStore.add({
      title: 'A hood that fits over a helmet',
      body: 'For climbing in the rain.\nWith a stiff brim.',
      category: 'product',
      status: 'planned',
      statusNote: 'Our designers are on it for next spring.',
      authorName: 'Joris',
    });
    api.ideaStore.addComment(stored.id, 'Yes please, also for cycling.', { authorName: 'Mila' });
    const t = { ...en, brand: 'Noordkust Outdoor' };
    const el = await board(api, { t });
    await click(getByRole(el, 'button', 'A hood that fits over a helmet'));
    const detail = await findByRole(el, 'article', 'A hood that fits over a helmet');
    expect(deepActiveElement(), 'focus on the idea’s heading').to.equal(getByRole(detail, 'heading', 'A hood that fits over a helmet'));
    const text = visibleText(detail);
    expect(text).to.contain('Planned');
    expect(text).to.contain('Product');
    expect(text).to.contain('Joris');
    expect(text).to.contain('For climbing in the rain. With a stiff brim.');
    expect(text).to.contain('Update from Noordkust Outdoor');
    expect(text).to.contain('Our designers are on it for next spring.');
    expect(text).to.contain('Mila');
    expect(text).to.contain('Yes please, also for cycling.');
    expect(queryAllByRole(el, 'list', 'Top ideas'), 'the list makes way').to.have.length(0);

    // Too short first, then posted under the typed name.
    const box = getByRole<HTMLTextAreaElement>(detail, 'textbox', 'Your comment');
    typeInto(box, 'x');
    await click(getByRole(detail, 'button', 'Post comment'));
    const error = await findByRole(detail, 'alert');
    expect(visibleText(error)).to.equal('Please write at least 2 characters.');
    expect(box.getAttribute('aria-invalid')).to.equal('true');
    expect(api.callsTo('commentOnIdea'), 'checked before sending').to.have.length(0);
    typeInto(box, 'Great idea, I would buy it.');
    typeInto(getByRole<HTMLInputElement>(detail, 'textbox', 'Your name (optional)'), 'Sam');
    await click(getByRole(detail, 'button', 'Post comment'));
    await waitForText(detail, 'Great idea, I would buy it.');
    expect(api.callsTo('commentOnIdea')).to.deep.equal([[stored.id, { body: 'Great idea, I would buy it.', name: 'Sam' }]]);
    await waitForText(getByRole(el, 'status'), 'Your comment is posted.');
    expect(visibleText(detail)).to.contain('Sam');
    expect(getByRole<HTMLTextAreaElement>(detail, 'textbox', 'Your comment').value).to.equal('');
    expect(getByRole(detail, 'textbox', 'Your comment').getAttribute('aria-invalid')).to.equal('false');
  });

  it('lets a signed-in member comment under their account’s name, and keeps the text when posting fails', async () => {
    const api = new FakeApi({ site: { ideas: true } });
    api.addMember('anna-token', { name: 'Anna de Vries', role: 'shopper' });
    api.setToken('anna-token');
    api.ideaStore.add({ title: 'A hood that fits over a helmet' });
    api.fail('commentOnIdea', networkError(), { times: 1 });
    const el = await board(api, { me: { kind: 'member', name: 'Anna de Vries', role: 'shopper', products: [] } });
    await click(getByRole(el, 'button', 'A hood that fits over a helmet'));
    const detail = await findByRole(el, 'article', 'A hood that fits over a helmet');
    expect(queryAllByRole(detail, 'textbox', 'Your name (optional)')).to.have.length(0);
    expect(visibleText(detail)).to.contain('Posting as Anna de Vries');
    typeInto(getByRole<HTMLTextAreaElement>(detail, 'textbox', 'Your comment'), 'Count me in.');
    await click(getByRole(detail, 'button', 'Post comment'));
    expect(visibleText(await findByRole(detail, 'alert'))).to.contain('No connection to the service.');
    expect(getByRole<HTMLTextAreaElement>(detail, 'textbox', 'Your comment').value).to.equal('Count me in.');
    await click(getByRole(detail, 'button', 'Post comment'));
    await waitForText(getByRole(detail, 'list', 'Comments'), 'Count me in.');
    expect(visibleText(getByRole(detail, 'list', 'Comments'))).to.contain('Anna de Vries');
  });

  it('shows a merged idea without a vote or comment form, and opens the idea it was merged into', async () => {
    const api = new FakeApi({ site: { ideas: true } });
    const target = api.ideaStore.add({ title: 'Helmet-compatible hood', voteCount: 20 });
    const dup = api.ideaStore.add({ title: 'Bigger hood for helmets', voteCount: 2 });
    const el = await board(api);
    // Staff merge the duplicate while the shopper has the list open.
    api.ideaStore.find(dup.id).mergedInto = target.id;
    await click(getByRole(el, 'button', 'Bigger hood for helmets'));
    const detail = await findByRole(el, 'article', 'Bigger hood for helmets');
    expect(visibleText(detail)).to.contain('This idea was merged into a similar one. Vote and comment there.');
    expect(queryAllByRole(detail, 'button', 'Vote')).to.have.length(0);
    expect(queryAllByRole(detail, 'textbox', 'Your comment')).to.have.length(0);
    await click(getByRole(detail, 'button', 'Open that idea'));
    const merged = await findByRole(el, 'article', 'Helmet-compatible hood');
    expect(visibleText(merged)).to.contain('20 votes');
    expect(getByRole(merged, 'button', 'Vote')).to.exist;
    // Voting for the duplicate from the stale list is refused in words.
    await click(getByRole(el, 'button', 'Back to the ideas'));
    await click(getByRole(getByRole(el, 'article', 'Bigger hood for helmets'), 'button', 'Vote'));
    await waitForText(getByRole(el, 'status'), 'This idea was merged into another one: vote and comment there.');
  });
});
