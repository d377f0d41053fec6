/** Where the helpful votes of each kind of post live (fixed names: never from a request). */
const VOTES = {
  answer: { votes: 'answer_votes', key: 'answer_id', posts: 'answers' },
  review: { votes: 'review_votes', key: 'review_id', posts: 'reviews' },
} as const;

/**
 * Adds or removes one voter's helpful vote on an answer or a review; returns whether the voter now
 * finds it helpful, and the new count. The count is recounted rather than incremented, in the same
 * batch, so a repeated click or a race can never drift the number.
 */
export async function toggleHelpfulVote(
  db: D1Database,
  kind: keyof typeof VOTES,
  siteId: string,
  postId: string,
  voter: string,
  helpful: boolean,
  now: number,
): Promise<{ helpful: boolean; helpfulCount: number }> {
  const { votes, key, posts } = VOTES[kind];
  const change = helpful
    ? db
        .prepare(`INSERT INTO ${votes} (site_id, ${key}, voter, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`)
        .bind(siteId, postId, voter, now)
    : db.prepare(`DELETE FROM ${votes} WHERE site_id = ? AND ${key} = ? AND voter = ?`).bind(siteId, postId, voter);
  const [, , count] = await db.batch<{ helpful_count: number }>([
    change,
    db
      .prepare(
        `UPDATE ${posts} SET helpful_count = (SELECT count(*) FROM ${votes} v WHERE v.site_id = ${posts}.site_id AND v.${key} = ${posts}.id)
          WHERE site_id = ? AND id = ?`,
      )
      .bind(siteId, postId),
    db.prepare(`SELECT helpful_count FROM ${posts} WHERE site_id = ? AND id = ?`).bind(siteId, postId),
  ]);
  return { helpful, helpfulCount: count?.results[0]?.helpful_count ?? 0 };
}
