/**
 * Reaching a site's inbox object (see `objects/site-inbox.ts`) from a request or a job, after the
 * response: the shopper never waits for the console's live update or the alarm bookkeeping.
 */
import type { QueueLiveEvent } from '../routes/console-types.ts';

export const siteInbox = (env: Env, siteId: string) => env.SITE_INBOX.get(env.SITE_INBOX.idFromName(siteId));

/** Pushes a queue change to the site's open consoles. Failures are logged, never thrown. */
export function publishQueueEvent(
  env: Env,
  ctx: { waitUntil(p: Promise<unknown>): void },
  siteId: string,
  itemId: string,
  change: QueueLiveEvent['change'],
): void {
  ctx.waitUntil(
    siteInbox(env, siteId)
      .publish(siteId, { type: 'queue', itemId, change })
      .catch((err: unknown) => console.error('queue publish failed', err)),
  );
}

/** Keeps the site's escalation alarm armed for a new deadline. */
export function armEscalation(env: Env, ctx: { waitUntil(p: Promise<unknown>): void }, siteId: string, at: number): void {
  ctx.waitUntil(siteInbox(env, siteId).armEscalation(siteId, at).catch((err: unknown) => console.error('arming escalation failed', err)));
}
