/**
 * Fixed-window counters. Each hit is one atomic upsert that returns the new count, and all
 * buckets of one request are counted in one transaction, so limits hold exactly under concurrency.
 */
export interface Bucket {
  key: string;
  limit: number;
  windowMs: number;
}

export interface BucketCount {
  bucket: Bucket;
  count: number;
  windowEnd: number;
}

export async function countHits(db: D1Database, siteId: string, buckets: Bucket[], now: number): Promise<BucketCount[]> {
  const windows = buckets.map((b) => Math.floor(now / b.windowMs) * b.windowMs);
  const results = await db.batch<{ count: number }>(
    buckets.map((b, i) =>
      db
        .prepare(
          `INSERT INTO rate_limits (site_id, bucket, window_start, count) VALUES (?, ?, ?, 1)
           ON CONFLICT (site_id, bucket, window_start) DO UPDATE SET count = count + 1 RETURNING count`,
        )
        .bind(siteId, b.key, windows[i]),
    ),
  );
  return buckets.map((bucket, i) => ({
    bucket,
    count: results[i]?.results[0]?.count ?? Number.POSITIVE_INFINITY,
    windowEnd: (windows[i] ?? now) + bucket.windowMs,
  }));
}

/** Drops a site's windows that ended long ago. */
export async function pruneHits(db: D1Database, siteId: string, olderThan: number): Promise<void> {
  await db.prepare('DELETE FROM rate_limits WHERE site_id = ? AND window_start < ?').bind(siteId, olderThan).run();
}
