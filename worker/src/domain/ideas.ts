/**
 * What shoppers and staff see of stored ideas and comments (never an author's member id, visitor
 * id or email), and the board's page cursors.
 */
import type { ConsoleIdea, Idea, IdeaComment, IdeaSummary } from '../idea-types.ts';
import type { IdeaListCursor, IdeaSort, StoredIdea, StoredIdeaComment } from '../db/ideas.ts';
import { isMine, type Viewer } from './viewer.ts';

export const ideaSummary = (i: StoredIdea): IdeaSummary => ({ id: i.id, title: i.title, status: i.status, voteCount: i.voteCount });

function shared(i: StoredIdea): Omit<Idea, 'voted' | 'mine'> {
  return {
    ...ideaSummary(i),
    productId: i.productId,
    body: i.body,
    category: i.category,
    statusNote: i.statusNote,
    statusAt: i.statusAt,
    commentCount: i.commentCount,
    authorName: i.authorErased ? null : i.authorName,
    formerMember: i.authorErased,
    mergedInto: i.mergedInto,
    createdAt: i.createdAt,
  };
}

export const publicIdea = (i: StoredIdea, viewer: Viewer, voted: boolean): Idea => ({
  ...shared(i),
  voted,
  mine: isMine(viewer, i),
});

export const consoleIdea = (i: StoredIdea, mergedFrom: string[]): ConsoleIdea => ({
  ...shared(i),
  moderation: i.moderation,
  mergedFrom,
});

/** What a webhook says about an idea: what anyone can read on the board, nothing about the viewer. */
export const ideaWebhookData = (i: Omit<Idea, 'voted' | 'mine'>) => ({
  id: i.id,
  productId: i.productId,
  title: i.title,
  body: i.body,
  category: i.category,
  status: i.status,
  statusNote: i.statusNote,
  voteCount: i.voteCount,
  authorName: i.authorName,
  createdAt: i.createdAt,
});

export const publicIdeaComment = (c: StoredIdeaComment, viewer: Viewer): IdeaComment => ({
  id: c.id,
  body: c.body,
  authorName: c.authorErased ? null : c.authorName,
  authorRole: c.authorErased ? null : c.authorRole,
  formerMember: c.authorErased,
  mine: isMine(viewer, c),
  createdAt: c.createdAt,
});

const SORT_LETTER: Record<IdeaSort, string> = { top: 't', new: 'n', done: 'd' };

/** `<sort letter>.<key>.<createdAt>.<id>`: a cursor only fits the list it came from. */
export const encodeIdeaCursor = (sort: IdeaSort, c: IdeaListCursor): string => `${SORT_LETTER[sort]}.${c.key}.${c.createdAt}.${c.id}`;

export function decodeIdeaCursor(sort: IdeaSort, raw: string): IdeaListCursor | null {
  const match = /^([tnd])\.(\d{1,15})\.(\d{1,15})\.([0-9a-f-]{36})$/.exec(raw);
  if (!match?.[2] || !match[3] || !match[4] || match[1] !== SORT_LETTER[sort]) return null;
  return { key: Number(match[2]), createdAt: Number(match[3]), id: match[4] };
}
