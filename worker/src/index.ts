import { app } from './app.ts';
import { runScheduledWork } from './scheduled.ts';

export { SiteInbox } from './objects/site-inbox.ts';
export { ChatRoom } from './objects/chat-room.ts';

export default {
  fetch: app.fetch,
  scheduled: (_controller, env, ctx) => {
    ctx.waitUntil(runScheduledWork(env));
  },
} satisfies ExportedHandler<Env>;
