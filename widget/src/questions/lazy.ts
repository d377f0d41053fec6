/**
 * Community features that no shopper needs before interacting (answers and votes, reports,
 * search and suggestions, open questions, post notices) are one lazy chunk, fetched on first
 * use and preloaded when the pointer or focus reaches what opens them. Repeated calls return
 * the same module.
 */
import type { PostNotice } from '../api/client.ts';

export const loadCommunity = () => import('../community/index.ts');

/** What to tell the author about a post just stored: held for review, personal data masked ('' for neither). */
export const noticeFor = async (notice: PostNotice, kind: 'question' | 'answer', lang: string): Promise<string> =>
  (await loadCommunity()).noticeText(notice, kind, lang);
