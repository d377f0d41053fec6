import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { validate } from '../middleware/validate.ts';
import { ApiError } from '../middleware/errors.ts';
import { signShopToken } from '../domain/shop-tokens.ts';
import { demoPersonas } from '../domain/demo-personas.ts';
import { signPurchaseClaim, verifyPurchaseClaim } from '../domain/reviews-purchases.ts';
import { recordPurchase } from '../db/reviews.ts';

const personaBody = z.object({ persona: z.enum(['anna', 'eva']) });
const checkoutBody = personaBody.extend({
  order: z.string().regex(/^[\w.:/#-]{1,64}$/),
  products: z.array(z.string().regex(/^[\w.:/-]{1,128}$/)).min(1).max(50),
});

/** The demo's shop backend exists only for the `demo` site, and only where DEMO_PERSONAS is "on". */
function demoSite(c: Context<AppEnv>) {
  const site = c.get('site');
  if (c.env.DEMO_PERSONAS !== 'on' || site.id !== 'demo' || !site.tokenSecret) {
    throw new ApiError(404, 'not_found', 'No such endpoint.');
  }
  return { ...site, tokenSecret: site.tokenSecret };
}

/**
 * The demo shop's stand-in for a real shop backend: it signs a shopper or expert token with
 * the demo site's secret, server-side, exactly as a shop would; and at checkout it signs the
 * purchase claim for the order and hands it to Samen, as a shop's backend would after payment.
 */
export const demoRoutes = new Hono<AppEnv>()
  .post('/demo/token', validate('json', personaBody), async (c) => {
    const site = demoSite(c);
    const persona = demoPersonas[c.req.valid('json').persona];
    const token = await signShopToken(persona, site.id, site.tokenSecret, 2 * 3600);
    return c.json({ token, name: persona.name, role: persona.role }, 200);
  })
  .post('/demo/checkout', validate('json', checkoutBody), async (c) => {
    const site = demoSite(c);
    const { persona: who, order, products } = c.req.valid('json');
    const persona = demoPersonas[who];
    const claim = await signPurchaseClaim({ sub: persona.sub, order, products }, site.id, site.tokenSecret);
    // What `POST /api/v1/purchases` does with a claim, done in place: this route is the shop's backend.
    const verified = await verifyPurchaseClaim(claim, site.id, site.tokenSecret);
    const verifiedReviews = await recordPurchase(c.env.DB, site.id, verified, Date.now());
    return c.json({ order: verified.order, products: verified.products, name: persona.name, verifiedReviews }, 200);
  });
