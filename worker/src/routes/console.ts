import { Hono } from 'hono';
import { consoleGuard, type ConsoleEnv } from '../middleware/staff-session.ts';
import { consoleSessionRoutes } from './console-session.ts';
import { consoleQuestionRoutes } from './console-questions.ts';
import { consoleShopperRoutes } from './console-shoppers.ts';
import { consoleStaffRoutes } from './console-staff.ts';
import { consoleSiteRoutes } from './console-site.ts';
import { consoleModerationRoutes } from './console-moderation.ts';
import { consoleWebhookRoutes } from './console-webhooks.ts';
import { consoleQueueRoutes } from './console-queue.ts';
import { consoleConversationRoutes } from './console-conversations.ts';
import { consoleCannedRoutes } from './console-canned.ts';
import { consoleRoutingRoutes } from './console-routing.ts';
import { consoleReviewRoutes } from './console-reviews.ts';
import { consoleIdeaRoutes } from './console-ideas.ts';
import { consoleInsightRoutes } from './console-insights.ts';
import { consoleMemberRoutes } from './console-members.ts';

/**
 * The staff console API, mounted at `/api/v1/console`. First-party: no site/viewer middleware
 * and no CORS; the CSRF guard covers every route, and each route names the session and role
 * it needs (`staffSession`, `ownerOnly`) itself, so a route without them is visibly public.
 */
export const consoleRoutes = new Hono<ConsoleEnv>()
  .use('*', consoleGuard)
  .route('/', consoleSessionRoutes)
  .route('/', consoleQuestionRoutes)
  .route('/', consoleShopperRoutes)
  .route('/', consoleStaffRoutes)
  .route('/', consoleSiteRoutes)
  .route('/', consoleModerationRoutes)
  .route('/', consoleWebhookRoutes)
  .route('/', consoleQueueRoutes)
  .route('/', consoleConversationRoutes)
  .route('/', consoleCannedRoutes)
  .route('/', consoleRoutingRoutes)
  .route('/', consoleReviewRoutes)
  .route('/', consoleIdeaRoutes)
  .route('/', consoleInsightRoutes)
  .route('/', consoleMemberRoutes);
