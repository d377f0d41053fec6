import { expect, fixture, html } from '@open-wc/testing';
import '../../../widget/src/console/samen-console-queue.ts';
import '../../../widget/src/console/samen-console.ts';
import type { SamenConsoleQueue } from '../../../widget/src/console/samen-console-queue.ts';
import type { SamenConsole } from '../../../widget/src/console/samen-console.ts';
import { en } from '../../../widget/src/console/i18n/en.ts';
import { nl } from '../../../widget/src/console/i18n/nl.ts';
import { fr } from '../../../widget/src/console/i18n/fr.ts';
import type { ConsoleStrings } from '../../../widget/src/console/i18n/index.ts';
import { apiError, FakeConsoleApi } from './fake-console-api.ts';
import { choose, field, fill, optionTexts } from './queue-test-helpers.ts';
import {
  accessibleName,
  click,
  deepActiveElement,
  deepQueryAll,
  findByRole,
  getByRole,
  queryAllByRole,
  settle,
  visibleText,
  waitForNoText,
  waitForText,
} from '../queries.ts';

const MIN = 60e3;

const queueFor = async (api: FakeConsoleApi, t: ConsoleStrings = en) => {
  const el = await fixture<SamenConsoleQueue>(
    html`<samen-console-queue .api=${api} .t=${t} staff-id=${api.signedIn?.staff.id ?? ''}></samen-console-queue>`,
  );
  await waitForNoText(el, t.loading);
  return el;
};

/** The queue's rows, top to bottom, each read as its accessible name (the question). */
const rows = (el: Element, listName = 'Queue'): string[] =>
  queryAllByRole(getByRole(el, 'list', listName), 'article').map((a) => accessibleName(a));

const row = (el: Element, question: string): HTMLElement => getByRole(getByRole(el, 'list', 'Queue'), 'article', question);

