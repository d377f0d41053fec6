import { expect, fixture, html } from '@open-wc/testing';
import '../../../widget/src/console/samen-console-queue-item.ts';
import type { SamenConsoleQueueItem } from '../../../widget/src/console/samen-console-queue-item.ts';
import type { QueueItem, QueueItemDetail } from '../../../widget/src/console/api.ts';
import { en } from '../../../widget/src/console/i18n/en.ts';
import { nl } from '../../../widget/src/console/i18n/nl.ts';
import { fr } from '../../../widget/src/console/i18n/fr.ts';
import type { ConsoleStrings } from '../../../widget/src/console/i18n/index.ts';
import { fillCanned } from '../../../widget/src/console/queue-format.ts';
import { apiError, FakeConsoleApi } from './fake-console-api.ts';
import { choose, field, fill, optionTexts } from './queue-test-helpers.ts';
import {
  accessibleDescription,
  click,
  deepActiveElement,
  findByRole,
  getByRole,
  queryAllByRole,
  visibleText,
  waitForNoText,
  waitForText,
} from '../queries.ts';

const HOUR = 3600e3;

async function itemView(api: FakeConsoleApi, item: QueueItem, t: ConsoleStrings = en) {
  const el = await fixture<SamenConsoleQueueItem>(
    html`<samen-console-queue-item .api=${api} .t=${t} item-id=${item.id} staff-id=${api.signedIn?.staff.id ?? ''}></samen-console-queue-item>`,
  );
  await waitForNoText(el, t.loading);
  return el;
}

const replyBox = (el: Element) => getByRole<HTMLTextAreaElement>(el, 'textbox', 'Reply to shopper');
const noteBox = (el: Element) => getByRole<HTMLTextAreaElement>(el, 'textbox', 'Internal note');

/** A second contact with everything filled in: triage, history, orders, answers, messages, events. */
function richItem(api: FakeConsoleApi): { item: QueueItem; detail: Omit<QueueItemDetail, 'item'> } {
  const now = Date.now();
  const earlierQuestion = 'q-earlier';
  const detail: Omit<QueueItemDetail, 'item'> = {
    triage: ['invoice +3 "my invoice" (en)', 'order number 1042'],
    messages: [
      { id: 'm1', kind: 'reply', body: 'We are looking into it.', staffId: 'staff-x', staffName: 'Xander Colleague', createdAt: now - 2 * HOUR },
      { id: 'm2', kind: 'note', body: 'Courier says it left the depot.', staffId: 'staff-x', staffName: 'Xander Colleague', createdAt: now - HOUR },
    ],
    events: [
      { kind: 'routed', actor: 'system', detail: 'second_contact', createdAt: now - 3 * HOUR },
      { kind: 'claimed', actor: 'Xander Colleague', detail: null, createdAt: now - 2.5 * HOUR },
      { kind: 'replied', actor: 'Xander Colleague', detail: null, createdAt: now - 2 * HOUR },
    ],
    answers: [
      { id: 'a1', body: 'Mine came after 3 days.', authorName: 'Eva', authorRole: 'expert', accepted: true, helpfulCount: 2, createdAt: now - HOUR },
    ],
    history: [
      { questionId: 'q-other', productId: 'nk-tent-2p', body: 'Is the tent waterproof?', visibility: 'public', orderRef: null, itemId: null, status: null, askedAt: now - 30 * 24 * HOUR },
      { questionId: earlierQuestion, productId: 'nk-storm-jacket', body: 'Where is my invoice for order 1042?', visibility: 'private', orderRef: '1042', itemId: 'item-earlier', status: 'resolved', askedAt: now - 5 * 24 * HOUR },
    ],
    orders: ['1042', '1077'],
  };
  const item = api.addQueueItem(
    {
      body: 'Still no invoice for order 1042! My IBAN is NL91ABNA0417164300.',
      reason: 'second_contact',
      priority: true,
      status: 'open',
      channel: 'checkout',
      orderRef: '1042',
      shopper: { name: 'Anna de Vries', sub: 'customer-42' },
      relatedQuestionId: earlierQuestion,
      assignee: { id: 'staff-x', name: 'Xander Colleague' },
      slaDueAt: now - 10 * 60e3,
    },
    detail,
  );
  return { item, detail };
}

