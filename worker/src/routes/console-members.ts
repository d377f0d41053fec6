import { Hono } from 'hono';
import type { ConsoleEnv } from '../middleware/staff-session.ts';

/** The community's members: reputation, influence, promotion to ambassador or expert (being built). */
export const consoleMemberRoutes = new Hono<ConsoleEnv>();
