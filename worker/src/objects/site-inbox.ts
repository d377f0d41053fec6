/**
 * One Durable Object per site: the site's staff inbox. It keeps the next ambassador-first
 * deadline armed as an alarm (alarms fire under `wrangler dev` too, where Cron Triggers do not),
 * and pushes queue changes to every console open on the site over hibernating WebSockets.
 */
import { DurableObject } from 'cloudflare:workers';
import type { QueueLiveEvent } from '../routes/console-types.ts';
import { escalateDue } from '../domain/routing.ts';
import { nextEscalationAt } from '../db/routing.ts';

const SITE_KEY = 'site';
/** Never re-arm closer than this, so a deadline that keeps failing cannot spin the alarm. */
const MIN_ALARM_GAP_MS = 1000;

export class SiteInbox extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Consoles ping to keep the socket alive through proxies; answering must not wake the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
  }

  /** Makes sure the alarm fires no later than `at` (a new public question's deadline). */
  async armEscalation(siteId: string, at: number): Promise<void> {
    await this.#remember(siteId);
    const current = await this.ctx.storage.getAlarm();
    if (current === null || at < current) await this.ctx.storage.setAlarm(at);
  }

  /** Tells every open console of the site that the queue changed. */
  async publish(siteId: string, event: QueueLiveEvent): Promise<void> {
    await this.#remember(siteId);
    const text = JSON.stringify(event);
    for (const ws of this.ctx.getWebSockets('staff')) {
      try {
        ws.send(text);
      } catch {
        // A socket closing right now; its close handler cleans up.
      }
    }
  }

  /** Routes what is due, then arms the next deadline. */
  override async alarm(): Promise<void> {
    const siteId = await this.ctx.storage.get<string>(SITE_KEY);
    if (!siteId) return;
    const now = Date.now();
    const routed = await escalateDue(this.env.DB, siteId, now);
    for (const r of routed) await this.publish(siteId, { type: 'queue', itemId: r.itemId, change: 'routed' });
    const next = await nextEscalationAt(this.env.DB, siteId);
    if (next !== null) await this.ctx.storage.setAlarm(Math.max(next, Date.now() + MIN_ALARM_GAP_MS));
  }

  /** A console's live connection; the Worker has already checked the session and the origin. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') return new Response('Expected a WebSocket', { status: 426 });
    const siteId = request.headers.get('X-Samen-Site');
    if (siteId) await this.#remember(siteId);
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, ['staff']);
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, 'closing');
    } catch {
      // Already closed.
    }
  }

  async #remember(siteId: string): Promise<void> {
    if ((await this.ctx.storage.get<string>(SITE_KEY)) !== siteId) await this.ctx.storage.put(SITE_KEY, siteId);
  }
}
