/**
 * Posting a question, shared by the product page and the checkout: screening, triage, routing
 * (community first, or privately to staff at once), and the time promise the shopper is shown.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import type { PostNotice, Question, RoutingNotice } from '../api-types.ts';
import { enforceRateLimit } from '../middleware/rate-limit.ts';
import { ApiError } from '../middleware/errors.ts';
import { authorshipOf } from '../domain/viewer.ts';
import { publicQuestion } from '../domain/public-posts.ts';
import { screenPost } from '../domain/screening.ts';
import { triageQuestion, type Triage } from '../domain/triage.ts';
import { notify } from '../domain/community-events.ts';
import { armEscalation, publishQueueEvent } from '../domain/inbox.ts';
import {
  SECOND_CONTACT_WINDOW_MS,
  decideRouting,
  escalationDeadline,
  newStaffItem,
  routingNotice,
  timePromise,
  type Audience,
  type RoutingDecision,
} from '../domain/routing.ts';
import { upsertMemberStatement } from '../db/members.ts';
import { logModerationStatement } from '../db/community.ts';
import { findEarlierContact, insertStaffItemStatement } from '../db/routing.ts';
import { insertQuestion, type Channel, type PostStatus } from '../db/questions.ts';

/** The shopper's language and zone, for the promise's wording; the site's own when not sent. */
export const audienceFields = {
  lang: z.enum(['en', 'nl', 'fr'], 'invalid_language').optional(),
  timeZone: z
    .string()
    .max(64)
    .refine(isTimeZone, 'invalid_time_zone')
    .optional(),
};

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz.length > 0;
  } catch {
    return false;
  }
}

export function audienceOf(c: Context<AppEnv>, sent: { lang?: Audience['lang'] | undefined; timeZone?: string | undefined }): Audience {
  const site = c.get('site');
  return { lang: sent.lang ?? site.defaultLanguage, timeZone: sent.timeZone ?? site.timeZone };
}

/** Writes by an identified member refresh what we know of them, in the same transaction. */
export function memberRefresh(c: Context<AppEnv>, now: number): D1PreparedStatement[] {
  const viewer = c.get('viewer');
  return viewer.kind === 'member' ? [upsertMemberStatement(c.env.DB, c.get('site').id, viewer, now)] : [];
}

/**
 * Screens a new post: personal data masked, obvious spam held for review, and an audit row for
 * either, in the same transaction as the post. Private posts are never held: only staff read them.
 */
export function screen(c: Context<AppEnv>, text: string, targetType: 'question' | 'answer', id: string, now: number, isPrivate = false) {
  const site = c.get('site');
  const result = screenPost(text, site.blocklist);
  const hold = isPrivate ? null : result.hold;
  const status: PostStatus = hold ? 'held' : 'published';
  const audit: D1PreparedStatement[] = [];
  if (result.masked.length) {
    audit.push(
      logModerationStatement(c.env.DB, site.id, { targetType, targetId: id, action: 'masked', actor: 'system', reason: result.masked.join(', ') }, now),
    );
  }
  if (hold) {
    audit.push(logModerationStatement(c.env.DB, site.id, { targetType, targetId: id, action: 'held', actor: 'system', reason: hold }, now));
  }
  const notice: PostNotice = { status: hold ? 'held' : 'published', masked: result.masked };
  return { body: result.body, status, audit, notice };
}

export interface AskInput {
  productId: string;
  channel: Channel;
  orderRef: string | null;
  text: string;
  authorName: string | null;
  audience: Audience;
  /** Overrides where the question goes (live chat: always to staff, privately). */
  route?: (decided: RoutingDecision, triage: Triage, earlierContact: string | null) => RoutingDecision;
  /** More statements for the question's own transaction, given its id and its queue item's. */
  after?: (ids: { questionId: string; itemId: string | null }) => D1PreparedStatement[];
}

export async function askQuestion(
  c: Context<AppEnv>,
  input: AskInput,
): Promise<{ question: Question; notice: PostNotice; routing: RoutingNotice }> {
  await enforceRateLimit(c, 'question');
  const site = c.get('site');
  const db = c.env.DB;
  const now = Date.now();
  const viewer = c.get('viewer');
  const id = crypto.randomUUID();
  const author = authorshipOf(viewer, input.authorName);
  if (input.channel === 'checkout' && !author.authorSub && !author.authorVisitor) {
    // The reply must find its way back to this shopper.
    throw new ApiError(400, 'visitor_required', 'Send your visitor id (X-Samen-Visitor) or a shop token.');
  }

  const triage = triageQuestion(input.text, site.triageKeywords);
  const earlier = await findEarlierContact(
    db,
    site.id,
    { sub: author.authorSub, visitorId: author.authorVisitor },
    { productId: input.productId, orderRef: input.orderRef },
    now - SECOND_CONTACT_WINDOW_MS,
    id,
  );
  const decided = decideRouting(triage, input.channel, earlier);
  const decision = input.route ? input.route(decided, triage, earlier) : decided;
  const isPrivate = decision.visibility === 'private';
  const screened = screen(c, input.text, 'question', id, now, isPrivate);
  // Public questions wait for the community unless they go to staff at once (second contact).
  const escalateAt = decision.visibility === 'public' && !decision.reason ? escalationDeadline(site, now) : null;
  const item = decision.reason
    ? newStaffItem(
        site,
        { id, productId: input.productId, orderRef: input.orderRef, ...author },
        { reason: decision.reason, category: decision.category, priority: decision.priority, relatedQuestionId: earlier },
        now,
      )
    : null;

  const stored = await insertQuestion(
    db,
    site.id,
    { id, productId: input.productId, body: screened.body, status: screened.status, createdAt: now, ...author },
    {
      visibility: decision.visibility,
      channel: input.channel,
      orderRef: input.orderRef,
      category: decision.category,
      complaint: decision.complaint,
      triageMatched: triage.matched,
      staffBody: screened.notice.masked.length ? input.text : null,
      escalateAt,
    },
    [...memberRefresh(c, now), ...screened.audit],
    [...(item ? [insertStaffItemStatement(db, site.id, item)] : []), ...(input.after?.({ questionId: id, itemId: item?.id ?? null }) ?? [])],
  );

  const promise = await timePromise(db, site, { productId: input.productId, visibility: decision.visibility, escalateAt }, input.audience, now);
  const question = publicQuestion(stored, viewer);
  if (!isPrivate && screened.status === 'published') notify(c, 'question.created', { question });
  if (item) publishQueueEvent(c.env, c.executionCtx, site.id, item.id, 'routed');
  if (escalateAt !== null && screened.status === 'published') armEscalation(c.env, c.executionCtx, site.id, escalateAt);
  return { question, notice: screened.notice, routing: routingNotice(decision, input.channel, promise) };
}