describe('<samen-console-queue>: the list', () => {
  it('lists items as the API orders them: near or past the SLA first, then priority, then due time', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    const now = Date.now();
    api.addQueueItem({ body: 'Plain, due in 3 hours?', slaDueAt: now + 180 * MIN });
    api.addQueueItem({ body: 'Priority, due in 2 hours?', slaDueAt: now + 120 * MIN, priority: true, reason: 'second_contact' });
    api.addQueueItem({ body: 'Overdue for 10 minutes?', slaDueAt: now - 10 * MIN, reason: 'timeout', visibility: 'public', category: null });
    api.addQueueItem({ body: 'Due in 10 minutes, a complaint!', slaDueAt: now + 10 * MIN, priority: true, complaint: true, reason: 'complaint', category: 'complaint' });
    api.addQueueItem({ body: 'Already resolved?', status: 'resolved', slaDueAt: now - 60 * MIN });
    const el = await queueFor(api);

    expect(rows(el)).to.deep.equal([
      'Due in 10 minutes, a complaint!',
      'Overdue for 10 minutes?',
      'Priority, due in 2 hours?',
      'Plain, due in 3 hours?',
    ]);
    expect(api.callsTo('queue')).to.deep.equal([[{ status: 'active' }]]);
  });

  it('shows each row’s question (unmasked), product, category, reason, priority, status, assignee, SLA marker and ask time', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    const now = Date.now();
    api.addQueueItem({
      body: 'Refund to NL91ABNA0417164300 please, mail me at anna@example.com',
      productId: 'nk-daypack-24',
      category: 'refund',
      reason: 'second_contact',
      priority: true,
      status: 'open',
      assignee: { id: 'staff-x', name: 'Xander Colleague' },
      slaDueAt: now - 5 * MIN,
      askedAt: now - 3 * 3600e3,
    });
    api.addQueueItem({ body: 'Invoice?', reason: 'not_helpful', category: 'invoice', slaDueAt: now + 20 * MIN, askedAt: now - 2 * MIN });
    api.addQueueItem({ body: 'At checkout?', reason: 'checkout', category: 'order_status', channel: 'checkout', status: 'waiting', slaDueAt: now + 300 * MIN });
    const el = await queueFor(api);

    const refund = visibleText(row(el, 'Refund to NL91ABNA0417164300 please, mail me at anna@example.com'));
    expect(refund)
      .to.contain('Priority')
      .and.contain('Overdue')
      .and.contain('Open')
      .and.contain('Product: nk-daypack-24')
      .and.contain('Category: Refund')
      .and.contain('Reason: Second contact')
      .and.contain('Assigned to Xander Colleague')
      .and.contain('Asked 3 hours ago');
    expect(refund).to.match(/Due \d/);
    expect(refund).not.to.contain('Due soon');

    const invoice = visibleText(row(el, 'Invoice?'));
    expect(invoice).to.contain('Due soon').and.contain('Reason: Did not help').and.contain('Category: Invoice').and.contain('Unassigned').and.contain('New');
    expect(invoice).not.to.contain('Priority').and.not.contain('Overdue');

    const checkout = visibleText(row(el, 'At checkout?'));
    expect(checkout).to.contain('Reason: Checkout').and.contain('Category: Order status and delivery').and.contain('Waiting on shopper');
    expect(checkout).not.to.contain('Due soon').and.not.contain('Overdue');
  });

  it('translates every reason', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    for (const reason of ['personal', 'checkout', 'complaint', 'second_contact', 'timeout', 'not_helpful'] as const) api.addQueueItem({ body: `${reason}?`, reason });
    const el = await queueFor(api);
    const text = visibleText(getByRole(el, 'list', 'Queue'));
    for (const word of ['Personal', 'Checkout', 'Complaint', 'Second contact', 'Timeout', 'Did not help']) expect(text).to.contain(`Reason: ${word}`);
  });

  it('renders shopper text literally, never as markup', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    const body = '<img src=x onerror="window.__samenQueueXss=1"><b>bold</b>';
    api.addQueueItem({ body });
    const el = await queueFor(api);
    expect(rows(el)).to.deep.equal([body]);
    expect(deepQueryAll(el, 'img, b')).to.have.length(0);
    expect((window as { __samenQueueXss?: number }).__samenQueueXss).to.equal(undefined);
  });

  it('filters by status with counts, product, category and assignee', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    const me = api.signedIn!.staff;
    api.addQueueItem({ body: 'New jacket invoice?', productId: 'nk-storm-jacket', category: 'invoice' });
    api.addQueueItem({ body: 'Open daypack refund?', productId: 'nk-daypack-24', category: 'refund', status: 'open', assignee: { id: me.id, name: me.name } });
    api.addQueueItem({ body: 'Waiting jacket return?', productId: 'nk-storm-jacket', category: 'returns', status: 'waiting', assignee: { id: 'staff-x', name: 'Xander' } });
    api.addQueueItem({ body: 'Resolved tent payment?', productId: 'nk-tent-2p', category: 'payment', status: 'resolved' });
    api.addQueueItem({ body: 'Resolved tent warranty?', productId: 'nk-tent-2p', category: 'warranty', status: 'resolved' });
    const el = await queueFor(api);

    expect(optionTexts(el, 'Status')).to.deep.equal(['Active (3)', 'New (1)', 'Open (1)', 'Waiting on shopper (1)', 'Resolved (2)']);
    expect(optionTexts(el, 'Assignee')).to.deep.equal(['Anyone', 'Me', 'Unassigned']);
    expect(optionTexts(el, 'Category')).to.deep.equal([
      'All categories',
      'Payment',
      'Invoice',
      'Refund',
      'Order status and delivery',
      'Returns',
      'Warranty',
      'Account',
      'Complaint',
    ]);

    await choose(el, 'Status', 'resolved');
    expect(rows(el)).to.have.members(['Resolved tent payment?', 'Resolved tent warranty?']);
    await choose(el, 'Category', 'warranty');
    expect(rows(el)).to.deep.equal(['Resolved tent warranty?']);
    await choose(el, 'Category', '');
    await choose(el, 'Status', 'active');

    expect(optionTexts(el, 'Product')).to.deep.equal(['All products', 'nk-daypack-24', 'nk-storm-jacket', 'nk-tent-2p']);
    await choose(el, 'Product', 'nk-storm-jacket');
    expect(rows(el)).to.have.members(['New jacket invoice?', 'Waiting jacket return?']);
    await choose(el, 'Product', '');

    await choose(el, 'Assignee', 'me');
    expect(rows(el)).to.deep.equal(['Open daypack refund?']);
    await choose(el, 'Assignee', 'none');
    expect(rows(el)).to.deep.equal(['New jacket invoice?']);

    expect(api.callsTo('queue').map(([f]) => f)).to.deep.equal([
      { status: 'active' },
      { status: 'resolved' },
      { status: 'resolved', category: 'warranty' },
      { status: 'resolved' },
      { status: 'active' },
      { status: 'active', product: 'nk-storm-jacket' },
      { status: 'active' },
      { status: 'active', assignee: 'me' },
      { status: 'active', assignee: 'none' },
    ]);
  });

  it('shows loading, then an empty state', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    const release = api.hold('queue');
    const el = await fixture<SamenConsoleQueue>(html`<samen-console-queue .api=${api}></samen-console-queue>`);
    expect(visibleText(getByRole(el, 'status'))).to.equal('Loading…');
    release();
    await waitForText(el, 'Nothing waiting here. Questions routed to your team appear at once.');
    expect(queryAllByRole(el, 'list', 'Queue')).to.have.length(0);
  });

  it('explains a failed load and loads again on Try again', async () => {
    const api = new FakeConsoleApi().signedInAs('agent').fail('queue', apiError(0, 'network'));
    api.addQueueItem({ body: 'Back again?' });
    const el = await queueFor(api);
    const alert = getByRole(el, 'alert');
    expect(visibleText(alert)).to.contain('We could not load the queue.');
    api.succeed();
    await click(getByRole(alert, 'button', 'Try again'));
    await waitForText(el, 'Back again?');
    expect(queryAllByRole(el, 'alert')).to.have.length(0);
  });

  it('keeps the list on screen when a refresh fails, with the error and a Retry', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    api.addQueueItem({ body: 'Still here?' });
    const el = await queueFor(api);
    api.fail('queue', apiError(500, 'internal'));
    api.livePoll();
    const alert = await findByRole(el, 'alert');
    expect(visibleText(alert)).to.contain('We could not load the queue.').and.contain('Something went wrong');
    expect(rows(el)).to.deep.equal(['Still here?']);
    api.succeed();
    await click(getByRole(alert, 'button', 'Try again'));
    expect(queryAllByRole(el, 'alert')).to.have.length(0);
  });

  it('hands a 401 to the console as session-ended', async () => {
    const api = new FakeConsoleApi().signedInAs('agent').fail('queue', apiError(401, 'session_expired'));
    let ended = 0;
    const el = await fixture<SamenConsoleQueue>(html`<samen-console-queue .api=${api} @session-ended=${() => ended++}></samen-console-queue>`);
    await settle();
    expect(ended).to.equal(1);
    el.remove();
  });
});

