/**
 * Where a question goes and what the shopper is promised. Personal questions (and everything
 * asked at checkout) go privately to staff at once; public ones go to the community first and
 * reach staff when the ambassador-first window ends without an accepted answer, when the asker
 * says an answer did not help, or at once when the same shopper comes back about the same
 * product or order (a second contact, with priority).
 */
import type { Language, RoutingNotice, TimePromise } from '../api-types.ts';
import type { QueueReason } from '../routes/console-types.ts';
import type { Site } from '../db/sites.ts';
import type { Channel, Visibility } from '../db/questions.ts';
import type { Triage } from './triage.ts';
import {
  clearEscalationStatement,
  countWaitingItems,
  dueEscalations,
  firstAnswerDelays,
  insertStaffItemStatement,
  type NewStaffItem,
} from '../db/routing.ts';
import { findSite } from '../db/sites.ts';
import { communityEstimate, formatEstimate, formatPromise, isOpen, nextOpening, staffDeadline } from './time-promise.ts';

const MINUTE = 60e3;
const DAY = 24 * 60 * MINUTE;
/** A second contact: the same shopper about the same product or order within this long. */
export const SECOND_CONTACT_WINDOW_MS = 14 * DAY;
/** Business time staff spend per item already waiting, for the promise when the queue is long. */
export const QUEUE_ITEM_MS = 5 * MINUTE;
/** What the community promise says when the product and the site have too few answered questions. */
export const DEFAULT_COMMUNITY_MS = 2 * 60 * MINUTE;
/** The window the community median looks back over. */
export const COMMUNITY_LOOKBACK_MS = 30 * DAY;

export interface RoutingDecision {
  visibility: Visibility;
  /** Why it goes to staff now; null: community first. */
  reason: QueueReason | null;
  priority: boolean;
  category: Triage['category'];
  complaint: boolean;
}

/** The routing of a new question from its triage, where it was asked, and the shopper's earlier contact. */
export function decideRouting(triage: Triage, channel: Channel, earlierContact: string | null): RoutingDecision {
  const priority = triage.complaint || earlierContact !== null;
  if (channel === 'checkout') {
    return { visibility: 'private', reason: 'checkout', priority, category: triage.category ?? 'order_status', complaint: triage.complaint };
  }
  if (triage.kind === 'personal') {
    return { visibility: 'private', reason: triage.complaint ? 'complaint' : 'personal', priority, category: triage.category, complaint: triage.complaint };
  }
  if (earlierContact) return { visibility: 'public', reason: 'second_contact', priority: true, category: null, complaint: false };
  return { visibility: 'public', reason: null, priority: false, category: null, complaint: false };
}

/** The shopper's key for second contacts: the shop's customer id, or the browser's visitor id. */
export const shopperKey = (author: { authorSub: string | null; authorVisitor: string | null }): string | null =>
  author.authorSub ? `m:${author.authorSub}` : author.authorVisitor ? `v:${author.authorVisitor}` : null;

/** End of the ambassador-first window for a question posted at `now`. */
export const escalationDeadline = (site: Site, now: number): number =>
  staffDeadline({ now, businessHours: site.businessHours, timeZone: site.timeZone, holidays: site.holidays, slaMs: site.communityWindowMs });

/** The staff's first-response target for an item routed at `at`. */
export const slaDueAt = (site: Site, at: number): number =>
  staffDeadline({ now: at, businessHours: site.businessHours, timeZone: site.timeZone, holidays: site.holidays, slaMs: site.slaMs });

/**
 * When staff will answer an item that reaches them at `from`: the SLA, or later when the queue
 * ahead is longer than the SLA leaves room for.
 */
export function staffAnswerBy(site: Site, from: number, queueAhead: number): number {
  const byQueue = staffDeadline({
    now: from,
    businessHours: site.businessHours,
    timeZone: site.timeZone,
    holidays: site.holidays,
    slaMs: 0,
    queueAhead,
    perItemMs: QUEUE_ITEM_MS,
  });
  return Math.max(slaDueAt(site, from), byQueue);
}

/** The shopper's language and zone for the promise's wording. */
export interface Audience {
  lang: Language;
  timeZone: string;
}

