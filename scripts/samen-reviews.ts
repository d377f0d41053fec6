/**
 * The `reviews` commands of the site-owner CLI (scripts/samen.ts):
 *
 *   npm run samen -- reviews import --site <id> <file.csv> [--dry-run]
 *   npm run samen -- reviews settings --site <id> [--anonymous on|off] [--fields <type>=<field>,…]…
 *   npm run samen -- reviews product-type --site <id> <product-id> <type|->
 *
 * SECURITY: as in samen.ts, `wrangler d1 execute` cannot bind parameters. Ids, dates, ratings and
 * field values are checked against strict patterns by the import module before they get near
 * SQL; free text (titles, reviews, names, customer ids) is only ever a quoted literal with its
 * single quotes doubled (`lit()`), and rows with control characters are refused.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportFileError, parseReviewsCsv, type ImportRow, type RejectedRow } from '../worker/src/domain/reviews-import.ts';
import { REVIEW_FIELD_KEYS, REVIEW_LIMITS, type ReviewFieldKey } from '../worker/src/review-types.ts';
import { persistArgs, runWrangler } from './wrangler.ts';

export const REVIEWS_USAGE = `  reviews import --site <id> <file.csv> [--dry-run]
                      Import existing reviews from CSV (header: product_id,rating,title,body and
                      optionally author_name,customer_id,created_at,external_id,product_type,fit,usage).
                      Prints every rejected row with its line and reason; rows already imported
                      are skipped. Exit code 2 when some rows were rejected. --dry-run only checks.
  reviews settings --site <id> [--anonymous on|off] [--fields <type>=<field>,…]…
                      Show or change: reviews from visitors without a shop account, and the
                      optional fields (${REVIEW_FIELD_KEYS.join(', ')}) each product type asks for.
  reviews product-type --site <id> <product-id> <type|->
                      Set a product's type (which picks its review fields); - clears it.`;

export interface Target {
  remote: boolean;
  persistTo: string | undefined;
}

/** What the reviews commands need from samen.ts. */
export interface CliContext {
  target: Target;
  execute(target: Target, sql: string): Promise<Record<string, unknown>[][]>;
  requireSite(target: Target, id: string): Promise<{ id: string; name: string }>;
  usageError(message: string): Error;
}

export interface ReviewsOptions {
  site?: string | undefined;
  'dry-run'?: boolean | undefined;
  anonymous?: string | undefined;
  fields?: string[] | undefined;
}

