/**
 * How often each kind of write may happen: per actor (member or visitor), per IP, and per site,
 * so one noisy shopper cannot flood a product and a botnet cannot flood a site.
 */
import type { Bucket } from '../db/rate-limits.ts';
import type { Viewer } from './viewer.ts';

const MINUTE = 60e3;

export type LimitedAction = 'question' | 'answer' | 'vote' | 'sign_in' | 'chat';

interface Policy {
  perActor: number;
  perIp: number;
  perSite: number;
  windowMs: number;
}

// Per IP is looser than per actor: offices and mobile networks put many shoppers behind one address.
export const ratePolicies: Record<LimitedAction, Policy> = {
  question: { perActor: 5, perIp: 30, perSite: 300, windowMs: 10 * MINUTE },
  answer: { perActor: 20, perIp: 60, perSite: 600, windowMs: 10 * MINUTE },
  // Helpful votes, accepting, "did not help" and reports.
  vote: { perActor: 60, perIp: 200, perSite: 3000, windowMs: 10 * MINUTE },
  sign_in: { perActor: 10, perIp: 20, perSite: 200, windowMs: 15 * MINUTE },
  // Live chat messages from shoppers and experts (staff are not limited): a fast typist in a busy
  // chat stays far below one message a second on average, a script does not. Over a socket the
  // chat room counts new messages per participant in memory (retries of a stored message are
  // free); the REST fallback counts every attempt in D1 like other writes.
  chat: { perActor: 600, perIp: 1200, perSite: 30000, windowMs: 10 * MINUTE },
};

/** A socket sending more frames than this per second (of any kind) is closed as abusive. */
export const CHAT_FRAMES_PER_SECOND = 100;

export function actorKey(viewer: Viewer): string | null {
  if (viewer.kind === 'member') return `m:${viewer.sub}`;
  if (viewer.kind === 'visitor') return `v:${viewer.visitorId}`;
  return null;
}

/** The buckets one attempt of `action` counts against. */
export function bucketsFor(action: LimitedAction, actor: string | null, ip: string): Bucket[] {
  const p = ratePolicies[action];
  const buckets: Bucket[] = [
    { key: `${action}:ip:${ip}`, limit: p.perIp, windowMs: p.windowMs },
    { key: `${action}:site`, limit: p.perSite, windowMs: p.windowMs },
  ];
  if (actor) buckets.unshift({ key: `${action}:${actor}`, limit: p.perActor, windowMs: p.windowMs });
  return buckets;
}
