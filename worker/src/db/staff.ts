/**
 * The staff console's tables: console accounts (`staff`), their sessions (`staff_sessions`),
 * and the reads and writes the console makes on its site (recent questions, origins, secret,
 * erase mode). Every statement after sign-in is scoped by the site id of the verified session.
 */
import type { StaffRole } from '../domain/sessions.ts';
import type { QuestionCursor } from './questions.ts';

/** A console account as the console shows it: never with its password hash. */
export interface StaffMember {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  createdAt: number;
  /** Locked after too many wrong passwords, until this time (0: not locked). */
  lockedUntil: number;
}

/** What sign-in needs to know about an account. Stays inside the Worker. */
export interface StaffCredentials {
  siteId: string;
  siteName: string;
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  passwordHash: string;
  lockedUntil: number;
}

/** A verified session: who is signed in, for which site, until when. */
export interface StaffSession {
  siteId: string;
  siteName: string;
  staffId: string;
  email: string;
  name: string;
  role: StaffRole;
  expiresAt: number;
}

interface StaffRow {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  created_at: number;
  locked_until: number;
}

interface CredentialsRow {
  site_id: string;
  site_name: string;
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  password_hash: string;
  locked_until: number;
}

interface SessionRow {
  site_id: string;
  site_name: string;
  staff_id: string;
  email: string;
  name: string;
  role: StaffRole;
  expires_at: number;
}

const toStaffMember = (r: StaffRow): StaffMember => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  createdAt: r.created_at,
  lockedUntil: r.locked_until,
});

/** The account with this email, on whichever site it belongs to (emails are unique across sites). */
export async function findCredentials(db: D1Database, email: string): Promise<StaffCredentials | null> {
  const row = await db
    .prepare(
      `SELECT st.site_id, si.name AS site_name, st.id, st.email, st.name, st.role, st.password_hash, st.locked_until
         FROM staff st JOIN sites si ON si.id = st.site_id
        WHERE st.email = ?`,
    )
    .bind(email)
    .first<CredentialsRow>();
  return row
    ? {
        siteId: row.site_id,
        siteName: row.site_name,
        id: row.id,
        email: row.email,
        name: row.name,
        role: row.role,
        passwordHash: row.password_hash,
        lockedUntil: row.locked_until,
      }
    : null;
}

/**
 * Counts one wrong password in a single atomic statement (parallel attempts cannot both read
 * the old count). The attempt that reaches `maxFailures` locks the account until `now + lockMs`
 * and starts the count afresh. Returns the lock time (0 while not locked).
 */
export async function recordFailedSignIn(
  db: D1Database,
  siteId: string,
  staffId: string,
  now: number,
  maxFailures: number,
  lockMs: number,
): Promise<{ lockedUntil: number }> {
  const row = await db
    .prepare(
      `UPDATE staff
          SET failed_attempts = CASE WHEN failed_attempts + 1 >= ?3 THEN 0 ELSE failed_attempts + 1 END,
              locked_until = CASE WHEN failed_attempts + 1 >= ?3 THEN ?4 ELSE locked_until END
        WHERE site_id = ?1 AND id = ?2
        RETURNING locked_until`,
    )
    .bind(siteId, staffId, maxFailures, now + lockMs)
    .first<{ locked_until: number }>();
  return { lockedUntil: row?.locked_until ?? 0 };
}

/**
 * A successful sign-in: clears the failure count, drops this account's expired sessions and
 * stores the new one (only the token's hash), in one transaction.
 */
