/**
 * Reviews end to end in Chromium against the real server: an anonymous shopper sees the expert
 * verdict and the rating summary on the demo product page; Anna pays at the demo checkout (whose
 * backend signs and hands over the purchase claim), then writes a review that shows
 * "Verified buyer", and the summary counts it.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './harness.ts';
import { uniqueTag } from './unique.ts';

const origin = inject('appOrigin');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const SUMMARY = /(\d\.\d) out of 5, (\d+) reviews?/;

/** Opens the Reviews tab and returns the summary's review count. */
async function openReviews(page: Page): Promise<number> {
  await page.getByRole('tab', { name: 'Reviews' }).click();
  const summary = page.getByText(SUMMARY).first();
  await summary.waitFor();
  return Number(SUMMARY.exec((await summary.textContent()) ?? '')?.[2]);
}

describe('reviews', () => {
  it('shows a guest the expert verdict and the rating summary', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/products/storm-shell-jacket`);
    const count = await openReviews(page);
    expect(count).toBeGreaterThanOrEqual(3);
    await page.getByRole('heading', { name: 'Expert verdict' }).waitFor();
    const verdict = page.getByRole('article', { name: 'Our pick for wet coastal walks' });
    await verdict.getByText('Eva Jansen').first().waitFor();
    await verdict.getByText('Outdoor guide, Wadden coast').waitFor();
    await page.getByRole('list', { name: 'Reviews per rating' }).waitFor();
    await page.getByText('Sign in on the shop to write a review.').waitFor();
    expect(await page.getByRole('button', { name: 'Write a review' }).count()).toBe(0);
    await context.close();
  });

  it('lets Anna review as a verified buyer after the demo checkout, and the summary counts her review', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/checkout`);
    await page.getByRole('combobox', { name: 'Browse as' }).selectOption('anna');
    await page.getByText('Signed in as Anna de Vries').waitFor();
    await page.getByRole('button', { name: 'Pay now' }).click();
    await page.getByText('Order NK-1042 is paid').waitFor();

    await page.goto(`${origin}/products/storm-shell-jacket`);
    await page.getByText('Posting as Anna de Vries').first().waitFor();
    const before = await openReviews(page);
    // A retried run finds Anna's review from the first attempt: start afresh.
    if (await page.getByRole('heading', { name: 'Your review' }).count()) {
      await page.getByRole('button', { name: 'Delete review' }).first().click();
      await page.getByRole('button', { name: 'Delete review' }).last().click();
      await page.getByRole('button', { name: 'Write a review' }).waitFor();
    }
    const start = await openReviews(page);

    await page.getByRole('button', { name: 'Write a review' }).click();
    const rating = page.getByRole('radiogroup', { name: 'Rating' });
    await rating.getByRole('radio', { name: '5 stars' }).check();
    const title = `Dry on the dike (${uniqueTag()})`;
    await page.getByRole('textbox', { name: 'Title' }).fill(title);
    await page.getByRole('textbox', { name: 'Review' }).fill('Walked the sea dike in a storm for two hours and stayed completely dry.');
    await page.getByRole('button', { name: 'Post review' }).click();

    const mine = page.getByRole('article', { name: title });
    await mine.waitFor();
    await mine.getByText('Verified buyer').waitFor();
    await mine.getByText('Anna de Vries').first().waitFor();
    await expect.poll(async () => Number(SUMMARY.exec((await page.getByText(SUMMARY).first().textContent()) ?? '')?.[2])).toBe(start + 1);
    expect(before).toBeGreaterThanOrEqual(start);
    await context.close();
  });
});

describe('npm run samen -- reviews import', () => {
  it('imports a CSV into a site, reports each rejected row, and skips what it imported before', async () => {
    const { execFile } = await import('node:child_process');
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { runWrangler } = await import('../../scripts/wrangler.ts');
    const dir = mkdtempSync(join(tmpdir(), 'samen-import-test-'));
    const samen = (args: string[]) =>
      new Promise<{ code: number; out: string }>((resolve) => {
        execFile(process.execPath, ['scripts/samen.ts', ...args, '--persist-to', dir], (err, stdout, stderr) =>
          resolve({ code: typeof err?.code === 'number' ? err.code : 0, out: `${stdout}${stderr}` }),
        );
      });
    try {
      await runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dir]);
      expect((await samen(['site', 'create', 'import-shop', '--name', 'Import shop'])).code).toBe(0);
      const csv = join(dir, 'reviews.csv');
      writeFileSync(
        csv,
        [
          'product_id,rating,title,body,author_name,customer_id,created_at,fit,verified',
          'nk-storm-jacket,5,Dry in a storm,"Walked three hours in heavy rain, completely dry.",Joris,cust-9,2025-09-01,true_to_size,yes',
          'nk-storm-jacket,7,Wow,Too many stars for this one obviously.,,,,,',
          "nk-storm-jacket,4,\"Good, not perfect\",\"The hood is great; the sleeves are long. O'Brien says hi.\",Sean,,2025-10-02,,",
        ].join('\n'),
      );
      const first = await samen(['reviews', 'import', '--site', 'import-shop', csv]);
      expect(first.code, first.out).toBe(2);
      expect(first.out).toContain('Imported: 2 reviews of 1 product into "import-shop".');
      expect(first.out).toContain('line 3: The rating must be a whole number from 1 to 5, not “7”. (invalid_rating)');
      expect(first.out).toContain('The “verified” column is ignored');
      const again = await samen(['reviews', 'import', '--site', 'import-shop', csv]);
      expect(again.out).toContain('Imported: 0 reviews of 0 products');
      expect(again.out).toContain('Skipped 2 rows imported before.');
      const out = await runWrangler([
        'd1', 'execute', 'DB', '--local', '--persist-to', dir, '--json', '--command',
        "SELECT review_count, rating_sum FROM review_summaries WHERE site_id = 'import-shop' AND product_id = 'nk-storm-jacket'",
      ]);
      expect((JSON.parse(out.slice(out.indexOf('['))) as { results: unknown[] }[])[0]?.results).toEqual([{ review_count: 2, rating_sum: 9 }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
