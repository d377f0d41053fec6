/**
 * The console's Insights through the real server in Chromium, under the strict CSP, against the
 * demo seed's months of activity: the owner opens Insights, sees the figures the API computed,
 * changes the period and sees them change, reads a chart as a table, downloads its CSV, and
 * narrows the figures to one product.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { InsightsReport } from '../../worker/src/insights-types.ts';
import { launchBrowser } from './harness.ts';

const origin = inject('appOrigin');
const DAY = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** The preset "last n days": today (UTC) and the n - 1 days before. */
const lastDays = (n: number) => ({ from: dayOf(Date.now() - (n - 1) * DAY), to: dayOf(Date.now()) });
const totalContacts = (r: InsightsReport) => r.contacts.total.question + r.contacts.total.chat + r.contacts.total.review + r.contacts.total.idea;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The report as the API gives it to the signed-in page (same cookie). */
async function apiReport(page: Page, period: { from: string; to: string }): Promise<InsightsReport> {
  const res = await page.request.get(`${origin}/api/v1/console/insights?from=${period.from}&to=${period.to}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as InsightsReport;
}

/** The big number of the headline figure called `label`. */
const figureValue = (page: Page, label: string): Locator =>
  page.locator('samen-console-insights .figure').filter({ has: page.locator('dt', { hasText: label }) }).locator('.value');

describe('console Insights', () => {
  it('shows the figures for a period, changes with it, and exports a chart as CSV', async () => {
    const context = await browser.newContext({ locale: 'en-US', acceptDownloads: true });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective}`));
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      // The signed-out session probe before signing in logs a 401; nothing else may appear.
      if (m.type() === 'error' && !/\b401\b/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));

    await page.goto(`${origin}/console/`);
    await page.getByRole('textbox', { name: 'Email' }).fill('owner@noordkust.example');
    await page.getByRole('textbox', { name: 'Password' }).fill('noordkust-owner-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation').getByRole('button', { name: 'Insights' }).click();
    await page
      .getByRole('heading', { name: 'Headline figures' })
      .waitFor()
      .catch(async (err: unknown) => {
        // Say what the view shows instead (an error from the API, or "nothing happened" without seeded activity).
        throw new Error(`Insights did not show its figures; it shows: ${await page.locator('samen-console-insights').innerText()}`, { cause: err });
      });

    // The last 30 days by default: the page shows what the API computed from the seeded activity.
    const thirty = await apiReport(page, lastDays(30));
    expect(totalContacts(thirty)).toBeGreaterThan(0);
    await expect.poll(() => figureValue(page, 'Contacts').textContent()).toBe(new Intl.NumberFormat('en').format(totalContacts(thirty)));

    // The charts are drawn (uPlot, loaded lazily with its stylesheet file) and named.
    const contactsChart = page.getByRole('region', { name: 'Contacts per day by channel' });
    await contactsChart.locator('.uplot canvas').first().waitFor();
    await expect.poll(() => contactsChart.getByRole('img').getAttribute('aria-label')).toMatch(/^Contacts per day by channel, /);

    // Another period: the figures follow.
    const seven = await apiReport(page, lastDays(7));
    expect(totalContacts(seven)).not.toBe(totalContacts(thirty));
    await page.getByLabel('Period', { exact: true }).selectOption({ label: 'Last 7 days' });
    await expect.poll(() => figureValue(page, 'Contacts').textContent()).toBe(new Intl.NumberFormat('en').format(totalContacts(seven)));
    await expect
      .poll(() => figureValue(page, 'Escalations').textContent())
      .toBe(new Intl.NumberFormat('en').format(seven.escalations.total));

    // The chart as a table: one row per day of the period.
    await contactsChart.getByRole('button', { name: 'Show as table' }).click();
    await expect.poll(() => contactsChart.locator('table:not(.u-legend) tbody tr').count()).toBe(7);

    // Its CSV: a real download with the period in its name and the API's figures per day.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      contactsChart.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const { from, to } = lastDays(7);
    expect(download.suggestedFilename()).toBe(`samen-insights-contacts-per-day-${from}-${to}.csv`);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('Day,Questions,Chats,Reviews,Ideas');
    expect(lines.slice(1)).toEqual(seven.contacts.daily.map((d) => `${d.day},${d.question},${d.chat},${d.review},${d.idea}`));
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(Array.from({ length: 7 }, (_, i) => dayOf(Date.parse(from) + i * DAY)));

    // One product: the figures are that product's.
    const products = ((await (await page.request.get(`${origin}/api/v1/console/insights/products`)).json()) as { products: { id: string; name: string }[] })
      .products;
    const product = products[0]!;
    const res = await page.request.get(`${origin}/api/v1/console/insights?from=${from}&to=${to}&product=${encodeURIComponent(product.id)}`);
    const forProduct = (await res.json()) as InsightsReport;
    await page.getByLabel('Product', { exact: true }).selectOption({ label: product.name });
    await expect.poll(() => page.locator('samen-console-insights .showing').textContent()).toMatch(new RegExp(` · ${product.name}$`));
    await expect.poll(() => figureValue(page, 'Contacts').textContent()).toBe(new Intl.NumberFormat('en').format(totalContacts(forProduct)));

    expect(problems).toEqual([]);
    await context.close();
  });
});
