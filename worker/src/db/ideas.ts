/**
 * The idea board's storage. Every query names the site; vote and comment counts are kept exact by
 * the triggers of migration 0010, so no code here adds or subtracts them.
 */
import type { IdeaCategory, IdeaModeration, IdeaStatus } from '../idea-types.ts';
import type { Authorship } from '../domain/viewer.ts';

export type { IdeaModeration };
export type IdeaSort = 'top' | 'new' | 'done';

export interface StoredIdea {
  id: string;
  productId: string | null;
  title: string;
  body: string;
  category: IdeaCategory;
  status: IdeaStatus;
  statusNote: string | null;
  statusAt: number | null;
  voteCount: number;
  commentCount: number;
  mergedInto: string | null;
  moderation: IdeaModeration;
  authorSub: string | null;
  authorVisitor: string | null;
  authorName: string | null;
  authorRole: Authorship['authorRole'];
  authorErased: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface StoredIdeaComment {
  id: string;
  ideaId: string;
  body: string;
  moderation: IdeaModeration;
  authorSub: string | null;
  authorVisitor: string | null;
  authorName: string | null;
  authorRole: Authorship['authorRole'];
  authorErased: boolean;
  createdAt: number;
}

interface IdeaRow {
  id: string;
  product_id: string | null;
  title: string;
  body: string;
  category: IdeaCategory;
  status: IdeaStatus;
  status_note: string | null;
  status_at: number | null;
  vote_count: number;
  comment_count: number;
  merged_into: string | null;
  moderation: IdeaModeration;
  author_sub: string | null;
  author_visitor: string | null;
  author_name: string | null;
  author_role: Authorship['authorRole'];
  author_erased: number;
  created_at: number;
  updated_at: number;
}

interface CommentRow {
  id: string;
  idea_id: string;
  body: string;
  moderation: IdeaModeration;
  author_sub: string | null;
  author_visitor: string | null;
  author_name: string | null;
  author_role: Authorship['authorRole'];
  author_erased: number;
  created_at: number;
}

const IDEA_COLS =
  'id, product_id, title, body, category, status, status_note, status_at, vote_count, comment_count, merged_into, moderation, ' +
  'author_sub, author_visitor, author_name, author_role, author_erased, created_at, updated_at';
const I_COLS = IDEA_COLS.split(', ').map((c) => `i.${c}`).join(', ');
const COMMENT_COLS = 'id, idea_id, body, moderation, author_sub, author_visitor, author_name, author_role, author_erased, created_at';

const toIdea = (r: IdeaRow): StoredIdea => ({
  id: r.id,
  productId: r.product_id,
  title: r.title,
  body: r.body,
  category: r.category,
  status: r.status,
  statusNote: r.status_note,
  statusAt: r.status_at,
  voteCount: r.vote_count,
  commentCount: r.comment_count,
  mergedInto: r.merged_into,
  moderation: r.moderation,
  authorSub: r.author_sub,
  authorVisitor: r.author_visitor,
  authorName: r.author_name,
  authorRole: r.author_role,
  authorErased: r.author_erased === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toComment = (r: CommentRow): StoredIdeaComment => ({
  id: r.id,
  ideaId: r.idea_id,
  body: r.body,
  moderation: r.moderation,
  authorSub: r.author_sub,
  authorVisitor: r.author_visitor,
  authorName: r.author_name,
  authorRole: r.author_role,
  authorErased: r.author_erased === 1,
  createdAt: r.created_at,
});

// ── Site setting ─────────────────────────────────────────────────────────────────────────────

export async function ideasEnabled(db: D1Database, siteId: string): Promise<boolean> {
  const row = await db.prepare('SELECT ideas_enabled FROM sites WHERE id = ?').bind(siteId).first<{ ideas_enabled: number }>();
  return row?.ideas_enabled === 1;
}

export async function setIdeasEnabled(db: D1Database, siteId: string, enabled: boolean): Promise<void> {
  await db.prepare('UPDATE sites SET ideas_enabled = ? WHERE id = ?').bind(enabled ? 1 : 0, siteId).run();
}

// ── Reading ──────────────────────────────────────────────────────────────────────────────────

export async function findIdea(db: D1Database, siteId: string, id: string): Promise<StoredIdea | null> {
  const row = await db.prepare(`SELECT ${IDEA_COLS} FROM ideas WHERE site_id = ? AND id = ?`).bind(siteId, id).first<IdeaRow>();
  return row ? toIdea(row) : null;
}

/** Where the next page of a list starts: the sort key of the last idea shown. */
export interface IdeaListCursor {
  /** vote_count for 'top', created_at for 'new', status_at for 'done'. */
  key: number;
  /** created_at for 'top' (the tie-breaker before the id); unused otherwise. */
  createdAt: number;
  id: string;
}

// The lists' WHERE terms are written exactly as in the partial indexes of 0010, so SQLite uses them.
const LIST_SQL: Record<IdeaSort, { where: string; order: string; after: string }> = {
  top: {
    where: `merged_into IS NULL AND moderation = 'published' AND status IN ('new', 'under_review', 'planned')`,
    order: 'vote_count DESC, created_at DESC, id DESC',
    after: '(vote_count, created_at, id) < (?4, ?5, ?6)',
  },
  new: {
    where: `merged_into IS NULL AND moderation = 'published' AND status IN ('new', 'under_review', 'planned')`,
    order: 'created_at DESC, id DESC',
    after: '(created_at, id) < (?4, ?6)',
  },
  done: {
    where: `merged_into IS NULL AND moderation = 'published' AND status = 'done'`,
    order: 'status_at DESC, id DESC',
    after: '(status_at, id) < (?4, ?6)',
  },
};

/**
 * One page of the widget's board. With a product: that product's ideas and the site-wide ones;
 * without: every idea of the site. `voted` says which of them the voter voted for.
 */
export async function listIdeas(
  db: D1Database,
  siteId: string,
  opts: { sort: IdeaSort; productId: string | null; voter: string | null; limit: number; after: IdeaListCursor | null },
): Promise<{ ideas: (StoredIdea & { voted: boolean })[]; next: IdeaListCursor | null }> {
  const sql = LIST_SQL[opts.sort];
  const { results } = await db
    .prepare(
      `SELECT ${IDEA_COLS},
              EXISTS (SELECT 1 FROM idea_votes v WHERE v.site_id = ideas.site_id AND v.idea_id = ideas.id AND v.voter = ?7) AS voted
         FROM ideas
        WHERE site_id = ?1 AND ${sql.where}
          AND (?2 IS NULL OR product_id = ?2 OR product_id IS NULL)
          AND (?3 = 0 OR ${sql.after})
        ORDER BY ${sql.order} LIMIT ?8`,
    )
    .bind(
      siteId,
      opts.productId,
      opts.after ? 1 : 0,
      opts.after?.key ?? 0,
      opts.after?.createdAt ?? 0,
      opts.after?.id ?? '',
      opts.voter ?? '',
      opts.limit + 1,
    )
    .all<IdeaRow & { voted: number }>();
  const ideas = results.slice(0, opts.limit).map((r) => ({ ...toIdea(r), voted: r.voted === 1 }));
  const last = ideas.at(-1);
  const next =
    results.length > opts.limit && last
      ? {
          key: opts.sort === 'top' ? last.voteCount : opts.sort === 'new' ? last.createdAt : (last.statusAt ?? 0),
          createdAt: last.createdAt,
          id: last.id,
        }
      : null;
  return { ideas, next };
}

/** The FTS `scope` tokens: 's'/'p' + upper-case hex of the UTF-8 id, as SQLite's hex() writes it. */
const scopeToken = (prefix: 's' | 'p', id: string) =>
  `${prefix}${[...new TextEncoder().encode(id)].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase()}`;

/**
 * Ideas like the one being typed, best first (title words weigh more than the description):
 * published, not merged, any status, so a shopper also finds what is done or declined. With a
 * product: that product's and the site-wide ideas; without: the whole site.
 */
export async function searchIdeas(
  db: D1Database,
  siteId: string,
  match: string,
  opts: { productId: string | null; limit: number },
): Promise<StoredIdea[]> {
  const scope = opts.productId
    ? `scope:"${scopeToken('s', siteId)}" AND (scope:"${scopeToken('p', opts.productId)}" OR scope:"pnone")`
    : `scope:"${scopeToken('s', siteId)}"`;
  const { results } = await db
    .prepare(
      `SELECT ${I_COLS} FROM ideas_fts f JOIN ideas i ON i.rowid = f.rowid
        WHERE ideas_fts MATCH ?1 AND i.site_id = ?2 AND i.merged_into IS NULL AND i.moderation = 'published'
        ORDER BY bm25(ideas_fts, 3.0, 1.0, 0.0) - 0.05 * min(i.vote_count, 20) LIMIT ?3`,
    )
    .bind(`${scope} AND (${match})`, siteId, opts.limit)
    .all<IdeaRow>();
  return results.map(toIdea);
}

/** Whether the voter voted for the idea. */
export async function hasVoted(db: D1Database, siteId: string, ideaId: string, voter: string): Promise<boolean> {
  const row = await db
    .prepare('SELECT 1 AS x FROM idea_votes WHERE site_id = ? AND idea_id = ? AND voter = ?')
    .bind(siteId, ideaId, voter)
    .first<{ x: number }>();
  return row !== null;
}

/** An idea's published comments, oldest first, and the viewer's own held ones. */
export async function listIdeaComments(
  db: D1Database,
  siteId: string,
  ideaId: string,
  own: { sub: string | null; visitorId: string | null },
  limit = 500,
): Promise<StoredIdeaComment[]> {
  const { results } = await db
    .prepare(
      `SELECT ${COMMENT_COLS} FROM idea_comments
        WHERE site_id = ?1 AND idea_id = ?2
          AND (moderation = 'published' OR (moderation = 'held' AND (author_sub = ?3 OR author_visitor = ?4)))
        ORDER BY created_at, id LIMIT ?5`,
    )
    .bind(siteId, ideaId, own.sub, own.visitorId, limit)
    .all<CommentRow>();
  return results.map(toComment);
}

// ── Writing ──────────────────────────────────────────────────────────────────────────────────

export interface NewStoredIdea extends Authorship {
  id: string;
  productId: string | null;
  title: string;
  body: string;
  category: IdeaCategory;
  moderation: IdeaModeration;
  createdAt: number;
}

/** Stores a new idea (and its product, if the board has not seen the product yet), with `extra` in the same transaction. */
export async function insertIdea(db: D1Database, siteId: string, idea: NewStoredIdea, extra: D1PreparedStatement[] = []): Promise<StoredIdea> {
  await db.batch([
    ...extra,
    ...(idea.productId === null
      ? []
      : [
          db
            .prepare('INSERT INTO products (site_id, id, first_seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
            .bind(siteId, idea.productId, idea.createdAt),
        ]),
    db
      .prepare(
        `INSERT INTO ideas (site_id, id, product_id, title, body, category, moderation,
                            author_sub, author_visitor, author_name, author_role, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        siteId, idea.id, idea.productId, idea.title, idea.body, idea.category, idea.moderation,
        idea.authorSub, idea.authorVisitor, idea.authorName, idea.authorRole, idea.createdAt, idea.createdAt,
      ),
  ]);
  return {
    ...idea,
    status: 'new',
    statusNote: null,
    statusAt: null,
    voteCount: 0,
    commentCount: 0,
    mergedInto: null,
    authorErased: false,
    updatedAt: idea.createdAt,
  };
}

/**
 * Casts or withdraws one vote; both are idempotent (the primary key allows one vote per voter and
 * a trigger moves the count only when a row really came or went). Returns the exact count after.
 */
export async function setVote(db: D1Database, siteId: string, ideaId: string, voter: string, vote: boolean, now: number): Promise<number> {
  const write = vote
    ? db.prepare('INSERT OR IGNORE INTO idea_votes (site_id, idea_id, voter, created_at) VALUES (?, ?, ?, ?)').bind(siteId, ideaId, voter, now)
    : db.prepare('DELETE FROM idea_votes WHERE site_id = ? AND idea_id = ? AND voter = ?').bind(siteId, ideaId, voter);
  const [, count] = await db.batch<{ vote_count: number }>([
    write,
    db.prepare('SELECT vote_count FROM ideas WHERE site_id = ? AND id = ?').bind(siteId, ideaId),
  ]);
  return count?.results[0]?.vote_count ?? 0;
}

export interface NewStoredComment extends Authorship {
  id: string;
  ideaId: string;
  body: string;
  moderation: IdeaModeration;
  createdAt: number;
}

export async function insertIdeaComment(
  db: D1Database,
  siteId: string,
  comment: NewStoredComment,
  extra: D1PreparedStatement[] = [],
): Promise<StoredIdeaComment> {
  await db.batch([
    ...extra,
    db
      .prepare(
        `INSERT INTO idea_comments (site_id, id, idea_id, body, moderation, author_sub, author_visitor, author_name, author_role, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        siteId, comment.id, comment.ideaId, comment.body, comment.moderation,
        comment.authorSub, comment.authorVisitor, comment.authorName, comment.authorRole, comment.createdAt,
      ),
  ]);
  return { ...comment, authorErased: false };
}

// ── Console ──────────────────────────────────────────────────────────────────────────────────

/**
 * The console's list, newest first: every idea of the site that is not merged into another (held
 * and removed ones included, for moderation), optionally of one status and/or one product.
 */
export async function listSiteIdeas(
  db: D1Database,
  siteId: string,
  opts: { status: IdeaStatus | null; productId: string | null; limit: number; after: { createdAt: number; id: string } | null },
): Promise<{ ideas: (StoredIdea & { mergedFrom: string[] })[]; next: { createdAt: number; id: string } | null }> {
  const { results } = await db
    .prepare(
      `SELECT ${IDEA_COLS},
              (SELECT json_group_array(m.id) FROM ideas m WHERE m.site_id = ideas.site_id AND m.merged_into = ideas.id) AS merged_from
         FROM ideas
        WHERE site_id = ?1 AND merged_into IS NULL
          AND (?2 IS NULL OR status = ?2) AND (?3 IS NULL OR product_id = ?3)
          AND (?4 IS NULL OR (created_at, id) < (?4, ?5))
        ORDER BY created_at DESC, id DESC LIMIT ?6`,
    )
    .bind(siteId, opts.status, opts.productId, opts.after?.createdAt ?? null, opts.after?.id ?? '', opts.limit + 1)
    .all<IdeaRow & { merged_from: string }>();
  const ideas = results.slice(0, opts.limit).map((r) => ({ ...toIdea(r), mergedFrom: JSON.parse(r.merged_from) as string[] }));
  const last = ideas.at(-1);
  return { ideas, next: results.length > opts.limit && last ? { createdAt: last.createdAt, id: last.id } : null };
}

/** The ids of the ideas merged into this one, oldest first. */
export async function mergedInto(db: D1Database, siteId: string, ideaId: string): Promise<string[]> {
  const { results } = await db
    .prepare('SELECT id FROM ideas WHERE site_id = ? AND merged_into = ? ORDER BY created_at, id')
    .bind(siteId, ideaId)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/**
 * Sets the public status and/or staff's explanation (and/or the moderation state). `status_at`
 * moves only when the status really changes. Returns the idea as it was before, or null if absent.
 */
export async function updateIdeaStatus(
  db: D1Database,
  siteId: string,
  id: string,
  change: { status?: IdeaStatus | undefined; note?: string | null | undefined; moderation?: IdeaModeration | undefined },
  now: number,
): Promise<{ before: StoredIdea; after: StoredIdea } | null> {
  const [beforeRes, , afterRes] = await db.batch<IdeaRow>([
    db.prepare(`SELECT ${IDEA_COLS} FROM ideas WHERE site_id = ? AND id = ?`).bind(siteId, id),
    db
      .prepare(
        `UPDATE ideas SET
            status_at = CASE WHEN ?3 IS NOT NULL AND ?3 <> status THEN ?6 ELSE status_at END,
            status = coalesce(?3, status),
            status_note = CASE WHEN ?4 = 1 THEN ?5 ELSE status_note END,
            moderation = coalesce(?7, moderation),
            updated_at = ?6
          WHERE site_id = ?1 AND id = ?2`,
      )
      .bind(siteId, id, change.status ?? null, change.note === undefined ? 0 : 1, change.note ?? null, now, change.moderation ?? null),
    db.prepare(`SELECT ${IDEA_COLS} FROM ideas WHERE site_id = ? AND id = ?`).bind(siteId, id),
  ]);
  const before = beforeRes?.results[0];
  const after = afterRes?.results[0];
  return before && after ? { before: toIdea(before), after: toIdea(after) } : null;
}

/**
 * Merges duplicate `sourceId` into `targetId` in one transaction: the source is marked merged,
 * ideas merged into the source earlier now point at the target (no chains), votes move with each
 * voter counted once, comments move. Every step is conditional on the source having been marked
 * in this very transaction, so a concurrent merge can neither chain nor loop.
 * Returns false when the source or target changed meanwhile (nothing was done).
 */
export async function mergeIdeas(db: D1Database, siteId: string, sourceId: string, targetId: string, now: number): Promise<boolean> {
  const marked = `(SELECT merged_into FROM ideas WHERE site_id = ?1 AND id = ?2) = ?3`;
  const [mark] = await db.batch([
    db
      .prepare(
        `UPDATE ideas SET merged_into = ?3, updated_at = ?4
          WHERE site_id = ?1 AND id = ?2 AND merged_into IS NULL AND ?2 <> ?3
            AND EXISTS (SELECT 1 FROM ideas t WHERE t.site_id = ?1 AND t.id = ?3 AND t.merged_into IS NULL)`,
      )
      .bind(siteId, sourceId, targetId, now),
    db
      .prepare(`UPDATE ideas SET merged_into = ?3, updated_at = ?4 WHERE site_id = ?1 AND merged_into = ?2 AND ${marked}`)
      .bind(siteId, sourceId, targetId, now),
    db
      .prepare(
        `INSERT OR IGNORE INTO idea_votes (site_id, idea_id, voter, created_at)
         SELECT site_id, ?3, voter, created_at FROM idea_votes WHERE site_id = ?1 AND idea_id = ?2 AND ${marked}`,
      )
      .bind(siteId, sourceId, targetId),
    db.prepare(`DELETE FROM idea_votes WHERE site_id = ?1 AND idea_id = ?2 AND ${marked}`).bind(siteId, sourceId, targetId),
    db.prepare(`UPDATE idea_comments SET idea_id = ?3 WHERE site_id = ?1 AND idea_id = ?2 AND ${marked}`).bind(siteId, sourceId, targetId),
    db.prepare(`UPDATE ideas SET updated_at = ?3 WHERE site_id = ?1 AND id = ?2`).bind(siteId, targetId, now),
  ]);
  return (mark?.meta.changes ?? 0) === 1;
}

// ── The member's own data (export) ───────────────────────────────────────────────────────────

export async function listMemberIdeaData(
  db: D1Database,
  siteId: string,
  sub: string,
): Promise<{ ideas: StoredIdea[]; comments: StoredIdeaComment[]; votes: { ideaId: string; createdAt: number }[] }> {
  const [ideas, comments, votes] = await db.batch([
    db.prepare(`SELECT ${IDEA_COLS} FROM ideas WHERE site_id = ? AND author_sub = ? ORDER BY created_at, id`).bind(siteId, sub),
    db.prepare(`SELECT ${COMMENT_COLS} FROM idea_comments WHERE site_id = ? AND author_sub = ? ORDER BY created_at, id`).bind(siteId, sub),
    db.prepare(`SELECT idea_id, created_at FROM idea_votes WHERE site_id = ? AND voter = 'm:' || ? ORDER BY created_at, idea_id`).bind(siteId, sub),
  ]);
  return {
    ideas: ((ideas?.results ?? []) as IdeaRow[]).map(toIdea),
    comments: ((comments?.results ?? []) as CommentRow[]).map(toComment),
    votes: ((votes?.results ?? []) as { idea_id: string; created_at: number }[]).map((v) => ({ ideaId: v.idea_id, createdAt: v.created_at })),
  };
}
