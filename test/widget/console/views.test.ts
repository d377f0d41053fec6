import { expect, fixture, html } from '@open-wc/testing';
import '../../../widget/src/console/samen-console-questions.ts';
import '../../../widget/src/console/samen-console-team.ts';
import '../../../widget/src/console/samen-console-site.ts';
import '../../../widget/src/console/samen-console-shoppers.ts';
import type { SamenConsoleQuestions } from '../../../widget/src/console/samen-console-questions.ts';
import type { SamenConsoleTeam } from '../../../widget/src/console/samen-console-team.ts';
import type { SamenConsoleSite } from '../../../widget/src/console/samen-console-site.ts';
import type { SamenConsoleShoppers } from '../../../widget/src/console/samen-console-shoppers.ts';
import type { ShopperExport } from '../../../widget/src/console/api.ts';
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

describe('<samen-console-questions>', () => {
  const questionsFor = async (api: FakeConsoleApi) => {
    const el = await fixture<SamenConsoleQuestions>(html`<samen-console-questions .api=${api}></samen-console-questions>`);
    await waitForNoText(el, en.loading);
    return el;
  };

  it('lists the newest questions with author, role, shopper id, product and answer count', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    api.addQuestion({ body: 'Older question?', createdAt: Date.now() - 3600e3, productId: 'nk-daypack-24' });
    api.addQuestion({
      body: 'Newer question?',
      createdAt: Date.now() - 60e3,
      authorName: 'Eva',
      authorRole: 'expert',
      authorSub: 'customer-42',
      answerCount: 2,
    });
    api.addQuestion({ body: 'Erased author question?', createdAt: Date.now() - 7200e3, formerMember: true });
    const el = await questionsFor(api);

    const items = queryAllByRole(getByRole(el, 'list', 'Recent questions'), 'listitem');
    expect(items.map((i) => accessibleName(getByRole(i, 'article')))).to.deep.equal([
      'Newer question?',
      'Older question?',
      'Erased author question?',
    ]);
    const [newer, older, erased] = items.map((i) => visibleText(i));
    expect(newer).to.contain('Eva · Expert').and.contain('Shopper id: customer-42').and.contain('2 answers');
    expect(older).to.contain('Anonymous shopper').and.contain('Product: nk-daypack-24').and.contain('No answers yet');
    expect(older).not.to.contain('Shopper id');
    expect(erased).to.contain('Former member');
  });

  it('renders shopper text literally, never as markup', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    const body = '<img src=x onerror="window.__samenXss=1"><b>bold</b>';
    api.addQuestion({ body, authorName: '<script>alert(1)</script>' });
    const el = await questionsFor(api);
    expect(visibleText(el)).to.contain(body).and.contain('<script>alert(1)</script>');
    expect(deepQueryAll(el, 'img, b, script')).to.have.length(0);
    expect((window as { __samenXss?: number }).__samenXss).to.equal(undefined);
  });

  it('shows more on request, and an empty state and a retry when needed', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    for (let i = 0; i < 25; i++) api.addQuestion({ body: `Question ${i}?`, createdAt: 1_000_000 - i });
    const el = await questionsFor(api);
    expect(queryAllByRole(el, 'listitem')).to.have.length(20);
    await click(getByRole(el, 'button', 'Show more questions'));
    await waitForText(el, 'Question 24?');
    expect(queryAllByRole(el, 'listitem')).to.have.length(25);
    expect(queryAllByRole(el, 'button', 'Show more questions')).to.have.length(0);

    const empty = await questionsFor(new FakeConsoleApi().signedInAs('agent'));
    expect(visibleText(empty)).to.contain(en.questionsEmpty);

    const failing = new FakeConsoleApi().signedInAs('agent').fail('questions', apiError(0, 'network'));
    const broken = await questionsFor(failing);
    expect(visibleText(getByRole(broken, 'alert'))).to.contain(en.questionsError);
    failing.succeed().addQuestion({ body: 'Back again?' });
    await click(getByRole(broken, 'button', 'Try again'));
    await waitForText(broken, 'Back again?');
  });
});

describe('<samen-console-questions> paging errors', () => {
  it('keeps the shown questions and explains a failed “Show more questions”', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    for (let i = 0; i < 21; i++) api.addQuestion({ body: `Question ${i}?`, createdAt: 1_000_000 - i });
    const el = await fixture<SamenConsoleQuestions>(html`<samen-console-questions .api=${api}></samen-console-questions>`);
    await waitForNoText(el, en.loading);
    api.fail('questions', apiError(0, 'network'));
    await click(getByRole(el, 'button', 'Show more questions'));
    expect(visibleText(await findByRole(el, 'alert'))).to.equal(en.errors.network);
    expect(queryAllByRole(el, 'listitem')).to.have.length(20);
    api.succeed();
    await click(getByRole(el, 'button', 'Show more questions'));
    await waitForText(el, 'Question 20?');
    expect(queryAllByRole(el, 'alert')).to.have.length(0);
  });
});

