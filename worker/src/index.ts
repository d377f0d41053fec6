import { app } from './app.ts';
import { NIGHTLY_CRON, runNightlyWork, runScheduledWork } from './scheduled.ts';

export { SiteInbox } from './objects/site-inbox.ts';
export { ChatRoom } from './objects/chat-room.ts';

export default {
  fetch: app.fetch,
  scheduled: (controller, env, ctx) => {
    ctx.waitUntil(controller.cron === NIGHTLY_CRON ? runNightlyWork(env, controller.scheduledTime) : runScheduledWork(env));
  },
} satisfies ExportedHandler<Env>;
