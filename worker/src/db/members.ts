import type { ShopIdentity } from '../domain/shop-tokens.ts';

/** A shopper or expert as last identified by the shop's token. */
export interface Member {
  sub: string;
  name: string;
  email: string | null;
  role: ShopIdentity['role'];
  firstSeenAt: number;
  lastSeenAt: number;
}

interface MemberRow {
  sub: string;
  name: string;
  email: string | null;
  role: ShopIdentity['role'];
  first_seen_at: number;
  last_seen_at: number;
}

/** Records (or refreshes) what the shop's latest token says about a member. */
export function upsertMemberStatement(
  db: D1Database,
  siteId: string,
  who: ShopIdentity & { tokenRole?: ShopIdentity['role'] },
  now: number,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO members (site_id, sub, name, email, role, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (site_id, sub) DO UPDATE SET name = excluded.name, email = excluded.email, role = excluded.role,
         last_seen_at = excluded.last_seen_at`,
    )
    // What the shop's token said, not a role the owner granted in the console on top of it.
    .bind(siteId, who.sub, who.name, who.email, who.tokenRole ?? who.role, now, now);
}

export async function findMember(db: D1Database, siteId: string, sub: string): Promise<Member | null> {
  const row = await db
    .prepare('SELECT sub, name, email, role, first_seen_at, last_seen_at FROM members WHERE site_id = ? AND sub = ?')
    .bind(siteId, sub)
    .first<MemberRow>();
  return row
    ? {
        sub: row.sub,
        name: row.name,
        email: row.email,
        role: row.role,
        firstSeenAt: row.first_seen_at,
        lastSeenAt: row.last_seen_at,
      }
    : null;
}

/**
 * Erases a member: their row and their chats go, and their posts are either deleted or kept
 * without any link to them ("former member"), as the site chose. One transaction; returns the R2
 * keys of their chats' attachments for the caller to delete from the bucket. Their reviews and
 * their ideas, idea comments and votes follow the same mode by triggers on the members row
 * (migrations 0006 and 0010), so deleting that row last is what completes the erasure.
 */
export async function eraseMember(
  db: D1Database,
  siteId: string,
  sub: string,
  mode: 'anonymise' | 'delete',
): Promise<{ attachmentKeys: string[] }> {
  const theirConversations = `SELECT id FROM conversations WHERE site_id = ?1 AND author_sub = ?2`;
  const { results: files } = await db
    .prepare(`SELECT r2_key FROM chat_attachments WHERE site_id = ?1 AND conversation_id IN (${theirConversations})`)
    .bind(siteId, sub)
    .all<{ r2_key: string }>();
  // Private contact is never kept "as a former member": chats go whatever the mode, and the text of
  // their questions as written (unmasked, for staff) goes too; second-contact keys are cut.
  const privateData = [
    db.prepare('UPDATE questions SET staff_body = NULL WHERE site_id = ? AND author_sub = ?').bind(siteId, sub),
    db.prepare(`UPDATE staff_items SET shopper_key = NULL WHERE site_id = ? AND shopper_key = 'm:' || ?`).bind(siteId, sub),
    db.prepare(`DELETE FROM chat_attachments WHERE site_id = ?1 AND conversation_id IN (${theirConversations})`).bind(siteId, sub),
    db.prepare(`DELETE FROM chat_messages WHERE site_id = ?1 AND conversation_id IN (${theirConversations})`).bind(siteId, sub),
    db.prepare(`DELETE FROM conversation_experts WHERE site_id = ?1 AND conversation_id IN (${theirConversations})`).bind(siteId, sub),
    db.prepare('DELETE FROM conversations WHERE site_id = ? AND author_sub = ?').bind(siteId, sub),
  ];
  const posts =
    mode === 'delete'
      ? [
          // Answers on the member's questions go with them (cascade), then their other answers.
          db.prepare('DELETE FROM questions WHERE site_id = ? AND author_sub = ?').bind(siteId, sub),
          db.prepare('DELETE FROM answers WHERE site_id = ? AND author_sub = ?').bind(siteId, sub),
          db
            .prepare(
              `UPDATE questions SET answer_count = (SELECT count(*) FROM answers a WHERE a.site_id = questions.site_id AND a.question_id = questions.id AND a.status = 'published'),
                      accepted_answer_id = CASE WHEN accepted_answer_id IN (SELECT id FROM answers a WHERE a.site_id = questions.site_id) THEN accepted_answer_id END
                WHERE site_id = ?`,
            )
            .bind(siteId),
        ]
      : [
          db
            .prepare(
              `UPDATE questions SET author_sub = NULL, author_name = NULL, author_role = NULL, author_visitor = NULL, author_erased = 1
                WHERE site_id = ? AND author_sub = ?`,
            )
            .bind(siteId, sub),
          db
            .prepare(
              `UPDATE answers SET author_sub = NULL, author_name = NULL, author_role = NULL, author_visitor = NULL, author_erased = 1
                WHERE site_id = ? AND author_sub = ?`,
            )
            .bind(siteId, sub),
        ];
  await db.batch([...privateData, ...posts, db.prepare('DELETE FROM members WHERE site_id = ? AND sub = ?').bind(siteId, sub)]);
  return { attachmentKeys: files.map((f) => f.r2_key) };
}
