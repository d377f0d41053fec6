import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';

/** What a widget needs to know about its site before rendering. */
export const siteRoutes = new Hono<AppEnv>().get('/', (c) => {
  const { id, name, defaultLanguage } = c.get('site');
  return c.json({ site: { id, name, defaultLanguage } }, 200);
});
