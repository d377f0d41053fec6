/**
 * axe-core over every console page, reached as staff reach it (sign in, then the section
 * navigation), in light and dark: zero violations, page-level rules included (the console is
 * its own page at /console, so its landmarks and headings are ours to get right).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../../widget/src/console/samen-console.ts';
import '../../../widget/src/console/samen-console-reviews.ts';
import type { SamenConsole } from '../../../widget/src/console/samen-console.ts';
import { ConsoleApiError } from '../../../widget/src/console/api.ts';
import type { ConsoleReview, ConsoleReviewsApi, ReviewSettings } from '../../../widget/src/console/reviews-api.ts';
import { en } from '../../../widget/src/console/i18n/en.ts';
import { FakeConsoleApi } from '../console/fake-console-api.ts';
import { expectNoAxeViolations } from '../axe.ts';
import {
  accessibleName,
  click,
  deepQueryAll,
  findByRole,
  getByRole,
  typeInto,
  waitForNoText,
  waitForText,
} from '../queries.ts';

const MIN = 60e3;

/** A shop with something on every page: queue items, questions, held posts, staff, webhooks, a shopper. */
function busyShop(): FakeConsoleApi {
  const api = new FakeConsoleApi().signedInAs('owner');
  const now = Date.now();
  api.addQueueItem(
    { body: 'Where is my invoice for order 1042?', shopper: { name: 'Anna de Vries', sub: 'customer-42' }, slaDueAt: now + 5 * MIN, priority: true, reason: 'second_contact' },
    {
      triage: ['invoice +3 "my invoice" (en)'],
      messages: [{ id: 'm1', kind: 'note', body: 'Courier says it left the depot.', staffId: 'staff-x', staffName: 'Xander', createdAt: now - MIN }],
      orders: ['1042'],
    },
  );
  api.addQueueItem({ body: 'Overdue: can I return the tent?', slaDueAt: now - 10 * MIN, reason: 'timeout', visibility: 'public', category: null });
  api.addCannedResponse('Invoice resent', 'Hi {{name}}, we sent the invoice again.');
  api.addQuestion({ body: 'Does the hood fit over a helmet?', authorName: 'Eva', authorRole: 'expert', authorSub: 'customer-7', answerCount: 2 });
  api.addQuestion({ body: 'Is it machine washable?' });
  api.addModerationItem({ body: 'Casino deals on this jacket?', status: 'held', lastReason: 'blocklist', authorName: 'Kim' });
  api.addModerationItem({ body: 'Call me on my phone', status: 'removed', lastReason: 'Personal data.' });
  api.staffList = [
    { id: 's1', email: 'olga@shop.example', name: 'Olga Owner', role: 'owner', createdAt: 1, lockedUntil: null },
    { id: 's2', email: 'arjen@shop.example', name: 'Arjen Agent', role: 'agent', createdAt: 2, lockedUntil: now + 600e3 },
  ];
  const hook = { id: 'h1', url: 'https://hooks.shop.example/samen', events: ['question.created' as const], createdAt: now, secret: 'whsec_x' };
  api.webhookList.push(hook);
  api.deliveryList = [
    { id: 'd1', webhookId: hook.id, url: null, event: 'question.created', status: 'pending', attempts: 2, lastStatus: 503, lastError: 'HTTP 503', createdAt: now, deliveredAt: null, nextAttemptAt: now + 120e3 },
  ];
  api.addShopper('customer-42');
  return api;
}

async function signedInConsole(api: FakeConsoleApi): Promise<SamenConsole> {
  const el = await fixture<SamenConsole>(html`<samen-console .api=${api}></samen-console>`);
  await waitForNoText(el, en.loading);
  await findByRole(el, 'button', 'Sign out');
  return el;
}

/** Opens a section from the console's navigation and waits for its content. */
async function openSection(el: SamenConsole, name: string): Promise<void> {
  const nav = deepQueryAll(el, 'nav').find((n) => accessibleName(n) === en.sections)!;
  await click(getByRole(nav, 'button', name));
  await waitForNoText(el, en.loading);
}

class FakeReviews implements ConsoleReviewsApi {
  stored: ConsoleReview[] = [
    {
      id: 'r1', productId: 'nk-storm-jacket', kind: 'shopper', rating: 2, title: 'Leaks at the zip',
      body: 'Water came in through the front zip after an hour.', authorName: 'Joris', formerMember: false,
      verifiedBuyer: true, status: 'published', helpfulCount: 1, reply: null, createdAt: Date.now() - 3600e3,
    },
  ];
  async reviews() {
    return { reviews: this.stored, nextCursor: null };
  }
  async reply(): Promise<ConsoleReview> {
    throw new ConsoleApiError(400, 'reply_too_short', 'too short');
  }
  async removeReply(id: string) {
    return this.stored.find((r) => r.id === id)!;
  }
  async settings(): Promise<ReviewSettings> {
    return { anonymous: false, fields: {} };
  }
  async saveSettings(change: Partial<ReviewSettings>): Promise<ReviewSettings> {
    return { anonymous: false, fields: {}, ...change };
  }
}

