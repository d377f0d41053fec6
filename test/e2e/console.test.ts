/**
 * The staff console through the real server in Chromium, under the strict CSP: a wrong password
 * is refused readably, the owner signs in, sees shoppers' questions with hostile text shown
 * literally, and signs out.
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

describe('the staff console', () => {
  it('signs the owner in and out, and renders shoppers’ text literally', async () => {
    const hostile = `<img src=x onerror=alert('console')> console check ${uniqueTag()}`;
    const posted = await fetch(`${origin}/api/v1/sites/demo/products/nk-daypack-24/questions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin },
      body: JSON.stringify({ text: hostile }),
    });
    expect(posted.status).toBe(201);

    const context = await browser.newContext();
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective}`));
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      // The browser logs the refused sign-in (401) and the signed-out session probe; nothing else may appear.
      if (m.type() === 'error' && !/\b40[13]\b/.test(m.text())) problems.push(m.text());
    });
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });

    const res = await page.goto(`${origin}/console/`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('textbox', { name: 'Email' }).fill('owner@noordkust.example');
    await page.getByRole('textbox', { name: 'Password' }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').first().waitFor();

    await page.getByRole('textbox', { name: 'Password' }).fill('noordkust-owner-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    // The queue opens first; shoppers' public questions are one section further.
    await page.getByRole('navigation').getByRole('button', { name: 'Recent questions' }).click();
    await page.getByText(hostile, { exact: true }).waitFor();
    const cookies = await context.cookies();
    expect(cookies.map((c) => ({ name: c.name, httpOnly: c.httpOnly, secure: c.secure, sameSite: c.sameSite }))).toEqual([
      { name: '__Host-samen_session', httpOnly: true, secure: true, sameSite: 'Strict' },
    ]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
