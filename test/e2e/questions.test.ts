import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Server } from 'node:http';
import { brotliCompressSync, constants } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { freePort, launchBrowser, startForeignShop, watchPage } from './harness.ts';
import { uniqueTag } from './unique.ts';

const app = { origin: inject('appOrigin') };
let browser: Browser;
let allowedShop: Server;
let refusedShop: Server;
let allowedPort: number;
let refusedPort: number;

beforeAll(async () => {
  allowedPort = inject('allowedPort');
  refusedPort = await freePort();
  browser = await launchBrowser();
  allowedShop = await startForeignShop(app.origin, allowedPort, 'products/storm-shell-jacket.html');
  refusedShop = await startForeignShop(app.origin, refusedPort, 'products/storm-shell-jacket.html');
});

afterAll(async () => {
  await browser?.close();
  allowedShop?.close();
  refusedShop?.close();
});

describe('a shopper on the demo product page', () => {
  it('asks a question, answers it, reloads and finds both', async () => {
    const page = await browser.newPage();
    const problems = watchPage(page);
    await page.goto(`${app.origin}/products/storm-shell-jacket`);
    await page.getByRole('tab', { name: 'Questions' }).waitFor();

    const question = `Is the Storm Shell warm enough for winter cycling? (${uniqueTag()})`;
    await page.getByRole('textbox', { name: 'Your question' }).fill(question);
    await page.getByRole('button', { name: 'Post question' }).click();
    const item = page.locator('samen-question-item', { hasText: question });
    await item.waitFor();
    await expect(page.getByRole('textbox', { name: 'Your question' }).inputValue()).resolves.toBe('');

    await item.getByRole('button', { name: 'Answer', exact: true }).click();
    await item.getByRole('textbox', { name: 'Your answer' }).fill('Add the merino base layer and it is fine down to 0 °C.');
    await item.getByRole('button', { name: 'Post answer' }).click();
    await item.getByText('Add the merino base layer').waitFor();

    await page.reload();
    const again = page.locator('samen-question-item', { hasText: question });
    await again.waitFor();
    await again.getByText('1 answer', { exact: false }).first().waitFor();
    await again.getByRole('button', { name: 'Show 1 answer' }).click();
    await again.getByText('Add the merino base layer and it is fine down to 0 °C.').waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('sees a readable error next to the field and keeps the typed text', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.origin}/products/merino-base-layer`);
    const box = page.getByRole('textbox', { name: 'Your question' });
    await box.fill('Too short');
    await page.getByRole('button', { name: 'Post question' }).click();
    await page.getByRole('alert').filter({ hasText: 'at least 10 characters' }).waitFor();
    await expect(box.inputValue()).resolves.toBe('Too short');
    await page.close();
  });

  it('loads at most 1.5 KB of loader plus 12 KB of core (brotli) before any interaction', async () => {
    const page = await browser.newPage();
    const scripts: Promise<number>[] = [];
    const urls: string[] = [];
    page.on('response', (res) => {
      // Samen's own JavaScript: the loader and its chunks (the shop's scripts are not ours to count).
      if (res.request().resourceType() === 'script' && /\/widget(\.js|\/)/.test(new URL(res.url()).pathname)) {
        urls.push(res.url());
        scripts.push(
          res.body().then((b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length),
        );
      }
    });
    await page.goto(`${app.origin}/products/daypack-24`);
    await page.getByRole('tab', { name: 'Questions' }).waitFor();
    await page.waitForLoadState('networkidle');
    const sizes = await Promise.all(scripts);
    const bytes = sizes.reduce((a, b) => a + b, 0);
    console.log(`product page JavaScript before interaction: ${bytes} B brotli in ${urls.join(', ')}`);
    expect(bytes).toBeGreaterThan(0);
    const loader = urls.findIndex((u) => new URL(u).pathname === '/widget.js');
    expect(sizes[loader] ?? Infinity).toBeLessThanOrEqual(1.5 * 1024);
    expect(bytes - (sizes[loader] ?? 0)).toBeLessThanOrEqual(12 * 1024);
    await page.close();
  });
});

describe('the embed on another shop origin', () => {
  it('works from an allowed origin (cross-origin script and API)', async () => {
    const page = await browser.newPage();
    const problems = watchPage(page);
    await page.goto(`http://localhost:${allowedPort}/products/storm-shell-jacket`);
    await page.getByRole('tab', { name: 'Questions' }).waitFor();
    const question = `Can I wash it at 40 degrees? (${uniqueTag()})`;
    await page.getByRole('textbox', { name: 'Your question' }).fill(question);
    await page.getByRole('button', { name: 'Post question' }).click();
    await page.locator('samen-question-item', { hasText: question }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a polite "not available" state on an origin that is not allowed, and the API refuses it', async () => {
    const page = await browser.newPage();
    const problems = watchPage(page);
    // The browser blocks the refused response (no CORS grant), so the page sees a failed request.
    const refusedCalls: string[] = [];
    page.on('requestfailed', (req) => {
      if (req.url().includes('/api/v1/sites/demo')) refusedCalls.push(req.url());
    });
    await page.goto(`http://localhost:${refusedPort}/products/storm-shell-jacket`);
    await page.getByText('Questions and answers are not available on this site.').waitFor();
    expect(await page.getByRole('tab', { name: 'Questions' }).count()).toBe(0);
    expect(refusedCalls.length).toBeGreaterThan(0);
    expect(problems).toEqual([]);

    const direct = await fetch(`${app.origin}/api/v1/sites/demo`, {
      headers: { Origin: `http://localhost:${refusedPort}` },
    });
    expect(direct.status).toBe(403);
    expect(direct.headers.get('access-control-allow-origin')).toBeNull();
    await expect(direct.json()).resolves.toMatchObject({ error: { code: 'origin_not_allowed' } });
    await page.close();
  });
});
