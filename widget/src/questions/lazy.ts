/**
 * Community features that no shopper needs before interacting (answers and votes, reports,
 * search and suggestions, open questions, post notices) are one lazy chunk, fetched on first
 * use and preloaded when the pointer or focus reaches what opens them. Routing to the brand's
 * team (what happens to a question just posted, "Your questions" with the team's replies) is
 * another, fetched after a post, for shoppers with questions of their own, and alongside the
 * first. Repeated calls return the same module.
 */
import type { PostNotice } from '../api/client.ts';

export const loadCommunity = () => import('../community/index.ts');

export const loadRouting = () => import('../routing/index.ts');

/** What to tell the author about a post just stored: held for review, personal data masked ('' for neither). */
export const noticeFor = async (notice: PostNotice, kind: 'question' | 'answer', lang: string): Promise<string> =>
  (await loadCommunity()).noticeText(notice, kind, lang);