describe('<samen-console-queue-item>: what staff see', () => {
  it('shows the question unmasked, order ref, channel, triage, shopper, earlier contact, history, orders, answers, messages and timeline', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    const { item } = richItem(api);
    const el = await itemView(api, item);

    expect(getByRole(el, 'heading', 'Question from Anna de Vries')).to.exist;
    const text = visibleText(el);
    expect(text)
      .to.contain('Still no invoice for order 1042! My IBAN is NL91ABNA0417164300.')
      .and.contain('Priority')
      .and.contain('Overdue')
      .and.contain('Second contact')
      .and.contain('Order: 1042')
      .and.contain('Asked at checkout')
      .and.contain('Shopper id: customer-42')
      .and.contain('Assigned to Xander Colleague');

    expect(visibleText(getByRole(el, 'list', 'Triage rules that fired'))).to.contain('invoice +3 "my invoice" (en)').and.contain('order number 1042');

    // The earlier contact: shown on its own and marked in the history.
    const earlier = getByRole(el, 'region', 'Earlier contact');
    expect(visibleText(earlier)).to.contain('Where is my invoice for order 1042?').and.contain('Resolved');
    const history = queryAllByRole(getByRole(el, 'list', 'Other questions from this shopper'), 'listitem');
    expect(history.map((h) => visibleText(h))).to.have.length(2);
    expect(visibleText(history[1]!)).to.contain('Earlier contact').and.contain('Where is my invoice for order 1042?');
    expect(visibleText(history[0]!)).not.to.contain('Earlier contact');
    expect(visibleText(history[0]!)).to.contain('With the community').and.contain('Public: the community sees it');

    expect(queryAllByRole(getByRole(el, 'list', 'Orders'), 'listitem').map((o) => visibleText(o))).to.deep.equal(['1042', '1077']);

    const answers = visibleText(getByRole(el, 'list', 'Community answers so far'));
    expect(answers).to.contain('Mine came after 3 days.').and.contain('Eva · Expert').and.contain('Accepted').and.contain('2 found this helpful');

    // Replies and internal notes are told apart in words and in looks.
    const [reply, note] = queryAllByRole(getByRole(el, 'list', 'Replies and internal notes'), 'listitem');
    expect(visibleText(reply!)).to.contain('Reply to the shopper · Xander Colleague').and.contain('We are looking into it.');
    expect(visibleText(note!)).to.contain('Internal note · Xander Colleague').and.contain('Courier says it left the depot.');
    expect(getComputedStyle(note!).borderStyle).to.equal('dashed');
    expect(getComputedStyle(reply!).borderStyle).not.to.equal('dashed');

    const timeline = queryAllByRole(getByRole(el, 'list', 'What happened'), 'listitem').map((e) => visibleText(e));
    expect(timeline[0]).to.contain('Routed to your team · Samen (automatic) · Second contact');
    expect(timeline[1]).to.contain('Claimed · Xander Colleague');
    expect(timeline[2]).to.contain('Replied · Xander Colleague');
  });

  it('calls an unknown shopper an anonymous visitor, and says what is still empty', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    const item = api.addQueueItem({ body: 'Is my payment through?', category: 'payment' });
    const el = await itemView(api, item);
    expect(getByRole(el, 'heading', 'Question from Anonymous visitor')).to.exist;
    const text = visibleText(el);
    for (const empty of ['No triage rules fired.', 'No replies or notes yet.', 'No community answers yet.', 'No other questions from this shopper.', 'No orders named.']) {
      expect(text).to.contain(empty);
    }
    expect(text).not.to.contain('Earlier contact');
  });

  it('focuses its heading when opened', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    const item = api.addQueueItem({ shopper: { name: 'Bram', sub: null } });
    const el = await itemView(api, item);
    expect(deepActiveElement()).to.equal(getByRole(el, 'heading', 'Question from Bram'));
  });

  it('explains an item that cannot be loaded, with Try again', async () => {
    const api = new FakeConsoleApi().signedInAs('agent').fail('queueItem', apiError(404, 'item_not_found'));
    const item = api.addQueueItem({ body: 'Gone?' });
    const el = await itemView(api, item);
    const alert = getByRole(el, 'alert');
    expect(visibleText(alert)).to.contain('We could not load this question.');
    api.succeed();
    await click(getByRole(alert, 'button', 'Try again'));
    await waitForText(el, 'Gone?');
  });
});

