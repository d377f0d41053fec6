/** Routing to staff as the shopper meets it: triage on posting, the time promise, escalation, "Your questions". */
import { env, exports } from 'cloudflare:workers';
import { createExecutionContext, createScheduledController, runDurableObjectAlarm, runInDurableObject, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { MyQuestion, Question, QuestionPage, RoutingNotice, PostNotice } from '../../../worker/src/api-types.ts';
import { aProductId, aSite, type SiteRow } from '../../fixtures/rows.ts';
import { anIp } from '../../fixtures/staff.ts';
import { escalateDue } from '../../../worker/src/domain/routing.ts';
import { sweepEscalations } from '../../../worker/src/scheduled.ts';
import worker from '../../../worker/src/index.ts';

const aVisitor = () => `v_${crypto.randomUUID().replaceAll('-', '')}`;

interface Asked {
  question: Question;
  notice: PostNotice;
  routing: RoutingNotice;
}

function call(path: string, init: RequestInit & { visitor?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('CF-Connecting-IP', anIp());
  if (init.visitor) headers.set('X-Samen-Visitor', init.visitor);
  if (init.body) headers.set('Content-Type', 'application/json');
  return exports.default.fetch(`https://samen.test${path}`, { ...init, headers });
}

async function ask(site: SiteRow, productId: string, text: string, visitor = aVisitor(), extra: Record<string, unknown> = {}): Promise<Asked> {
  const res = await call(`/api/v1/sites/${site.id}/products/${productId}/questions`, {
    method: 'POST',
    visitor,
    body: JSON.stringify({ text, ...extra }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json<Asked>();
}

async function publicList(site: SiteRow, productId: string): Promise<Question[]> {
  const res = await call(`/api/v1/sites/${site.id}/products/${productId}/questions`);
  return (await res.json<QuestionPage>()).questions;
}

async function myQuestions(site: SiteRow, visitor: string, query = ''): Promise<MyQuestion[]> {
  const res = await call(`/api/v1/sites/${site.id}/me/questions${query}`, { visitor });
  expect(res.status).toBe(200);
  return (await res.json<{ questions: MyQuestion[] }>()).questions;
}

async function itemsOf(siteId: string) {
  const { results } = await env.DB.prepare('SELECT * FROM staff_items WHERE site_id = ? ORDER BY routed_at').bind(siteId).all<{
    id: string;
    question_id: string;
    reason: string;
    priority: number;
    category: string | null;
    related_question_id: string | null;
    order_ref: string | null;
  }>();
  return results;
}

async function routedEvents(siteId: string) {
  const { results } = await env.DB.prepare(`SELECT item_id FROM staff_item_events WHERE site_id = ? AND kind = 'routed'`).bind(siteId).all();
  return results;
}

async function expectError(res: Response, status: number, code: string) {
  expect(res.status, await res.clone().text()).toBe(status);
  expect((await res.json<{ error: { code: string } }>()).error.code).toBe(code);
}

describe('posting a personal question', () => {
  it('sends it privately to staff at once, tells the shopper, and keeps it out of every public list', async () => {
    const site = await aSite(env.DB, { name: 'Noordkust Outdoor' });
    const product = aProductId();
    const visitor = aVisitor();
    const asked = await ask(site, product, 'Where is my invoice for order 1042?', visitor, { lang: 'en', timeZone: 'Europe/Amsterdam' });

    expect(asked.routing).toMatchObject({ visibility: 'private', category: 'invoice', complaint: false, canMoveToCommunity: true });
    expect(asked.routing.promise.community).toBeNull();
    expect(asked.routing.promise.staff.at).toBeGreaterThan(Date.now() - 1000);
    expect(asked.routing.promise.staff.text).toMatch(/before \d\d:\d\d/);
    expect(asked.question.mine).toBe(true);

    expect(await publicList(site, product)).toEqual([]);
    const search = await call(`/api/v1/sites/${site.id}/products/${product}/search?q=invoice`);
    expect((await search.json<{ questions: unknown[] }>()).questions).toEqual([]);

    const items = await itemsOf(site.id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ question_id: asked.question.id, reason: 'personal', category: 'invoice', priority: 0 });
    expect(await routedEvents(site.id)).toHaveLength(1);

    const mine = await myQuestions(site, visitor);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ id: asked.question.id, visibility: 'private', staff: { status: 'sent', replies: [] } });
    expect(mine[0]?.staff?.expected?.text).toMatch(/before/);
  });

  it('is a 404 to anyone but the asker: answers, reports and the question itself', async () => {
    const site = await aSite(env.DB);
    const asked = await ask(site, aProductId(), 'I want a refund for my order, it has not arrived.');
    const other = aVisitor();
    await expectError(
      await call(`/api/v1/sites/${site.id}/questions/${asked.question.id}/answers`, { method: 'POST', visitor: other, body: JSON.stringify({ text: 'Me too!' }) }),
      404,
      'question_not_found',
    );
    await expectError(await call(`/api/v1/sites/${site.id}/questions/${asked.question.id}/answers`, { visitor: other }), 404, 'question_not_found');
    await expectError(
      await call(`/api/v1/sites/${site.id}/questions/${asked.question.id}/report`, { method: 'POST', visitor: other, body: JSON.stringify({ reason: 'spam' }) }),
      404,
      'question_not_found',
    );
  });

  it('masks personal data for the shopper while staff keep the text as written', async () => {
    const site = await aSite(env.DB);
    const visitor = aVisitor();
    const asked = await ask(site, aProductId(), 'My payment for order NK-1042 failed, call me on 06 12345678 or mail kim@example.com please', visitor);
    expect(asked.routing.visibility).toBe('private');
    expect(asked.question.body).not.toContain('kim@example.com');
    expect(asked.question.body).toContain('order [order number hidden] failed');
    expect(asked.notice.masked).toEqual(expect.arrayContaining(['email', 'phone', 'order']));
    const fr = await ask(site, aProductId(), 'Où est ma facture pour la commande n° 2026/0042 ?');
    expect(fr.question.body).toBe('Où est ma facture pour la commande n° [order number hidden] ?');
    const row = await env.DB.prepare('SELECT staff_body FROM questions WHERE site_id = ? AND id = ?').bind(site.id, asked.question.id).first<{ staff_body: string }>();
    expect(row?.staff_body).toContain('kim@example.com');
    expect(row?.staff_body).toContain('NK-1042');
  });

  it('flags a complaint with priority', async () => {
    const site = await aSite(env.DB);
    const asked = await ask(site, aProductId(), 'Ik wil een klacht indienen, dit is echt schandalig!!');
    expect(asked.routing).toMatchObject({ visibility: 'private', complaint: true });
    expect((await itemsOf(site.id))[0]).toMatchObject({ reason: 'complaint', priority: 1 });
  });

  it('routes on the site owner’s own keywords', async () => {
    const site = await aSite(env.DB);
    await env.DB.prepare('UPDATE sites SET triage_keywords = ? WHERE id = ?').bind(JSON.stringify({ invoice: ['bonnetje'] }), site.id).run();
    const asked = await ask(site, aProductId(), 'Waar is het bonnetje van deze jas gebleven?');
    expect(asked.routing).toMatchObject({ visibility: 'private', category: 'invoice' });
  });

  it('writes the promise in the shopper’s language and time zone, and refuses a bad zone', async () => {
    const site = await aSite(env.DB);
    const nl = await ask(site, aProductId(), 'Mijn betaling is mislukt, wat nu?', aVisitor(), { lang: 'nl', timeZone: 'Europe/Amsterdam' });
    expect(nl.routing.promise.staff.text).toMatch(/vóór \d\d:\d\d/);
    const fr = await ask(site, aProductId(), 'Mon paiement a échoué, que faire ?', aVisitor(), { lang: 'fr', timeZone: 'America/Montreal' });
    expect(fr.routing.promise.staff.text).toMatch(/avant \d\dh\d\d/);
    const res = await call(`/api/v1/sites/${site.id}/products/${aProductId()}/questions`, {
      method: 'POST',
      visitor: aVisitor(),
      body: JSON.stringify({ text: 'Does this jacket run small?', timeZone: 'Mars/Olympus' }),
    });
    await expectError(res, 400, 'invalid_time_zone');
  });

  it('says when the team is away, outside business hours', async () => {
    const site = await aSite(env.DB);
    await env.DB.prepare('UPDATE sites SET business_hours = ? WHERE id = ?').bind(JSON.stringify({ sun: [['00:00', '00:05']] }), site.id).run();
    const asked = await ask(site, aProductId(), 'Where is my order? It has not arrived yet.');
    // Open five minutes a week: almost always closed.
    if (!asked.routing.promise.openNow) {
      expect(asked.routing.promise.reopens?.at).toBeGreaterThan(Date.now());
      expect(asked.routing.promise.reopens?.text).toMatch(/\d\d:\d\d/);
    }
  });
});

describe('posting a public question', () => {
  it('goes to the community first with a deadline armed in the site inbox', async () => {
    const site = await aSite(env.DB);
    const product = aProductId();
    const asked = await ask(site, product, 'Does this jacket run small around the shoulders?');
    expect(asked.routing).toMatchObject({ visibility: 'public', category: null, canMoveToCommunity: false });
    expect(asked.routing.promise.community).toMatchObject({ fromData: false, value: 2, unit: 'hour' });
    expect((await publicList(site, product)).map((q) => q.id)).toEqual([asked.question.id]);
    expect(await itemsOf(site.id)).toEqual([]);
    const row = await env.DB.prepare('SELECT escalate_at FROM questions WHERE site_id = ? AND id = ?').bind(site.id, asked.question.id).first<{ escalate_at: number }>();
    expect(row?.escalate_at).toBeGreaterThan(Date.now());
    const stub = env.SITE_INBOX.get(env.SITE_INBOX.idFromName(site.id));
    await expect.poll(() => runInDurableObject(stub, (_o, state) => state.storage.getAlarm())).toBe(row?.escalate_at);
  });

  it('promises the community’s real median time to a first answer when there is enough data', async () => {
    const site = await aSite(env.DB);
    const product = aProductId();
    const now = Date.now();
    for (let i = 0; i < 6; i++) {
      const id = crypto.randomUUID();
      const asked = now - 86_400_000 - i * 1000;
      await env.DB.batch([
        env.DB.prepare('INSERT INTO products (site_id, id, first_seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').bind(site.id, product, asked),
        env.DB.prepare(`INSERT INTO questions (site_id, id, product_id, body, answer_count, created_at) VALUES (?, ?, ?, 'Is it warm?', 1, ?)`).bind(site.id, id, product, asked),
        env.DB.prepare(`INSERT INTO answers (site_id, id, question_id, body, created_at) VALUES (?, ?, ?, 'Yes.', ?)`).bind(site.id, crypto.randomUUID(), id, asked + 3 * 3600e3),
      ]);
    }
    const asked = await ask(site, product, 'Is the hood big enough for a helmet?');
    expect(asked.routing.promise.community).toMatchObject({ fromData: true, value: 3, unit: 'hour', text: '3 hours' });
  });

  it('is a second contact, with priority and the earlier question linked, when the same shopper asks again about the product', async () => {
    const site = await aSite(env.DB);
    const product = aProductId();
    const visitor = aVisitor();
    const first = await ask(site, product, 'Does this jacket run small?', visitor);
    const second = await ask(site, product, 'Still no answer: does it run small?', visitor);
    expect(second.routing.visibility).toBe('public');
    const items = await itemsOf(site.id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ question_id: second.question.id, reason: 'second_contact', priority: 1, related_question_id: first.question.id });
    // Another shopper's question on the product is no second contact.
    await ask(site, product, 'Is it waterproof in heavy rain?');
    expect(await itemsOf(site.id)).toHaveLength(1);
  });
});

describe('checkout questions', () => {
  it('always go privately to staff with the order number', async () => {
    const site = await aSite(env.DB);
    const visitor = aVisitor();
    const res = await call(`/api/v1/sites/${site.id}/checkout/questions`, {
      method: 'POST',
      visitor,
      body: JSON.stringify({ text: 'Can I still change the size in this order?', orderRef: 'NK-1042' }),
    });
    expect(res.status).toBe(201);
    const asked = await res.json<Asked>();
    expect(asked.routing).toMatchObject({ visibility: 'private', canMoveToCommunity: false });
    expect((await itemsOf(site.id))[0]).toMatchObject({ reason: 'checkout', order_ref: 'NK-1042' });
    const mine = await myQuestions(site, visitor);
    expect(mine[0]).toMatchObject({ channel: 'checkout', orderRef: 'NK-1042', visibility: 'private' });
    await expectError(
      await call(`/api/v1/sites/${site.id}/questions/${asked.question.id}/community`, { method: 'POST', visitor, body: '{}' }),
      409,
      'checkout_question',
    );
  });

  it('refuse a bad order number and a caller with no identity', async () => {
    const site = await aSite(env.DB);
    const path = `/api/v1/sites/${site.id}/checkout/questions`;
    await expectError(
      await call(path, { method: 'POST', visitor: aVisitor(), body: JSON.stringify({ text: 'Where is my parcel now?', orderRef: '<script>' }) }),
      400,
      'invalid_order_ref',
    );
    await expectError(await call(path, { method: 'POST', body: JSON.stringify({ text: 'Where is my parcel now?', orderRef: 'NK-1' }) }), 400, 'visitor_required');
  });
});

describe('"No, ask the community"', () => {
  it('moves an untouched private question to the public list and out of the queue, for the asker only', async () => {
    const site = await aSite(env.DB);
    const product = aProductId();
    const visitor = aVisitor();
    const asked = await ask(site, product, 'How do I get an invoice for my order of this tent?', visitor);
    expect(asked.routing.visibility).toBe('private');
    const path = `/api/v1/sites/${site.id}/questions/${asked.question.id}/community`;
    await expectError(await call(path, { method: 'POST', visitor: aVisitor(), body: '{}' }), 404, 'question_not_found');

    const res = await call(path, { method: 'POST', visitor, body: JSON.stringify({ lang: 'en' }) });
    expect(res.status).toBe(200);
    const moved = await res.json<{ question: Question; routing: RoutingNotice }>();
    expect(moved.routing.visibility).toBe('public');
    expect(moved.routing.promise.community).not.toBeNull();
    expect((await publicList(site, product)).map((q) => q.id)).toEqual([asked.question.id]);
    expect(await itemsOf(site.id)).toEqual([]);
    expect(await routedEvents(site.id)).toEqual([]);
    await expectError(await call(path, { method: 'POST', visitor, body: '{}' }), 409, 'not_private');
  });

  it('is refused once staff have picked the question up', async () => {
    const site = await aSite(env.DB);
    const visitor = aVisitor();
    const asked = await ask(site, aProductId(), 'How do I get an invoice for my order of this tent?', visitor);
    await env.DB.prepare(`UPDATE staff_items SET status = 'open', assignee_id = 'someone' WHERE site_id = ?`).bind(site.id).run();
    await expectError(
      await call(`/api/v1/sites/${site.id}/questions/${asked.question.id}/community`, { method: 'POST', visitor, body: '{}' }),
      409,
      'already_with_staff',
    );
    expect(await itemsOf(site.id)).toHaveLength(1);
  });
});

describe('escalation', () => {
  async function overdue(site: SiteRow, text = 'Does this jacket run small?', visitor = aVisitor()) {
    const asked = await ask(site, aProductId(), text, visitor);
    await env.DB.prepare('UPDATE questions SET escalate_at = ? WHERE site_id = ? AND id = ?').bind(Date.now() - 1000, site.id, asked.question.id).run();
    return asked;
  }

  it('routes a question whose window ended without an accepted answer, when the inbox alarm fires', async () => {
    const site = await aSite(env.DB);
    const asked = await overdue(site);
    const stub = env.SITE_INBOX.get(env.SITE_INBOX.idFromName(site.id));
    await runInDurableObject(stub, (_o, state) => state.storage.setAlarm(Date.now() + 60_000));
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const items = await itemsOf(site.id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ question_id: asked.question.id, reason: 'timeout' });
    const row = await env.DB.prepare('SELECT escalate_at FROM questions WHERE site_id = ? AND id = ?').bind(site.id, asked.question.id).first();
    expect(row?.escalate_at).toBeNull();
    // Public and with staff: still in the public list.
    expect((await publicList(site, asked.question.productId)).map((q) => q.id)).toEqual([asked.question.id]);
  });

  it('leaves a question the community settled (accepted answer) with the community', async () => {
    const site = await aSite(env.DB);
    const visitor = aVisitor();
    const asked = await overdue(site, 'Does this jacket run small?', visitor);
    const answer = await call(`/api/v1/sites/${site.id}/questions/${asked.question.id}/answers`, {
      method: 'POST',
      visitor: aVisitor(),
      body: JSON.stringify({ text: 'It fits true to size.' }),
    });
    const { answer: a } = await answer.json<{ answer: { id: string } }>();
    await call(`/api/v1/sites/${site.id}/questions/${asked.question.id}/accept`, { method: 'POST', visitor, body: JSON.stringify({ answerId: a.id }) });
    expect(await escalateDue(env.DB, site.id, Date.now())).toEqual([]);
    expect(await itemsOf(site.id)).toEqual([]);
  });

  it('is swept by the Cron Trigger too, and never twice', async () => {
    const site = await aSite(env.DB);
    await overdue(site);
    const ctx = createExecutionContext();
    worker.scheduled(createScheduledController({ cron: '* * * * *', scheduledTime: Date.now() }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await itemsOf(site.id)).toHaveLength(1);
    expect(await sweepEscalations(env)).toBeGreaterThanOrEqual(0);
    expect(await escalateDue(env.DB, site.id, Date.now())).toEqual([]);
    expect(await itemsOf(site.id)).toHaveLength(1);
    expect(await routedEvents(site.id)).toHaveLength(1);
  });

  it('routes at once when the asker says an answer did not help', async () => {
    const site = await aSite(env.DB);
    const visitor = aVisitor();
    const asked = await ask(site, aProductId(), 'Does this jacket run small?', visitor);
    const answered = await call(`/api/v1/sites/${site.id}/questions/${asked.question.id}/answers`, {
      method: 'POST',
      visitor: aVisitor(),
      body: JSON.stringify({ text: 'No idea, sorry.' }),
    });
    const { answer } = await answered.json<{ answer: { id: string } }>();
    for (let i = 0; i < 2; i++) {
      const res = await call(`/api/v1/sites/${site.id}/answers/${answer.id}/not-helpful`, { method: 'POST', visitor, body: '{}' });
      expect(res.status).toBe(200);
    }
    const items = await itemsOf(site.id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ reason: 'not_helpful' });
  });
});
