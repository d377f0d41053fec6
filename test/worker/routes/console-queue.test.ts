/**
 * The staff queue in the console: questions routed by the real shopper API (triage, screening,
 * routing), then listed, claimed, answered, noted, resolved and published by staff, with the
 * shopper's side checked through the public API and the live socket through the site's inbox.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../worker/src/api-types.ts';
import type {
  QueueItem,
  QueueItemDetail,
  QueueLiveEvent,
  QueueMessage,
  QueuePage,
} from '../../../worker/src/routes/console-types.ts';
import { aProductId, type SiteRow } from '../../fixtures/rows.ts';
import { CONSOLE_ORIGIN } from '../../fixtures/staff.ts';
import {
  aDesk,
  aRoutedItem,
  aVisitorId,
  ask,
  askAtCheckout,
  call,
  expectError,
  itemIdOf,
  myQuestions,
  shopperCall,
} from './routing-helpers.ts';

const MINUTE = 60e3;
const HOUR = 60 * MINUTE;

async function queue(cookie: string, query = ''): Promise<QueuePage> {
  const res = await call(`/queue${query}`, { cookie });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json<QueuePage>();
}

async function detail(cookie: string, itemId: string): Promise<QueueItemDetail> {
  const res = await call(`/queue/${itemId}`, { cookie });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json<QueueItemDetail>();
}

const post = (cookie: string, path: string, body?: unknown) => call(path, { method: 'POST', cookie, body });

async function arrange(site: SiteRow, itemId: string, set: { priority?: number; slaDueAt?: number }): Promise<void> {
  await env.DB.prepare('UPDATE staff_items SET priority = coalesce(?, priority), sla_due_at = coalesce(?, sla_due_at) WHERE site_id = ? AND id = ?')
    .bind(set.priority ?? null, set.slaDueAt ?? null, site.id, itemId)
    .run();
}

const ids = (page: QueuePage) => page.items.map((i) => i.id);

describe('GET /queue', () => {
  it('lists only the session’s site, active items by default, with the item’s fields and per-status counts', async () => {
    const { site, owner } = await aDesk();
    const other = await aDesk();
    const productId = aProductId();
    const mine = await aRoutedItem(site, { productId, authorName: 'Kim' });
    const theirs = await aRoutedItem(other.site);

    const page = await queue(owner.cookie);
    expect(ids(page)).toEqual([mine.itemId]);
    expect(ids(page)).not.toContain(theirs.itemId);
    expect(page.counts).toEqual({ new: 1, open: 0, waiting: 0, resolved: 0 });
    const item = page.items[0]!;
    expect(item).toEqual({
      id: mine.itemId,
      questionId: mine.question.id,
      productId,
      body: 'Where is my invoice for order 1042?',
      reason: 'personal',
      category: 'invoice',
      complaint: false,
      priority: false,
      status: 'new',
      visibility: 'private',
      channel: 'product',
      orderRef: null,
      assignee: null,
      shopper: { name: 'Kim', sub: null },
      relatedQuestionId: null,
      slaDueAt: expect.any(Number),
      sla: 'ok',
      routedAt: expect.any(Number),
      firstResponseAt: null,
      resolvedAt: null,
      askedAt: mine.question.createdAt,
      conversationId: null,
    } satisfies QueueItem);
    // The default SLA is 240 business minutes: never due sooner than four hours after routing.
    expect(item.slaDueAt).toBeGreaterThanOrEqual(item.routedAt + 4 * HOUR);
    // A visitor id never reaches the console.
    expect(JSON.stringify(page)).not.toContain(mine.visitor);

    expect(ids(await queue(other.owner.cookie))).toEqual([theirs.itemId]);
  });

  it('shows checkout questions with their order and channel', async () => {
    const { site, agent } = await aDesk();
    const asked = await askAtCheckout(site, { orderRef: 'NK-2077' });
    const [item] = (await queue(agent.cookie)).items;
    expect(item).toMatchObject({
      questionId: asked.question.id,
      reason: 'checkout',
      channel: 'checkout',
      visibility: 'private',
      orderRef: 'NK-2077',
      status: 'new',
    });
  });

  it('puts breached and near-breach items first, then priority, then the earliest due time', async () => {
    const { site, owner } = await aDesk();
    const now = Date.now();
    const arrangement = {
      calm: { priority: 0, slaDueAt: now + 10 * HOUR },
      priorityLate: { priority: 1, slaDueAt: now + 20 * HOUR },
      breached: { priority: 0, slaDueAt: now - HOUR },
      near: { priority: 0, slaDueAt: now + 10 * MINUTE },
      calmSooner: { priority: 0, slaDueAt: now + 5 * HOUR },
      prioritySooner: { priority: 1, slaDueAt: now + 2 * HOUR },
      nearPriority: { priority: 1, slaDueAt: now + 20 * MINUTE },
    };
    const itemOf: Record<string, string> = {};
    for (const [name, set] of Object.entries(arrangement)) {
      const { itemId } = await aRoutedItem(site);
      await arrange(site, itemId, set);
      itemOf[name] = itemId;
    }
    const page = await queue(owner.cookie);
    const names = page.items.map((i) => Object.keys(itemOf).find((n) => itemOf[n] === i.id));
    expect(names).toEqual(['nearPriority', 'breached', 'near', 'prioritySooner', 'priorityLate', 'calmSooner', 'calm']);
    const slaOf = Object.fromEntries(page.items.map((i) => [Object.keys(itemOf).find((n) => itemOf[n] === i.id), [i.sla, i.priority]]));
    expect(slaOf).toEqual({
      nearPriority: ['near', true],
      breached: ['breached', false],
      near: ['near', false],
      prioritySooner: ['ok', true],
      priorityLate: ['ok', true],
      calmSooner: ['ok', false],
      calm: ['ok', false],
    });
  });

  it('filters by status, product, category and assignee; counts stay site-wide', async () => {
    const { site, owner, agent } = await aDesk();
    const shoes = aProductId('shoes');
    const invoiceOnShoes = await aRoutedItem(site, { productId: shoes });
    const refund = await aRoutedItem(site, { text: 'When will I get my refund for the jacket?' });
    const claimedByAgent = await aRoutedItem(site);
    const claimedByOwner = await aRoutedItem(site);
    const resolved = await aRoutedItem(site, { productId: shoes });
    expect((await post(agent.cookie, `/queue/${claimedByAgent.itemId}/claim`)).status).toBe(200);
    expect((await post(owner.cookie, `/queue/${claimedByOwner.itemId}/claim`)).status).toBe(200);
    expect((await post(owner.cookie, `/queue/${resolved.itemId}/resolve`)).status).toBe(200);

    const all = await queue(owner.cookie);
    expect(new Set(ids(all))).toEqual(new Set([invoiceOnShoes.itemId, refund.itemId, claimedByAgent.itemId, claimedByOwner.itemId]));
    expect(all.counts).toEqual({ new: 2, open: 2, waiting: 0, resolved: 1 });
    expect(ids(await queue(owner.cookie, '?status=active'))).toEqual(ids(all));

    expect(new Set(ids(await queue(owner.cookie, '?status=new')))).toEqual(new Set([invoiceOnShoes.itemId, refund.itemId]));
    expect(new Set(ids(await queue(owner.cookie, '?status=open')))).toEqual(new Set([claimedByAgent.itemId, claimedByOwner.itemId]));
    expect(ids(await queue(owner.cookie, '?status=waiting'))).toEqual([]);
    const resolvedPage = await queue(owner.cookie, '?status=resolved');
    expect(ids(resolvedPage)).toEqual([resolved.itemId]);
    expect(resolvedPage.counts).toEqual(all.counts);

    // Product: active only by default, resolved when asked.
    expect(ids(await queue(owner.cookie, `?product=${shoes}`))).toEqual([invoiceOnShoes.itemId]);
    expect(ids(await queue(owner.cookie, `?product=${shoes}&status=resolved`))).toEqual([resolved.itemId]);

    expect(refund.routing.category).toBe('refund');
    expect(ids(await queue(owner.cookie, '?category=refund'))).toEqual([refund.itemId]);
    expect(new Set(ids(await queue(owner.cookie, '?category=invoice')))).toEqual(
      new Set([invoiceOnShoes.itemId, claimedByAgent.itemId, claimedByOwner.itemId]),
    );
    expect(ids(await queue(owner.cookie, '?category=warranty'))).toEqual([]);

    expect(ids(await queue(agent.cookie, '?assignee=me'))).toEqual([claimedByAgent.itemId]);
    expect(ids(await queue(owner.cookie, '?assignee=me'))).toEqual([claimedByOwner.itemId]);
    expect(ids(await queue(owner.cookie, `?assignee=${encodeURIComponent(agent.id)}`))).toEqual([claimedByAgent.itemId]);
    expect(new Set(ids(await queue(owner.cookie, '?assignee=none')))).toEqual(new Set([invoiceOnShoes.itemId, refund.itemId]));
    expect(ids(await queue(owner.cookie, '?assignee=staff-nobody'))).toEqual([]);
    // Filters combine.
    expect(ids(await queue(owner.cookie, '?assignee=none&category=refund&status=new'))).toEqual([refund.itemId]);
  });

  it('refuses an unknown status or category with 400', async () => {
    const { owner } = await aDesk();
    await expectError(await call('/queue?status=closed', { cookie: owner.cookie }), 400, 'invalid_status');
    await expectError(await call('/queue?category=shipping', { cookie: owner.cookie }), 400, 'invalid_category');
  });

  it('needs a session: 401 not_signed_in', async () => {
    await expectError(await call('/queue'), 401, 'not_signed_in');
    await expectError(await call(`/queue/${crypto.randomUUID()}`), 401, 'not_signed_in');
    await expectError(await call(`/queue/${crypto.randomUUID()}/claim`, { method: 'POST' }), 401, 'not_signed_in');
  });
});

describe('GET /queue/:item', () => {
  it('shows staff the text as written while the shopper sees it masked', async () => {
    const { site, agent } = await aDesk();
    const text = 'My invoice for order 1042 never came, mail me at anna@example.com or call +31 6 12345678';
    const asked = await aRoutedItem(site, { text });
    expect(asked.notice.masked.sort()).toEqual(['email', 'order', 'phone']);
    expect(asked.question.body).not.toContain('anna@example.com');
    expect(asked.question.body).toContain('order [order number hidden]');
    expect(asked.question.body).toContain('[email hidden]');

    const shown = await detail(agent.cookie, asked.itemId);
    expect(shown.item.body).toBe(text);
    expect((await queue(agent.cookie)).items[0]?.body).toBe(text);

    const [mine] = await myQuestions(site, asked.visitor);
    expect(mine?.body).toBe(asked.question.body);
    expect(mine?.body).not.toContain('12345678');
  });

  it('gives the triage rules that fired, one routing event, no messages or answers yet', async () => {
    const { site, owner } = await aDesk();
    const asked = await aRoutedItem(site);
    const shown = await detail(owner.cookie, asked.itemId);
    expect(shown.item).toMatchObject({ id: asked.itemId, questionId: asked.question.id, category: 'invoice', reason: 'personal' });
    expect(shown.triage.length).toBeGreaterThan(0);
    expect(shown.triage.some((rule) => rule.startsWith('invoice'))).toBe(true);
    expect(shown.events).toEqual([{ kind: 'routed', actor: 'system', detail: 'personal', createdAt: shown.item.routedAt }]);
    expect(shown.messages).toEqual([]);
    expect(shown.answers).toEqual([]);
    expect(shown.history).toEqual([]);
    expect(shown.orders).toEqual([]);
  });

  it('lists the same shopper’s other questions (newest first) and the orders they named, nobody else’s', async () => {
    const { site, owner } = await aDesk();
    const visitor = aVisitorId();
    const first = await aRoutedItem(site, { visitor });
    const publicOne = await ask(site, { visitor, text: 'Is this jacket warm enough for winter hiking?' });
    expect(publicOne.routing.visibility).toBe('public');
    const atCheckout = await askAtCheckout(site, { visitor, orderRef: 'NK-1042' });
    await askAtCheckout(site, { orderRef: 'NK-9999' }); // another shopper
    const elsewhere = await aDesk();
    await askAtCheckout(elsewhere.site, { visitor, orderRef: 'NK-5555' }); // the same browser on another shop

    const shown = await detail(owner.cookie, first.itemId);
    expect(shown.history).toHaveLength(2);
    expect(shown.history).toEqual(
      expect.arrayContaining([
        {
          questionId: publicOne.question.id,
          productId: publicOne.question.productId,
          body: 'Is this jacket warm enough for winter hiking?',
          visibility: 'public',
          orderRef: null,
          itemId: null,
          status: null,
          askedAt: publicOne.question.createdAt,
        },
        {
          questionId: atCheckout.question.id,
          productId: '_checkout',
          body: 'When will my order be shipped?',
          visibility: 'private',
          orderRef: 'NK-1042',
          itemId: await itemIdOf(site, atCheckout.question.id),
          status: 'new',
          askedAt: atCheckout.question.createdAt,
        },
      ]),
    );
    const askedAts = shown.history.map((h) => h.askedAt);
    expect(askedAts).toEqual([...askedAts].sort((a, b) => b - a));
    expect(shown.orders).toEqual(['NK-1042']);

    // From the checkout item: its own order, and the first question in the history.
    const fromCheckout = await detail(owner.cookie, await itemIdOf(site, atCheckout.question.id));
    expect(fromCheckout.orders).toEqual(['NK-1042']);
    expect(fromCheckout.history.map((h) => h.questionId).sort()).toEqual([first.question.id, publicOne.question.id].sort());
  });

  it('answers 404 item_not_found for another site’s item and for unknown ids', async () => {
    const { owner } = await aDesk();
    const other = await aDesk();
    const theirs = await aRoutedItem(other.site);
    await expectError(await call(`/queue/${theirs.itemId}`, { cookie: owner.cookie }), 404, 'item_not_found');
    await expectError(await call(`/queue/${crypto.randomUUID()}`, { cookie: owner.cookie }), 404, 'item_not_found');
    // Nor can any write reach it.
    for (const [path, body] of [
      ['claim', undefined],
      ['replies', { text: 'Hello from another shop' }],
      ['notes', { text: 'Sneaky note' }],
      ['resolve', undefined],
      ['reopen', undefined],
      ['publish', { text: 'Public answer' }],
    ] as const) {
      await expectError(await post(owner.cookie, `/queue/${theirs.itemId}/${path}`, body), 404, 'item_not_found');
    }
    const untouched = await detail(other.owner.cookie, theirs.itemId);
    expect(untouched.item).toMatchObject({ status: 'new', assignee: null, firstResponseAt: null });
    expect(untouched.messages).toEqual([]);
    expect(untouched.events.map((e) => e.kind)).toEqual(['routed']);
  });

  it('refuses an item id that is not a UUID with 400', async () => {
    const { owner } = await aDesk();
    await expectError(await call('/queue/not-a-uuid', { cookie: owner.cookie }), 400, 'invalid_input');
  });
});

describe('POST /queue/:item/claim', () => {
  it('assigns the item to me and opens it; claiming again changes nothing', async () => {
    const { site, agent } = await aDesk();
    const { itemId } = await aRoutedItem(site);
    const res = await post(agent.cookie, `/queue/${itemId}/claim`);
    expect(res.status, await res.clone().text()).toBe(200);
    const { item } = await res.json<{ item: QueueItem }>();
    expect(item).toMatchObject({ id: itemId, status: 'open', assignee: { id: agent.id, name: 'Aziz Agent' } });

    const again = await post(agent.cookie, `/queue/${itemId}/claim`);
    expect(again.status).toBe(200);
    expect((await again.json<{ item: QueueItem }>()).item).toMatchObject({ status: 'open', assignee: { id: agent.id } });
    const shown = await detail(agent.cookie, itemId);
    expect(shown.events.map((e) => [e.kind, e.actor, e.detail])).toEqual([
      ['routed', 'system', 'personal'],
      ['claimed', 'Aziz Agent', null],
    ]);
  });

  it('refuses a second staff member with 409 already_claimed; {force:true} takes it over', async () => {
    const { site, owner, agent } = await aDesk();
    const { itemId } = await aRoutedItem(site);
    expect((await post(owner.cookie, `/queue/${itemId}/claim`)).status).toBe(200);

    const refused = await post(agent.cookie, `/queue/${itemId}/claim`);
    await expectError(refused, 409, 'already_claimed');
    await expectError(await post(agent.cookie, `/queue/${itemId}/claim`, { force: false }), 409, 'already_claimed');
    expect((await detail(agent.cookie, itemId)).item.assignee).toEqual({ id: owner.id, name: 'Olga Owner' });

    const forced = await post(agent.cookie, `/queue/${itemId}/claim`, { force: true });
    expect(forced.status, await forced.clone().text()).toBe(200);
    expect((await forced.json<{ item: QueueItem }>()).item).toMatchObject({ status: 'open', assignee: { id: agent.id, name: 'Aziz Agent' } });
    const events = (await detail(owner.cookie, itemId)).events;
    expect(events.map((e) => [e.kind, e.actor])).toEqual([
      ['routed', 'system'],
      ['claimed', 'Olga Owner'],
      ['claimed', 'Aziz Agent'],
    ]);
    expect(events[2]?.detail).toContain('Olga Owner');
    expect(events[2]?.detail).toMatch(/taken over/);
  });

  it('keeps the status of an item that is already waiting on the shopper', async () => {
    const { site, owner, agent } = await aDesk();
    const { itemId } = await aRoutedItem(site);
    expect((await post(owner.cookie, `/queue/${itemId}/replies`, { text: 'We are looking into it.' })).status).toBe(201);
    const forced = await post(agent.cookie, `/queue/${itemId}/claim`, { force: true });
    expect((await forced.json<{ item: QueueItem }>()).item).toMatchObject({ status: 'waiting', assignee: { id: agent.id } });
  });

  it('refuses a non-boolean force with 400', async () => {
    const { site, owner } = await aDesk();
    const { itemId } = await aRoutedItem(site);
    await expectError(await post(owner.cookie, `/queue/${itemId}/claim`, { force: 'yes' }), 400, 'invalid_input');
  });
});

describe('POST /queue/:item/replies', () => {
  it('stores the reply (201), claims the item, waits on the shopper and records the first response', async () => {
    const { site, agent } = await aDesk();
    const { itemId } = await aRoutedItem(site);
    const before = Date.now();
    const res = await post(agent.cookie, `/queue/${itemId}/replies`, { text: '  Your invoice is on its way by email.  ' });
    expect(res.status, await res.clone().text()).toBe(201);
    const body = await res.json<{ message: QueueMessage; item: QueueItem }>();
    expect(body.message).toEqual({
      id: expect.any(String),
      kind: 'reply',
      body: 'Your invoice is on its way by email.',
      staffId: agent.id,
      staffName: 'Aziz Agent',
      createdAt: expect.any(Number),
    } satisfies QueueMessage);
    expect(body.item).toMatchObject({ id: itemId, status: 'waiting', assignee: { id: agent.id, name: 'Aziz Agent' } });
    expect(body.item.firstResponseAt).toBeGreaterThanOrEqual(before);

    const shown = await detail(agent.cookie, itemId);
    expect(shown.messages).toEqual([body.message]);
    expect(shown.events.map((e) => [e.kind, e.actor])).toEqual([
      ['routed', 'system'],
      ['replied', 'Aziz Agent'],
    ]);
  });

  it('keeps the first response time and the assignee on later replies', async () => {
    const { site, owner, agent } = await aDesk();
    const { itemId } = await aRoutedItem(site);
    const first = await (await post(agent.cookie, `/queue/${itemId}/replies`, { text: 'First reply' })).json<{ item: QueueItem }>();
    const second = await (await post(owner.cookie, `/queue/${itemId}/replies`, { text: 'Second reply' })).json<{ item: QueueItem }>();
    expect(second.item.firstResponseAt).toBe(first.item.firstResponseAt);
    expect(second.item.assignee?.id).toBe(agent.id);
    expect((await detail(owner.cookie, itemId)).messages.map((m) => [m.body, m.staffName])).toEqual([
      ['First reply', 'Aziz Agent'],
      ['Second reply', 'Olga Owner'],
    ]);
  });

  it('reaches the shopper: My questions shows the reply with the staff member’s name', async () => {
    const { site, agent } = await aDesk();
    const asked = await aRoutedItem(site);
    const [sent] = await myQuestions(site, asked.visitor);
    expect(sent?.staff).toMatchObject({ status: 'sent', replies: [], expected: { at: expect.any(Number), text: expect.any(String) } });

    const { message } = await (await post(agent.cookie, `/queue/${asked.itemId}/replies`, { text: 'Your invoice is attached to your account.' })).json<{
      message: QueueMessage;
    }>();
    const [answered] = await myQuestions(site, asked.visitor);
    expect(answered).toMatchObject({ id: asked.question.id, visibility: 'private' });
    expect(answered?.staff).toEqual({
      status: 'answered',
      expected: null,
      replies: [{ id: message.id, body: 'Your invoice is attached to your account.', staffName: 'Aziz Agent', createdAt: message.createdAt }],
    });
    // Another visitor sees nothing of it.
    expect(await myQuestions(site, aVisitorId())).toEqual([]);
  });

  it('queues a staff.replied webhook delivery when the site subscribed to it', async () => {
    const { site, agent } = await aDesk();
    const quiet = await aDesk();
    for (const s of [site, quiet.site]) {
      await env.DB.prepare(`INSERT INTO webhooks (site_id, id, url, events, secret, created_at) VALUES (?, ?, 'http://127.0.0.1:9/samen', ?, 'whsec_test', ?)`)
        .bind(s.id, crypto.randomUUID(), JSON.stringify(s === site ? ['staff.replied'] : ['question.created']), Date.now())
        .run();
    }
    const asked = await aRoutedItem(site, { authorName: 'Kim' });
    const quietItem = await aRoutedItem(quiet.site);
    expect((await post(agent.cookie, `/queue/${asked.itemId}/replies`, { text: 'Sent it again just now.' })).status).toBe(201);
    expect((await post(quiet.agent.cookie, `/queue/${quietItem.itemId}/replies`, { text: 'Sent it again just now.' })).status).toBe(201);

    const deliveries = async (s: SiteRow) =>
      (await env.DB.prepare('SELECT event, payload FROM webhook_deliveries WHERE site_id = ?').bind(s.id).all<{ event: string; payload: string }>())
        .results;
    await expect.poll(async () => (await deliveries(site)).map((d) => d.event)).toEqual(['staff.replied']);
    const payload = JSON.parse((await deliveries(site))[0]!.payload) as { event: string; site: string; data: Record<string, unknown> };
    expect(payload).toMatchObject({
      event: 'staff.replied',
      site: site.id,
      data: {
        item: { id: asked.itemId, questionId: asked.question.id, channel: 'product', orderRef: null },
        question: 'Where is my invoice for order 1042?',
        reply: { body: 'Sent it again just now.', staffName: 'Aziz Agent' },
        shopper: { sub: null, name: 'Kim', email: null },
      },
    });
    expect(await deliveries(quiet.site)).toEqual([]);
  });

  it('refuses an empty or overlong message with 400 and stores nothing', async () => {
    const { site, owner } = await aDesk();
    const { itemId } = await aRoutedItem(site);
    await expectError(await post(owner.cookie, `/queue/${itemId}/replies`, { text: '' }), 400, 'message_too_short');
    await expectError(await post(owner.cookie, `/queue/${itemId}/replies`, { text: '   \n ' }), 400, 'message_too_short');
    await expectError(await post(owner.cookie, `/queue/${itemId}/replies`, {}), 400, 'message_too_short');
    await expectError(await post(owner.cookie, `/queue/${itemId}/replies`, { text: 'x'.repeat(5001) }), 400, 'message_too_long');
    expect((await post(owner.cookie, `/queue/${itemId}/replies`, { text: 'x'.repeat(5000) })).status).toBe(201);
    await expectError(await post(owner.cookie, `/queue/${itemId}/notes`, { text: ' ' }), 400, 'message_too_short');
    await expectError(await post(owner.cookie, `/queue/${itemId}/notes`, { text: 'x'.repeat(5001) }), 400, 'message_too_long');
    const shown = await detail(owner.cookie, itemId);
    expect(shown.messages).toHaveLength(1);
  });
});

describe('POST /queue/:item/notes', () => {
  it('stores an internal note shown to staff, never to the shopper, without changing the status', async () => {
    const { site, owner, agent } = await aDesk();
    const asked = await aRoutedItem(site);
    const res = await post(owner.cookie, `/queue/${asked.itemId}/notes`, { text: 'Checked with accounting: invoice 1042 was never sent.' });
    expect(res.status, await res.clone().text()).toBe(201);
    const { message, item } = await res.json<{ message: QueueMessage; item: QueueItem }>();
    expect(message).toMatchObject({ kind: 'note', body: 'Checked with accounting: invoice 1042 was never sent.', staffId: owner.id, staffName: 'Olga Owner' });
    expect(item).toMatchObject({ status: 'new', assignee: null, firstResponseAt: null });

    const { message: reply } = await (await post(agent.cookie, `/queue/${asked.itemId}/replies`, { text: 'Here is your invoice.' })).json<{
      message: QueueMessage;
    }>();
    const shown = await detail(agent.cookie, asked.itemId);
    expect(shown.messages.map((m) => [m.kind, m.body])).toEqual([
      ['note', 'Checked with accounting: invoice 1042 was never sent.'],
      ['reply', 'Here is your invoice.'],
    ]);
    expect(shown.events.map((e) => [e.kind, e.actor])).toEqual([
      ['routed', 'system'],
      ['noted', 'Olga Owner'],
      ['replied', 'Aziz Agent'],
    ]);

    const [mine] = await myQuestions(site, asked.visitor);
    expect(mine?.staff?.replies.map((r) => r.id)).toEqual([reply.id]);
    const shopperText = await (await shopperCall(site, '/me/questions', { visitor: asked.visitor })).text();
    expect(shopperText).not.toContain('accounting');
  });

  it('a note alone leaves the shopper’s question “sent”', async () => {
    const { site, owner } = await aDesk();
    const asked = await aRoutedItem(site);
    expect((await post(owner.cookie, `/queue/${asked.itemId}/notes`, { text: 'Call the warehouse first.' })).status).toBe(201);
    const [mine] = await myQuestions(site, asked.visitor);
    expect(mine?.staff).toMatchObject({ status: 'sent', replies: [] });
  });
});

describe('resolve and reopen', () => {
  it('resolves (the shopper sees “resolved”), refuses a second resolve, reopens, refuses a second reopen', async () => {
    const { site, owner, agent } = await aDesk();
    const asked = await aRoutedItem(site);
    expect((await post(agent.cookie, `/queue/${asked.itemId}/replies`, { text: 'Done: the invoice is in your inbox.' })).status).toBe(201);

    const resolved = await post(agent.cookie, `/queue/${asked.itemId}/resolve`);
    expect(resolved.status, await resolved.clone().text()).toBe(200);
    const { item } = await resolved.json<{ item: QueueItem }>();
    expect(item).toMatchObject({ status: 'resolved', sla: 'ok', resolvedAt: expect.any(Number) });
    expect((await myQuestions(site, asked.visitor))[0]?.staff).toMatchObject({ status: 'resolved', expected: null, replies: [expect.anything()] });
    expect(ids(await queue(owner.cookie))).toEqual([]);
    expect(ids(await queue(owner.cookie, '?status=resolved'))).toEqual([asked.itemId]);

    await expectError(await post(owner.cookie, `/queue/${asked.itemId}/resolve`), 409, 'already_resolved');

    const reopened = await post(owner.cookie, `/queue/${asked.itemId}/reopen`);
    expect(reopened.status, await reopened.clone().text()).toBe(200);
    expect((await reopened.json<{ item: QueueItem }>()).item).toMatchObject({ status: 'open', resolvedAt: null });
    await expectError(await post(owner.cookie, `/queue/${asked.itemId}/reopen`), 409, 'not_resolved');
    expect((await myQuestions(site, asked.visitor))[0]?.staff?.status).toBe('answered');

    expect((await detail(owner.cookie, asked.itemId)).events.map((e) => [e.kind, e.actor])).toEqual([
      ['routed', 'system'],
      ['replied', 'Aziz Agent'],
      ['resolved', 'Aziz Agent'],
      ['reopened', 'Olga Owner'],
    ]);
  });

  it('refuses to reopen an item that was never resolved, and resolves a new item straight away', async () => {
    const { site, owner } = await aDesk();
    const { itemId } = await aRoutedItem(site);
    await expectError(await post(owner.cookie, `/queue/${itemId}/reopen`), 409, 'not_resolved');
    expect((await post(owner.cookie, `/queue/${itemId}/resolve`)).status).toBe(200);
  });

  it('a reply to a resolved item puts it back to waiting', async () => {
    const { site, owner } = await aDesk();
    const { itemId } = await aRoutedItem(site);
    expect((await post(owner.cookie, `/queue/${itemId}/resolve`)).status).toBe(200);
    const res = await post(owner.cookie, `/queue/${itemId}/replies`, { text: 'One more thing.' });
    expect((await res.json<{ item: QueueItem }>()).item).toMatchObject({ status: 'waiting', resolvedAt: null });
  });
});

/** A public question that reached staff because its asker said the community's answer did not help. */
async function aPublicRoutedItem(site: SiteRow) {
  const asked = await ask(site, { text: 'Does this jacket run small or true to size?' });
  expect(asked.routing.visibility).toBe('public');
  const answered = await shopperCall(site, `/questions/${asked.question.id}/answers`, {
    visitor: aVisitorId(),
    method: 'POST',
    body: { text: 'Mine fit fine, I think.' },
  });
  expect(answered.status, await answered.clone().text()).toBe(201);
  const { answer } = await answered.json<{ answer: Answer }>();
  const notHelpful = await shopperCall(site, `/answers/${answer.id}/not-helpful`, { visitor: asked.visitor, method: 'POST' });
  expect(notHelpful.status, await notHelpful.clone().text()).toBe(200);
  return { ...asked, communityAnswer: answer, itemId: await itemIdOf(site, asked.question.id) };
}

