/**
 * Live chat (issue 7), the whole flow in Chromium against the real server: the shopper opens the
 * chat launcher on the checkout page (order NK-1042) and sends a message; an agent signed into the
 * console sees it live with the order number and replies; the shopper sees the agent typing and
 * the reply; the shopper's network is cut and restored with a message typed meanwhile — and in the
 * end both sides hold the same messages, each exactly once.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, watchPage, clearDemoQueue } from './harness.ts';
import { uniqueTag } from './unique.ts';

const origin = inject('appOrigin');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** How often `text` appears in the log named "Conversation" of `page`. */
async function timesIn(page: Page, text: string): Promise<number> {
  const log = await page.getByRole('log', { name: 'Conversation' }).innerText();
  return log.split(text).length - 1;
}

describe('live chat from the checkout page', () => {
  it('reaches the console live with the order, brings the reply back, and survives a network cut', async () => {
    await clearDemoQueue(origin);
    const tag = uniqueTag();
    const first = `Can I still add a second pair of socks to my order? ${tag}`;
    const context = await browser.newContext();
    const shopper = await context.newPage();
    const problems = watchPage(shopper);
    // The launcher costs nothing until used: no chat request before the click.
    const chatCalls: string[] = [];
    shopper.on('request', (r) => /conversations/.test(r.url()) && chatCalls.push(r.url()));
    await shopper.goto(`${origin}/checkout`);
    const launcher = shopper.getByRole('button', { name: 'Chat with us' });
    await launcher.waitFor();
    expect(chatCalls).toEqual([]);
    await launcher.click();
    const panel = shopper.getByRole('dialog', { name: /Chat/ });
    await panel.getByText('About order NK-1042').waitFor();
    await panel.getByRole('textbox', { name: 'Message' }).fill(first);
    await panel.getByRole('button', { name: 'Send' }).click();
    // The auto-acknowledgement: who answers and when (or "leave a message" outside business hours).
    await panel.getByText(/team will answer|We are away right now/).waitFor();

    // The agent finds it in the queue with the order number and opens the conversation.
    const agent = await browser.newPage();
    const agentProblems = watchPage(agent);
    await agent.goto(`${origin}/console/`);
    await agent.getByRole('textbox', { name: 'Email' }).fill('agent@noordkust.example');
    await agent.getByRole('textbox', { name: 'Password' }).fill('noordkust-agent-2026');
    await agent.getByRole('button', { name: 'Sign in' }).click();
    const queue = agent.getByRole('list', { name: 'Queue' });
    await queue.getByRole('button', { name: new RegExp(tag) }).first().click({ timeout: 20_000 });
    await agent.getByText('Order: NK-1042').first().waitFor();
    const agentLog = agent.getByRole('log', { name: 'Conversation' });
    await agentLog.getByText(first).waitFor();

    // Live both ways: the agent types (the shopper sees it) and replies.
    const reply = `Yes — I have added them, same delivery. ${tag}`;
    // Typing is a passing signal (a socket reconnecting at that moment misses it): type until it shows.
    for (let attempt = 1; ; attempt++) {
      await agent.getByRole('textbox', { name: 'Message' }).pressSequentially('Yes — ', { delay: 20 });
      try {
        await panel.getByText(/is typing/).waitFor({ timeout: 5_000 });
        break;
      } catch (err) {
        if (attempt >= 4) throw err;
        await agent.getByRole('textbox', { name: 'Message' }).fill('');
      }
    }
    await agent.getByRole('textbox', { name: 'Message' }).fill(reply);
    await agent.getByRole('button', { name: 'Send' }).click();
    await panel.getByRole('log', { name: 'Conversation' }).getByText(reply).waitFor({ timeout: 10_000 });

    // A new message from the shopper arrives in the console while it is open.
    const second = `Great, thanks! ${tag}`;
    await panel.getByRole('textbox', { name: 'Message' }).fill(second);
    await panel.getByRole('button', { name: 'Send' }).click();
    await agentLog.getByText(second).waitFor({ timeout: 10_000 });

    // The shopper's network goes away; a message typed meanwhile waits, then goes once.
    await context.setOffline(true);
    await panel.getByText(/Reconnecting/).waitFor({ timeout: 10_000 });
    const offline = `Typed while offline ${tag}`;
    await panel.getByRole('textbox', { name: 'Message' }).fill(offline);
    await panel.getByRole('button', { name: 'Send' }).click();
    await panel.getByText(offline).waitFor();
    const afterCut = `Sent while you were offline ${tag}`;
    await agent.getByRole('textbox', { name: 'Message' }).fill(afterCut);
    await agent.getByRole('button', { name: 'Send' }).click();
    await shopper.waitForTimeout(1500);
    await context.setOffline(false);
    await agentLog.getByText(offline).waitFor({ timeout: 20_000 });
    await panel.getByRole('log', { name: 'Conversation' }).getByText(afterCut).waitFor({ timeout: 20_000 });
    await panel.getByText(/Reconnecting/).waitFor({ state: 'hidden', timeout: 20_000 });

    // Nothing lost, nothing doubled, on either side.
    for (const text of [first, reply, second, offline, afterCut]) {
      expect(await timesIn(shopper, text), `shopper: ${text}`).toBe(1);
      expect(await timesIn(agent, text), `agent: ${text}`).toBe(1);
    }
    expect(problems).toEqual([]);
    expect(agentProblems).toEqual([]);
    await context.close();
    await agent.close();
  });
});
