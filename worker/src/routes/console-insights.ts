import { Hono } from 'hono';
import type { ConsoleEnv } from '../middleware/staff-session.ts';

/** The site owner's analytics (being built). */
export const consoleInsightRoutes = new Hono<ConsoleEnv>();
