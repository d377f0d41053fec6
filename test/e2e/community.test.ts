/**
 * Community answers end to end in Chromium: a shopper is deflected by a suggestion while typing,
 * and an expert answers an open question inside the widget on the shop's own page.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
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

describe('community answers', () => {
  it('deflects a shopper with a similar answered question while they type', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const deflection: string[] = [];
    page.on('request', (req) => {
      if (req.url().endsWith('/deflection') && req.method() === 'POST') deflection.push(req.postData() ?? '');
    });
    await page.goto(`${origin}/products/storm-shell-jacket`);
    await page.getByRole('textbox', { name: 'Your question' }).pressSequentially('Will the hood fit over my helmet', { delay: 20 });
    const similar = page.getByRole('list', { name: 'Similar questions' });
    await similar.waitFor();
    const suggestion = similar.getByText('Does the hood fit over a bike helmet?');
    await suggestion.waitFor();
    // Opening the suggestion shows its answer in place.
    await similar.getByRole('button').first().click();
    await page.getByText('Yes, it fits over my road helmet with room to spare.').first().waitFor();
    // Leaving without posting counts as deflected (the widget reports it on pagehide).
    await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
    await expect.poll(() => deflection.map((d) => JSON.parse(d).kind as string)).toEqual(
      expect.arrayContaining(['suggestions_shown', 'suggestion_opened', 'deflected']),
    );
    await context.close();
  });

  it('lets an expert find an open question and answer it in the widget, with an Expert badge', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const question = `Can I fit a 3 litre bladder in the daypack? (${uniqueTag()})`;
    await page.goto(`${origin}/products/daypack-24`);
    await page.getByRole('textbox', { name: 'Your question' }).fill(question);
    await page.getByRole('button', { name: 'Post question' }).click();
    await page.locator('samen-question-item', { hasText: question }).first().waitFor();

    await page.getByRole('combobox', { name: 'Browse as' }).selectOption('eva');
    await page.getByText('Posting as Eva Jansen').first().waitFor();
    await page.getByRole('button', { name: 'Open questions' }).or(page.getByRole('tab', { name: 'Open questions' })).first().click();
    const openList = page.getByRole('list', { name: 'Open questions' });
    await openList.getByText(question).waitFor();
    const item = openList.locator('samen-question-item', { hasText: question });
    await item.getByRole('button', { name: 'Answer', exact: true }).click();
    await item.getByRole('textbox', { name: 'Your answer' }).fill('Yes: the sleeve takes a 3 L bladder with a hose port on both sides.');
    await item.getByRole('button', { name: 'Post answer' }).click();
    await item.getByText('the sleeve takes a 3 L bladder').waitFor();
    await item.getByText('Expert', { exact: true }).first().waitFor();
    await context.close();
  });
});