describe('POST /queue/:item/publish', () => {
  it('refuses a private question with 409 private_question', async () => {
    const { site, owner } = await aDesk();
    const { itemId } = await aRoutedItem(site);
    await expectError(await post(owner.cookie, `/queue/${itemId}/publish`, { text: 'Public answer' }), 409, 'private_question');
    const checkout = await askAtCheckout(site);
    await expectError(
      await post(owner.cookie, `/queue/${await itemIdOf(site, checkout.question.id)}/publish`, { text: 'Public answer' }),
      409,
      'private_question',
    );
  });

  it('posts a public answer by the brand’s team, masked, listed with authorRole staff', async () => {
    const { site, agent } = await aDesk();
    const routed = await aPublicRoutedItem(site);
    const shownBefore = await detail(agent.cookie, routed.itemId);
    expect(shownBefore.item).toMatchObject({ reason: 'not_helpful', visibility: 'public', status: 'new' });
    expect(shownBefore.answers.map((a) => [a.id, a.authorRole])).toEqual([[routed.communityAnswer.id, null]]);

    const res = await post(agent.cookie, `/queue/${routed.itemId}/publish`, { text: 'It runs half a size small. Questions? Call +31 6 12345678' });
    expect(res.status, await res.clone().text()).toBe(201);
    const { answerId, item } = await res.json<{ answerId: string; item: QueueItem }>();
    expect(item.firstResponseAt).toEqual(expect.any(Number));

    const list = await shopperCall(site, `/questions/${routed.question.id}/answers`);
    expect(list.status).toBe(200);
    const { answers } = await list.json<{ answers: Answer[] }>();
    const published = answers.find((a) => a.id === answerId);
    expect(published).toMatchObject({
      body: 'It runs half a size small. Questions? Call [phone hidden]',
      authorName: 'Aziz Agent',
      authorRole: 'staff',
      formerMember: false,
    });

    const shown = await detail(agent.cookie, routed.itemId);
    expect(shown.answers.find((a) => a.id === answerId)).toMatchObject({ authorRole: 'staff', authorName: 'Aziz Agent' });
    expect(shown.events.at(-1)).toMatchObject({ kind: 'published', actor: 'Aziz Agent', detail: answerId });
  });

  it('refuses an empty text with 400 message_too_short', async () => {
    const { site, owner } = await aDesk();
    const routed = await aPublicRoutedItem(site);
    await expectError(await post(owner.cookie, `/queue/${routed.itemId}/publish`, { text: '' }), 400, 'message_too_short');
  });
});

