import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import type { SiteInfo } from '../api-types.ts';
import { ideasEnabled } from '../db/ideas.ts';

/** What a widget needs to know about its site before rendering. */
export const siteRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const { id, name, defaultLanguage, brandColor } = c.get('site');
  const site: SiteInfo = { id, name, defaultLanguage, ideas: await ideasEnabled(c.env.DB, id), brandColor };
  return c.json({ site }, 200);
});
