import { expect, fixture, html } from '@open-wc/testing';
import '../../../widget/src/console/samen-console-webhooks.ts';
import type { SamenConsoleWebhooks } from '../../../widget/src/console/samen-console-webhooks.ts';
import { en } from '../../../widget/src/console/i18n/en.ts';
import { apiError, FakeConsoleApi } from './fake-console-api.ts';
import {
  accessibleDescription,
  accessibleName,
  click,
  deepActiveElement,
  deepQueryAll,
  findByRole,
  getByRole,
  queryAllByRole,
  typeInto,
  visibleText,
  waitForNoText,
  waitForText,
} from '../queries.ts';

const webhooksFor = async (api: FakeConsoleApi) => {
  const el = await fixture<SamenConsoleWebhooks>(html`<samen-console-webhooks .api=${api}></samen-console-webhooks>`);
  await waitForNoText(el, en.loading);
  return el;
};

/** The event checkboxes, by their label text. */
const checkbox = (el: Element, name: RegExp) => {
  const found = deepQueryAll<HTMLInputElement>(el, 'input[type=checkbox]').filter((c) => name.test(c.labels?.[0]?.textContent ?? ''));
  expect(found, `one checkbox matching ${name}`).to.have.length(1);
  return found[0] as HTMLInputElement;
};

/** The delivery log table, by its accessible name (the shared queries know no table role). */
const deliveryTable = (el: Element) => {
  const tables = deepQueryAll<HTMLTableElement>(el, 'table').filter((t) => accessibleName(t) === 'Recent deliveries');
  expect(tables).to.have.length(1);
  return tables[0] as HTMLTableElement;
};

function aHook(api: FakeConsoleApi, url: string, events: ('question.created' | 'answer.created' | 'question.unanswered')[] = ['question.created']) {
  const hook = { id: crypto.randomUUID(), url, events, createdAt: Date.now(), secret: 'whsec_never-shown-in-the-list' };
  api.webhookList.push(hook);
  return hook;
}

