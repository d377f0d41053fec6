import { Hono } from 'hono';
import { z } from 'zod';
import { ApiError } from '../middleware/errors.ts';
import { validate } from '../middleware/validate.ts';
import { ownerOnly, staffSession, type ConsoleEnv } from '../middleware/staff-session.ts';
import { decodeCursor, encodeCursor } from '../domain/cursor.ts';
import { consoleIdea, ideaWebhookData } from '../domain/ideas.ts';
import { emitWebhookEvent } from '../domain/webhooks.ts';
import { IDEA_LIMITS as L, IDEA_STATUSES, type ConsoleIdea, type ConsoleIdeaPage, type IdeaSettings } from '../idea-types.ts';
import { findIdea, ideasEnabled, listSiteIdeas, mergeIdeas, mergedInto, setIdeasEnabled, updateIdeaStatus } from '../db/ideas.ts';

const PAGE = 20;

const listQuery = z.object({
  status: z.enum(IDEA_STATUSES, 'invalid_idea_status').optional(),
  product: z.string().regex(/^[\w.:/-]{1,128}$/, 'invalid_product').optional(),
  cursor: z.string().max(200).optional(),
});
const ideaParam = z.object({ id: z.uuid('invalid_input') });
const changeBody = z
  .object({
    status: z.enum(IDEA_STATUSES, 'invalid_idea_status').optional(),
    note: z
      .string('invalid_input')
      .trim()
      .max(L.note.max, 'idea_note_too_long')
      .nullable()
      .optional()
      .transform((s) => (s === undefined ? undefined : s ? s : null)),
    moderation: z.enum(['published', 'held', 'removed'], 'invalid_idea_moderation').optional(),
  })
  .refine((b) => b.status !== undefined || b.note !== undefined || b.moderation !== undefined, 'nothing_to_change');
const mergeBody = z.object({ into: z.uuid('invalid_input') });
const settingsBody = z.object({ enabled: z.boolean('invalid_input') });

const notFound = () => new ApiError(404, 'idea_not_found', 'This idea does not exist.');

/**
 * The idea board in the console: `/api/v1/console/ideas…`. Staff (owners and agents) set an idea's
 * public status with an explanation, publish or remove held ideas and merge duplicates; the owner
 * turns the board on or off. Every query is scoped by the session's site.
 */
export const consoleIdeaRoutes = new Hono<ConsoleEnv>()
  .get('/ideas', staffSession, validate('query', listQuery), async (c) => {
    const { status, product, cursor } = c.req.valid('query');
    const after = cursor === undefined ? null : decodeCursor(cursor);
    if (cursor !== undefined && !after) throw new ApiError(400, 'invalid_cursor', 'The page cursor is not valid.');
    const page = await listSiteIdeas(c.env.DB, c.get('staff').siteId, {
      status: status ?? null,
      productId: product ?? null,
      limit: PAGE,
      after,
    });
    const body: ConsoleIdeaPage = {
      ideas: page.ideas.map((i) => consoleIdea(i, i.mergedFrom)),
      nextCursor: page.next ? encodeCursor(page.next) : null,
    };
    return c.json(body, 200);
  })
  // Registered before `/ideas/:id` so "settings" is never taken for an idea id.
  .get('/ideas/settings', staffSession, ownerOnly, async (c) => {
    const settings: IdeaSettings = { enabled: await ideasEnabled(c.env.DB, c.get('staff').siteId) };
    return c.json(settings, 200);
  })
  .put('/ideas/settings', staffSession, ownerOnly, validate('json', settingsBody), async (c) => {
    const { enabled } = c.req.valid('json');
    await setIdeasEnabled(c.env.DB, c.get('staff').siteId, enabled);
    const settings: IdeaSettings = { enabled };
    return c.json(settings, 200);
  })
  .patch('/ideas/:id', staffSession, validate('param', ideaParam), validate('json', changeBody), async (c) => {
    const siteId = c.get('staff').siteId;
    const { id } = c.req.valid('param');
    const change = c.req.valid('json');
    const updated = await updateIdeaStatus(c.env.DB, siteId, id, change, Date.now());
    if (!updated) throw notFound();
    const idea: ConsoleIdea = consoleIdea(updated.after, await mergedInto(c.env.DB, siteId, id));
    if (updated.before.status !== updated.after.status) {
      c.executionCtx.waitUntil(
        emitWebhookEvent(c.env.DB, siteId, 'idea.status_changed', { idea: ideaWebhookData(idea), previousStatus: updated.before.status }, (req) =>
          fetch(req),
        ).catch((err: unknown) => console.error('webhook emit failed', err)),
      );
    }
    return c.json({ idea }, 200);
  })
  .post('/ideas/:id/merge', staffSession, validate('param', ideaParam), validate('json', mergeBody), async (c) => {
    const siteId = c.get('staff').siteId;
    const { id } = c.req.valid('param');
    const { into } = c.req.valid('json');
    if (id === into) throw new ApiError(400, 'merge_into_itself', 'An idea cannot be merged into itself.');
    const [source, target] = await Promise.all([findIdea(c.env.DB, siteId, id), findIdea(c.env.DB, siteId, into)]);
    if (!source || !target) throw notFound();
    if (source.mergedInto !== null) throw new ApiError(409, 'idea_already_merged', 'This idea was already merged into another one.');
    if (target.mergedInto !== null) {
      throw new ApiError(409, 'merge_target_merged', 'That idea was itself merged into another one; merge into that one instead.');
    }
    if (!(await mergeIdeas(c.env.DB, siteId, id, into, Date.now()))) {
      throw new ApiError(409, 'idea_already_merged', 'One of these ideas was merged meanwhile; reload and try again.');
    }
    const [merged, from] = await Promise.all([findIdea(c.env.DB, siteId, into), mergedInto(c.env.DB, siteId, into)]);
    if (!merged) throw notFound();
    const idea: ConsoleIdea = consoleIdea(merged, from);
    return c.json({ idea }, 200);
  });
