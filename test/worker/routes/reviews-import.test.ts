/**
 * The CSV import's parsing and checks (`npm run samen -- reviews import`), tested on the module
 * itself: quoting, the report of rejected rows with their lines and reasons, duplicates, masking
 * of personal data, and stable ids so that importing a file twice adds nothing.
 */
import { describe, expect, it } from 'vitest';
import { ImportFileError, parseCsv, parseReviewsCsv } from '../../../worker/src/domain/reviews-import.ts';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const BODY = 'Kept me dry on a long walk along the dunes.';

describe('CSV parsing', () => {
  it('reads quoted values with commas, doubled quotes and line breaks, CRLF and a BOM', () => {
    const text = '\ufeffa,b,c\r\n1,"two, with comma","say ""hi""\nnext line"\r\n\r\n4,5,6';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'two, with comma', 'say "hi"\nnext line'] },
      { line: 5, fields: ['4', '5', '6'] },
    ]);
  });

  it('refuses a file whose quote is never closed', () => {
    expect(() => parseCsv('a,b\n1,"open')).toThrow(ImportFileError);
  });
});

describe('reviews CSV', () => {
  it('imports good rows and reports every rejected row with its line and reason', async () => {
    const csv = [
      'product_id,rating,title,body,author_name,customer_id,created_at,external_id,fit,usage,verified,colour',
      `nk-jacket,5,Dry and warm,${BODY},Joris,cust-1,2025-03-01,old-1,,weekly,yes,red`,
      `nk-jacket,6,Too good,${BODY},,,,,,,,`,
      `nk-jacket,4,x,${BODY},,,,,,,,`,
      'nk-jacket,4,Short,Too short.,,,,,,,,',
      `bad id!,4,Title,${BODY},,,,,,,,`,
      `nk-jacket,4,Title,${BODY},,,3025-01-01,,,,,`,
      `nk-jacket,4,Title,${BODY},,,,,huge,,,`,
      `nk-jacket,4,Title,${BODY},,,,old-1,,,,`,
      `nk-jacket,3,Again,${BODY},,cust-1,,,,,,`,
      'nk-jacket,4,Title',
      `nk-shoe,"3","Fits, mostly","${BODY} Mail me: anna@example.com",Anna,cust-2,2025-04-02T10:30:00Z,,true_to_size,daily,,`,
      `nk-shoe,2,Meh,${BODY},,,,,,,,`,
    ].join('\n');
    const { rows, rejected, warnings } = await parseReviewsCsv(csv, NOW);
    expect(rejected).toEqual([
      { line: 3, code: 'invalid_rating', message: expect.stringContaining('“6”') },
      { line: 4, code: 'review_title_too_short', message: expect.any(String) },
      { line: 5, code: 'review_too_short', message: expect.stringContaining('it has 10') },
      { line: 6, code: 'invalid_product', message: expect.any(String) },
      { line: 7, code: 'invalid_date', message: expect.any(String) },
      { line: 8, code: 'invalid_review_fields', message: expect.stringContaining('small, true_to_size, large') },
      { line: 9, code: 'duplicate_in_file', message: 'Line 2 already has the same review.' },
      { line: 10, code: 'duplicate_in_file', message: 'Line 2 already has a review by the same customer of the same product.' },
      { line: 11, code: 'wrong_column_count', message: 'The row has 3 values; the header has 12.' },
    ]);
    expect(warnings).toEqual([
      'The “verified” column is ignored: “Verified buyer” comes only from signed purchase claims.',
      'Ignored columns: colour.',
    ]);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({
      line: 2,
      externalId: 'ext:old-1',
      productId: 'nk-jacket',
      productType: null,
      rating: 5,
      title: 'Dry and warm',
      body: BODY,
      authorName: 'Joris',
      customerId: 'cust-1',
      createdAt: Date.UTC(2025, 2, 1, 12),
      fields: { usage: 'weekly' },
      masked: [],
    });
    expect(rows[1]).toMatchObject({
      line: 12,
      title: 'Fits, mostly',
      rating: 3,
      createdAt: Date.UTC(2025, 3, 2, 10, 30),
      fields: { fit: 'true_to_size', usage: 'daily' },
      masked: ['email'],
      externalId: expect.stringMatching(/^csv:[0-9a-f]{24}$/),
    });
    expect(rows[1]?.body).not.toContain('anna@example.com');
    expect(rows[2]).toMatchObject({ line: 13, authorName: null, customerId: null, createdAt: NOW });
  });

  it('gives a row without an external id the same id every time, so a second import adds nothing', async () => {
    const csv = `product_id,rating,title,body\nnk-jacket,4,Title,${BODY}\nnk-jacket,4,Title,${BODY} More.`;
    const first = await parseReviewsCsv(csv, NOW);
    const second = await parseReviewsCsv(csv, NOW + 1000);
    expect(first.rows.map((r) => r.externalId)).toEqual(second.rows.map((r) => r.externalId));
    expect(new Set(first.rows.map((r) => r.externalId)).size).toBe(2);
  });

  it('refuses files without the required columns, with the columns it found', async () => {
    await expect(parseReviewsCsv('', NOW)).rejects.toThrow('needs a header row');
    await expect(parseReviewsCsv('product_id,stars,title,text\nx,1,y,z', NOW)).rejects.toThrow('lacks “rating”, “body”. It has: product_id, stars, title, text.');
  });
});
