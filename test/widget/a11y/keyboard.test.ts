/**
 * Keyboard only: real key presses (sendKeys through Chromium's input pipeline), no clicks.
 * A shopper tabs into the widget, moves through the tabs with the arrows, asks a question,
 * opens answers and votes, chats and closes the chat with Escape; staff sign in and handle a
 * queue item. Each step asserts where focus is and what the user then sees.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, findAccessibilityNode, sendKeys } from '@web/test-runner-commands';
import { SamenWidget } from '../../../widget/src/samen-widget.ts';
import { define } from '../../../widget/src/internal/define.ts';
import '../../../widget/src/console/samen-console.ts';
import type { SamenConsole } from '../../../widget/src/console/samen-console.ts';
import { FakeApi } from '../../fixtures/fake-api.ts';
import { FakeConsoleApi } from '../console/fake-console-api.ts';
import {
  accessibleName,
  deepActiveElement,
  findByRole,
  getByRole,
  roleOf,
  settle,
  waitForNoText,
  waitForText,
} from '../queries.ts';

define('samen-widget', SamenWidget);

/** What has focus, as a screen reader would announce it: role and name. */
function focused(): string {
  const el = deepActiveElement();
  if (!el) return '(nothing)';
  const role = roleOf(el) ?? (el instanceof HTMLInputElement ? `input[${el.type}]` : el.localName);
  return `${role} "${accessibleName(el)}"`;
}

const press = async (key: string) => {
  if (key === 'Shift+Tab') {
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
  } else await sendKeys({ press: key });
  await settle();
};

/** Presses Tab (or Shift+Tab) until focus is on `target` (role "name"); fails with the path taken. */
async function tabTo(target: string, { back = false, max = 25 } = {}): Promise<void> {
  const path: string[] = [];
  for (let i = 0; i < max; i++) {
    if (focused() === target) return;
    await press(back ? 'Shift+Tab' : 'Tab');
    path.push(focused());
  }
  throw new Error(`Tab never reached ${target}; focus went: ${path.join(' → ')}`);
}

const typeText = async (text: string) => {
  await sendKeys({ type: text });
  await settle();
};

describe('keyboard only: the shopper widget', () => {
  // The page's one chat panel is kept (the chat module reuses it), only closed.
  afterEach(() => document.querySelectorAll('samen-chat').forEach((e) => e.close()));

  it('tabs in to the selected tab, arrows through the tabs, asks a question, opens answers and votes', async () => {
    const api = new FakeApi();
    const q = api.addQuestion({ text: 'Is the jacket waterproof?' });
    api.addAnswer(q.id, { text: 'Yes, fully taped seams.', authorName: 'Piet' });
    const page = await fixture(html`<div>
      <button>Add to basket</button>
      <samen-widget .api=${api} product=${api.productId}></samen-widget>
    </div>`);
    const el = page.querySelector('samen-widget')!;
    await findByRole(el, 'tab', 'Questions');
    await waitForNoText(el, 'Loading questions…');
    page.querySelector('button')!.focus();

    // One Tab from the page lands on the selected tab (a roving tabindex: one stop for the tab list).
    await press('Tab');
    expect(focused()).to.equal('tab "Questions"');
    await press('ArrowRight');
    expect(focused()).to.equal('tab "Reviews"');
    expect(getByRole(el, 'tab', 'Reviews').getAttribute('aria-selected')).to.equal('true');
    await press('ArrowLeft');
    expect(focused()).to.equal('tab "Questions"');
    expect(getByRole(el, 'tab', 'Questions').getAttribute('aria-selected')).to.equal('true');

    // Ask: Tab to the question box, type, Tab to the button, Enter.
    await tabTo('textbox "Your question"');
    await typeText('Can I wash it at 40 degrees?');
    await tabTo('button "Post question"');
    await press('Enter');
    await waitUntil(() => api.callsTo('askQuestion').length === 1, 'Enter on "Post question" did not post');
    expect(api.callsTo('askQuestion')[0]![1]).to.deep.include({ text: 'Can I wash it at 40 degrees?' });
    await waitForText(el, 'Can I wash it at 40 degrees?');

    // Answers: Enter on the toggle shows them; Space on "Helpful" votes, and the toggle says so.
    await tabTo('button "Show 1 answer"');
    await press('Enter');
    await waitForText(el, 'Yes, fully taped seams.');
    await tabTo('button "Helpful"');
    await press('Space');
    await waitUntil(() => deepActiveElement()?.getAttribute('aria-pressed') === 'true', 'Space on "Helpful" did not press it');
    expect(api.callsTo('setHelpful'), 'the vote reached the API').to.have.length(1);
  });

  it('opens the chat from the Chat tab, sends with Enter and closes with Escape, focus back on the tab', async () => {
    const api = new FakeApi();
    const el = await fixture<SamenWidget>(html`<samen-widget .api=${api} product=${api.productId}></samen-widget>`);
    await findByRole(el, 'tab', 'Questions');
    getByRole(el, 'tab', 'Questions').focus();
    await press('ArrowLeft'); // from the first tab, backwards wraps to the last: Chat
    // (Focus may already have moved on into the chat when its code was fetched before.)
    expect(getByRole(el, 'tab', 'Chat').getAttribute('aria-selected')).to.equal('true');
    const panel = await waitUntil(() => document.querySelector('samen-chat')?.shadowRoot?.querySelector('dialog[open]'), 'no chat dialog opened').then(
      () => document.querySelector('samen-chat')!,
    );
    await waitUntil(() => focused() === 'textbox "Message"', `focus did not move into the chat, it is on ${focused()}`);
    await typeText('Where is my parcel?');
    await press('Enter');
    await waitUntil(() => api.chat.conversations.length === 1, 'Enter did not send');
    await waitForText(getByRole(panel, 'log', 'Conversation'), 'Where is my parcel?');

    await press('Escape');
    await waitUntil(() => !panel.shadowRoot!.querySelector('dialog[open]'), 'Escape did not close the chat');
    expect(focused()).to.equal('tab "Chat"');
  });
});

