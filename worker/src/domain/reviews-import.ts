/**
 * Reading a shop's existing reviews from CSV (`npm run samen -- reviews import`): RFC 4180 CSV
 * with a header row, each row checked against the same rules as the API, and a report of every
 * row that cannot be imported (its line, a code and a readable reason). No I/O here.
 *
 * Columns (header names, any order, case-insensitive):
 *   product_id*, rating* (1–5), title*, body*, author_name, customer_id (the shop's customer id,
 *   as in its shopper tokens: links the review to that shopper), created_at (ISO 8601 date),
 *   external_id (the review's id in the old system; re-importing skips it), product_type, fit, usage.
 * A `verified` column is ignored: "Verified buyer" comes only from signed purchase claims.
 */
import { REVIEW_FIELDS, REVIEW_LIMITS as L, type ReviewFieldValues } from '../review-types.ts';
import { maskPersonalData, type PersonalDataKind } from './screening.ts';

export const IMPORT_MAX_ROWS = 50_000;
const KNOWN = ['product_id', 'rating', 'title', 'body', 'author_name', 'customer_id', 'created_at', 'external_id', 'product_type', 'fit', 'usage'] as const;
type Column = (typeof KNOWN)[number];
const REQUIRED: readonly Column[] = ['product_id', 'rating', 'title', 'body'];

export interface ImportRow {
  /** Line of the file where the row starts (the header is line 1). */
  line: number;
  externalId: string;
  productId: string;
  productType: string | null;
  rating: number;
  title: string;
  body: string;
  authorName: string | null;
  customerId: string | null;
  createdAt: number;
  fields: ReviewFieldValues;
  /** Personal data found and masked in the title or text. */
  masked: PersonalDataKind[];
}

export type RejectCode =
  | 'missing_value'
  | 'invalid_text'
  | 'invalid_product'
  | 'invalid_rating'
  | 'review_title_too_short'
  | 'review_title_too_long'
  | 'review_too_short'
  | 'review_too_long'
  | 'name_too_long'
  | 'invalid_customer_id'
  | 'invalid_date'
  | 'invalid_external_id'
  | 'invalid_product_type'
  | 'invalid_review_fields'
  | 'wrong_column_count'
  | 'duplicate_in_file';

export interface RejectedRow {
  line: number;
  code: RejectCode;
  message: string;
}

export interface ParsedImport {
  rows: ImportRow[];
  rejected: RejectedRow[];
  /** About the file as a whole (ignored columns), not about single rows. */
  warnings: string[];
}

/** A mistake in the file as a whole: no header, a required column missing, too many rows, broken quoting. */
export class ImportFileError extends Error {}

/** Splits CSV text into records of fields, with the line each record starts on. */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    fields.push(field);
    // Blank lines are not records.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else {
      field += ch;
    }
  }
  if (quoted) throw new ImportFileError(`A quoted value that starts on line ${start} is never closed.`);
  if (field !== '' || fields.length) endRecord();
  return records;
}

const PRODUCT = /^[\w.:/-]{1,128}$/;
const CUSTOMER = /^[^\p{Cc}]{1,128}$/u;
const EXTERNAL = /^[^\p{Cc}]{1,128}$/u;
const PRODUCT_TYPE = new RegExp(`^[a-z0-9_-]{1,${L.productType.max}}$`);
const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
// Control characters other than tab and newline have no place in a review.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