const lit = (s: string): string => `'${s.replaceAll("'", "''")}'`;
const litOrNull = (s: string | null): string => (s === null ? 'NULL' : lit(s));
const chunks = <T>(xs: T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/** The statements that store one checked row: its product, its member (for erasure), the review. */
export function importStatements(siteId: string, r: ImportRow, id: string, now: number): string[] {
  const site = lit(siteId);
  const product = lit(r.productId);
  const sub = litOrNull(r.customerId);
  const out = [
    `INSERT INTO products (site_id, id, first_seen_at, product_type) VALUES (${site}, ${product}, ${now}, ${litOrNull(r.productType)})
       ON CONFLICT (site_id, id) DO UPDATE SET product_type = coalesce(excluded.product_type, products.product_type);`,
  ];
  // A member row, so that erasing this customer later takes their imported reviews too.
  if (r.customerId) {
    out.push(
      `INSERT INTO members (site_id, sub, name, role, first_seen_at, last_seen_at) VALUES (${site}, ${sub}, ${lit(r.authorName ?? r.customerId)}, 'shopper', ${now}, ${now}) ON CONFLICT DO NOTHING;`,
    );
  }
  out.push(
    `INSERT INTO reviews (site_id, id, product_id, kind, rating, title, body, fields, verified_buyer, author_name, author_sub, author_role,
                          status, source, external_id, created_at, updated_at)
     SELECT ${site}, ${lit(id)}, ${product}, 'shopper', ${r.rating}, ${lit(r.title)}, ${lit(r.body)}, ${lit(JSON.stringify(r.fields))},
            ${r.customerId ? `EXISTS (SELECT 1 FROM purchases WHERE site_id = ${site} AND member_sub = ${sub} AND product_id = ${product})` : '0'},
            ${litOrNull(r.authorName)}, ${sub}, ${r.customerId ? "'shopper'" : 'NULL'}, 'published', 'import', ${lit(r.externalId)}, ${r.createdAt}, ${r.createdAt}
      WHERE true ON CONFLICT DO NOTHING;`,
  );
  return out;
}

async function existing(ctx: CliContext, siteId: string, rows: ImportRow[]) {
  const imported = new Set<string>();
  const reviewed = new Set<string>();
  for (const part of chunks(rows, 200)) {
    const [found = []] = await ctx.execute(
      ctx.target,
      `SELECT external_id FROM reviews WHERE site_id = ${lit(siteId)} AND external_id IN (${part.map((r) => lit(r.externalId)).join(', ')})`,
    );
    for (const f of found) imported.add(String(f.external_id));
    const customers = [...new Set(part.flatMap((r) => (r.customerId ? [r.customerId] : [])))];
    if (!customers.length) continue;
    const [authored = []] = await ctx.execute(
      ctx.target,
      `SELECT product_id, author_sub FROM reviews WHERE site_id = ${lit(siteId)} AND author_sub IN (${customers.map(lit).join(', ')})`,
    );
    for (const a of authored) reviewed.add(`${String(a.product_id)}\u0000${String(a.author_sub)}`);
  }
  return { imported, reviewed };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

async function importReviews(ctx: CliContext, siteId: string, file: string | undefined, dryRun: boolean): Promise<void> {
  if (!file) throw ctx.usageError('Give the CSV file to import, e.g. reviews import --site demo reviews.csv');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw ctx.usageError(`Cannot read "${file}".`);
  }
  let parsed;
  try {
    parsed = await parseReviewsCsv(text);
  } catch (err) {
    if (err instanceof ImportFileError) throw ctx.usageError(`${file}: ${err.message}`);
    throw err;
  }
  await ctx.requireSite(ctx.target, siteId);
  const { imported, reviewed } = await existing(ctx, siteId, parsed.rows);
  const rejected: RejectedRow[] = [...parsed.rejected];
  const skipped: ImportRow[] = [];
  const toImport: ImportRow[] = [];
  for (const row of parsed.rows) {
    if (imported.has(row.externalId)) skipped.push(row);
    else if (row.customerId && reviewed.has(`${row.productId}\u0000${row.customerId}`)) {
      rejected.push({ line: row.line, code: 'duplicate_in_file', message: `Customer “${row.customerId}” already has a review of ${row.productId} on this site.` });
    } else toImport.push(row);
  }
  rejected.sort((a, b) => a.line - b.line);

  if (!dryRun && toImport.length) {
    const now = Date.now();
    const dir = mkdtempSync(join(tmpdir(), 'samen-import-'));
    try {
      // One file per 1,000 rows keeps each wrangler run short and its transaction small.
      for (const [i, part] of chunks(toImport, 1000).entries()) {
        const path = join(dir, `import-${i}.sql`);
        writeFileSync(path, part.flatMap((r) => importStatements(siteId, r, crypto.randomUUID(), now)).join('\n'));
        await runWrangler(['d1', 'execute', 'DB', ctx.target.remote ? '--remote' : '--local', ...persistArgs(ctx.target.persistTo), `--file=${path}`]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const products = new Set(toImport.map((r) => r.productId)).size;
  const masked = toImport.filter((r) => r.masked.length).length;
  console.log(
    `${dryRun ? 'Checked (dry run, nothing written)' : 'Imported'}: ${plural(toImport.length, 'review')} of ${plural(products, 'product')} into "${siteId}".`,
  );
  if (masked) console.log(`Personal data (emails, phone numbers, …) was masked in ${plural(masked, 'review')}.`);
  if (skipped.length) console.log(`Skipped ${plural(skipped.length, 'row')} imported before.`);
  for (const w of parsed.warnings) console.log(w);
  if (rejected.length) {
    console.log(`Rejected ${plural(rejected.length, 'row')}:`);
    for (const r of rejected) console.log(`  line ${r.line}: ${r.message} (${r.code})`);
    process.exitCode = 2;
  }
}

function parseFields(values: string[], ctx: CliContext): Record<string, ReviewFieldKey[]> {
  const out: Record<string, ReviewFieldKey[]> = {};
  for (const v of values) {
    const m = /^([a-z0-9_-]{1,40})=([a-z_,]*)$/.exec(v.trim());
    if (!m?.[1]) throw ctx.usageError(`Write --fields as <product type>=<field>,<field>, e.g. --fields shoes=fit,usage (types: lower-case letters, digits, - and _; up to ${REVIEW_LIMITS.productType.max}).`);
    const keys = (m[2] ?? '').split(',').filter(Boolean);
    const unknown = keys.filter((k) => !REVIEW_FIELD_KEYS.includes(k as ReviewFieldKey));
    if (unknown.length) throw ctx.usageError(`Unknown review field "${unknown[0]}". Fields: ${REVIEW_FIELD_KEYS.join(', ')}.`);
    out[m[1]] = REVIEW_FIELD_KEYS.filter((k) => keys.includes(k));
  }
  return out;
}

async function settings(ctx: CliContext, siteId: string, opts: ReviewsOptions): Promise<void> {
  await ctx.requireSite(ctx.target, siteId);
  const sets: string[] = [];
  if (opts.anonymous !== undefined) {
    if (opts.anonymous !== 'on' && opts.anonymous !== 'off') throw ctx.usageError('Use --anonymous on or --anonymous off.');
    sets.push(`reviews_anonymous = ${opts.anonymous === 'on' ? 1 : 0}`);
  }
  if (opts.fields?.length) {
    const [rows = []] = await ctx.execute(ctx.target, `SELECT review_fields FROM sites WHERE id = ${lit(siteId)}`);
    let current: Record<string, unknown> = {};
    try {
      current = JSON.parse(String(rows[0]?.review_fields ?? '{}')) as Record<string, unknown>;
    } catch {
      current = {};
    }
    sets.push(`review_fields = ${lit(JSON.stringify({ ...current, ...parseFields(opts.fields, ctx) }))}`);
  }
  if (sets.length) await ctx.execute(ctx.target, `UPDATE sites SET ${sets.join(', ')} WHERE id = ${lit(siteId)}`);
  const [rows = []] = await ctx.execute(ctx.target, `SELECT reviews_anonymous, review_fields FROM sites WHERE id = ${lit(siteId)}`);
  const row = rows[0] ?? {};
  console.log(`Reviews on "${siteId}": visitors without a shop account ${Number(row.reviews_anonymous) ? 'may' : 'may not'} review.`);
  const fields = JSON.parse(String(row.review_fields ?? '{}')) as Record<string, string[]>;
  const types = Object.entries(fields);
  console.log(types.length ? types.map(([t, f]) => `  ${t}: ${f.length ? f.join(', ') : '(no fields)'}`).join('\n') : '  No fields per product type yet.');
}

async function productType(ctx: CliContext, siteId: string, product: string | undefined, type: string | undefined): Promise<void> {
  if (!product || !/^[\w.:/-]{1,128}$/.test(product)) throw ctx.usageError('Give the product id (1–128 letters, digits or . _ : / -).');
  if (!type || !(type === '-' || /^[a-z0-9_-]{1,40}$/.test(type))) throw ctx.usageError('Give the product type (lower-case letters, digits, - and _), or - to clear it.');
  await ctx.requireSite(ctx.target, siteId);
  const value = type === '-' ? 'NULL' : lit(type);
  await ctx.execute(
    ctx.target,
    `INSERT INTO products (site_id, id, first_seen_at, product_type) VALUES (${lit(siteId)}, ${lit(product)}, ${Date.now()}, ${value})
       ON CONFLICT (site_id, id) DO UPDATE SET product_type = excluded.product_type`,
  );
  console.log(type === '-' ? `${product} has no product type now.` : `${product} is now of type "${type}".`);
}

/** Runs `reviews <command> …`. */
export async function reviewsCommand(ctx: CliContext, command: string | undefined, args: string[], opts: ReviewsOptions): Promise<void> {
  const siteId = opts.site;
  if (!siteId || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(siteId)) throw ctx.usageError('Give the site with --site <id>, e.g. --site demo.');
  const expectArgs = (n: number) => {
    if (args.length > n) throw ctx.usageError(`Unexpected argument "${args[n]}".`);
  };
  switch (command) {
    case 'import':
      expectArgs(1);
      return importReviews(ctx, siteId, args[0], opts['dry-run'] ?? false);
    case 'settings':
      expectArgs(0);
      return settings(ctx, siteId, opts);
    case 'product-type':
      expectArgs(2);
      return productType(ctx, siteId, args[0], args[1]);
    default:
      throw ctx.usageError(`Unknown command "reviews ${command ?? ''}".`);
  }
}