describe('keyboard only: the staff console', () => {
  it('signs in with the keyboard, opens a queue item, replies and resolves it', async () => {
    const api = new FakeConsoleApi();
    api.addAccount('agent', 'Arjen Agent');
    const item = api.addQueueItem({ body: 'Where is my invoice?', shopper: { name: 'Anna de Vries', sub: 'customer-42' } });
    const el = await fixture<SamenConsole>(html`<samen-console .api=${api}></samen-console>`);
    await findByRole(el, 'heading', 'Sign in');

    getByRole(el, 'textbox', 'Email').focus();
    await typeText('agent@shop.example');
    await press('Tab');
    expect(focused()).to.equal('input[password] "Password"');
    await typeText('correct-password');
    await press('Enter');
    await findByRole(el, 'button', 'Sign out');
    expect(focused(), 'focus lands on the page heading').to.match(/^heading "Samen console/);

    await tabTo('button "Where is my invoice?"');
    await press('Enter');
    await findByRole(el, 'heading', 'Question from Anna de Vries');
    expect(focused()).to.equal('heading "Question from Anna de Vries"');

    await tabTo('textbox "Reply to shopper"');
    await typeText('Sent again just now.');
    await tabTo('button "Reply"');
    await press('Enter');
    await waitUntil(() => api.callsTo('reply').length === 1, 'Enter on "Reply" did not send');
    expect(api.callsTo('reply')[0]).to.deep.equal([item.id, 'Sent again just now.']);
    await waitForText(el, 'Sent again just now.');

    await tabTo('button "Resolve"', { back: true });
    await press('Enter');
    await findByRole(el, 'button', 'Reopen');
    expect(api.callsTo('resolve')).to.deep.equal([[item.id]]);
  });
});

interface AxNode {
  role: string;
  name: string;
  children?: AxNode[];
}

describe('screen-reader names in Chromium’s accessibility tree', () => {
  afterEach(() => document.querySelectorAll('samen-chat').forEach((e) => e.close()));
  it('names the widget’s tabs, ask form and list; then the chat dialog’s controls, with the page behind it inert', async () => {
    const api = new FakeApi();
    api.addQuestion({ text: 'Is the jacket waterproof?' });
    const el = await fixture<SamenWidget>(html`<samen-widget .api=${api} product=${api.productId}></samen-widget>`);
    await findByRole(el, 'tab', 'Questions');
    await waitForNoText(el, 'Loading questions…');
    const widgetNames = [
      ['tablist', 'Community and support'],
      ['tab', 'Questions'],
      ['tab', 'Reviews'],
      ['tab', 'Chat'],
      ['tabpanel', 'Questions'],
      ['textbox', 'Your question'],
      ['button', 'Post question'],
      ['list', 'Questions about this product'],
      ['article', 'Is the jacket waterproof?'],
    ];
    const chatNames = [
      ['dialog', 'Chat'],
      ['log', 'Conversation'],
      ['textbox', 'Message'],
      ['button', 'Attach a file'],
      ['button', 'Send'],
      ['button', 'Close chat'],
    ];
    const present = async (names: string[][]) => {
      const tree = await executeServerCommand<AxNode & { children: AxNode[] }, undefined>('samen-ax-tree');
      return names
        // The dialog is named by its heading, "Chat — <the shop's name>".
        .filter(([role, name]) => findAccessibilityNode<AxNode>(tree, (n) => n.role === role && (n.name === name || (role === 'dialog' && n.name.startsWith(`${name} — `)))) !== null)
        .map(([role, name]) => `${role} "${name}"`);
    };
    const all = (names: string[][]) => names.map(([role, name]) => `${role} "${name}"`);

    expect(await present(widgetNames)).to.deep.equal(all(widgetNames));
    expect(await present(chatNames), 'no chat before it is opened').to.deep.equal([]);

    getByRole(el, 'tab', 'Questions').focus();
    await press('ArrowLeft');
    await waitUntil(() => focused() === 'textbox "Message"');
    expect(await present(chatNames)).to.deep.equal(all(chatNames));
    expect(await present(widgetNames), 'a modal dialog hides the page behind it').to.deep.equal([]);
  });
});
