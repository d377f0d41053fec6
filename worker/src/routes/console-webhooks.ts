import { Hono } from 'hono';
import { z } from 'zod';
import { validate } from '../middleware/validate.ts';
import { ApiError } from '../middleware/errors.ts';
import { ownerOnly, staffSession, type ConsoleEnv } from '../middleware/staff-session.ts';
import { newSigningSecret } from '../domain/shop-tokens.ts';
import {
  WEBHOOK_EVENTS,
  deleteWebhook,
  insertWebhookWithin,
  listDeliveries,
  listWebhooks,
  type Webhook,
  type WebhookEvent,
} from '../db/webhooks.ts';
import {
  CONSOLE_WEBHOOK_EVENTS,
  MAX_WEBHOOKS_PER_SITE,
  isWebhookUrl,
  normaliseWebhookUrl,
  type ConsoleNewWebhook,
  type ConsoleWebhook,
  type ConsoleWebhookDelivery,
  type ConsoleWebhookEvent,
} from './console-types.ts';

// The console's event names are the database module's, spelled out for the DOM build and the CLI: keep them equal.
WEBHOOK_EVENTS satisfies readonly ConsoleWebhookEvent[];
CONSOLE_WEBHOOK_EVENTS satisfies readonly WebhookEvent[];

/** The delivery log shows this many deliveries, newest first. */
const DELIVERY_LOG_SIZE = 100;

const newWebhook = z.object({
  // Normalised the way `new URL()` writes it, then checked: what is stored is what is fetched.
  url: z
    .string('invalid_url')
    .transform((u, ctx) => {
      const href = normaliseWebhookUrl(u);
      if (href === null || !isWebhookUrl(href)) {
        ctx.addIssue({ code: 'custom', message: 'invalid_url' });
        return z.NEVER;
      }
      return href;
    }),
  events: z
    .array(z.enum(WEBHOOK_EVENTS, 'invalid_event'), 'no_events')
    .min(1, 'no_events')
    .max(20, 'invalid_event')
    .transform((events) => CONSOLE_WEBHOOK_EVENTS.filter((e) => events.includes(e))),
});

const webhookParam = z.object({ id: z.string().min(1).max(64) });

/** Explicit fields only: the secret never leaves `POST /webhooks`. */
const shown = (w: Webhook): ConsoleWebhook => ({ id: w.id, url: w.url, events: w.events, createdAt: w.createdAt });

/**
 * The site's webhooks (owners only): `/api/v1/console/webhooks…`. A new webhook's signing
 * secret is returned once, by the call that creates it.
 */
export const consoleWebhookRoutes = new Hono<ConsoleEnv>()
  .get('/webhooks', staffSession, ownerOnly, async (c) => {
    const hooks = await listWebhooks(c.env.DB, c.get('staff').siteId);
    return c.json({ webhooks: hooks.map(shown) }, 200);
  })
  .post('/webhooks', staffSession, ownerOnly, validate('json', newWebhook), async (c) => {
    const { url, events } = c.req.valid('json');
    const hook: Webhook = { id: crypto.randomUUID(), url, events, secret: `whsec_${newSigningSecret()}`, createdAt: Date.now() };
    const added = await insertWebhookWithin(c.env.DB, c.get('staff').siteId, hook, MAX_WEBHOOKS_PER_SITE);
    if (!added) {
      throw new ApiError(409, 'too_many_webhooks', `A site can have at most ${MAX_WEBHOOKS_PER_SITE} webhooks. Delete one first.`);
    }
    const body: ConsoleNewWebhook = { webhook: shown(hook), secret: hook.secret };
    return c.json(body, 201);
  })
  .get('/webhooks/deliveries', staffSession, ownerOnly, async (c) => {
    const siteId = c.get('staff').siteId;
    const [deliveries, hooks] = await Promise.all([listDeliveries(c.env.DB, siteId, DELIVERY_LOG_SIZE), listWebhooks(c.env.DB, siteId)]);
    const urls = new Map(hooks.map((h) => [h.id, h.url]));
    const body: ConsoleWebhookDelivery[] = deliveries.map((d) => ({
      id: d.id,
      webhookId: d.webhookId,
      url: urls.get(d.webhookId) ?? null,
      event: d.event,
      status: d.status,
      attempts: d.attempts,
      lastStatus: d.lastStatus,
      lastError: d.lastError,
      createdAt: d.createdAt,
      deliveredAt: d.deliveredAt,
      nextAttemptAt: d.nextAttemptAt,
    }));
    return c.json({ deliveries: body }, 200);
  })
  .delete('/webhooks/:id', staffSession, ownerOnly, validate('param', webhookParam), async (c) => {
    const removed = await deleteWebhook(c.env.DB, c.get('staff').siteId, c.req.valid('param').id);
    if (!removed) throw new ApiError(404, 'webhook_not_found', 'There is no such webhook on your site.');
    return c.json({ deleted: true }, 200);
  });