describe('<samen-console-queue>: live updates', () => {
  it('reloads the list on each live event, without a page reload', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    api.addQueueItem({ body: 'First in line?' });
    const el = await queueFor(api);
    expect(api.liveHandlers.size).to.equal(1);
    expect(visibleText(el)).to.contain('Live: the queue updates by itself.');

    const routed = api.addQueueItem({ body: 'Where is my invoice for order 1042?', slaDueAt: Date.now() + 10 * MIN });
    api.emitLive(routed.id, 'routed');
    await waitForText(el, 'Where is my invoice for order 1042?');
    expect(rows(el)).to.deep.equal(['Where is my invoice for order 1042?', 'First in line?']);
    expect(optionTexts(el, 'Status')[0]).to.equal('Active (2)');

    api.queueItems.find((i) => i.id === routed.id)!.status = 'resolved';
    api.emitLive(routed.id, 'resolved');
    await waitForNoText(el, 'Where is my invoice for order 1042?');
    expect(rows(el)).to.deep.equal(['First in line?']);
    expect(api.callsTo('queue')).to.have.length(3);
  });

  it('says when live updates are paused, and refreshes on each poll while they are', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    const el = await queueFor(api);
    api.liveState('polling');
    await waitForText(el, 'Live updates are paused: the queue refreshes every 30 seconds.');
    api.addQueueItem({ body: 'Seen by polling?' });
    api.livePoll();
    await waitForText(el, 'Seen by polling?');
    api.liveState('live');
    await waitForText(el, 'Live: the queue updates by itself.');
  });

  it('closes the live connection when the view goes away', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    const el = await queueFor(api);
    expect(api.liveHandlers.size).to.equal(1);
    el.remove();
    expect(api.liveHandlers.size).to.equal(0);
  });

  it('closes it on sign-out and when another console section is opened', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    const el = await fixture<SamenConsole>(html`<samen-console .api=${api}></samen-console>`);
    await findByRole(el, 'heading', 'Queue');
    expect(api.liveHandlers.size).to.equal(1);
    await click(getByRole(el, 'button', 'Moderation'));
    expect(api.liveHandlers.size).to.equal(0);
    await click(getByRole(el, 'button', 'Queue'));
    await findByRole(el, 'heading', 'Queue');
    expect(api.liveHandlers.size).to.equal(1);
    await click(getByRole(el, 'button', 'Sign out'));
    await findByRole(el, 'button', 'Sign in');
    expect(api.liveHandlers.size).to.equal(0);
  });
});