describe('<samen-console-queue-item>: claim', () => {
  it('claims an unassigned item', async () => {
    const api = new FakeConsoleApi().signedInAs('agent', 'Arjen Agent');
    const item = api.addQueueItem();
    const el = await itemView(api, item);
    expect(visibleText(el)).to.contain('Unassigned');
    await click(getByRole(el, 'button', 'Claim'));
    await waitForText(el, 'You are handling this question now.');
    expect(api.callsTo('claim')).to.deep.equal([[item.id, false]]);
    expect(visibleText(el)).to.contain('Assigned to you.').and.contain('Claimed · Arjen Agent');
    expect(queryAllByRole(el, 'button', 'Claim'), 'no Claim for an item that is already yours').to.have.length(0);
    expect(visibleText(el)).to.contain('Open');
  });

  it('says who already has the item and offers to take it over (force)', async () => {
    const api = new FakeConsoleApi().signedInAs('agent', 'Arjen Agent');
    const item = api.addQueueItem({ status: 'open' });
    const el = await itemView(api, item);
    // A colleague claims it after this view was loaded.
    api.queueItems[0]!.assignee = { id: 'staff-x', name: 'Xander Colleague' };

    await click(getByRole(el, 'button', 'Claim'));
    const alert = await findByRole(el, 'alert');
    expect(visibleText(alert)).to.contain('Xander Colleague is already handling this question.');
    expect(deepActiveElement()).to.equal(getByRole(alert, 'button', 'Take over'));

    await click(getByRole(alert, 'button', 'Take over'));
    await waitForText(el, 'Assigned to you.');
    expect(api.callsTo('claim')).to.deep.equal([
      [item.id, false],
      [item.id, true],
    ]);
    expect(queryAllByRole(el, 'alert')).to.have.length(0);
    expect(visibleText(getByRole(el, 'list', 'What happened'))).to.contain('Claimed · Arjen Agent · taken over from Xander Colleague');
  });
});

describe('<samen-console-queue-item>: reply, note, resolve', () => {
  it('sends a reply: it appears under Replies and notes, the box is cleared, the status is waiting', async () => {
    const api = new FakeConsoleApi().signedInAs('agent', 'Arjen Agent');
    const item = api.addQueueItem();
    const el = await itemView(api, item);
    expect(accessibleDescription(replyBox(el))).to.contain('The shopper sees it in the widget');

    fill(replyBox(el), '  Your invoice is on its way.  ');
    await click(getByRole(el, 'button', 'Reply'));
    await waitForText(el, 'Reply sent.');
    expect(api.callsTo('reply')).to.deep.equal([[item.id, 'Your invoice is on its way.']]);
    expect(replyBox(el).value).to.equal('');
    const messages = queryAllByRole(getByRole(el, 'list', 'Replies and internal notes'), 'listitem');
    expect(messages.map((m) => visibleText(m))).to.have.length(1);
    expect(visibleText(messages[0]!)).to.contain('Reply to the shopper · Arjen Agent').and.contain('Your invoice is on its way.');
    expect(visibleText(el)).to.contain('Waiting on shopper');
  });

  it('asks for text before sending a blank reply or note', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    const item = api.addQueueItem();
    const el = await itemView(api, item);
    fill(replyBox(el), '   ');
    await click(getByRole(el, 'button', 'Reply'));
    expect(visibleText(getByRole(el, 'alert'))).to.equal('Write a message first.');
    expect(replyBox(el).getAttribute('aria-invalid')).to.equal('true');
    expect(accessibleDescription(replyBox(el))).to.contain('Write a message first.');
    expect(deepActiveElement()).to.equal(replyBox(el));

    await click(getByRole(el, 'button', 'Add note'));
    expect(visibleText(getByRole(el, 'alert'))).to.equal('Write a message first.');
    expect(deepActiveElement()).to.equal(noteBox(el));
    expect(api.callsTo('reply')).to.have.length(0);
    expect(api.callsTo('addNote')).to.have.length(0);
  });

  for (const [code, status, text] of [
    ['message_too_long', 400, 'A message can have at most 5,000 characters.'],
    ['message_too_short', 400, 'Write a message first.'],
    ['network', 0, en.errors.network],
    ['csrf_refused', 403, en.errors.csrf_refused],
  ] as const) {
    it(`explains a failed reply (${code}) and keeps the text`, async () => {
      const api = new FakeConsoleApi().signedInAs('agent').fail('reply', apiError(status, code));
      const item = api.addQueueItem();
      const el = await itemView(api, item);
      fill(replyBox(el), 'Keep me');
      await click(getByRole(el, 'button', 'Reply'));
      expect(visibleText(await findByRole(el, 'alert'))).to.equal(text);
      expect(replyBox(el).value).to.equal('Keep me');
      expect(deepActiveElement()).to.equal(replyBox(el));
    });
  }

  it('adds an internal note, shown apart from replies', async () => {
    const api = new FakeConsoleApi().signedInAs('agent', 'Arjen Agent');
    const item = api.addQueueItem();
    const el = await itemView(api, item);
    expect(accessibleDescription(noteBox(el))).to.contain('Only your team sees notes.');
    fill(noteBox(el), 'Checked with finance.');
    await click(getByRole(el, 'button', 'Add note'));
    await waitForText(el, 'Note added.');
    expect(api.callsTo('addNote')).to.deep.equal([[item.id, 'Checked with finance.']]);
    expect(noteBox(el).value).to.equal('');
    const [note] = queryAllByRole(getByRole(el, 'list', 'Replies and internal notes'), 'listitem');
    expect(visibleText(note!)).to.contain('Internal note · Arjen Agent').and.contain('Checked with finance.');
    expect(note!.classList.contains('note')).to.equal(true);
    expect(visibleText(el), 'a note does not change the status').to.contain('New');
  });

  it('resolves and reopens', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    const item = api.addQueueItem({ status: 'open' });
    const el = await itemView(api, item);
    await click(getByRole(el, 'button', 'Resolve'));
    await waitForText(el, 'Resolved.');
    expect(deepActiveElement()).to.equal(getByRole(el, 'button', 'Reopen'));
    expect(queryAllByRole(el, 'button', 'Resolve')).to.have.length(0);
    expect(queryAllByRole(el, 'button', 'Claim'), 'nothing to claim once resolved').to.have.length(0);

    await click(getByRole(el, 'button', 'Reopen'));
    await waitForText(el, 'Reopened.');
    expect(getByRole(el, 'button', 'Resolve')).to.exist;
    expect(api.callsTo('resolve')).to.deep.equal([[item.id]]);
    expect(api.callsTo('reopen')).to.deep.equal([[item.id]]);
  });

  it('shows that someone else resolved it meanwhile, and the item as it is now', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    const item = api.addQueueItem({ status: 'open' });
    const el = await itemView(api, item);
    api.queueItems[0]!.status = 'resolved';
    await click(getByRole(el, 'button', 'Resolve'));
    expect(visibleText(await findByRole(el, 'alert'))).to.equal('This question is already resolved.');
    expect(getByRole(el, 'button', 'Reopen')).to.exist;
  });

  it('says so when the item left the queue', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    const item = api.addQueueItem();
    const el = await itemView(api, item);
    api.queueItems = [];
    await click(getByRole(el, 'button', 'Claim'));
    expect(visibleText(await findByRole(el, 'alert'))).to.contain('This question is no longer in the queue.');
    expect(getByRole(el, 'button', 'Back to the queue')).to.exist;
  });
});

