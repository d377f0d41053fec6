import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { IDEA_CATEGORIES, IDEA_LIMITS as L, type Idea, type IdeaComment, type IdeaNotice, type IdeaPage, type IdeaSummary } from '../idea-types.ts';
import { validate } from '../middleware/validate.ts';
import { ApiError } from '../middleware/errors.ts';
import { enforceRateLimit } from '../middleware/rate-limit.ts';
import { authorshipOf, isMine, voterKey, type Viewer } from '../domain/viewer.ts';
import { screenPost } from '../domain/screening.ts';
import { notify } from '../domain/community-events.ts';
import { ftsQuery } from '../domain/search.ts';
import { decodeIdeaCursor, encodeIdeaCursor, ideaSummary, ideaWebhookData, publicIdea, publicIdeaComment } from '../domain/ideas.ts';
import {
  findIdea,
  hasVoted,
  ideasEnabled,
  insertIdea,
  insertIdeaComment,
  listIdeaComments,
  listIdeas,
  searchIdeas,
  setVote,
  type StoredIdea,
} from '../db/ideas.ts';
import { memberRefresh } from './ask.ts';
import { authorName, productId } from './questions.ts';

const PAGE = 20;

const ideaParam = z.object({ site: z.string(), id: z.uuid('invalid_input') });

const listQuery = z.object({
  product: productId.optional(),
  sort: z.enum(['top', 'new', 'done'], 'invalid_idea_sort').default('top'),
  cursor: z.string().max(200).optional(),
});

const similarQuery = z.object({ q: z.string().max(500, 'invalid_input'), product: productId.optional() });

const newIdea = z.object({
  title: z.string('idea_title_too_short').trim().min(L.title.min, 'idea_title_too_short').max(L.title.max, 'idea_title_too_long'),
  body: z.string('idea_body_too_short').trim().min(L.body.min, 'idea_body_too_short').max(L.body.max, 'idea_body_too_long'),
  category: z.enum(IDEA_CATEGORIES, 'invalid_idea_category'),
  productId: productId.nullable().optional(),
  name: authorName,
});

const newComment = z.object({
  body: z.string('idea_comment_too_short').trim().min(L.comment.min, 'idea_comment_too_short').max(L.comment.max, 'idea_comment_too_long'),
  name: authorName,
});

/** The board is a site setting: while it is off, the Ideas routes do not exist for the widget. */
const boardOn = createMiddleware<AppEnv>(async (c, next) => {
  if (!(await ideasEnabled(c.env.DB, c.get('site').id))) {
    throw new ApiError(404, 'ideas_disabled', 'This shop has no idea board.');
  }
  await next();
});

const notFound = () => new ApiError(404, 'idea_not_found', 'This idea does not exist.');

/** An idea the viewer may see: removed ones never, held ones only by their author. */
async function visibleIdea(c: Context<AppEnv>, id: string): Promise<StoredIdea> {
  const idea = await findIdea(c.env.DB, c.get('site').id, id);
  if (!idea || idea.moderation === 'removed' || (idea.moderation === 'held' && !isMine(c.get('viewer'), idea))) throw notFound();
  return idea;
}

/** An idea that takes votes and comments: public and not merged into another. */
async function openIdea(c: Context<AppEnv>, id: string): Promise<StoredIdea> {
  const idea = await visibleIdea(c, id);
  if (idea.mergedInto !== null) throw new ApiError(409, 'idea_merged', 'This idea was merged into another one; vote and comment there.');
  if (idea.moderation === 'held') throw new ApiError(409, 'idea_held', 'This idea waits for review before others can see it.');
  return idea;
}

function requireVoter(viewer: Viewer): string {
  const voter = voterKey(viewer);
  if (!voter) throw new ApiError(400, 'visitor_required', 'Send your visitor id (X-Samen-Visitor) or a shop token to vote.');
  return voter;
}

/** Personal data masked in every field; the post held when any of it looks like spam or hits the blocklist. */
function screenFields<T extends Record<string, string>>(c: Context<AppEnv>, fields: T): { fields: T; notice: IdeaNotice } {
  const blocklist = c.get('site').blocklist;
  const masked = new Set<IdeaNotice['masked'][number]>();
  let held = false;
  const out: Record<string, string> = {};
  for (const [key, text] of Object.entries(fields)) {
    const s = screenPost(text, blocklist);
    out[key] = s.body;
    for (const m of s.masked) masked.add(m);
    if (s.hold) held = true;
  }
  return { fields: out as T, notice: { status: held ? 'held' : 'published', masked: [...masked] } };
}

/**
 * The idea board for shoppers: `/api/v1/sites/:site/ideas…` (see idea-types.ts). Text is stored as
 * typed (after masking) and rendered as plain text by the widget.
 */
