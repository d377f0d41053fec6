import { expect, fixture, html } from '@open-wc/testing';
import '../../../widget/src/console/samen-console-site.ts';
import type { SamenConsoleSite } from '../../../widget/src/console/samen-console-site.ts';
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
  typeInto,
  visibleText,
  waitForNoText,
  waitForText,
} from '../queries.ts';

const siteFor = async (api: FakeConsoleApi) => {
  const el = await fixture<SamenConsoleSite>(html`<samen-console-site .api=${api}></samen-console-site>`);
  await waitForNoText(el, en.loading);
  return el;
};

/** The report threshold field (a number input: ARIA calls it a spinbutton, which the shared queries do not know). */
const threshold = (el: Element) => {
  const found = deepQueryAll<HTMLInputElement>(el, 'input[type=number]').filter((i) => accessibleName(i) === en.reportThreshold);
  expect(found).to.have.length(1);
  return found[0] as HTMLInputElement;
};
const blocklist = (el: Element) => getByRole<HTMLTextAreaElement>(el, 'textbox', en.blocklist);

describe('<samen-console-site> moderation settings', () => {
  it('shows the threshold and blocklist, and saves them: words split, lower-cased, each once', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    api.settings.reportThreshold = 3;
    api.settings.blocklist = ['casino'];
    const el = await siteFor(api);
    expect(getByRole(el, 'heading', 'Moderation')).to.exist;
    expect(threshold(el).value).to.equal('3');
    expect(blocklist(el).value).to.equal('casino');
    expect(accessibleDescription(threshold(el))).to.contain('From 1 to 100');
    expect(accessibleDescription(blocklist(el))).to.contain('1 word.');

    typeInto(threshold(el), '2');
    typeInto(blocklist(el), 'casino\nGratis, goedkoop;  CASINO\n\n');
    await el.updateComplete;
    expect(accessibleDescription(blocklist(el))).to.contain('3 words.');
    await click(getByRole(el, 'button', 'Save moderation settings'));

    expect(api.callsTo('updateSite')).to.deep.equal([[{ reportThreshold: 2, blocklist: ['casino', 'gratis', 'goedkoop'] }]]);
    await waitForText(el, en.moderationSaved);
    expect(blocklist(el).value).to.equal('casino\ngratis\ngoedkoop');
    expect(api.settings).to.include({ reportThreshold: 2 });
  });

  it('refuses a threshold out of range before calling the API, at the field', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    const el = await siteFor(api);
    for (const value of ['0', '101', '2.5', '']) {
      typeInto(threshold(el), value);
      await click(getByRole(el, 'button', 'Save moderation settings'));
      expect(api.callsTo('updateSite'), value).to.have.length(0);
      expect(threshold(el).getAttribute('aria-invalid')).to.equal('true');
      expect(accessibleDescription(threshold(el))).to.contain(en.errors.invalid_report_threshold);
      expect(deepActiveElement()).to.equal(threshold(el));
    }
  });

  it('refuses words with digits or over 40 letters, at the blocklist', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    const el = await siteFor(api);
    const tooMany = Array.from({ length: 201 }, (_, i) => `${'abcdefghijklmnopqrstuvwxyz'[i % 26]}${'q'.repeat(Math.floor(i / 26) + 1)}`).join(' ');
    for (const text of ['c4sino', 'a'.repeat(41), tooMany]) {
      typeInto(blocklist(el), text);
      await click(getByRole(el, 'button', 'Save moderation settings'));
      expect(api.callsTo('updateSite')).to.have.length(0);
      expect(blocklist(el).getAttribute('aria-invalid')).to.equal('true');
      expect(accessibleDescription(blocklist(el))).to.contain(en.errors.invalid_blocklist);
      expect(deepActiveElement()).to.equal(blocklist(el));
    }
  });

  it('explains a refusal by the API and keeps what was typed', async () => {
    const api = new FakeConsoleApi().signedInAs('owner').fail('updateSite', apiError(400, 'invalid_blocklist'));
    const el = await siteFor(api);
    typeInto(blocklist(el), 'casino');
    await click(getByRole(el, 'button', 'Save moderation settings'));
    const alert = await findByRole(el, 'alert');
    expect(visibleText(alert)).to.equal(en.errors.invalid_blocklist);
    expect(blocklist(el).value).to.equal('casino');
    expect(blocklist(el).getAttribute('aria-invalid')).to.equal('true');
  });

  it('keeps unsaved moderation typing when another setting changes', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    const el = await siteFor(api);
    typeInto(blocklist(el), 'casino');
    typeInto(getByRole<HTMLInputElement>(el, 'textbox', 'Origin'), 'https://www.shop.example');
    await click(getByRole(el, 'button', 'Add origin'));
    await waitForText(el, 'https://www.shop.example is allowed.');
    expect(blocklist(el).value).to.equal('casino');
  });
});
