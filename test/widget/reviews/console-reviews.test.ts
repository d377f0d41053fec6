/**
 * The console's Reviews view: the site's reviews with the brand's one public reply (post, edit,
 * remove, errors next to the field), "only without a reply", and the owner's review setting.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../widget/src/console/samen-console-reviews.ts';
import type { SamenConsoleReviews } from '../../../widget/src/console/samen-console-reviews.ts';
import { ConsoleApiError } from '../../../widget/src/console/api.ts';
import type { ConsoleReview, ConsoleReviewsApi, ReviewSettings } from '../../../widget/src/console/reviews-api.ts';
import { click, findByRole, getByRole, queryAllByRole, typeInto, visibleText, waitForText } from '../queries.ts';

class FakeConsoleReviews implements ConsoleReviewsApi {
  stored: ConsoleReview[] = [];
  settingsValue: ReviewSettings = { anonymous: false, fields: {} };
  calls: string[] = [];

  add(r: Partial<ConsoleReview> = {}): ConsoleReview {
    const review: ConsoleReview = {
      id: crypto.randomUUID(),
      productId: 'nk-storm-jacket',
      kind: 'shopper',
      rating: 2,
      title: 'Leaks at the zip',
      body: 'Water came in through the front zip after an hour.',
      authorName: 'Joris',
      formerMember: false,
      verifiedBuyer: true,
      status: 'published',
      helpfulCount: 0,
      reply: null,
      createdAt: Date.now() - 3600e3,
      ...r,
    };
    this.stored.push(review);
    return review;
  }

  async reviews(q: { unanswered: boolean; cursor: string | null }) {
    this.calls.push(`reviews:${q.unanswered}`);
    return { reviews: this.stored.filter((r) => !q.unanswered || !r.reply), nextCursor: null };
  }

  async reply(id: string, body: string) {
    this.calls.push(`reply:${id}`);
    if (body.trim().length < 2) throw new ConsoleApiError(400, 'reply_too_short', 'too short');
    const r = this.stored.find((x) => x.id === id)!;
    r.reply = { body: body.trim(), brand: 'Noordkust Outdoor', createdAt: Date.now(), staffName: 'Arjen Agent' };
    return { ...r };
  }

  async removeReply(id: string) {
    const r = this.stored.find((x) => x.id === id)!;
    r.reply = null;
    return { ...r };
  }

  async settings() {
    return this.settingsValue;
  }

  async saveSettings(change: Partial<ReviewSettings>) {
    this.settingsValue = { ...this.settingsValue, ...change };
    return this.settingsValue;
  }
}

const view = (api: FakeConsoleReviews, role: 'owner' | 'agent' = 'agent') =>
  fixture<SamenConsoleReviews>(html`<samen-console-reviews .api=${api} role=${role} brand="Noordkust Outdoor" locale="en"></samen-console-reviews>`);

describe('<samen-console-reviews>', () => {
  it('lists reviews and lets staff post, edit and remove the brand’s public reply', async () => {
    const api = new FakeConsoleReviews();
    api.add();
    const el = await view(api);
    const review = await findByRole(el, 'article', 'Leaks at the zip');
    expect(visibleText(review)).to.contain('Verified buyer');
    expect(getByRole(review, 'img', '2 out of 5 stars')).to.exist;

    await click(getByRole(review, 'button', 'Reply publicly'));
    const box = getByRole<HTMLTextAreaElement>(el, 'textbox', 'Public reply');
    expect(visibleText(el)).to.contain('Shown under the review as the response from Noordkust Outdoor.');
    typeInto(box, 'x');
    await click(getByRole(el, 'button', 'Post reply'));
    expect(visibleText(await findByRole(el, 'alert'))).to.equal('Please write a reply of at least 2 characters.');
    expect(box.getAttribute('aria-invalid')).to.equal('true');

    typeInto(box, 'Sorry! Our service team has sent you a new zip.');
    await click(getByRole(el, 'button', 'Post reply'));
    await waitForText(el, 'Your public reply (by Arjen Agent)');
    expect(visibleText(el)).to.contain('Sorry! Our service team has sent you a new zip.');
    expect(getByRole(el, 'status').textContent).to.contain('Your reply is public.');

    await click(getByRole(el, 'button', 'Edit reply'));
    expect(getByRole<HTMLTextAreaElement>(el, 'textbox', 'Public reply').value).to.equal('Sorry! Our service team has sent you a new zip.');
    await click(getByRole(el, 'button', 'Cancel'));
    await click(getByRole(el, 'button', 'Remove reply'));
    await findByRole(el, 'button', 'Reply publicly');
  });

  it('shows only reviews without a reply when asked', async () => {
    const api = new FakeConsoleReviews();
    api.add({ title: 'Answered', reply: { body: 'Thanks!', brand: 'Noordkust Outdoor', createdAt: Date.now(), staffName: null } });
    api.add({ title: 'Waiting' });
    const el = await view(api);
    await findByRole(el, 'article', 'Answered');
    const only = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    only.click();
    await waitForText(el, 'Waiting');
    expect(queryAllByRole(el, 'article', 'Answered')).to.have.length(0);
    expect(api.calls).to.include('reviews:true');
  });

  it('gives owners the setting for reviews from visitors, and agents not', async () => {
    const agentApi = new FakeConsoleReviews();
    const agentView = await view(agentApi, 'agent');
    await findByRole(agentView, 'heading', 'Reviews');
    expect(queryAllByRole(agentView, 'heading', 'Review settings')).to.have.length(0);

    const api = new FakeConsoleReviews();
    const el = await view(api, 'owner');
    await findByRole(el, 'heading', 'Review settings');
    const box = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].at(-1)!;
    box.click();
    await click(getByRole(el, 'button', 'Save review settings'));
    await waitForText(getByRole(el, 'status'), 'Review settings saved.');
    expect(api.settingsValue.anonymous).to.equal(true);
  });
});