describe('<samen-console-team>', () => {
  const teamFor = async (api: FakeConsoleApi) => {
    const el = await fixture<SamenConsoleTeam>(html`<samen-console-team .api=${api}></samen-console-team>`);
    await waitForNoText(el, en.loading);
    return el;
  };
  /** The team table, by its accessible name (the shared queries know no table role). */
  const teamTable = (el: Element) => {
    const tables = deepQueryAll(el, 'table').filter((t) => accessibleName(t) === 'Team members');
    expect(tables).to.have.length(1);
    return tables[0] as HTMLTableElement;
  };
  const password = (el: Element) => deepQueryAll<HTMLInputElement>(el, 'input[type=password]').find((f) => accessibleName(f) === 'Password')!;

  it('lists the team and adds a member with the form', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    api.staffList = [{ id: 's1', email: 'olga@shop.example', name: 'Olga Owner', role: 'owner', createdAt: 1, lockedUntil: null }];
    const el = await teamFor(api);
    const table = teamTable(el);
    expect(visibleText(table)).to.contain('Olga Owner').and.contain('olga@shop.example').and.contain('Owner');

    typeInto(getByRole<HTMLInputElement>(el, 'textbox', 'Name'), '  Nina Agent ');
    typeInto(getByRole<HTMLInputElement>(el, 'textbox', 'Email'), 'nina@shop.example');
    expect(accessibleDescription(password(el))).to.contain('At least 12 characters');
    expect(password(el).autocomplete).to.equal('new-password');
    typeInto(password(el), 'a-long-password');
    await click(getByRole(el, 'button', 'Add team member'));

    expect(api.callsTo('addStaff')).to.deep.equal([[{ name: 'Nina Agent', email: 'nina@shop.example', role: 'agent', password: 'a-long-password' }]]);
    await waitForText(teamTable(el), 'Nina Agent');
    expect(visibleText(el)).to.contain('Nina Agent can now sign in.');
    expect(getByRole<HTMLInputElement>(el, 'textbox', 'Name').value).to.equal('');
    expect(password(el).value).to.equal('');
  });

  it('refuses a short password before calling the API, next to the field', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    const el = await teamFor(api);
    typeInto(getByRole<HTMLInputElement>(el, 'textbox', 'Name'), 'Nina');
    typeInto(getByRole<HTMLInputElement>(el, 'textbox', 'Email'), 'nina@shop.example');
    typeInto(password(el), 'short');
    await click(getByRole(el, 'button', 'Add team member'));
    expect(api.callsTo('addStaff')).to.have.length(0);
    expect(accessibleDescription(password(el))).to.contain(en.errors.password_too_short);
    expect(deepActiveElement()).to.equal(password(el));
  });

  it('says when the email already has an account', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    api.staffList = [{ id: 's1', email: 'nina@shop.example', name: 'Nina', role: 'agent', createdAt: 1, lockedUntil: null }];
    const el = await teamFor(api);
    typeInto(getByRole<HTMLInputElement>(el, 'textbox', 'Name'), 'Nina Again');
    typeInto(getByRole<HTMLInputElement>(el, 'textbox', 'Email'), 'nina@shop.example');
    typeInto(password(el), 'a-long-password');
    await click(getByRole(el, 'button', 'Add team member'));
    await waitForText(el, en.errors.email_taken);
    expect(accessibleDescription(getByRole(el, 'textbox', 'Email'))).to.contain(en.errors.email_taken);
  });
});

