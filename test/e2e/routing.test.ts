/**
 * Routing to brand staff, the whole flow in Chromium against the real server: a shopper asks a
 * personal question on a product page, is told it went privately to the team with a time promise,
 * does not find it in the public list; an agent signs into the console, finds it at the top of the
 * queue, claims it and replies; the shopper sees the reply in the widget without reloading.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, watchPage, clearDemoQueue } from './harness.ts';
import { uniqueTag } from './unique.ts';

const origin = inject('appOrigin');
const QUESTION = 'Where is my invoice for order 1042?';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('a personal question routed to the brand’s team', () => {
  it('goes privately to the queue, and the staff reply reaches the shopper without a reload', async () => {
    await clearDemoQueue(origin);
    const shopper = await browser.newPage();
    const problems = watchPage(shopper);
    await shopper.goto(`${origin}/products/storm-shell-jacket`);
    await shopper.getByRole('tab', { name: 'Questions' }).waitFor();
    await shopper.getByRole('textbox', { name: 'Your question' }).fill(QUESTION);
    await shopper.getByRole('button', { name: 'Post question' }).click();

    // Told where it went and when to expect an answer.
    await shopper.getByText(/This looks like a question about your invoice — we.ve sent it privately to Noordkust Outdoor.s team\./).waitFor();
    await shopper.getByText(/Noordkust Outdoor.s team will answer (today|tomorrow|on )?.*\d\d:\d\d/).waitFor();
    // Never in the public list, in the page or from the API.
    expect(await shopper.locator('samen-question-item', { hasText: 'Where is my invoice' }).count()).toBe(0);
    const list = (await (await fetch(`${origin}/api/v1/sites/demo/products/nk-storm-jacket/questions?limit=50`)).json()) as {
      questions: { body: string }[];
    };
    expect(list.questions.some((q) => q.body.includes('invoice'))).toBe(false);

    // The agent signs in and finds it at the top of the queue, as the shopper wrote it.
    const console = await browser.newPage();
    const consoleProblems = watchPage(console);
    await console.goto(`${origin}/console/`);
    await console.getByRole('textbox', { name: 'Email' }).fill('agent@noordkust.example');
    await console.getByRole('textbox', { name: 'Password' }).fill('noordkust-agent-2026');
    await console.getByRole('button', { name: 'Sign in' }).click();
    const queue = console.getByRole('list', { name: 'Queue' });
    await queue.getByRole('listitem').first().getByText(QUESTION).waitFor();
    await queue.getByRole('button', { name: QUESTION }).first().click();
    await console.getByRole('button', { name: 'Claim' }).click();
    const reply = `Hi! Your invoice for order 1042 is on its way to your email — ${uniqueTag()}`;
    await console.getByRole('textbox', { name: 'Reply to shopper' }).fill(reply);
    await console.getByRole('button', { name: 'Reply', exact: true }).click();
    await console.getByText(reply).first().waitFor();

    // The shopper, still on the same page, sees the reply arrive.
    await shopper.getByText(reply).waitFor({ timeout: 20_000 });
    await shopper.getByText('Answered', { exact: true }).first().waitFor();
    expect(problems).toEqual([]);
    expect(consoleProblems).toEqual([]);
    await shopper.close();
    await console.close();
  });
});
