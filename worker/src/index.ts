import { app } from './app.ts';
import { runNightlyWork, runScheduledWork } from './scheduled.ts';
import { NIGHTLY_CRON } from './crons.ts';

export { SiteInbox } from './objects/site-inbox.ts';
export { ChatRoom } from './objects/chat-room.ts';

export default {
  fetch: app.fetch,
  scheduled: (controller, env, ctx) => {
    ctx.waitUntil(controller.cron === NIGHTLY_CRON ? runNightlyWork(env, controller.scheduledTime) : runScheduledWork(env));
  },
} satisfies ExportedHandler<Env>;