describe('<samen-console-queue-item>: publish as answer', () => {
  it('is offered only for public questions', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    const privateItem = api.addQueueItem({ visibility: 'private' });
    const el = await itemView(api, privateItem);
    expect(getByRole(el, 'button', 'Reply')).to.exist;
    expect(queryAllByRole(el, 'button', 'Publish as answer')).to.have.length(0);
  });

  it('posts the reply text as a public answer by the team', async () => {
    const api = new FakeConsoleApi().signedInAs('agent', 'Arjen Agent');
    const item = api.addQueueItem({ visibility: 'public', reason: 'timeout', category: null, body: 'Does the hood fit a helmet?' });
    const el = await itemView(api, item);
    expect(accessibleDescription(replyBox(el))).to.contain('public answer by your team');
    fill(replyBox(el), 'Yes, it fits over most climbing helmets.');
    await click(getByRole(el, 'button', 'Publish as answer'));
    await waitForText(el, 'Published as a public answer.');
    expect(api.callsTo('publish')).to.deep.equal([[item.id, 'Yes, it fits over most climbing helmets.']]);
    expect(replyBox(el).value).to.equal('');
    expect(visibleText(getByRole(el, 'list', 'Community answers so far'))).to.contain('Yes, it fits over most climbing helmets.').and.contain('Arjen Agent · Your team');
    const published = visibleText(getByRole(el, 'list', 'What happened'));
    expect(published).to.contain('Published as an answer · Arjen Agent ·');
    expect(published, 'the answer id is no reading matter').not.to.contain(api.queueDetails.get(item.id)!.answers[0]!.id);
  });

  it('explains private_question and keeps the text', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    const item = api.addQueueItem({ visibility: 'public' });
    const el = await itemView(api, item);
    api.queueItems[0]!.visibility = 'private';
    fill(replyBox(el), 'Answer for all');
    await click(getByRole(el, 'button', 'Publish as answer'));
    expect(visibleText(await findByRole(el, 'alert'))).to.equal('A private question cannot be published as a public answer.');
    expect(replyBox(el).value).to.equal('Answer for all');
    // Reloaded: the question is private now, so Publish is no longer offered.
    expect(queryAllByRole(el, 'button', 'Publish as answer')).to.have.length(0);
  });
});