for (const theme of ['light', 'dark'] as const) {
  describe(`console pages have no axe violations (${theme})`, () => {
    let pageCss: HTMLLinkElement;
    before(async () => {
      await emulateMedia({ colorScheme: theme });
      // What widget/src/console/index.html gives the app: a title, a language and its stylesheet.
      document.title = 'Samen console';
      document.documentElement.lang = 'en';
      pageCss = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: '/widget/src/console/console.css' });
      const loaded = new Promise((resolve) => pageCss.addEventListener('load', resolve));
      document.head.append(pageCss);
      await loaded;
    });
    after(async () => {
      pageCss.remove();
      document.title = '';
      document.documentElement.removeAttribute('lang');
      await emulateMedia({ colorScheme: 'light' });
    });

    it('sign-in, with the error for a wrong password', async () => {
      const api = new FakeConsoleApi();
      api.addAccount('owner');
      const el = await fixture<SamenConsole>(html`<samen-console .api=${api}></samen-console>`);
      await findByRole(el, 'heading', 'Sign in');
      await expectNoAxeViolations(document, { page: true });
      typeInto(getByRole<HTMLInputElement>(el, 'textbox', 'Email'), 'owner@shop.example');
      typeInto(deepQueryAll<HTMLInputElement>(el, 'input[type=password]')[0]!, 'wrong-password');
      await click(getByRole(el, 'button', 'Sign in'));
      await findByRole(el, 'alert');
      await expectNoAxeViolations(document, { page: true });
    });

    it('queue with items, canned responses open, and an open item', async () => {
      const el = await signedInConsole(busyShop());
      await findByRole(el, 'list', 'Queue');
      await expectNoAxeViolations(document, { page: true });
      await click(getByRole(el, 'button', 'Manage canned responses'));
      await waitForText(el, 'Hi {{name}}, we sent the invoice again.');
      await expectNoAxeViolations(document, { page: true });
      await click(getByRole(el, 'button', 'Where is my invoice for order 1042?'));
      await findByRole(el, 'heading', 'Question from Anna de Vries');
      await waitForText(el, 'Courier says it left the depot.');
      await expectNoAxeViolations(document, { page: true });
    });

    it('recent questions', async () => {
      const el = await signedInConsole(busyShop());
      await openSection(el, en.questionsTab);
      await findByRole(el, 'list', 'Recent questions');
      await expectNoAxeViolations(document, { page: true });
    });

    it('moderation, with a history shown', async () => {
      const el = await signedInConsole(busyShop());
      await openSection(el, en.moderationTab);
      await waitForText(el, 'Casino deals on this jacket?');
      await click(deepQueryAll<HTMLElement>(el, 'button').find((b) => b.textContent?.trim() === 'Show history')!);
      await findByRole(el, 'list', 'History');
      await expectNoAxeViolations(document, { page: true });
    });

    it('reviews, with a reply refused', async () => {
      // The view as the console shows it (it builds its own client there, so it gets a fake one here),
      // inside what the console page gives every view: a main landmark and the light scheme.
      const el = await fixture(html`<main style="--samen-color-scheme: light; background: #fff">
        <h1>Samen console</h1>
        <samen-console-reviews .api=${new FakeReviews()} .role=${'owner'} brand="Noordkust Outdoor" locale="en"></samen-console-reviews>
      </main>`);
      const review = await findByRole(el, 'article', 'Leaks at the zip');
      await expectNoAxeViolations(document, { page: true });
      await click(getByRole(review, 'button', 'Reply publicly'));
      typeInto(getByRole<HTMLTextAreaElement>(el, 'textbox', 'Public reply'), 'x');
      await click(getByRole(el, 'button', 'Post reply'));
      await findByRole(el, 'alert');
      await expectNoAxeViolations(document, { page: true });
    });

    it('team, with a form error', async () => {
      const el = await signedInConsole(busyShop());
      await openSection(el, en.teamTab);
      await waitForText(el, 'arjen@shop.example');
      typeInto(getByRole<HTMLInputElement>(el, 'textbox', 'Name'), 'Nina');
      typeInto(getByRole<HTMLInputElement>(el, 'textbox', 'Email'), 'nina@shop.example');
      typeInto(deepQueryAll<HTMLInputElement>(el, 'input[type=password]')[0]!, 'short');
      await click(getByRole(el, 'button', 'Add team member'));
      await waitForText(el, en.errors.password_too_short);
      await expectNoAxeViolations(document, { page: true });
    });

    it('site settings', async () => {
      const el = await signedInConsole(busyShop());
      await openSection(el, en.siteTab);
      await waitForText(el, 'https://shop.example');
      await expectNoAxeViolations(document, { page: true });
    });

    it('routing settings', async () => {
      const el = await signedInConsole(busyShop());
      await openSection(el, en.routing.tab);
      await waitForText(el, 'Europe/Amsterdam');
      await expectNoAxeViolations(document, { page: true });
    });

    it('webhooks with the delivery log', async () => {
      const el = await signedInConsole(busyShop());
      await openSection(el, en.webhooksTab);
      await waitForText(el, 'HTTP 503');
      await expectNoAxeViolations(document, { page: true });
    });

    it('shopper data, with an erase to confirm', async () => {
      const el = await signedInConsole(busyShop());
      await openSection(el, en.shoppersTab);
      typeInto(getByRole<HTMLInputElement>(el, 'textbox', 'Shopper id'), 'customer-42');
      await click(getByRole(el, 'button', 'Erase shopper'));
      await findByRole(el, 'group');
      await expectNoAxeViolations(document, { page: true });
    });
  });
}

describe('sanity: console pages are really checked', () => {
  it('a duplicate id inside a console view is caught', async () => {
    const el = await signedInConsole(busyShop());
    await findByRole(el, 'list', 'Queue');
    const queue = deepQueryAll(el, 'samen-console-queue')[0]!;
    const img = document.createElement('img');
    img.src = 'data:,';
    queue.shadowRoot!.append(img);
    let failure = '';
    await expectNoAxeViolations(el, { page: true }).catch((err: Error) => (failure = err.message));
    expect(failure).to.contain('image-alt');
  });
});
