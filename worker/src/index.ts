import { app } from './app.ts';
import { runScheduledWork } from './scheduled.ts';

export default {
  fetch: app.fetch,
  scheduled: (_controller, env, ctx) => {
    ctx.waitUntil(runScheduledWork(env));
  },
} satisfies ExportedHandler<Env>;
