import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';

/**
 * `Server-Timing: app;dur=<ms>` on every API response: the time spent in the Worker, without the
 * network. Workers' clocks advance only across I/O, which is exactly the database time we care about.
 */
export const serverTiming = createMiddleware<AppEnv>(async (c, next) => {
  const start = Date.now();
  await next();
  c.res.headers.append('Server-Timing', `app;dur=${Date.now() - start}`);
});