async function digest(text: string): Promise<string> {
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(hash).slice(0, 12)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const reject = (line: number, code: RejectCode, message: string): RejectedRow => ({ line, code, message });

/** Checks one record; a row to import, or why not. */
async function checkRow(line: number, get: (c: Column) => string, now: number): Promise<ImportRow | RejectedRow> {
  for (const c of REQUIRED) if (!get(c)) return reject(line, 'missing_value', `“${c}” is empty.`);
  const productId = get('product_id');
  if (!PRODUCT.test(productId)) return reject(line, 'invalid_product', `“${productId.slice(0, 40)}” is not a product id (1–128 letters, digits or . _ : / -).`);
  const ratingText = get('rating');
  if (!/^[1-5]$/.test(ratingText)) return reject(line, 'invalid_rating', `The rating must be a whole number from 1 to 5, not “${ratingText.slice(0, 20)}”.`);
  const title = get('title');
  const body = get('body');
  if (CONTROL.test(title) || CONTROL.test(body)) return reject(line, 'invalid_text', 'The title or text holds control characters.');
  if (title.length < L.title.min) return reject(line, 'review_title_too_short', `The title needs at least ${L.title.min} characters.`);
  if (title.length > L.title.max) return reject(line, 'review_title_too_long', `The title can have at most ${L.title.max} characters.`);
  if (body.length < L.body.min) return reject(line, 'review_too_short', `The review needs at least ${L.body.min} characters (it has ${body.length}).`);
  if (body.length > L.body.max) return reject(line, 'review_too_long', `The review can have at most ${L.body.max} characters.`);
  const authorName = get('author_name') || null;
  if (authorName && (authorName.length > 60 || CONTROL.test(authorName))) return reject(line, 'name_too_long', 'The author name can have at most 60 characters.');
  const customerId = get('customer_id') || null;
  if (customerId && !CUSTOMER.test(customerId)) return reject(line, 'invalid_customer_id', 'The customer id has 1–128 characters and no control characters.');
  let createdAt = now;
  const date = get('created_at');
  if (date) {
    const ms = DATE.test(date) ? Date.parse(date.length === 10 ? `${date}T12:00:00Z` : date) : Number.NaN;
    if (!Number.isFinite(ms) || ms > now || ms < Date.UTC(1995, 0, 1)) {
      return reject(line, 'invalid_date', `“${date.slice(0, 40)}” is not a date in the past written as 2024-05-31 or 2024-05-31T14:00:00Z.`);
    }
    createdAt = ms;
  }
  const productType = get('product_type') || null;
  if (productType && !PRODUCT_TYPE.test(productType)) {
    return reject(line, 'invalid_product_type', `A product type is 1–${L.productType.max} lower-case letters, digits, - or _.`);
  }
  const fields: ReviewFieldValues = {};
  for (const key of ['fit', 'usage'] as const) {
    const value = get(key);
    if (!value) continue;
    const options: readonly string[] = REVIEW_FIELDS[key];
    if (!options.includes(value)) return reject(line, 'invalid_review_fields', `“${key}” must be one of ${options.join(', ')}.`);
    Object.assign(fields, { [key]: value });
  }
  const given = get('external_id');
  if (given && !EXTERNAL.test(given)) return reject(line, 'invalid_external_id', 'The external id has 1–128 characters and no control characters.');
  // Without an id from the old system, the row's own content is its id: importing the same file twice adds nothing.
  const externalId = given ? `ext:${given}` : `csv:${await digest([productId, customerId ?? '', authorName ?? '', date, title, body].join('\u0000'))}`;
  const t = maskPersonalData(title);
  const b = maskPersonalData(body);
  return {
    line,
    externalId,
    productId,
    productType,
    rating: Number(ratingText),
    title: t.body,
    body: b.body,
    authorName,
    customerId,
    createdAt,
    fields,
    masked: [...new Set([...t.masked, ...b.masked])],
  };
}

/** Reads a whole CSV file: the rows to import and a report of those that cannot be. */
export async function parseReviewsCsv(text: string, now = Date.now()): Promise<ParsedImport> {
  const records = parseCsv(text);
  const header = records.shift();
  if (!header) throw new ImportFileError('The file is empty: it needs a header row (product_id,rating,title,body,…) and reviews.');
  const names = header.fields.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length) throw new ImportFileError(`The header row lacks ${missing.map((c) => `“${c}”`).join(', ')}. It has: ${names.join(', ')}.`);
  if (records.length > IMPORT_MAX_ROWS) throw new ImportFileError(`The file has ${records.length} rows; import at most ${IMPORT_MAX_ROWS} at a time.`);
  const warnings: string[] = [];
  const ignored = names.filter((n) => n && !(KNOWN as readonly string[]).includes(n));
  if (names.includes('verified')) warnings.push('The “verified” column is ignored: “Verified buyer” comes only from signed purchase claims.');
  const unknown = ignored.filter((n) => n !== 'verified');
  if (unknown.length) warnings.push(`Ignored columns: ${unknown.join(', ')}.`);

  const index = new Map<string, number>(names.map((n, i) => [n, i]));
  const rows: ImportRow[] = [];
  const rejected: RejectedRow[] = [];
  const seenIds = new Map<string, number>();
  const seenAuthors = new Map<string, number>();
  for (const record of records) {
    if (record.fields.length !== names.length) {
      rejected.push(reject(record.line, 'wrong_column_count', `The row has ${record.fields.length} values; the header has ${names.length}.`));
      continue;
    }
    const get = (c: Column) => {
      const i = index.get(c);
      return i === undefined ? '' : (record.fields[i] ?? '').trim();
    };
    const checked = await checkRow(record.line, get, now);
    if ('code' in checked) {
      rejected.push(checked);
      continue;
    }
    const sameId = seenIds.get(checked.externalId);
    const authorKey = checked.customerId ? `${checked.productId}\u0000${checked.customerId}` : null;
    const sameAuthor = authorKey ? seenAuthors.get(authorKey) : undefined;
    if (sameId !== undefined || sameAuthor !== undefined) {
      const first = sameId ?? sameAuthor;
      const why = sameId !== undefined ? 'the same review' : 'a review by the same customer of the same product';
      rejected.push(reject(record.line, 'duplicate_in_file', `Line ${first} already has ${why}.`));
      continue;
    }
    seenIds.set(checked.externalId, checked.line);
    if (authorKey) seenAuthors.set(authorKey, checked.line);
    rows.push(checked);
  }
  return { rows, rejected, warnings };
}
