/**
 * The idea board end to end in Chromium against the real server: a shopper on a demo product page
 * shares an idea, finds it under New, votes for it and comments; a second shopper typing a similar
 * title is shown the first idea and posts a duplicate anyway. In the console the owner gives the
 * first idea the status "Planned" with an explanation and merges the duplicate into it; back in the
 * widget the idea reads "Planned" with the explanation, carries both votes, and the duplicate is
 * gone. Last, the owner switches the Ideas tab off and the widget no longer has it (switched back
 * on afterwards: the other end-to-end files share the demo site).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser, watchPage } from './harness.ts';
import { uniqueTag } from './unique.ts';

const origin = inject('appOrigin');
const PRODUCT_PAGE = `${origin}/products/trail-runner-gtx`;
let browser: Browser;

/** A console session cookie for the demo owner, for the API calls that set the scene back. */
async function ownerCookie(): Promise<string> {
  const res = await fetch(`${origin}/api/v1/console/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify({ email: 'owner@noordkust.example', password: 'noordkust-owner-2026' }),
  });
  if (res.status !== 200) throw new Error(`console sign-in answered ${res.status}`);
  return (res.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
}

async function setIdeasTab(enabled: boolean): Promise<void> {
  const res = await fetch(`${origin}/api/v1/console/ideas/settings`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Origin: origin, Cookie: await ownerCookie() },
    body: JSON.stringify({ enabled }),
  });
  if (res.status !== 200) throw new Error(`saving the idea board setting answered ${res.status}: ${await res.text()}`);
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  // Whatever happened above, the demo site keeps its idea board for the other files.
  await setIdeasTab(true);
  await browser?.close();
});

/** The product page with the widget's Ideas tab open. */
async function openIdeas(page: Page): Promise<void> {
  await page.goto(PRODUCT_PAGE);
  await page.getByRole('tab', { name: 'Ideas' }).click();
  await page.getByRole('heading', { name: 'Ideas from shoppers' }).waitFor();
}

/** Fills "Share an idea" with a title typed key by key (so similar ideas are looked up as a shopper types). */
async function fillIdea(page: Page, title: string, body: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Share an idea' }).click();
  const form = page.locator('samen-idea-form');
  await form.getByRole('textbox', { name: 'Title' }).pressSequentially(title, { delay: 10 });
  await form.getByRole('textbox', { name: 'Description' }).fill(body);
  await form.getByRole('radio', { name: /^Product · / }).check();
  await form.getByRole('textbox', { name: 'Your name' }).fill('Tess');
  return form;
}

/** An idea in the widget's list, found by its title. */
const widgetIdea = (page: Page, list: string, title: string): Locator =>
  page.getByRole('list', { name: list }).getByRole('article', { name: title, exact: true });

/** An idea in the console's Ideas view, found by its title. */
const consoleIdea = (page: Page, title: string): Locator =>
  page.locator('samen-console-ideas').getByRole('article', { name: title, exact: true });

async function signInOwner(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${origin}/console/`);
  await page.getByRole('textbox', { name: 'Email' }).fill('owner@noordkust.example');
  await page.getByRole('textbox', { name: 'Password' }).fill('noordkust-owner-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.getByRole('navigation').getByRole('button', { name: 'Ideas' }).click();
  await page.getByRole('heading', { name: 'Ideas', exact: true }).waitFor();
  return page;
}

describe('the idea board', () => {
  it('goes from a shopper’s idea through the console’s status and merge back to the widget, and the owner can switch it off', async () => {
    const tag = uniqueTag();
    const title = `Reflective trim on the heel cup (${tag})`;
    const dupTitle = `Reflective heel cup trim (${tag})`;
    const note = `Planned for the autumn collection, ${tag}.`;
    const comment = `Yes please, for running at dusk (${tag})`;

    // A shopper shares an idea on a product page.
    const shopperContext = await browser.newContext({ locale: 'en-US' });
    const shopper = await shopperContext.newPage();
    const problems = watchPage(shopper);
    await openIdeas(shopper);
    const form = await fillIdea(shopper, title, 'Reflective trim on the heel cup would make me visible when running in the dark.');
    await form.getByRole('button', { name: 'Post idea' }).click();
    // The widget opens the idea just shared.
    await shopper.getByRole('heading', { name: title, exact: true }).waitFor();
    await shopper.getByRole('button', { name: 'Back to the ideas' }).click();

    // It is under New, with no votes; voting presses the button and counts the vote.
    await expect.poll(() => shopper.getByRole('button', { name: 'New', exact: true }).getAttribute('aria-pressed')).toBe('true');
    const listed = widgetIdea(shopper, 'New ideas', title);
    await listed.getByText('New', { exact: true }).waitFor();
    await listed.getByText('0 votes').waitFor();
    const vote = listed.getByRole('button', { name: 'Vote' });
    expect(await vote.getAttribute('aria-pressed')).toBe('false');
    await vote.click();
    await expect.poll(() => vote.getAttribute('aria-pressed')).toBe('true');
    await listed.getByText('1 vote', { exact: true }).waitFor();

    // And comments on it.
    await listed.getByRole('button', { name: title }).click();
    await shopper.getByRole('textbox', { name: 'Your comment' }).fill(comment);
    await shopper.getByRole('textbox', { name: 'Your name' }).fill('Tess');
    await shopper.getByRole('button', { name: 'Post comment' }).click();
    await shopper.getByRole('list', { name: 'Comments' }).getByText(comment).waitFor();

    // Another shopper starts the same idea, is shown the first while typing, posts anyway and votes for theirs.
    const otherContext = await browser.newContext({ locale: 'en-US' });
    const other = await otherContext.newPage();
    const otherProblems = watchPage(other);
    await openIdeas(other);
    const otherForm = await fillIdea(other, dupTitle, 'Some reflective trim around the heel for running in the evening.');
    await otherForm.getByRole('region', { name: 'Similar ideas: vote for one of these instead?' }).getByRole('button', { name: title }).waitFor();
    await otherForm.getByRole('button', { name: 'Post idea' }).click();
    await other.getByRole('heading', { name: dupTitle, exact: true }).waitFor();
    await other.getByRole('button', { name: 'Vote' }).click();
    await other.getByText('1 vote', { exact: true }).waitFor();

    // The owner plans the first idea with an explanation and merges the duplicate into it.
    const consoleContext = await browser.newContext({ locale: 'en-US' });
    const owner = await signInOwner(consoleContext);
    const consoleProblems = watchPage(owner);
    const inConsole = consoleIdea(owner, title);
    await inConsole.waitFor();
    await inConsole.getByText('1 comment', { exact: true }).waitFor();
    await inConsole.getByRole('button', { name: 'Change status' }).click();
    await inConsole.getByRole('combobox', { name: 'New status' }).selectOption({ label: 'Planned' });
    await inConsole.getByRole('textbox', { name: 'Public explanation' }).fill(note);
    await inConsole.getByRole('button', { name: 'Save status' }).click();
    await inConsole.getByText(note).waitFor();
    await inConsole.getByText('Planned', { exact: true }).waitFor();

    const duplicate = consoleIdea(owner, dupTitle);
    await duplicate.getByRole('button', { name: 'Merge into another idea' }).click();
    await duplicate.getByRole('combobox', { name: 'Merge into' }).selectOption({ label: `${title} (1 vote)` });
    await duplicate.getByRole('button', { name: 'Merge', exact: true }).click();
    // The console lists the ideas to act on: the duplicate leaves the list, and the merge is read out.
    await owner.getByText(`“${dupTitle}” is merged into “${title}”.`).waitFor({ state: 'attached' });
    await expect.poll(() => duplicate.count()).toBe(0);
    // The kept idea has the duplicate's vote now.
    await inConsole.getByText('2 votes', { exact: true }).waitFor();
    await inConsole.getByText('1 duplicate merged in').waitFor();

    // The other shopper, still on the duplicate, is told to vote on the idea it went to.
    await other.getByRole('button', { name: 'Vote' }).click();
    await other.getByText('This idea was merged into another one: vote and comment there.').waitFor({ state: 'attached' });

    // Back in the widget: "Planned" with the explanation, both votes, the duplicate gone.
    await openIdeas(shopper);
    await shopper.getByRole('button', { name: 'New', exact: true }).click();
    const planned = widgetIdea(shopper, 'New ideas', title);
    await planned.getByText('Planned', { exact: true }).waitFor();
    await planned.getByText('2 votes', { exact: true }).waitFor();
    expect(await planned.getByRole('button', { name: 'Vote' }).getAttribute('aria-pressed')).toBe('true');
    expect(await shopper.getByRole('list', { name: 'New ideas' }).getByText(dupTitle).count()).toBe(0);
    await planned.getByRole('button', { name: title }).click();
    await shopper.getByText(note).waitFor();
    await shopper.getByText('Update from Noordkust Outdoor').waitFor();
    await shopper.getByRole('list', { name: 'Comments' }).getByText(comment).waitFor();

    // Last (the other files share the site): the owner switches the Ideas tab off.
    const setting = owner.getByRole('checkbox', { name: 'Show the Ideas tab in the widget' });
    expect(await setting.isChecked()).toBe(true);
    try {
      await setting.uncheck();
      await owner.getByRole('button', { name: 'Save idea board settings' }).click();
      await owner.getByText('Idea board settings saved.').waitFor({ state: 'attached' });
      await shopper.goto(PRODUCT_PAGE);
      await shopper.getByRole('tab', { name: 'Questions' }).waitFor();
      expect(await shopper.getByRole('tab').allTextContents()).not.toContain('Ideas');
      expect(await shopper.getByRole('tab', { name: 'Ideas' }).count()).toBe(0);
    } finally {
      await setIdeasTab(true);
    }
    await shopper.reload();
    await shopper.getByRole('tab', { name: 'Ideas' }).waitFor();

    expect(problems).toEqual([]);
    expect(otherProblems).toEqual([]);
    expect(consoleProblems).toEqual([]);
    await shopperContext.close();
    await otherContext.close();
    await consoleContext.close();
  });
});
