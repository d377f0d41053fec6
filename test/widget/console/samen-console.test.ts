import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, findAccessibilityNode } from '@web/test-runner-commands';
import '../../../widget/src/console/samen-console.ts';
import type { SamenConsole } from '../../../widget/src/console/samen-console.ts';
import { en } from '../../../widget/src/console/i18n/en.ts';
import { nl } from '../../../widget/src/console/i18n/nl.ts';
import { fr } from '../../../widget/src/console/i18n/fr.ts';
import { apiError, FakeConsoleApi } from './fake-console-api.ts';
import {
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

const consoleFor = async (api: FakeConsoleApi) => {
  const el = await fixture<SamenConsole>(html`<samen-console .api=${api}></samen-console>`);
  await waitForNoText(el, en.loading);
  return el;
};

/** The password field, found by its label (ARIA gives password inputs no textbox role of their own). */
function passwordField(root: Element): HTMLInputElement {
  const fields = deepQueryAll<HTMLInputElement>(root, 'input[type=password]').filter((f) => accessibleName(f) === 'Password');
  expect(fields, 'one password field named "Password"').to.have.length(1);
  return fields[0] as HTMLInputElement;
}

async function signIn(el: Element, email: string, password: string): Promise<void> {
  typeInto(getByRole<HTMLInputElement>(el, 'textbox', 'Email'), email);
  typeInto(passwordField(el), password);
  await click(getByRole(el, 'button', 'Sign in'));
}

/** The section navigation, by its accessible name (the shared queries know no navigation role). */
function sectionsNav(root: Element): HTMLElement {
  const navs = deepQueryAll<HTMLElement>(root, 'nav').filter((n) => accessibleName(n) === 'Console sections');
  expect(navs).to.have.length(1);
  return navs[0] as HTMLElement;
}

interface AxNode {
  role: string;
  name: string;
}

describe('<samen-console>', () => {
  afterEach(() => {
    document.documentElement.lang = 'en';
  });

  it('shows the sign-in form when nobody is signed in: Email, Password (current-password) and Sign in', async () => {
    const el = await consoleFor(new FakeConsoleApi());
    expect(getByRole(el, 'heading', 'Sign in')).to.exist;
    const email = getByRole<HTMLInputElement>(el, 'textbox', 'Email');
    expect(email.type).to.equal('email');
    expect(email.autocomplete).to.equal('username');
    const password = passwordField(el);
    expect(password.autocomplete).to.equal('current-password');
    expect(getByRole(el, 'button', 'Sign in')).to.exist;
    expect(queryAllByRole(el, 'button', 'Sign out')).to.have.length(0);

    // Chromium agrees on the roles and names.
    const tree = await executeServerCommand<AxNode & { children: AxNode[] }, undefined>('samen-ax-tree');
    const has = (role: string, name: string) => findAccessibilityNode<AxNode>(tree, (n) => n.role === role && n.name === name) !== null;
    expect(has('textbox', 'Email'), 'textbox Email').to.equal(true);
    expect(has('textbox', 'Password'), 'textbox Password').to.equal(true);
    expect(has('button', 'Sign in'), 'button Sign in').to.equal(true);
  });

  it('signs in, then shows the staff name, role, Sign out and the queue; the recent questions are one click away', async () => {
    const api = new FakeConsoleApi();
    api.addAccount('owner', 'Olga Owner');
    api.addQuestion({ body: 'Does the hood fit over a helmet?' });
    const el = await consoleFor(api);

    await signIn(el, 'owner@shop.example', 'correct-password');
    expect(api.callsTo('signIn')).to.deep.equal([['owner@shop.example', 'correct-password']]);
    await findByRole(el, 'button', 'Sign out');
    expect(visibleText(getByRole(el, 'heading', /Samen console/))).to.contain('Noordkust Outdoor');
    expect(visibleText(el)).to.contain('Olga Owner (Owner)');
    expect(deepActiveElement(), 'focus moves to the page heading').to.equal(getByRole(el, 'heading', /Samen console/));
    expect(await findByRole(el, 'heading', 'Queue')).to.exist;
    await click(getByRole(sectionsNav(el), 'button', 'Recent questions'));
    await waitForText(el, 'Does the hood fit over a helmet?');
    expect(getByRole(el, 'heading', 'Recent questions')).to.exist;
  });

  it('starts signed in when the API knows the session (the cookie is HttpOnly)', async () => {
    const api = new FakeConsoleApi().signedInAs('agent', 'Arjen Agent');
    const el = await consoleFor(api);
    expect(visibleText(el)).to.contain('Arjen Agent (Agent)');
    expect(api.callsTo('session')).to.have.length(1);
    expect(queryAllByRole(el, 'button', 'Sign in')).to.have.length(0);
  });

  for (const [what, error, text] of [
    ['a wrong password', apiError(401, 'invalid_credentials'), 'The email or password is not correct.'],
    ['a locked account (with the minutes to wait)', apiError(429, 'account_locked', 14 * 60 + 10), 'Try again in 15 minutes.'],
    ['a locked account with one minute left', apiError(429, 'account_locked', 30), 'Try again in 1 minute.'],
    ['too many attempts', apiError(429, 'rate_limited', 300), 'Too many sign-in attempts. Wait 5 minutes and try again.'],
    ['no connection', apiError(0, 'network'), en.errors.network],
  ] as const) {
    it(`explains ${what}, clears the password and keeps the email`, async () => {
      const api = new FakeConsoleApi().fail('signIn', error);
      api.addAccount('owner');
      const el = await consoleFor(api);
      await signIn(el, 'owner@shop.example', 'whatever-i-typed');

      const alert = await findByRole(el, 'alert');
      expect(visibleText(alert)).to.contain(text);
      expect(passwordField(el).value).to.equal('');
      expect(passwordField(el).getAttribute('aria-invalid')).to.equal('true');
      expect(getByRole<HTMLInputElement>(el, 'textbox', 'Email').value).to.equal('owner@shop.example');
      expect(deepActiveElement()).to.equal(passwordField(el));
      expect(queryAllByRole(el, 'button', 'Sign out')).to.have.length(0);
    });
  }

  it('gives owners the Queue first, then Recent questions, Moderation, Reviews, Ideas, Insights, Community, Team, Site, Routing, Webhooks and Shopper data', async () => {
    const el = await consoleFor(new FakeConsoleApi().signedInAs('owner'));
    const nav = sectionsNav(el);
    expect(queryAllByRole(nav, 'button').map((b) => visibleText(b))).to.deep.equal([
      'Queue',
      'Recent questions',
      'Moderation',
      'Reviews',
      'Ideas',
      'Insights',
      'Community',
      'Team',
      'Site',
      'Routing',
      'Webhooks',
      'Shopper data',
    ]);
    expect(getByRole(nav, 'button', 'Queue').getAttribute('aria-current')).to.equal('page');

    await click(getByRole(nav, 'button', 'Team'));
    expect(getByRole(nav, 'button', 'Team').getAttribute('aria-current')).to.equal('page');
    const heading = await findByRole(el, 'heading', 'Team');
    expect(deepActiveElement()).to.equal(heading);
  });

  it('gives agents the queue, recent questions, moderation, reviews, ideas and insights only: no Community, Team, Site, Routing, Webhooks or Shopper data', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    api.addModerationItem({ body: 'Held for review?' });
    const el = await consoleFor(api);
    await findByRole(el, 'heading', 'Queue');
    const nav = sectionsNav(el);
    expect(queryAllByRole(nav, 'button').map((b) => visibleText(b))).to.deep.equal(['Queue', 'Recent questions', 'Moderation', 'Reviews', 'Ideas', 'Insights']);
    for (const name of ['Community', 'Team', 'Site', 'Routing', 'Webhooks', 'Shopper data']) expect(queryAllByRole(el, 'button', name)).to.have.length(0);

    await click(getByRole(nav, 'button', 'Moderation'));
    expect(deepActiveElement()).to.equal(await findByRole(el, 'heading', 'Moderation'));
    await waitForText(el, 'Held for review?');
    expect(api.calls.filter((c) => ['site', 'staff', 'webhooks', 'webhookDeliveries', 'routing'].includes(c.method))).to.have.length(0);
  });

  it('signs out: calls the API and shows the sign-in form with a notice', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    const el = await consoleFor(api);
    await click(getByRole(el, 'button', 'Sign out'));
    expect(api.callsTo('signOut')).to.have.length(1);
    await findByRole(el, 'button', 'Sign in');
    expect(visibleText(getByRole(el, 'status'))).to.equal('You are signed out.');
    await waitForText(el, 'Sign in');
    expect(deepActiveElement()).to.equal(getByRole(el, 'textbox', 'Email'));
  });

  it('returns to the sign-in form when the session ends while working', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    const el = await consoleFor(api);
    api.fail('staff', apiError(401, 'session_expired'));
    await click(getByRole(el, 'button', 'Team'));
    await findByRole(el, 'button', 'Sign in');
    expect(visibleText(el)).to.contain('Your session has ended. Please sign in again.');
  });

  it('offers to try again when the service cannot be reached at start', async () => {
    const api = new FakeConsoleApi().fail('session', apiError(0, 'network'));
    const el = await consoleFor(api);
    const alert = getByRole(el, 'alert');
    expect(visibleText(alert)).to.contain(en.startError);
    api.succeed();
    await click(getByRole(alert, 'button', 'Try again'));
    await findByRole(el, 'button', 'Sign in');
  });

  for (const [lang, t] of [
    ['nl', nl],
    ['fr-BE', fr],
  ] as const) {
    it(`speaks the page’s language (<html lang="${lang}">)`, async () => {
      document.documentElement.lang = lang;
      const el = await fixture<SamenConsole>(html`<samen-console .api=${new FakeConsoleApi()}></samen-console>`);
      await findByRole(el, 'button', t.signIn);
      expect(getByRole(el, 'textbox', t.email)).to.exist;
      expect(deepQueryAll<HTMLInputElement>(el, 'input[type=password]').map((f) => accessibleName(f))).to.deep.equal([t.password]);
    });
  }
});