describe('<samen-console-queue>: opening an item', () => {
  it('opens an item from its row with the keyboard, focuses its heading, and goes back to the same row', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    api.addQueueItem({ body: 'Other question?' });
    api.addQueueItem({ body: 'Where is my invoice?', shopper: { name: 'Anna de Vries', sub: 'customer-42' }, slaDueAt: Date.now() + 5 * MIN });
    const el = await queueFor(api);

    const open = getByRole(row(el, 'Where is my invoice?'), 'button', 'Where is my invoice?');
    open.focus();
    await click(open);
    const heading = await findByRole(el, 'heading', 'Question from Anna de Vries');
    await waitForText(el, 'Shopper id: customer-42');
    expect(deepActiveElement()).to.equal(heading);
    expect(queryAllByRole(el, 'list', 'Queue')).to.have.length(0);

    await click(getByRole(el, 'button', 'Back to the queue'));
    await findByRole(el, 'list', 'Queue');
    expect(deepActiveElement()).to.equal(getByRole(row(el, 'Where is my invoice?'), 'button', 'Where is my invoice?'));
  });

  it('reloads the open item on a live event and keeps what staff are typing', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    const item = api.addQueueItem({ body: 'Shared item?' });
    const el = await queueFor(api);
    await click(getByRole(el, 'button', 'Shared item?'));
    await findByRole(el, 'heading', 'Question from Anonymous visitor');
    await waitForText(el, 'No replies or notes yet.');
    fill(field<HTMLTextAreaElement>(el, 'Reply to shopper'), 'Half-written reply');

    // A colleague adds a note elsewhere; the server pushes the change.
    api.queueDetails.get(item.id)!.messages.push({ id: 'm1', kind: 'note', body: 'Called the courier.', staffId: 'staff-x', staffName: 'Xander', createdAt: Date.now() });
    api.emitLive(item.id, 'noted');
    await waitForText(el, 'Called the courier.');
    expect(field<HTMLTextAreaElement>(el, 'Reply to shopper').value).to.equal('Half-written reply');
    expect(api.callsTo('queueItem').length).to.equal(2);
  });

  it('opens the earlier contact of a second contact', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    const first = api.addQueueItem({ body: 'Where is order 1042?', status: 'resolved', shopper: { name: 'Anna', sub: 's1' } });
    api.addQueueItem(
      { body: 'Still no order 1042!', reason: 'second_contact', priority: true, relatedQuestionId: first.questionId, shopper: { name: 'Anna', sub: 's1' } },
      {
        history: [
          { questionId: first.questionId, productId: 'nk-storm-jacket', body: 'Where is order 1042?', visibility: 'private', orderRef: '1042', itemId: first.id, status: 'resolved', askedAt: Date.now() - 86400e3 },
        ],
      },
    );
    const el = await queueFor(api);
    await click(getByRole(el, 'button', 'Still no order 1042!'));
    await click(await findByRole(el, 'button', 'Open the earlier contact'));
    await waitForText(el, 'No replies or notes yet.');
    expect(api.callsTo('queueItem').map(([id]) => id)).to.deep.equal([api.queueItems[1]!.id, first.id]);
    expect(visibleText(getByRole(el, 'heading', 'Question from Anna'))).to.equal('Question from Anna');
    expect(visibleText(el)).to.contain('Where is order 1042?').and.contain('Reopen');
  });
});