describe('<samen-console-site>', () => {
  const siteFor = async (api: FakeConsoleApi) => {
    const el = await fixture<SamenConsoleSite>(html`<samen-console-site .api=${api}></samen-console-site>`);
    await waitForNoText(el, en.loading);
    return el;
  };

  it('adds and removes origins', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    const el = await siteFor(api);
    expect(visibleText(el)).to.contain('https://shop.example');

    typeInto(getByRole<HTMLInputElement>(el, 'textbox', 'Origin'), 'https://www.shop.example');
    await click(getByRole(el, 'button', 'Add origin'));
    expect(api.callsTo('addOrigin')).to.deep.equal([['https://www.shop.example']]);
    await findByRole(el, 'button', 'Remove https://www.shop.example');
    expect(visibleText(el)).to.contain('https://www.shop.example is allowed.');
    expect(getByRole<HTMLInputElement>(el, 'textbox', 'Origin').value).to.equal('');

    await click(getByRole(el, 'button', 'Remove https://shop.example'));
    expect(api.callsTo('removeOrigin')).to.deep.equal([['https://shop.example']]);
    await waitForText(el, 'https://shop.example is removed.');
    expect(queryAllByRole(el, 'button', 'Remove https://shop.example')).to.have.length(0);
  });

  it('explains an origin the API refuses, keeping what was typed', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    const el = await siteFor(api);
    const field = getByRole<HTMLInputElement>(el, 'textbox', 'Origin');
    typeInto(field, 'https://shop.example/');
    await click(getByRole(el, 'button', 'Add origin'));
    await waitForText(el, en.errors.invalid_origin);
    expect(field.value).to.equal('https://shop.example/');
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(accessibleDescription(field)).to.contain(en.errors.invalid_origin);
  });

  it('rotates the secret only after confirmation, and shows the new secret once', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    const el = await siteFor(api);
    expect(visibleText(el)).to.contain(en.secretMissing);

    await click(getByRole(el, 'button', 'Create secret'));
    expect(visibleText(el)).to.contain(en.rotateWarning);
    await click(getByRole(el, 'button', 'Cancel'));
    expect(api.callsTo('rotateSecret')).to.have.length(0);
    expect(deepActiveElement()).to.equal(getByRole(el, 'button', 'Create secret'));

    await click(getByRole(el, 'button', 'Create secret'));
    await click(getByRole(el, 'button', 'Yes, rotate the secret'));
    expect(api.callsTo('rotateSecret')).to.have.length(1);
    const secret = await findByRole<HTMLInputElement>(el, 'textbox', 'New signing secret');
    expect(secret.value).to.match(/^secret-1-/);
    expect(secret.readOnly).to.equal(true);
    expect(visibleText(el)).to.contain(en.secretSet);

    // Leaving the view forgets it.
    el.remove();
    document.body.append(el);
    await waitForNoText(el, en.loading);
    expect(queryAllByRole(el, 'textbox', 'New signing secret')).to.have.length(0);
  });

  it('saves the erase mode', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    const el = await siteFor(api);
    const radios = deepQueryAll<HTMLInputElement>(el, 'input[type=radio]');
    expect(radios.map((r) => r.labels?.[0]?.textContent?.trim())).to.deep.equal([en.eraseAnonymise, en.eraseDelete]);
    expect(radios[0]?.checked).to.equal(true);
    radios[1]?.click();
    await click(getByRole(el, 'button', 'Save'));
    expect(api.callsTo('setEraseMode')).to.deep.equal([['delete']]);
    await waitForText(el, 'Saved.');
  });
});

describe('<samen-console-shoppers>', () => {
  const shoppersFor = async (api: FakeConsoleApi) => {
    const downloads: [ShopperExport, string][] = [];
    const el = await fixture<SamenConsoleShoppers>(
      html`<samen-console-shoppers .api=${api} .download=${(d: ShopperExport, f: string) => void downloads.push([d, f])}></samen-console-shoppers>`,
    );
    return { el, downloads };
  };

  it('exports a shopper’s data as a JSON download', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    const data = api.addShopper('customer-42');
    const { el, downloads } = await shoppersFor(api);
    typeInto(getByRole<HTMLInputElement>(el, 'textbox', 'Shopper id'), ' customer-42 ');
    await click(getByRole(el, 'button', 'Export data'));
    expect(api.callsTo('exportShopper')).to.deep.equal([['customer-42']]);
    await waitForText(el, 'The data of customer-42 is downloaded.');
    expect(downloads).to.deep.equal([[data, 'samen-noordkust-shopper-export.json']]);
  });

  it('erases only after confirmation; Cancel leaves everything as it was', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    api.addShopper('customer-42');
    const { el } = await shoppersFor(api);
    typeInto(getByRole<HTMLInputElement>(el, 'textbox', 'Shopper id'), 'customer-42');

    await click(getByRole(el, 'button', 'Erase shopper'));
    expect(api.callsTo('eraseShopper')).to.have.length(0);
    const confirm = getByRole(el, 'group');
    expect(visibleText(confirm)).to.contain('customer-42').and.contain('cannot be undone');
    expect(deepActiveElement()).to.equal(getByRole(el, 'button', 'Cancel'));
    await click(getByRole(el, 'button', 'Cancel'));
    expect(api.callsTo('eraseShopper')).to.have.length(0);
    expect(queryAllByRole(el, 'group')).to.have.length(0);

    await click(getByRole(el, 'button', 'Erase shopper'));
    await click(getByRole(el, 'button', 'Yes, erase this shopper'));
    expect(api.callsTo('eraseShopper')).to.deep.equal([['customer-42']]);
    await waitForText(el, 'Shopper customer-42 is erased.');
    expect(api.shoppers.has('customer-42')).to.equal(false);
  });

  it('asks for a shopper id, and says when there is no data for it', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    const { el } = await shoppersFor(api);
    await click(getByRole(el, 'button', 'Export data'));
    expect(visibleText(getByRole(el, 'alert'))).to.equal(en.shopperIdRequired);
    expect(api.callsTo('exportShopper')).to.have.length(0);

    typeInto(getByRole<HTMLInputElement>(el, 'textbox', 'Shopper id'), 'nobody');
    await click(getByRole(el, 'button', 'Export data'));
    await waitForText(el, en.errors.shopper_not_found);
  });
});
