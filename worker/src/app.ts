import { Hono } from 'hono';
import type { AppEnv } from './env.ts';
import { onError, onNotFound } from './middleware/errors.ts';
import { serverTiming } from './middleware/server-timing.ts';
import { siteFromPath } from './middleware/site.ts';
import { viewerFromRequest } from './middleware/viewer.ts';
import { siteRoutes } from './routes/sites.ts';
import { questionRoutes } from './routes/questions.ts';
import { meRoutes } from './routes/me.ts';
import { demoRoutes } from './routes/demo.ts';
import { answerRoutes } from './routes/answers.ts';
import { reportRoutes } from './routes/reports.ts';
import { searchRoutes } from './routes/search.ts';
import { expertRoutes } from './routes/expert.ts';
import { seoRoutes } from './routes/seo.ts';
import { routingRoutes } from './routes/routing.ts';
import { conversationRoutes } from './routes/conversations.ts';
import { consoleRoutes } from './routes/console.ts';
import { reviewApi } from './routes/reviews.ts';
import { ideaRoutes } from './routes/ideas.ts';
import { profileRoutes } from './routes/profiles.ts';

const SITE_BASE = '/api/v1/sites/:site';

export const app = new Hono<AppEnv>()
  .use('/api/*', serverTiming)
  .get('/api/v1/health', (c) => c.json({ ok: true }, 200))
  .use(`${SITE_BASE}/*`, siteFromPath, viewerFromRequest)
  .route(SITE_BASE, siteRoutes)
  .route(SITE_BASE, questionRoutes)
  .route(SITE_BASE, routingRoutes)
  .route(SITE_BASE, conversationRoutes)
  .route(SITE_BASE, meRoutes)
  .route(SITE_BASE, demoRoutes)
  .route(SITE_BASE, answerRoutes)
  .route(SITE_BASE, reportRoutes)
  .route(SITE_BASE, searchRoutes)
  .route(SITE_BASE, expertRoutes)
  .route(SITE_BASE, seoRoutes)
  .route(SITE_BASE, ideaRoutes)
  .route(SITE_BASE, profileRoutes)
  .route('/api/v1', reviewApi)
  .route('/api/v1/console', consoleRoutes);

app.onError(onError);
app.notFound(onNotFound);

export type AppType = typeof app;