/** Opens the live queue socket; collects every message it receives. */
async function openLive(cookie: string) {
  const res = await exports.default.fetch(`${CONSOLE_ORIGIN}/api/v1/console/queue/live`, {
    headers: { Upgrade: 'websocket', Cookie: cookie, Origin: CONSOLE_ORIGIN },
  });
  expect(res.status, res.status === 101 ? '' : await res.clone().text()).toBe(101);
  const ws = res.webSocket!;
  ws.accept();
  const received: QueueLiveEvent[] = [];
  const waiters: (() => void)[] = [];
  ws.addEventListener('message', (e) => {
    received.push(JSON.parse(typeof e.data === 'string' ? e.data : new TextDecoder().decode(e.data)) as QueueLiveEvent);
    for (const w of waiters.splice(0)) w();
  });
  /** Resolves with the first message that matches, or rejects after `ms`. */
  const next = (match: (e: QueueLiveEvent) => boolean, ms = 5000) =>
    new Promise<QueueLiveEvent>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching live event within ${ms} ms; got ${JSON.stringify(received)}`)), ms);
      const check = () => {
        const found = received.find(match);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        } else waiters.push(check);
      };
      check();
    });
  return { ws, received, next };
}

describe('GET /queue/live', () => {
  it('pushes a routed event when a personal question arrives on the site, and changes made by staff', async () => {
    const { site, owner, agent } = await aDesk();
    const other = await aDesk();
    const live = await openLive(agent.cookie);
    try {
      const elsewhere = await aRoutedItem(other.site);
      const asked = await aRoutedItem(site);
      expect(await live.next((e) => e.itemId === asked.itemId)).toEqual({ type: 'queue', itemId: asked.itemId, change: 'routed' });

      expect((await post(owner.cookie, `/queue/${asked.itemId}/claim`)).status).toBe(200);
      expect(await live.next((e) => e.change === 'claimed')).toEqual({ type: 'queue', itemId: asked.itemId, change: 'claimed' });
      expect((await post(owner.cookie, `/queue/${asked.itemId}/replies`, { text: 'On it.' })).status).toBe(201);
      await live.next((e) => e.change === 'replied' && e.itemId === asked.itemId);

      expect(live.received.map((e) => e.itemId)).not.toContain(elsewhere.itemId);
    } finally {
      live.ws.close(1000, 'done');
    }
  });

  it('refuses a handshake without the console’s Origin with 403 csrf_refused', async () => {
    const { owner } = await aDesk();
    const url = `${CONSOLE_ORIGIN}/api/v1/console/queue/live`;
    await expectError(await exports.default.fetch(url, { headers: { Upgrade: 'websocket', Cookie: owner.cookie } }), 403, 'csrf_refused');
    await expectError(
      await exports.default.fetch(url, { headers: { Upgrade: 'websocket', Cookie: owner.cookie, Origin: 'https://evil.example' } }),
      403,
      'csrf_refused',
    );
  });

  it('answers 426 without an Upgrade header, and 401 without a session', async () => {
    const { owner } = await aDesk();
    const url = `${CONSOLE_ORIGIN}/api/v1/console/queue/live`;
    await expectError(await exports.default.fetch(url, { headers: { Cookie: owner.cookie, Origin: CONSOLE_ORIGIN } }), 426, 'websocket_required');
    await expectError(await exports.default.fetch(url, { headers: { Upgrade: 'websocket', Origin: CONSOLE_ORIGIN } }), 401, 'not_signed_in');
  });
});

describe('CSRF', () => {
  it('refuses queue writes without the console’s Origin with 403 csrf_refused, changing nothing', async () => {
    const { site, owner } = await aDesk();
    const { itemId } = await aRoutedItem(site);
    for (const [path, body] of [
      ['claim', undefined],
      ['replies', { text: 'Forged reply' }],
      ['notes', { text: 'Forged note' }],
      ['resolve', undefined],
      ['reopen', undefined],
      ['publish', { text: 'Forged answer' }],
    ] as const) {
      await expectError(await call(`/queue/${itemId}/${path}`, { method: 'POST', cookie: owner.cookie, body, origin: null }), 403, 'csrf_refused');
      await expectError(
        await call(`/queue/${itemId}/${path}`, { method: 'POST', cookie: owner.cookie, body, origin: 'https://evil.example' }),
        403,
        'csrf_refused',
      );
    }
    const shown = await detail(owner.cookie, itemId);
    expect(shown.item).toMatchObject({ status: 'new', assignee: null });
    expect(shown.messages).toEqual([]);
    expect(shown.events.map((e) => e.kind)).toEqual(['routed']);
  });
});

describe('routing from the shopper side, as staff see it', () => {
  it('files a second contact about the same product with priority and a link to the earlier question', async () => {
    const { site, owner } = await aDesk();
    const visitor = aVisitorId();
    const productId = aProductId();
    const first = await ask(site, { visitor, productId, text: 'Is this jacket warm enough for winter hiking?' });
    expect(first.routing.visibility).toBe('public');
    const second = await ask(site, { visitor, productId, text: 'Can I wash this jacket in the machine?' });
    const [item] = (await queue(owner.cookie)).items;
    expect(item).toMatchObject({
      questionId: second.question.id,
      reason: 'second_contact',
      priority: true,
      visibility: 'public',
      relatedQuestionId: first.question.id,
    });
  });

  it('shows a site whose questions all went to the community an empty queue', async () => {
    const { site, owner } = await aDesk();
    await ask(site, { text: 'Is this jacket warm enough for winter hiking?' });
    expect(await queue(owner.cookie)).toEqual({ items: [], counts: { new: 0, open: 0, waiting: 0, resolved: 0 } });
  });
});