/** Builds the two-part promise from the site's real data. */
export async function timePromise(
  db: D1Database,
  site: Site,
  question: { productId: string; visibility: Visibility; escalateAt: number | null },
  audience: Audience,
  now: number,
): Promise<TimePromise> {
  const queueAhead = await countWaitingItems(db, site.id);
  let community: TimePromise['community'] = null;
  if (question.visibility === 'public') {
    const since = now - COMMUNITY_LOOKBACK_MS;
    let delays = await firstAnswerDelays(db, site.id, question.productId, since);
    if (delays.length < 5) delays = await firstAnswerDelays(db, site.id, null, since);
    const estimate = communityEstimate(delays, DEFAULT_COMMUNITY_MS);
    community = {
      ms: estimate.ms,
      value: estimate.value,
      unit: estimate.unit,
      text: formatEstimate(estimate, audience.lang),
      fromData: estimate.source === 'median',
    };
  }
  const reachesStaff = question.visibility === 'public' ? (question.escalateAt ?? now) : now;
  const at = staffAnswerBy(site, reachesStaff, queueAhead);
  const openNow = isOpen(now, site.businessHours, site.timeZone, site.holidays);
  const reopensAt = openNow ? null : nextOpening(now, site.businessHours, site.timeZone, site.holidays);
  return {
    community,
    staff: { at, text: formatPromise(at, now, audience.lang, audience.timeZone).text },
    openNow,
    reopens: reopensAt === null ? null : { at: reopensAt, text: formatPromise(reopensAt, now, audience.lang, audience.timeZone, 0).text },
  };
}

export function routingNotice(decision: Pick<RoutingDecision, 'visibility' | 'category' | 'complaint'>, channel: Channel, promise: TimePromise): RoutingNotice {
  return {
    visibility: decision.visibility,
    category: decision.visibility === 'private' ? decision.category : null,
    complaint: decision.complaint,
    canMoveToCommunity: decision.visibility === 'private' && channel === 'product',
    promise,
  };
}

/** A new queue item for a question routed at `now`. */
export function newStaffItem(
  site: Site,
  q: { id: string; productId: string; authorSub: string | null; authorVisitor: string | null; orderRef: string | null },
  route: { reason: QueueReason; category: string | null; priority: boolean; relatedQuestionId: string | null },
  now: number,
): NewStaffItem {
  return {
    id: crypto.randomUUID(),
    questionId: q.id,
    productId: q.productId,
    reason: route.reason,
    category: route.category,
    priority: route.priority,
    shopperKey: shopperKey(q),
    orderRef: q.orderRef,
    relatedQuestionId: route.relatedQuestionId,
    slaDueAt: slaDueAt(site, now),
    routedAt: now,
  };
}

/**
 * Routes an existing public question to staff (timeout, "did not help"). Idempotent: a question
 * already with staff keeps its one item. Returns the item id when this call routed it.
 */
export async function routeExistingQuestion(
  db: D1Database,
  site: Site,
  q: { id: string; productId: string; authorSub: string | null; authorVisitor: string | null; orderRef: string | null },
  reason: 'timeout' | 'not_helpful',
  now: number,
): Promise<string | null> {
  const item = newStaffItem(site, q, { reason, category: null, priority: false, relatedQuestionId: null }, now);
  const [inserted] = await db.batch([insertStaffItemStatement(db, site.id, item), clearEscalationStatement(db, site.id, q.id)]);
  if ((inserted?.meta.changes ?? 0) > 0) return item.id;
  return null;
}

export interface RoutedItem {
  siteId: string;
  itemId: string;
}

/**
 * Routes every question whose ambassador-first window has ended without an accepted answer (one
 * site for its inbox alarm, or all sites for the safety sweep). Questions settled meanwhile
 * (accepted, removed, made private) just leave the window. Safe to run concurrently with itself.
 */
export async function escalateDue(db: D1Database, siteId: string | null, now: number, limit = 200): Promise<RoutedItem[]> {
  const due = await dueEscalations(db, siteId, now, limit);
  const sites = new Map<string, Site | null>();
  const routed: RoutedItem[] = [];
  for (const q of due) {
    if (!sites.has(q.siteId)) sites.set(q.siteId, await findSite(db, q.siteId));
    const site = sites.get(q.siteId);
    if (!site || q.acceptedAnswerId !== null || q.status !== 'published' || q.visibility !== 'public') {
      await clearEscalationStatement(db, q.siteId, q.questionId).run();
      continue;
    }
    const itemId = await routeExistingQuestion(db, site, { id: q.questionId, ...q }, 'timeout', now);
    if (itemId) routed.push({ siteId: q.siteId, itemId });
  }
  return routed;
}
