import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';

/** Public contributor profiles: reputation, level and badges (being built). */
export const profileRoutes = new Hono<AppEnv>();
