import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import type { WebhookEvent } from '../db/webhooks.ts';
import { emitWebhookEvent } from './webhooks.ts';

/**
 * Tells the site's webhooks (experts' notification services, the shop's CRM) about a community
 * event, after the response has gone: a slow receiver never slows a shopper down.
 */
export function notify(c: Context<AppEnv>, event: WebhookEvent, data: unknown): void {
  c.executionCtx.waitUntil(
    emitWebhookEvent(c.env.DB, c.get('site').id, event, data, (req) => fetch(req)).catch((err: unknown) => {
      console.error('webhook emit failed', err);
    }),
  );
}
