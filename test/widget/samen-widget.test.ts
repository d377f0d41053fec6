import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, findAccessibilityNode } from '@web/test-runner-commands';
import { SamenWidget } from '../../widget/src/samen-widget.ts';
import { define } from '../../widget/src/internal/define.ts';
import { ApiRequestError } from '../../widget/src/api/client.ts';
import { en } from '../../widget/src/i18n/index.ts';
import { FakeApi, networkError, serverError } from '../fixtures/fake-api.ts';
import {
  click,
  deepQueryAll,
  findByRole,
  getByRole,
  listedQuestions,
  queryAllByRole,
  settle,
  typeInto,
  visibleText,
  waitForNoText,
  waitForText,
} from './queries.ts';

// The loader registers the element with a config (API base, site); tests hand it an api instead.
define('samen-widget', SamenWidget);

const widgetFor = (api: FakeApi | null, product = api?.productId ?? 'jacket-1') =>
  fixture<SamenWidget>(html`<samen-widget .api=${api} product=${product}></samen-widget>`);

interface AxNode {
  role: string;
  name: string;
  children?: AxNode[];
}

describe('<samen-widget>', () => {
  it('shows a busy placeholder until the site answers', async () => {
    const api = new FakeApi();
    const release = api.hold('site');
    const el = await widgetFor(api);
    expect(el.shadowRoot!.querySelector('[aria-busy="true"]')).to.exist;
    expect(queryAllByRole(el, 'tablist')).to.have.length(0);
    release();
    await findByRole(el, 'tab', 'Questions');
    expect(el.shadowRoot!.querySelector('[aria-busy="true"]')).to.equal(null);
  });

  it('shows the Questions tab, selected, with a panel holding the ask form and the list', async () => {
    const api = new FakeApi();
    api.addQuestion({ text: 'Is it waterproof in heavy rain?' });
    const el = await widgetFor(api);

    const tablist = await findByRole(el, 'tablist', 'Community and support');
    const tab = getByRole(tablist, 'tab', 'Questions');
    expect(tab.getAttribute('aria-selected')).to.equal('true');
    const panel = getByRole(el, 'tabpanel', 'Questions');
    expect(tab.getAttribute('aria-controls')).to.equal(panel.id);

    expect(getByRole(panel, 'heading', 'Ask a question')).to.exist;
    expect(getByRole(panel, 'textbox', 'Your question')).to.exist;
    expect(getByRole(panel, 'textbox', 'Your name (optional)')).to.exist;
    expect(getByRole(panel, 'button', 'Post question')).to.exist;
    await waitForText(panel, 'Is it waterproof in heavy rain?');
    expect(listedQuestions(panel)).to.deep.equal(['Is it waterproof in heavy rain?']);
    expect(api.callsTo('questions')).to.deep.equal([[api.productId, null]]);
  });

  it('opens the page’s chat about this product from the Chat tab, and the arrow keys cycle the tabs', async () => {
    const api = new FakeApi();
    const el = await widgetFor(api);
    const tablist = await findByRole(el, 'tablist', 'Community and support');
    await click(getByRole(tablist, 'tab', 'Chat'));
    expect(getByRole(tablist, 'tab', 'Chat').getAttribute('aria-selected')).to.equal('true');
    const chat = await new Promise<Element>((resolve) => {
      const look = () => {
        const found = document.querySelector('samen-chat');
        if (found?.shadowRoot?.querySelector('[role="log"]')) resolve(found);
        else setTimeout(look, 20);
      };
      look();
    });
    expect(getByRole(chat, 'log', 'Conversation')).to.exist;
    expect(getByRole(chat, 'textbox', 'Message')).to.exist;
    chat.remove();

    getByRole(tablist, 'tab', 'Chat').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
    await settle();
    expect(getByRole(tablist, 'tab', 'Questions').getAttribute('aria-selected')).to.equal('true');
    getByRole(tablist, 'tab', 'Questions').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, composed: true }));
    await settle();
    expect(getByRole(tablist, 'tab', 'Chat').getAttribute('aria-selected')).to.equal('true');
    document.querySelector('samen-chat')?.remove();
  });

  it('exposes the same roles and names in Chromium’s accessibility tree', async () => {
    const api = new FakeApi();
    const q = api.addQuestion({ text: 'Is it waterproof in heavy rain?' });
    api.addAnswer(q.id);
    const el = await widgetFor(api);
    await findByRole(el, 'tab', 'Questions');
    await waitForNoText(el, en.loading);
    // Chromium's full tree (see axTreePlugin in web-test-runner.config.ts)
    const tree = await executeServerCommand<AxNode & { children: AxNode[] }, undefined>('samen-ax-tree');
    const has = (role: string, name: string) =>
      findAccessibilityNode<AxNode>(tree, (n) => n.role === role && n.name === name) !== null;

    expect(has('tablist', 'Community and support'), 'tablist').to.equal(true);
    expect(has('tab', 'Questions'), 'tab Questions').to.equal(true);
    expect(has('tabpanel', 'Questions'), 'tabpanel Questions').to.equal(true);
    expect(has('textbox', 'Your question'), 'textbox Your question').to.equal(true);
    expect(has('textbox', 'Your name (optional)'), 'textbox Your name').to.equal(true);
    expect(has('button', 'Post question'), 'button Post question').to.equal(true);
    expect(has('article', 'Is it waterproof in heavy rain?'), 'article').to.equal(true);
    expect(has('button', 'Show 1 answer'), 'button Show 1 answer').to.equal(true);
    expect(has('list', 'Questions about this product'), 'questions list').to.equal(true);
  });

  for (const [what, error] of [
    ['the site is not enabled (403)', serverError(403, 'origin_not_allowed')],
    ['the site is unknown (404)', serverError(404, 'site_not_found')],
    ['the service cannot be reached (status 0)', networkError()],
    ['something unexpected is thrown', new TypeError('boom')],
  ] as const) {
    it(`says politely that it is not available when ${what}`, async () => {
      const api = new FakeApi().fail('site', error);
      const warn = console.warn;
      const warnings: unknown[][] = [];
      console.warn = (...args: unknown[]) => void warnings.push(args);
      try {
        const el = await widgetFor(api);
        const status = await findByRole(el, 'status');
        expect(visibleText(status)).to.equal(en.unavailable);
        expect(queryAllByRole(el, 'tablist')).to.have.length(0);
        expect(queryAllByRole(el, 'textbox')).to.have.length(0);
        expect(api.callsTo('questions')).to.have.length(0);
        expect(warnings.length > 0).to.equal(!(error instanceof ApiRequestError));
      } finally {
        console.warn = warn;
      }
    });
  }

  it('is unavailable, not broken, with no api and no loader config', async () => {
    const el = await widgetFor(null);
    expect(visibleText(await findByRole(el, 'status'))).to.equal(en.unavailable);
  });

  it('lets a shopper ask and answer end to end', async () => {
    const api = new FakeApi();
    const el = await widgetFor(api);
    await findByRole(el, 'tab', 'Questions');
    await waitForNoText(el, en.loading);

    typeInto(getByRole(el, 'textbox', 'Your question'), 'Can I wash it at 40 degrees?');
    await click(getByRole(el, 'button', 'Post question'));
    // The typed text is on screen already (in the box): wait for the listed question instead.
    await findByRole(el, 'article', 'Can I wash it at 40 degrees?');
    expect(getByRole<HTMLTextAreaElement>(el, 'textbox', 'Your question').value).to.equal('');

    await click(getByRole(el, 'button', 'Answer'));
    typeInto(getByRole(el, 'textbox', 'Your answer'), 'Yes, on a gentle cycle.');
    await click(getByRole(el, 'button', 'Post answer'));
    await waitForText(el, 'Yes, on a gentle cycle.');
    await settle();
    expect(visibleText(el)).to.contain('· 1 answer');
    expect(getByRole(el, 'button', 'Hide answers')).to.exist;
    expect(deepQueryAll(el, 'samen-question-item')).to.have.length(1);
  });

  it('with a token the API accepts, lets the shopper post as their shop account', async () => {
    const api = new FakeApi().addMember('tok-ria', { name: 'Ria', role: 'shopper' });
    const el = await fixture<SamenWidget>(html`<samen-widget .api=${api} product=${api.productId} token="tok-ria"></samen-widget>`);
    await waitForText(el, 'Posting as Ria');
    expect(queryAllByRole(el, 'textbox', 'Your name (optional)')).to.have.length(0);
    expect(api.currentToken).to.equal('tok-ria');
    expect(queryAllByRole(el, 'status').map((s) => visibleText(s))).not.to.include(en.tokenRefused);
  });

  it('with a token the API refuses, says so and carries on as a guest', async () => {
    const api = new FakeApi();
    api.addQuestion({ text: 'Is it waterproof in heavy rain?' });
    const el = await fixture<SamenWidget>(html`<samen-widget .api=${api} product=${api.productId} token="forged"></samen-widget>`);
    await waitForText(el, en.tokenRefused);
    await waitForText(el, 'Is it waterproof in heavy rain?');
    expect(api.currentToken).to.equal(null);
    expect(getByRole(el, 'textbox', 'Your name (optional)')).to.exist;
    expect(visibleText(el)).not.to.contain('Posting as');
  });

  it('signs the shopper in when the token arrives after start', async () => {
    const api = new FakeApi().addMember('tok-ria', { name: 'Ria', role: 'shopper' });
    const el = await widgetFor(api);
    await findByRole(el, 'textbox', 'Your name (optional)');
    el.token = 'tok-ria';
    await waitForText(el, 'Posting as Ria');
    expect(queryAllByRole(el, 'textbox', 'Your name (optional)')).to.have.length(0);
  });

  it('marks its content with the language it speaks', async () => {
    const el = await widgetFor(new FakeApi());
    await findByRole(el, 'tab', 'Questions');
    expect(el.shadowRoot!.querySelector('[part="container"]')!.getAttribute('lang')).to.equal('en');
  });
});
