import type { ShopIdentity } from './shop-tokens.ts';

/**
 * Who is calling the widget API. A visitor id is a random, unguessable id the widget creates
 * when an anonymous shopper first interacts; it lets them find their own posts again.
 */
export type Viewer =
  | { kind: 'anonymous'; visitorId: null }
  | { kind: 'visitor'; visitorId: string }
  | ({
      kind: 'member';
      visitorId: string | null;
      /** The site owner made this shopper an ambassador (console): they see open questions of `products`. */
      ambassador?: boolean;
      /** The role the shop's token gave, when a console grant changed `role`. */
      tokenRole?: ShopIdentity['role'];
    } & ShopIdentity);

export const VISITOR_ID = /^v_[A-Za-z0-9_-]{20,64}$/;

/** Authorship as stored on a question or answer. */
export interface Authorship {
  authorSub: string | null;
  authorVisitor: string | null;
  authorRole: 'shopper' | 'expert' | 'staff' | null;
  authorName: string | null;
}

export function authorshipOf(viewer: Viewer, typedName: string | null): Authorship {
  if (viewer.kind === 'member') {
    return { authorSub: viewer.sub, authorVisitor: null, authorRole: viewer.role, authorName: viewer.name };
  }
  return { authorSub: null, authorVisitor: viewer.visitorId, authorRole: null, authorName: typedName };
}

/** Whether a stored post was written by this viewer. */
export function isMine(viewer: Viewer, post: { authorSub: string | null; authorVisitor: string | null }): boolean {
  if (viewer.kind === 'member' && post.authorSub !== null) return post.authorSub === viewer.sub;
  return viewer.visitorId !== null && post.authorVisitor === viewer.visitorId;
}

/** The key a viewer's votes and reports are counted under; null for a viewer with no identity yet. */
export function voterKey(viewer: Viewer): string | null {
  if (viewer.kind === 'member') return `m:${viewer.sub}`;
  return viewer.visitorId ? `v:${viewer.visitorId}` : null;
}