export async function startSession(
  db: D1Database,
  s: { siteId: string; staffId: string; tokenHash: string; createdAt: number; expiresAt: number },
): Promise<void> {
  await db.batch([
    db.prepare('UPDATE staff SET failed_attempts = 0, locked_until = 0 WHERE site_id = ? AND id = ?').bind(s.siteId, s.staffId),
    db
      .prepare('DELETE FROM staff_sessions WHERE site_id = ? AND staff_id = ? AND expires_at <= ?')
      .bind(s.siteId, s.staffId, s.createdAt),
    db
      .prepare('INSERT INTO staff_sessions (site_id, token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .bind(s.siteId, s.tokenHash, s.staffId, s.createdAt, s.expiresAt),
  ]);
}

/** The session whose token hashes to `tokenHash`, with its account and site; expired ones too (the caller decides). */
export async function findSession(db: D1Database, tokenHash: string): Promise<StaffSession | null> {
  const row = await db
    .prepare(
      `SELECT se.site_id, si.name AS site_name, se.staff_id, st.email, st.name, st.role, se.expires_at
         FROM staff_sessions se
         JOIN staff st ON st.site_id = se.site_id AND st.id = se.staff_id
         JOIN sites si ON si.id = se.site_id
        WHERE se.token_hash = ?`,
    )
    .bind(tokenHash)
    .first<SessionRow>();
  return row
    ? {
        siteId: row.site_id,
        siteName: row.site_name,
        staffId: row.staff_id,
        email: row.email,
        name: row.name,
        role: row.role,
        expiresAt: row.expires_at,
      }
    : null;
}

export async function deleteSession(db: D1Database, tokenHash: string): Promise<void> {
  await db.prepare('DELETE FROM staff_sessions WHERE token_hash = ?').bind(tokenHash).run();
}

/** A site's console accounts, owners first, then by name. */
export async function listStaff(db: D1Database, siteId: string): Promise<StaffMember[]> {
  const { results } = await db
    .prepare(
      `SELECT id, email, name, role, created_at, locked_until FROM staff WHERE site_id = ?
        ORDER BY CASE role WHEN 'owner' THEN 0 ELSE 1 END, name, id`,
    )
    .bind(siteId)
    .all<StaffRow>();
  return results.map(toStaffMember);
}

/** Adds a console account; null when the email already has one (on any site). */
export async function insertStaff(
  db: D1Database,
  siteId: string,
  s: { id: string; email: string; name: string; role: StaffRole; passwordHash: string; createdAt: number },
): Promise<StaffMember | null> {
  const row = await db
    .prepare(
      `INSERT INTO staff (site_id, id, email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (email) DO NOTHING
       RETURNING id, email, name, role, created_at, locked_until`,
    )
    .bind(siteId, s.id, s.email, s.name, s.role, s.passwordHash, s.createdAt)
    .first<StaffRow>();
  return row ? toStaffMember(row) : null;
}

// ── What the console reads and changes of its own site ──────────────────────────────────────

/** A question as staff see it: with the member's sub (to look them up), never a visitor id. */
export interface StaffQuestion {
  id: string;
  productId: string;
  body: string;
  answerCount: number;
  createdAt: number;
  authorName: string | null;
  authorRole: 'shopper' | 'expert' | null;
  authorSub: string | null;
  formerMember: boolean;
}

interface StaffQuestionRow {
  id: string;
  product_id: string;
  body: string;
  answer_count: number;
  created_at: number;
  author_name: string | null;
  author_role: 'shopper' | 'expert' | null;
  author_sub: string | null;
  author_erased: number;
}

const STAFF_QUESTION_COLS = 'id, product_id, body, answer_count, created_at, author_name, author_role, author_sub, author_erased';

/** The site's newest questions over all products; reads `limit + 1` rows to know whether more exist. */
export async function listRecentQuestions(
  db: D1Database,
  siteId: string,
  limit: number,
  after: QuestionCursor | null,
): Promise<{ questions: StaffQuestion[]; next: QuestionCursor | null }> {
  const stmt = after
    ? db
        .prepare(
          `SELECT ${STAFF_QUESTION_COLS} FROM questions
            WHERE site_id = ? AND (created_at < ? OR (created_at = ? AND id < ?))
            ORDER BY created_at DESC, id DESC LIMIT ?`,
        )
        .bind(siteId, after.createdAt, after.createdAt, after.id, limit + 1)
    : db
        .prepare(`SELECT ${STAFF_QUESTION_COLS} FROM questions WHERE site_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`)
        .bind(siteId, limit + 1);
  const { results } = await stmt.all<StaffQuestionRow>();
  const questions = results.slice(0, limit).map(
    (r): StaffQuestion => ({
      id: r.id,
      productId: r.product_id,
      body: r.body,
      answerCount: r.answer_count,
      createdAt: r.created_at,
      authorName: r.author_erased ? null : r.author_name,
      authorRole: r.author_erased ? null : r.author_role,
      authorSub: r.author_erased ? null : r.author_sub,
      formerMember: r.author_erased === 1,
    }),
  );
  const last = questions.at(-1);
  return { questions, next: results.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null };
}

/** Registers an origin for the site; false when it was already registered. */
export async function addSiteOrigin(db: D1Database, siteId: string, origin: string): Promise<boolean> {
  const { meta } = await db
    .prepare('INSERT INTO site_origins (site_id, origin) VALUES (?, ?) ON CONFLICT DO NOTHING')
    .bind(siteId, origin)
    .run();
  return meta.changes > 0;
}

/** Removes an origin from the site; false when it was not registered. */
export async function removeSiteOrigin(db: D1Database, siteId: string, origin: string): Promise<boolean> {
  const { meta } = await db.prepare('DELETE FROM site_origins WHERE site_id = ? AND origin = ?').bind(siteId, origin).run();
  return meta.changes > 0;
}

/** Replaces the site's token signing secret (tokens signed with the old one stop working at once). */
export async function setTokenSecret(db: D1Database, siteId: string, secret: string): Promise<void> {
  await db.prepare('UPDATE sites SET token_secret = ? WHERE id = ?').bind(secret, siteId).run();
}

export async function setEraseMode(db: D1Database, siteId: string, mode: 'anonymise' | 'delete'): Promise<void> {
  await db.prepare('UPDATE sites SET erase_mode = ? WHERE id = ?').bind(mode, siteId).run();
}
