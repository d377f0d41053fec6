import { Hono } from 'hono';
import type { AppEnv } from './env.ts';
import { onError, onNotFound } from './middleware/errors.ts';
import { siteFromPath } from './middleware/site.ts';
import { siteRoutes } from './routes/sites.ts';
import { questionRoutes } from './routes/questions.ts';

const SITE_BASE = '/api/v1/sites/:site';

export const app = new Hono<AppEnv>()
  .get('/api/v1/health', (c) => c.json({ ok: true }, 200))
  .use(`${SITE_BASE}/*`, siteFromPath)
  .use(SITE_BASE, siteFromPath)
  .route(SITE_BASE, siteRoutes)
  .route(SITE_BASE, questionRoutes);

app.onError(onError);
app.notFound(onNotFound);

export type AppType = typeof app;
