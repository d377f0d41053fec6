import { Hono } from 'hono';
import type { ConsoleEnv } from '../middleware/staff-session.ts';

/** Staff's idea board: statuses with an explanation, merging duplicates, the site setting (being built). */
export const consoleIdeaRoutes = new Hono<ConsoleEnv>();
