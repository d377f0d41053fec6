import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import type { PurchaseRecorded } from '../review-types.ts';
import { ApiError } from '../middleware/errors.ts';
import { findSite, type Site } from '../db/sites.ts';
import { recordPurchase } from '../db/reviews.ts';
import { ClaimError, claimedSite, verifyPurchaseClaim } from '../domain/reviews-purchases.ts';
import { validateReviews } from './reviews-validate.ts';

const claimBody = z.object({ claim: z.string('invalid_claim').min(1, 'invalid_claim').max(8192, 'invalid_claim') });

async function record(c: Context<AppEnv>, site: Site, token: string) {
  let claim;
  try {
    claim = await verifyPurchaseClaim(token, site.id, site.tokenSecret);
  } catch (err) {
    if (err instanceof ClaimError) throw new ApiError(err.code === 'claims_not_enabled' ? 409 : 401, err.code, err.message);
    throw err;
  }
  const verifiedReviews = await recordPurchase(c.env.DB, site.id, claim, Date.now());
  const body: PurchaseRecorded = { order: claim.order, products: claim.products, verifiedReviews };
  return c.json(body, 200);
}

/**
 * A site's purchase claims: `POST /api/v1/sites/:site/purchases` with `{ "claim": "<JWT>" }`, from
 * the shop's page (CORS for the site's origins) or its backend. Replaying a claim changes nothing.
 */
export const sitePurchaseRoutes = new Hono<AppEnv>().post('/purchases', validateReviews('json', claimBody), async (c) =>
  record(c, c.get('site'), c.req.valid('json').claim),
);

/**
 * Server to server: `POST /api/v1/purchases` with `{ "claim": "<JWT>" }`. The claim's `aud` names
 * the site, whose secret then checks the signature; an unknown site answers like a bad signature,
 * so the endpoint does not tell which sites exist.
 */
export const purchaseRoutes = new Hono<AppEnv>().post('/purchases', validateReviews('json', claimBody), async (c) => {
  const token = c.req.valid('json').claim;
  const siteId = claimedSite(token);
  if (!siteId) throw new ApiError(401, 'claim_claims', 'The purchase claim must name exactly one site in “aud”.');
  const site = /^[a-z0-9][a-z0-9-]{0,62}$/.test(siteId) ? await findSite(c.env.DB, siteId) : null;
  if (!site) throw new ApiError(401, 'claim_signature', 'The purchase claim signature is not valid for this site.');
  return record(c, site, token);
});