describe('<samen-console-queue>: canned responses', () => {
  it('lists, adds and deletes canned responses (any staff member)', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    api.addCannedResponse('Invoice resent', 'Hi {{name}}, we sent the invoice again.');
    const el = await queueFor(api);
    const toggle = getByRole(el, 'button', 'Manage canned responses');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    await click(toggle);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    await waitForText(el, 'Hi {{name}}, we sent the invoice again.');
    expect(queryAllByRole(getByRole(el, 'list', 'Canned responses'), 'listitem')).to.have.length(1);

    // Checked before sending: a title is needed.
    fill(field(el, 'Text'), 'Thanks for your patience, {{name}}.');
    await click(getByRole(el, 'button', 'Add canned response'));
    expect(visibleText(getByRole(el, 'alert'))).to.equal(en.errors.title_invalid);
    expect(field(el, 'Title').getAttribute('aria-invalid')).to.equal('true');
    expect(deepActiveElement()).to.equal(field(el, 'Title'));
    expect(api.callsTo('addCanned')).to.have.length(0);

    fill(field(el, 'Title'), 'Patience');
    await click(getByRole(el, 'button', 'Add canned response'));
    await waitForText(el, '“Patience” is added.');
    expect(api.callsTo('addCanned')).to.deep.equal([['Patience', 'Thanks for your patience, {{name}}.']]);
    expect(field(el, 'Title').value).to.equal('');
    expect(queryAllByRole(getByRole(el, 'list', 'Canned responses'), 'listitem')).to.have.length(2);

    await click(getByRole(el, 'button', 'Delete Invoice resent'));
    await waitForText(el, '“Invoice resent” is deleted.');
    expect(api.cannedList.map((c) => c.title)).to.deep.equal(['Patience']);
  });

  it('shows the API’s errors and keeps what was typed', async () => {
    const api = new FakeConsoleApi().signedInAs('agent').fail('addCanned', apiError(409, 'too_many_canned'));
    const el = await queueFor(api);
    await click(getByRole(el, 'button', 'Manage canned responses'));
    await waitForText(el, 'No canned responses yet.');
    fill(field(el, 'Title'), 'One too many');
    fill(field(el, 'Text'), 'Body');
    await click(getByRole(el, 'button', 'Add canned response'));
    expect(visibleText(getByRole(el, 'alert'))).to.equal('Your site already has 100 canned responses. Delete one first.');
    expect(field(el, 'Title').value).to.equal('One too many');
  });
});

describe('<samen-console-queue>: languages', () => {
  for (const [lang, t] of [
    ['nl', nl],
    ['fr', fr],
  ] as const) {
    it(`speaks ${lang}: list, filters, markers and reasons`, async () => {
      const api = new FakeConsoleApi().signedInAs('agent');
      api.addQueueItem({ body: 'Vraag?', priority: true, reason: 'not_helpful', category: 'invoice', slaDueAt: Date.now() - MIN });
      const el = await queueFor(api, t);
      expect(getByRole(el, 'heading', t.queue.tab)).to.exist;
      const text = visibleText(getByRole(el, 'list', t.queue.listLabel));
      expect(text).to.contain(t.queue.priority).and.contain(t.queue.overdue).and.contain(t.queue.reason(t.queue.reasons.not_helpful));
      expect(text).to.contain(t.queue.categoryOf(t.queue.categories.invoice));
      expect(field(el, t.queue.status)).to.exist;
      expect(field(el, t.queue.assignee)).to.exist;
      expect(t.queue.listLabel).not.to.equal(en.queue.listLabel);
    });
  }

  it('has every queue and routing string in Dutch and French, none left in English', () => {
    const leaves = (o: unknown, path = ''): [string, unknown][] =>
      typeof o === 'object' && o !== null ? Object.entries(o).flatMap(([k, v]) => leaves(v, `${path}.${k}`)) : [[path, o]];
    const english = new Map(leaves({ queue: en.queue, routing: en.routing }));
    const same = new Set(['.queue.statuses.open', '.queue.categories.account', '.queue.authorRoles.expert', '.queue.product', '.routing.minutes', '.queue.status']);
    for (const t of [nl, fr]) {
      const translated = leaves({ queue: t.queue, routing: t.routing });
      expect(translated.map(([k]) => k)).to.deep.equal([...english.keys()]);
      for (const [k, v] of translated) {
        if (typeof v === 'string' && !same.has(k)) expect(v, k).not.to.equal(english.get(k));
      }
    }
  });
});