describe('<samen-console-queue-item>: canned responses', () => {
  it('inserts a canned response with {{name}} and {{product}} filled in', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    api.addCannedResponse('Invoice resent', 'Hi {{name}}, we sent the invoice for your {{product}} again.');
    api.addCannedResponse('Sign-off', 'Kind regards, the team');
    const item = api.addQueueItem({ shopper: { name: 'Anna', sub: null }, productId: 'nk-storm-jacket' });
    const el = await itemView(api, item);
    expect(optionTexts(el, 'Canned response')).to.deep.equal(['Choose…', 'Invoice resent', 'Sign-off']);

    await choose(el, 'Canned response', api.cannedList[0]!.id);
    await click(getByRole(el, 'button', 'Insert'));
    expect(replyBox(el).value).to.equal('Hi Anna, we sent the invoice for your nk-storm-jacket again.');
    expect(deepActiveElement()).to.equal(replyBox(el));
    expect(visibleText(getByRole(el, 'status'))).to.equal('“Invoice resent” is in the reply box.');

    // A second one is added below what is there.
    await choose(el, 'Canned response', api.cannedList[1]!.id);
    await click(getByRole(el, 'button', 'Insert'));
    expect(replyBox(el).value).to.equal('Hi Anna, we sent the invoice for your nk-storm-jacket again.\n\nKind regards, the team');

    await click(getByRole(el, 'button', 'Reply'));
    expect(api.callsTo('reply')[0]![1]).to.equal('Hi Anna, we sent the invoice for your nk-storm-jacket again.\n\nKind regards, the team');
  });

  it('uses a friendly generic word when the shopper’s name is unknown, in the console’s language', async () => {
    for (const [t, word] of [
      [en, 'there'],
      [nl, 'daar'],
      [fr, 'à vous'],
    ] as const) {
      const api = new FakeConsoleApi().signedInAs('agent');
      api.addCannedResponse('Hello', 'Hi {{name}}!');
      const item = api.addQueueItem({ shopper: { name: null, sub: null } });
      const el = await itemView(api, item, t);
      await choose(el, t.queue.cannedPick, api.cannedList[0]!.id);
      await click(getByRole(el, 'button', t.queue.insertCanned));
      expect(getByRole<HTMLTextAreaElement>(el, 'textbox', t.queue.replyLabel).value).to.equal(`Hi ${word}!`);
    }
  });

  it('fills every placeholder, with or without spaces inside the braces', () => {
    expect(fillCanned('{{name}}/{{ product }}/{{name}}/{{other}}', { name: 'A', product: 'p' })).to.equal('A/p/A/{{other}}');
    expect(fillCanned('Hi {{name}}', { name: '$& $1', product: '' }), 'names are inserted literally').to.equal('Hi $& $1');
  });

  it('points to where canned responses are added when there are none', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    const item = api.addQueueItem();
    const el = await itemView(api, item);
    expect(visibleText(el)).to.contain('No canned responses yet.');
    expect(queryAllByRole(el, 'button', 'Insert')).to.have.length(0);
    expect(() => field(el, 'Canned response')).to.throw();
  });
});

describe('<samen-console-queue-item>: languages', () => {
  for (const [lang, t] of [
    ['nl', nl],
    ['fr', fr],
  ] as const) {
    it(`speaks ${lang}: actions, boxes and sections`, async () => {
      const api = new FakeConsoleApi().signedInAs('agent');
      const { item } = richItem(api);
      api.queueItems[0]!.visibility = 'public';
      const el = await itemView(api, item, t);
      expect(getByRole(el, 'heading', t.queue.itemHeading('Anna de Vries'))).to.exist;
      for (const name of [t.queue.claim, t.queue.reply, t.queue.publish, t.queue.addNote, t.queue.resolve, t.queue.back]) {
        expect(getByRole(el, 'button', name), name).to.exist;
      }
      expect(getByRole(el, 'textbox', t.queue.replyLabel)).to.exist;
      expect(getByRole(el, 'textbox', t.queue.noteLabel)).to.exist;
      expect(getByRole(el, 'list', t.queue.messagesLabel)).to.exist;
      expect(visibleText(el)).to.contain(t.queue.reasons.second_contact).and.contain(t.queue.events.routed);
      await click(getByRole(el, 'button', t.queue.claim));
      expect(visibleText(await findByRole(el, 'alert'))).to.contain(t.queue.claimedBy('Xander Colleague'));
    });
  }
});
