/** The "Brand colour" setting on the console's Site page. */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../widget/src/console/samen-console-site.ts';
import type { SamenConsoleSite } from '../../../widget/src/console/samen-console-site.ts';
import { en } from '../../../widget/src/console/i18n/en.ts';
import { nl } from '../../../widget/src/console/i18n/nl.ts';
import { apiError, FakeConsoleApi } from './fake-console-api.ts';
import { expectNoAxeViolations } from '../axe.ts';
import {
  accessibleDescription,
  click,
  deepActiveElement,
  deepQueryAll,
  getByRole,
  queryAllByRole,
  typeInto,
  waitForNoText,
  waitForText,
} from '../queries.ts';

const siteFor = async (api: FakeConsoleApi, t = en) => {
  const el = await fixture<SamenConsoleSite>(html`<samen-console-site .api=${api} .t=${t}></samen-console-site>`);
  await waitForNoText(el, t.loading);
  return el;
};

const field = (el: Element, t = en) => getByRole<HTMLInputElement>(el, 'textbox', t.brandColor);
const picker = (el: Element) => {
  const found = deepQueryAll<HTMLInputElement>(el, 'input[type=color]');
  expect(found).to.have.length(1);
  return found[0] as HTMLInputElement;
};

describe('<samen-console-site> brand colour', () => {
  it('saves a colour (lower-cased), shows its contrast, and resets to Samen’s default', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    const el = await siteFor(api);
    expect(getByRole(el, 'heading', 'Brand colour')).to.exist;
    expect(field(el).value).to.equal('');
    expect(accessibleDescription(field(el))).to.contain(en.brandDefault);
    expect(queryAllByRole(el, 'button', en.resetBrand)).to.have.length(0);

    typeInto(field(el), '#C0392B');
    await el.updateComplete;
    expect(accessibleDescription(field(el))).to.contain('Contrast against white: 5.43:1.');
    expect(picker(el).value).to.equal('#c0392b');
    await click(getByRole(el, 'button', en.saveBrand));
    expect(api.callsTo('updateSite')).to.deep.equal([[{ brandColor: '#c0392b' }]]);
    await waitForText(el, en.brandSaved);
    expect(api.settings.brandColor).to.equal('#c0392b');
    expect(field(el).value).to.equal('#c0392b');

    await click(getByRole(el, 'button', en.resetBrand));
    expect(api.callsTo('updateSite').at(-1)).to.deep.equal([{ brandColor: null }]);
    await waitForText(el, en.brandReset);
    expect(api.settings.brandColor).to.equal(null);
    expect(field(el).value).to.equal('');
    expect(queryAllByRole(el, 'button', en.resetBrand)).to.have.length(0);
    expect(deepActiveElement()).to.equal(field(el));
  });

  it('takes the colour picked in the swatch', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    const el = await siteFor(api);
    const swatch = picker(el);
    expect(swatch.getAttribute('aria-label')).to.equal(en.brandPicker);
    swatch.value = '#1e7b34';
    swatch.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(field(el).value).to.equal('#1e7b34');
    await click(getByRole(el, 'button', en.saveBrand));
    expect(api.settings.brandColor).to.equal('#1e7b34');
  });

  it('refuses a colour too light for white text before calling the API, saying its ratio and the minimum, at the field', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    api.settings.brandColor = '#22577a';
    const el = await siteFor(api);
    typeInto(field(el), '#ffd700');
    await click(getByRole(el, 'button', en.saveBrand));
    expect(api.callsTo('updateSite')).to.have.length(0);
    expect(field(el).getAttribute('aria-invalid')).to.equal('true');
    expect(accessibleDescription(field(el))).to.contain(en.brandLowContrast('1.40', 4.5));
    expect(getByRole(el, 'alert').textContent).to.contain('1.40:1');
    expect(deepActiveElement()).to.equal(field(el));
    expect(api.settings.brandColor).to.equal('#22577a');
    await expectNoAxeViolations(el);
  });

  it('refuses what is not #rrggbb, at the field', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    const el = await siteFor(api);
    for (const bad of ['#abc', 'red', '22577a']) {
      typeInto(field(el), bad);
      await click(getByRole(el, 'button', en.saveBrand));
      expect(api.callsTo('updateSite'), bad).to.have.length(0);
      expect(field(el).getAttribute('aria-invalid')).to.equal('true');
      expect(accessibleDescription(field(el))).to.contain(en.errors.invalid_brand_color);
    }
    typeInto(field(el), '#22577a');
    await click(getByRole(el, 'button', en.saveBrand));
    expect(field(el).getAttribute('aria-invalid')).to.equal('false');
    await waitForText(el, en.brandSaved);
  });

  it('shows the API’s refusal at the field', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    api.fail('updateSite', apiError(400, 'brand_color_low_contrast'));
    const el = await siteFor(api);
    typeInto(field(el), '#22577a');
    await click(getByRole(el, 'button', en.saveBrand));
    expect(field(el).getAttribute('aria-invalid')).to.equal('true');
    expect(accessibleDescription(field(el))).to.contain(en.errors.brand_color_low_contrast);
  });

  it('speaks Dutch, with a decimal comma in the ratio', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    const el = await siteFor(api, nl);
    expect(getByRole(el, 'heading', 'Merkkleur')).to.exist;
    typeInto(field(el, nl), '#ffd700');
    await click(getByRole(el, 'button', nl.saveBrand));
    expect(accessibleDescription(field(el, nl))).to.contain('contrast van 1,40:1 met wit; minstens 4,5:1');
  });
});
