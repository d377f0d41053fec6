/**
 * Webhooks in the console (owners only): create with validation and a secret shown once, list
 * without secrets, delete, and the per-site delivery log.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ConsoleNewWebhook, ConsoleWebhook, ConsoleWebhookDelivery } from '../../../worker/src/routes/console-types.ts';
import { emitWebhookEvent, signPayload } from '../../../worker/src/domain/webhooks.ts';
import { aSite, type SiteRow } from '../../fixtures/rows.ts';
import { aSession, aStaffMember, consoleCall, type ConsoleCall } from '../../fixtures/staff.ts';

const call = (path: string, init?: ConsoleCall) => consoleCall(exports.default, path, init);

async function expectError(res: Response, status: number, code: string | string[]): Promise<void> {
  expect(res.status, await res.clone().text()).toBe(status);
  const body = await res.json<{ error: { code: string; message: string } }>();
  expect(body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  expect([code].flat()).toContain(body.error.code);
}

async function signedIn(role: 'owner' | 'agent' = 'owner', site?: SiteRow) {
  const s = site ?? (await aSite(env.DB));
  const staff = await aStaffMember(env.DB, { site: s, role });
  return { site: s, cookie: (await aSession(env.DB, { staff })).cookie };
}

const create = (cookie: string, body: unknown) => call('/webhooks', { method: 'POST', cookie, body });

const storedCount = async (site: SiteRow) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM webhooks WHERE site_id = ?').bind(site.id).first<{ n: number }>())?.n;

describe('POST /webhooks', () => {
  it('creates a webhook (201) and returns its signing secret once; the list never shows it', async () => {
    const { site, cookie } = await signedIn();
    const res = await create(cookie, { url: 'https://hooks.shop.example/samen?channel=qa', events: ['answer.created', 'question.created', 'answer.created'] });
    expect(res.status, await res.clone().text()).toBe(201);
    const created = await res.json<ConsoleNewWebhook>();
    expect(created).toEqual({
      webhook: {
        id: expect.any(String),
        url: 'https://hooks.shop.example/samen?channel=qa',
        // Known events, each once, in the documented order.
        events: ['question.created', 'answer.created'],
        createdAt: expect.any(Number),
      },
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/),
    } satisfies ConsoleNewWebhook);
    const row = await env.DB.prepare('SELECT secret FROM webhooks WHERE site_id = ? AND id = ?').bind(site.id, created.webhook.id).first<{ secret: string }>();
    expect(row?.secret).toBe(created.secret);

    const list = await call('/webhooks', { cookie });
    const text = await list.text();
    expect(list.status).toBe(200);
    expect(text).not.toContain(created.secret);
    expect(text).not.toMatch(/secret/i);
    const { webhooks } = JSON.parse(text) as { webhooks: ConsoleWebhook[] };
    expect(webhooks).toEqual([created.webhook]);
    for (const w of webhooks) expect(Object.keys(w).sort()).toEqual(['createdAt', 'events', 'id', 'url']);
  });

  it('gives every webhook its own secret, which signs its deliveries', async () => {
    const { site, cookie } = await signedIn();
    const a = await (await create(cookie, { url: 'https://a.example/hook', events: ['question.created'] })).json<ConsoleNewWebhook>();
    const b = await (await create(cookie, { url: 'https://b.example/hook', events: ['question.created'] })).json<ConsoleNewWebhook>();
    expect(a.secret).not.toBe(b.secret);
    const seen: { url: string; signature: string | null; body: string }[] = [];
    const now = Date.now();
    await emitWebhookEvent(
      env.DB,
      site.id,
      'question.created',
      { question: { id: 'q1' } },
      async (req) => {
        seen.push({ url: req.url, signature: req.headers.get('Samen-Signature'), body: await req.text() });
        return new Response('ok');
      },
      now,
    );
    const byUrl = new Map(seen.map((s) => [s.url, s]));
    for (const hook of [a, b]) {
      const got = byUrl.get(hook.webhook.url);
      expect(got?.signature).toBe(await signPayload(hook.secret, Math.floor(now / 1000), got?.body ?? ''));
    }
  });

  it.each(['http://localhost:8787/hook', 'http://127.0.0.1:9000/hook', 'http://localhost/hook'])('accepts %s for testing', async (url) => {
    const { cookie } = await signedIn();
    const res = await create(cookie, { url, events: ['question.unanswered'] });
    expect(res.status, await res.clone().text()).toBe(201);
    expect((await res.json<ConsoleNewWebhook>()).webhook.url).toBe(url);
  });

  it('stores the URL as fetch will use it (host lower-cased, path added)', async () => {
    const { cookie } = await signedIn();
    const res = await create(cookie, { url: ' https://Hooks.Shop.Example ', events: ['question.created'] });
    expect((await res.json<ConsoleNewWebhook>()).webhook.url).toBe('https://hooks.shop.example/');
  });

  it.each([
    ['an http URL on the internet', { url: 'http://hooks.shop.example/hook' }, 'invalid_url'],
    ['an http URL on a host that only starts with localhost', { url: 'http://localhost.evil.example/hook' }, 'invalid_url'],
    ['another scheme', { url: 'ftp://hooks.shop.example/hook' }, 'invalid_url'],
    ['a javascript: URL', { url: 'javascript:alert(1)' }, 'invalid_url'],
    ['no URL at all', { url: 'hooks.shop.example/hook' }, 'invalid_url'],
    ['a missing URL', { url: undefined }, 'invalid_url'],
    ['a URL with a user name and password', { url: 'https://user:pass@hooks.shop.example/hook' }, 'invalid_url'],
    ['a URL with a quote', { url: "https://hooks.shop.example/it's" }, 'invalid_url'],
    ['a URL over 500 characters', { url: `https://hooks.shop.example/${'a'.repeat(500)}` }, 'invalid_url'],
    ['an unknown event', { events: ['order.created'] }, 'invalid_event'],
    ['an event in the wrong case', { events: ['Question.Created'] }, 'invalid_event'],
    ['no events', { events: [] }, 'no_events'],
    ['events that are not a list', { events: 'question.created' }, 'no_events'],
  ])('refuses %s with 400 and stores nothing', async (_, change, code) => {
    const { site, cookie } = await signedIn();
    const body = { url: 'https://hooks.shop.example/hook', events: ['question.created'], ...change };
    await expectError(await create(cookie, body), 400, code);
    expect(await storedCount(site)).toBe(0);
  });

  it('allows at most 10 webhooks per site (409 too_many_webhooks), counted per site', async () => {
    const { site, cookie } = await signedIn();
    for (let i = 0; i < 10; i++) {
      expect((await create(cookie, { url: `https://hooks.shop.example/${i}`, events: ['question.created'] })).status).toBe(201);
    }
    await expectError(await create(cookie, { url: 'https://hooks.shop.example/11', events: ['question.created'] }), 409, 'too_many_webhooks');
    expect(await storedCount(site)).toBe(10);

    // Another site is not affected by this one's ten.
    const other = await signedIn();
    expect((await create(other.cookie, { url: 'https://hooks.other.example/1', events: ['question.created'] })).status).toBe(201);

    // Deleting one makes room again.
    const { webhooks } = await (await call('/webhooks', { cookie })).json<{ webhooks: ConsoleWebhook[] }>();
    expect((await call(`/webhooks/${webhooks[0]?.id}`, { method: 'DELETE', cookie })).status).toBe(200);
    expect((await create(cookie, { url: 'https://hooks.shop.example/11', events: ['question.created'] })).status).toBe(201);
  });
});

describe('DELETE /webhooks/:id', () => {
  it('deletes the site’s own webhook; another site’s is 404 and stays', async () => {
    const { site, cookie } = await signedIn();
    const other = await signedIn();
    const mine = await (await create(cookie, { url: 'https://a.example/hook', events: ['question.created'] })).json<ConsoleNewWebhook>();
    const theirs = await (await create(other.cookie, { url: 'https://b.example/hook', events: ['question.created'] })).json<ConsoleNewWebhook>();

    await expectError(await call(`/webhooks/${theirs.webhook.id}`, { method: 'DELETE', cookie }), 404, 'webhook_not_found');
    expect(await storedCount(other.site)).toBe(1);

    const res = await call(`/webhooks/${mine.webhook.id}`, { method: 'DELETE', cookie });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deleted: true });
    expect(await storedCount(site)).toBe(0);
    await expectError(await call(`/webhooks/${mine.webhook.id}`, { method: 'DELETE', cookie }), 404, 'webhook_not_found');
  });
});

describe('GET /webhooks/deliveries', () => {
  it('shows the site’s own deliveries, newest first, with status, attempts and the last error; no payloads', async () => {
    const { site, cookie } = await signedIn();
    const other = await signedIn();
    const hook = await (await create(cookie, { url: 'https://a.example/hook', events: ['question.created', 'answer.created'] })).json<ConsoleNewWebhook>();
    await create(other.cookie, { url: 'https://b.example/hook', events: ['question.created'] });

    const failing = async () => new Response('nope', { status: 500 });
    const ok = async () => new Response('ok');
    await emitWebhookEvent(env.DB, site.id, 'question.created', { question: { id: 'q-secret-text' } }, ok, 1_000_000);
    await emitWebhookEvent(env.DB, site.id, 'answer.created', { answer: { id: 'a1' } }, failing, 2_000_000);
    await emitWebhookEvent(env.DB, other.site.id, 'question.created', { question: { id: 'q-other' } }, ok, 3_000_000);

    const res = await call('/webhooks/deliveries', { cookie });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('q-secret-text');
    const { deliveries } = JSON.parse(text) as { deliveries: ConsoleWebhookDelivery[] };
    expect(deliveries).toEqual([
      {
        id: expect.any(String),
        webhookId: hook.webhook.id,
        url: 'https://a.example/hook',
        event: 'answer.created',
        status: 'pending',
        attempts: 1,
        lastStatus: 500,
        lastError: 'HTTP 500',
        createdAt: 2_000_000,
        deliveredAt: null,
        nextAttemptAt: expect.any(Number),
      },
      {
        id: expect.any(String),
        webhookId: hook.webhook.id,
        url: 'https://a.example/hook',
        event: 'question.created',
        status: 'delivered',
        attempts: 1,
        lastStatus: 200,
        lastError: null,
        createdAt: 1_000_000,
        deliveredAt: 1_000_000,
        nextAttemptAt: null,
      },
    ] satisfies ConsoleWebhookDelivery[]);

    // A deleted webhook's deliveries stay in the log, without its URL.
    await call(`/webhooks/${hook.webhook.id}`, { method: 'DELETE', cookie });
    const after = await (await call('/webhooks/deliveries', { cookie })).json<{ deliveries: ConsoleWebhookDelivery[] }>();
    expect(after.deliveries.map((d) => d.url)).toEqual([null, null]);

    const theirs = await (await call('/webhooks/deliveries', { cookie: other.cookie })).json<{ deliveries: ConsoleWebhookDelivery[] }>();
    expect(theirs.deliveries.map((d) => d.createdAt)).toEqual([3_000_000]);
  });
});

describe('permissions', () => {
  it.each([
    ['GET /webhooks', { path: '/webhooks' }],
    ['POST /webhooks', { path: '/webhooks', method: 'POST', body: { url: 'https://a.example/hook', events: ['question.created'] } }],
    ['DELETE /webhooks/:id', { path: `/webhooks/${crypto.randomUUID()}`, method: 'DELETE' }],
    ['GET /webhooks/deliveries', { path: '/webhooks/deliveries' }],
  ] as const)('%s: 401 without a session, 403 for agents', async (_, { path, ...init }) => {
    const { site, cookie } = await signedIn('agent');
    await expectError(await call(path, init), 401, 'not_signed_in');
    await expectError(await call(path, { ...init, cookie }), 403, 'forbidden');
    expect(await storedCount(site)).toBe(0);
  });

  it('refuses a cross-site POST (CSRF) before anything is stored', async () => {
    const { site, cookie } = await signedIn();
    const res = await call('/webhooks', { method: 'POST', cookie, body: { url: 'https://a.example/hook', events: ['question.created'] }, origin: 'https://evil.example' });
    await expectError(res, 403, 'csrf_refused');
    expect(await storedCount(site)).toBe(0);
  });
});