describe('<samen-console-webhooks>', () => {
  it('lists the webhooks with their events, never a secret, and the delivery log', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    const hook = aHook(api, 'https://hooks.shop.example/samen', ['question.created', 'answer.created']);
    api.deliveryList = [
      { id: 'd2', webhookId: hook.id, url: null, event: 'answer.created', status: 'pending', attempts: 2, lastStatus: 503, lastError: 'HTTP 503', createdAt: Date.now(), deliveredAt: null, nextAttemptAt: Date.now() + 120e3 },
      { id: 'd1', webhookId: hook.id, url: null, event: 'question.created', status: 'delivered', attempts: 1, lastStatus: 200, lastError: null, createdAt: Date.now() - 60e3, deliveredAt: Date.now() - 60e3, nextAttemptAt: null },
      { id: 'd0', webhookId: 'gone', url: null, event: 'question.created', status: 'failed', attempts: 6, lastStatus: null, lastError: 'connection refused', createdAt: Date.now() - 3600e3, deliveredAt: null, nextAttemptAt: null },
    ];
    const el = await webhooksFor(api);

    const list = getByRole(el, 'list', 'Webhooks');
    expect(visibleText(list)).to.contain('https://hooks.shop.example/samen').and.contain('question.created, answer.created');
    expect(visibleText(el)).not.to.contain('whsec_');

    const rows = Array.from(deliveryTable(el).tBodies[0]!.rows).map((r) => Array.from(r.cells).map((c) => visibleText(c)));
    expect(rows.map((r) => r.slice(1))).to.deep.equal([
      ['answer.created', 'https://hooks.shop.example/samen', 'Retrying', '2', 'HTTP 503'],
      ['question.created', 'https://hooks.shop.example/samen', 'Delivered', '1', 'HTTP 200'],
      ['question.created', '(deleted webhook)', 'Failed', '6', 'connection refused'],
    ]);
  });

  it('adds a webhook and shows its secret once, ready to copy', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    const el = await webhooksFor(api);
    expect(visibleText(el)).to.contain(en.webhooksEmpty);

    const url = getByRole<HTMLInputElement>(el, 'textbox', 'URL');
    expect(accessibleDescription(url)).to.contain('http://localhost');
    typeInto(url, ' https://Hooks.Shop.Example/samen ');
    checkbox(el, /answer\.created/).click();
    checkbox(el, /question\.created/).click();
    await click(getByRole(el, 'button', 'Add webhook'));

    expect(api.callsTo('addWebhook')).to.deep.equal([[{ url: 'https://hooks.shop.example/samen', events: ['question.created', 'answer.created'] }]]);
    const secret = await findByRole<HTMLInputElement>(el, 'textbox', 'Signing secret');
    expect(secret.value).to.match(/^whsec_test-1-/);
    expect(secret.readOnly).to.equal(true);
    expect(accessibleDescription(secret)).to.contain('will not be shown again');
    expect(deepActiveElement()).to.equal(secret);
    expect(visibleText(getByRole(el, 'list', 'Webhooks'))).to.contain('https://hooks.shop.example/samen');
    expect(visibleText(el)).to.contain('Webhooks now go to https://hooks.shop.example/samen.');
    expect(url.value).to.equal('');
    expect(checkbox(el, /answer\.created/).checked).to.equal(false);

    // Leaving the view forgets the secret; the list never had it.
    el.remove();
    document.body.append(el);
    await waitForNoText(el, en.loading);
    expect(queryAllByRole(el, 'textbox', 'Signing secret')).to.have.length(0);
    expect(visibleText(el)).not.to.contain('whsec_');
  });

  it('checks the URL and events before calling the API, next to the field', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    const el = await webhooksFor(api);
    const url = getByRole<HTMLInputElement>(el, 'textbox', 'URL');
    typeInto(url, 'http://hooks.shop.example/samen');
    checkbox(el, /question\.created/).click();
    await click(getByRole(el, 'button', 'Add webhook'));
    expect(api.callsTo('addWebhook')).to.have.length(0);
    expect(url.getAttribute('aria-invalid')).to.equal('true');
    expect(accessibleDescription(url)).to.contain(en.errors.invalid_url);
    expect(deepActiveElement()).to.equal(url);

    typeInto(url, 'http://localhost:8787/hook');
    checkbox(el, /question\.created/).click();
    await click(getByRole(el, 'button', 'Add webhook'));
    expect(api.callsTo('addWebhook')).to.have.length(0);
    expect(visibleText(getByRole(el, 'alert'))).to.equal(en.eventsRequired);
    expect(deepActiveElement()).to.equal(checkbox(el, /question\.created/));
  });

  it('explains what the API refuses, such as an eleventh webhook', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    for (let i = 0; i < 10; i++) aHook(api, `https://hooks.shop.example/${i}`);
    const el = await webhooksFor(api);
    typeInto(getByRole<HTMLInputElement>(el, 'textbox', 'URL'), 'https://hooks.shop.example/11');
    checkbox(el, /question\.unanswered/).click();
    await click(getByRole(el, 'button', 'Add webhook'));
    await waitForText(el, en.errors.too_many_webhooks);
    expect(getByRole<HTMLInputElement>(el, 'textbox', 'URL').value).to.equal('https://hooks.shop.example/11');
    expect(queryAllByRole(el, 'textbox', 'Signing secret')).to.have.length(0);
  });

  it('deletes only after confirmation; Cancel leaves it', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    const hook = aHook(api, 'https://hooks.shop.example/samen');
    aHook(api, 'https://other.shop.example/samen');
    const el = await webhooksFor(api);

    await click(getByRole(el, 'button', 'Delete the webhook to https://hooks.shop.example/samen'));
    expect(api.callsTo('deleteWebhook')).to.have.length(0);
    const confirm = getByRole(el, 'group');
    expect(visibleText(confirm)).to.contain('https://hooks.shop.example/samen').and.contain('stops sending');
    expect(deepActiveElement()).to.equal(getByRole(el, 'button', 'Cancel'));
    await click(getByRole(el, 'button', 'Cancel'));
    expect(queryAllByRole(el, 'group')).to.have.length(0);
    expect(deepActiveElement()).to.equal(getByRole(el, 'button', 'Delete the webhook to https://hooks.shop.example/samen'));

    await click(getByRole(el, 'button', 'Delete the webhook to https://hooks.shop.example/samen'));
    await click(getByRole(el, 'button', 'Yes, delete this webhook'));
    expect(api.callsTo('deleteWebhook')).to.deep.equal([[hook.id]]);
    await waitForText(el, 'The webhook to https://hooks.shop.example/samen is deleted.');
    expect(visibleText(getByRole(el, 'list', 'Webhooks'))).not.to.contain('https://hooks.shop.example/samen');
    expect(visibleText(getByRole(el, 'list', 'Webhooks'))).to.contain('https://other.shop.example/samen');
  });

  it('says when a webhook was already deleted elsewhere, and drops it from the list', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    aHook(api, 'https://hooks.shop.example/samen');
    const el = await webhooksFor(api);
    api.webhookList = [];
    await click(getByRole(el, 'button', 'Delete the webhook to https://hooks.shop.example/samen'));
    await click(getByRole(el, 'button', 'Yes, delete this webhook'));
    await waitForText(el, en.errors.webhook_not_found);
    expect(visibleText(el)).to.contain(en.webhooksEmpty);
  });

  it('has error states with a retry, and refreshes the delivery log on request', async () => {
    const api = new FakeConsoleApi().signedInAs('owner').fail('webhooks', apiError(0, 'network')).fail('webhookDeliveries', apiError(500, 'internal'));
    const el = await webhooksFor(api);
    const alerts = queryAllByRole(el, 'alert').map((a) => visibleText(a));
    expect(alerts.some((a) => a.includes(en.webhooksError))).to.equal(true);
    expect(alerts.some((a) => a.includes(en.deliveriesError))).to.equal(true);

    api.succeed();
    aHook(api, 'https://hooks.shop.example/samen');
    for (const button of queryAllByRole(el, 'button', 'Try again')) await click(button);
    await waitForText(getByRole(el, 'list', 'Webhooks'), 'https://hooks.shop.example/samen');
    expect(visibleText(el)).to.contain(en.deliveriesEmpty);

    api.deliveryList = [
      { id: 'd1', webhookId: api.webhookList[0]!.id, url: null, event: 'question.created', status: 'delivered', attempts: 1, lastStatus: 204, lastError: null, createdAt: Date.now(), deliveredAt: Date.now(), nextAttemptAt: null },
    ];
    await click(getByRole(el, 'button', 'Refresh'));
    await waitForText(deliveryTable(el), 'HTTP 204');
  });
});
