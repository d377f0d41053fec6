import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { validate } from '../middleware/validate.ts';
import { ApiError } from '../middleware/errors.ts';
import { signShopToken } from '../domain/shop-tokens.ts';
import { demoPersonas } from '../domain/demo-personas.ts';

const personaBody = z.object({ persona: z.enum(['anna', 'eva']) });

/**
 * The demo shop's stand-in for a real shop backend: it signs a shopper or expert token with
 * the demo site's secret, server-side, exactly as a shop would. Only for the `demo` site, and
 * only where DEMO_PERSONAS is "on".
 */
export const demoRoutes = new Hono<AppEnv>().post('/demo/token', validate('json', personaBody), async (c) => {
  const site = c.get('site');
  if (c.env.DEMO_PERSONAS !== 'on' || site.id !== 'demo' || !site.tokenSecret) {
    throw new ApiError(404, 'not_found', 'No such endpoint.');
  }
  const persona = demoPersonas[c.req.valid('json').persona];
  const token = await signShopToken(persona, site.id, site.tokenSecret, 2 * 3600);
  return c.json({ token, name: persona.name, role: persona.role }, 200);
});
