import { Hono } from 'hono';
import { z } from 'zod';
import { validate } from '../middleware/validate.ts';
import { ApiError } from '../middleware/errors.ts';
import { staffSession, type ConsoleEnv } from '../middleware/staff-session.ts';
import { deleteCanned, insertCannedWithin, listCanned } from '../db/routing.ts';
import { CANNED_TITLE_MAX, MAX_CANNED_PER_SITE, STAFF_MESSAGE_MAX } from './console-types.ts';

const newCanned = z.object({
  title: z.string('title_invalid').trim().min(1, 'title_invalid').max(CANNED_TITLE_MAX, 'title_invalid'),
  body: z.string('body_invalid').trim().min(1, 'body_invalid').max(STAFF_MESSAGE_MAX, 'body_invalid'),
});
const cannedParam = z.object({ id: z.uuid('invalid_input') });

/** Canned responses, shared by the site's staff: `/api/v1/console/canned…`. */
export const consoleCannedRoutes = new Hono<ConsoleEnv>()
  .get('/canned', staffSession, async (c) => c.json({ canned: await listCanned(c.env.DB, c.get('staff').siteId) }, 200))
  .post('/canned', staffSession, validate('json', newCanned), async (c) => {
    const canned = { id: crypto.randomUUID(), ...c.req.valid('json'), createdAt: Date.now() };
    if (!(await insertCannedWithin(c.env.DB, c.get('staff').siteId, canned, MAX_CANNED_PER_SITE))) {
      throw new ApiError(409, 'too_many_canned', `A site can keep at most ${MAX_CANNED_PER_SITE} canned responses.`);
    }
    return c.json({ canned }, 201);
  })
  .delete('/canned/:id', staffSession, validate('param', cannedParam), async (c) => {
    if (!(await deleteCanned(c.env.DB, c.get('staff').siteId, c.req.valid('param').id))) {
      throw new ApiError(404, 'canned_not_found', 'This canned response does not exist.');
    }
    return c.body(null, 204);
  });
