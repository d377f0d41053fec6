import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';

/** The idea board: shoppers' ideas, votes and comments (being built). */
export const ideaRoutes = new Hono<AppEnv>();