export const ideaRoutes = new Hono<AppEnv>()
  .get('/ideas', boardOn, validate('query', listQuery), async (c) => {
    const { product, sort, cursor } = c.req.valid('query');
    const after = cursor === undefined ? null : decodeIdeaCursor(sort, cursor);
    if (cursor !== undefined && !after) throw new ApiError(400, 'invalid_cursor', 'The page cursor is not valid.');
    const viewer = c.get('viewer');
    const page = await listIdeas(c.env.DB, c.get('site').id, {
      sort,
      productId: product ?? null,
      voter: voterKey(viewer),
      limit: PAGE,
      after,
    });
    const body: IdeaPage = {
      ideas: page.ideas.map((i) => publicIdea(i, viewer, i.voted)),
      nextCursor: page.next ? encodeIdeaCursor(sort, page.next) : null,
    };
    return c.json(body, 200);
  })
  .get('/ideas/similar', boardOn, validate('query', similarQuery), async (c) => {
    const { q, product } = c.req.valid('query');
    const match = ftsQuery(q);
    if (!match) return c.json({ ideas: [] satisfies IdeaSummary[] }, 200);
    const found = await searchIdeas(c.env.DB, c.get('site').id, match, { productId: product ?? null, limit: 5 });
    return c.json({ ideas: found.map(ideaSummary) }, 200);
  })
  .post('/ideas', boardOn, validate('json', newIdea), async (c) => {
    const input = c.req.valid('json');
    await enforceRateLimit(c, 'question');
    const viewer = c.get('viewer');
    const now = Date.now();
    const screened = screenFields(c, { title: input.title, body: input.body });
    const stored = await insertIdea(
      c.env.DB,
      c.get('site').id,
      {
        id: crypto.randomUUID(),
        productId: input.productId ?? null,
        title: screened.fields.title,
        body: screened.fields.body,
        category: input.category,
        moderation: screened.notice.status,
        createdAt: now,
        ...authorshipOf(viewer, input.name),
      },
      memberRefresh(c, now),
    );
    const idea: Idea = publicIdea(stored, viewer, false);
    // Held ideas wait for staff: the outside world hears of published ones only.
    if (screened.notice.status === 'published') notify(c, 'idea.created', { idea: ideaWebhookData(idea) });
    return c.json({ idea, notice: screened.notice }, 201);
  })
  .get('/ideas/:id', boardOn, validate('param', ideaParam), async (c) => {
    const idea = await visibleIdea(c, c.req.valid('param').id);
    const viewer = c.get('viewer');
    const siteId = c.get('site').id;
    const voter = voterKey(viewer);
    const own = viewer.kind === 'member' ? { sub: viewer.sub, visitorId: null } : { sub: null, visitorId: viewer.visitorId };
    const [voted, comments] = await Promise.all([
      voter ? hasVoted(c.env.DB, siteId, idea.id, voter) : Promise.resolve(false),
      listIdeaComments(c.env.DB, siteId, idea.id, own),
    ]);
    const body: { idea: Idea; comments: IdeaComment[] } = {
      idea: publicIdea(idea, viewer, voted),
      comments: comments.map((cm) => publicIdeaComment(cm, viewer)),
    };
    return c.json(body, 200);
  })
  .put('/ideas/:id/vote', boardOn, validate('param', ideaParam), async (c) => {
    const voter = requireVoter(c.get('viewer'));
    const idea = await openIdea(c, c.req.valid('param').id);
    await enforceRateLimit(c, 'vote');
    const voteCount = await setVote(c.env.DB, c.get('site').id, idea.id, voter, true, Date.now());
    return c.json({ voted: true as const, voteCount }, 200);
  })
  .delete('/ideas/:id/vote', boardOn, validate('param', ideaParam), async (c) => {
    const voter = requireVoter(c.get('viewer'));
    const idea = await openIdea(c, c.req.valid('param').id);
    await enforceRateLimit(c, 'vote');
    const voteCount = await setVote(c.env.DB, c.get('site').id, idea.id, voter, false, Date.now());
    return c.json({ voted: false as const, voteCount }, 200);
  })
  .post('/ideas/:id/comments', boardOn, validate('param', ideaParam), validate('json', newComment), async (c) => {
    const { body, name } = c.req.valid('json');
    const idea = await openIdea(c, c.req.valid('param').id);
    await enforceRateLimit(c, 'answer');
    const viewer = c.get('viewer');
    const now = Date.now();
    const screened = screenFields(c, { body });
    const stored = await insertIdeaComment(
      c.env.DB,
      c.get('site').id,
      {
        id: crypto.randomUUID(),
        ideaId: idea.id,
        body: screened.fields.body,
        moderation: screened.notice.status,
        createdAt: now,
        ...authorshipOf(viewer, name),
      },
      memberRefresh(c, now),
    );
    return c.json({ comment: publicIdeaComment(stored, viewer), notice: screened.notice }, 201);
  });
