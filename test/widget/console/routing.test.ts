import { expect, fixture, html } from '@open-wc/testing';
import '../../../widget/src/console/samen-console-routing.ts';
import '../../../widget/src/console/samen-console.ts';
import type { SamenConsoleRouting } from '../../../widget/src/console/samen-console-routing.ts';
import type { SamenConsole } from '../../../widget/src/console/samen-console.ts';
import { ROUTING_LIMITS, type RoutingSettings } from '../../../widget/src/console/api.ts';
import { draftOf, routingProblem, routingSettingsOf } from '../../../widget/src/console/routing-form.ts';
import { en } from '../../../widget/src/console/i18n/en.ts';
import { nl } from '../../../widget/src/console/i18n/nl.ts';
import { fr } from '../../../widget/src/console/i18n/fr.ts';
import type { ConsoleStrings } from '../../../widget/src/console/i18n/index.ts';
import { apiError, FakeConsoleApi } from './fake-console-api.ts';
import { field, fill } from './queue-test-helpers.ts';
import {
  accessibleDescription,
  click,
  deepActiveElement,
  findByRole,
  getByRole,
  queryAllByRole,
  visibleText,
  waitForNoText,
  waitForText,
} from '../queries.ts';

const routingFor = async (api: FakeConsoleApi, t: ConsoleStrings = en) => {
  const el = await fixture<SamenConsoleRouting>(html`<samen-console-routing .api=${api} .t=${t}></samen-console-routing>`);
  await waitForNoText(el, t.loading);
  return el;
};

const save = (el: Element) => click(getByRole(el, 'button', 'Save routing settings'));

describe('<samen-console-routing>', () => {
  it('shows the saved settings: zone, hours per weekday, holidays, window, SLA and keywords', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    api.routingSettings = {
      timeZone: 'Europe/Brussels',
      businessHours: { mon: [['09:00', '12:00'], ['13:00', '17:30']], sat: [['10:00', '16:00']] },
      holidays: ['2026-12-25', '2026-12-26'],
      communityWindowMinutes: 150,
      slaMinutes: 480,
      keywords: { invoice: ['factuurtje', 'rekening'] },
    };
    const el = await routingFor(api);
    expect(getByRole(el, 'heading', 'Routing')).to.exist;
    expect(field(el, 'Time zone').value).to.equal('Europe/Brussels');
    expect(field(el, 'Monday opens').value).to.equal('09:00');
    expect(field(el, 'Monday closes').value).to.equal('12:00');
    expect(field(el, 'Monday opens (2)').value).to.equal('13:00');
    expect(field(el, 'Monday closes (2)').value).to.equal('17:30');
    expect(field(el, 'Saturday opens').value).to.equal('10:00');
    expect(visibleText(el)).to.contain('Closed');
    expect(() => field(el, 'Tuesday opens')).to.throw();
    expect(field<HTMLTextAreaElement>(el, 'Holidays').value).to.equal('2026-12-25\n2026-12-26');
    expect(field(el, 'Community window: hours').value).to.equal('2');
    expect(field(el, 'Community window: minutes').value).to.equal('30');
    expect(field(el, 'Response target (SLA): hours').value).to.equal('8');
    expect(field(el, 'Response target (SLA): minutes').value).to.equal('0');
    expect(field<HTMLTextAreaElement>(el, 'Keywords: Invoice').value).to.equal('factuurtje\nrekening');
    expect(field<HTMLTextAreaElement>(el, 'Keywords: Order status and delivery').value).to.equal('');
  });

  it('saves changes: hours added and removed, holidays, window, SLA and keywords', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    const el = await routingFor(api);

    fill(field(el, 'Time zone'), 'europe/paris');
    await click(getByRole(el, 'button', 'Add hours on Saturday'));
    expect(deepActiveElement()).to.equal(field(el, 'Saturday opens'));
    fill(field(el, 'Saturday opens'), '10:00');
    fill(field(el, 'Saturday closes'), '14:00');
    await click(getByRole(el, 'button', 'Add hours on Friday'));
    fill(field(el, 'Friday opens (2)'), '19:00');
    fill(field(el, 'Friday closes (2)'), '24:00');
    await click(getByRole(el, 'button', 'Remove Wednesday period 1'));
    expect(() => field(el, 'Wednesday opens')).to.throw();
    fill(field<HTMLTextAreaElement>(el, 'Holidays'), '2026-12-25\n\n2026-01-01\n2026-12-25');
    fill(field(el, 'Community window: hours'), '1');
    fill(field(el, 'Community window: minutes'), '30');
    fill(field(el, 'Response target (SLA): hours'), '');
    fill(field(el, 'Response target (SLA): minutes'), '45');
    fill(field<HTMLTextAreaElement>(el, 'Keywords: Refund'), 'geld terug\n  remboursement  \n');

    await save(el);
    await waitForText(el, 'Routing settings saved.');
    expect(api.callsTo('saveRouting')).to.deep.equal([
      [
        {
          timeZone: 'Europe/Paris',
          businessHours: {
            mon: [['09:00', '17:30']],
            tue: [['09:00', '17:30']],
            thu: [['09:00', '17:30']],
            fri: [['09:00', '17:30'], ['19:00', '24:00']],
            sat: [['10:00', '14:00']],
          },
          holidays: ['2026-01-01', '2026-12-25'],
          communityWindowMinutes: 90,
          slaMinutes: 45,
          keywords: { refund: ['geld terug', 'remboursement'] },
        },
      ],
    ]);
    // The form shows what was saved.
    expect(field(el, 'Time zone').value).to.equal('Europe/Paris');
    expect(field(el, 'Response target (SLA): hours').value).to.equal('0');
  });

  for (const [what, change, fieldName, message] of [
    ['an unknown time zone', (el: Element) => fill(field(el, 'Time zone'), 'Mars/Olympus_Mons'), 'Time zone', en.errors.invalid_time_zone],
    ['a time that is not HH:MM', (el: Element) => fill(field(el, 'Tuesday closes'), '5pm'), 'Tuesday closes', en.errors.invalid_business_hours],
    ['a period that closes before it opens', (el: Element) => fill(field(el, 'Monday closes'), '08:00'), 'Monday closes', en.errors.invalid_business_hours],
    ['24:00 as an opening time', (el: Element) => fill(field(el, 'Monday opens'), '24:00'), 'Monday opens', en.errors.invalid_business_hours],
    ['a non-existent date', (el: Element) => fill(field(el, 'Holidays'), '2026-02-30'), 'Holidays', en.errors.invalid_holidays],
    ['too many holidays', (el: Element) => fill(field(el, 'Holidays'), Array.from({ length: ROUTING_LIMITS.maxHolidays + 1 }, (_, i) => new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10)).join('\n')), 'Holidays', en.errors.invalid_holidays],
    ['a window under 5 minutes', (el: Element) => (fill(field(el, 'Community window: hours'), '0'), fill(field(el, 'Community window: minutes'), '4')), 'Community window: hours', en.errors.invalid_window],
    ['a window over 7 days', (el: Element) => fill(field(el, 'Community window: hours'), String(7 * 24 + 1)), 'Community window: hours', en.errors.invalid_window],
    ['a negative SLA', (el: Element) => fill(field(el, 'Response target (SLA): hours'), '-1'), 'Response target (SLA): hours', en.errors.invalid_sla],
    ['an SLA over 14 days', (el: Element) => fill(field(el, 'Response target (SLA): hours'), String(14 * 24 + 1)), 'Response target (SLA): hours', en.errors.invalid_sla],
    ['a keyword over 60 characters', (el: Element) => fill(field(el, 'Keywords: Account'), 'x'.repeat(ROUTING_LIMITS.keywordMax + 1)), 'Keywords: Account', en.errors.invalid_keywords],
    ['51 keywords', (el: Element) => fill(field(el, 'Keywords: Warranty'), Array.from({ length: 51 }, (_, i) => `word${i}`).join('\n')), 'Keywords: Warranty', en.errors.invalid_keywords],
  ] as const) {
    it(`refuses ${what} before sending, and says which box to fix`, async () => {
      const api = new FakeConsoleApi().signedInAs('owner');
      const el = await routingFor(api);
      change(el);
      await save(el);
      expect(visibleText(getByRole(el, 'alert'))).to.equal(message);
      const box = field(el, fieldName);
      expect(box.getAttribute('aria-invalid')).to.equal('true');
      expect(accessibleDescription(box)).to.contain(message);
      expect(deepActiveElement()).to.equal(box);
      expect(api.callsTo('saveRouting')).to.have.length(0);
    });
  }

  it('refuses overlapping periods and a week without any opening hours', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    const el = await routingFor(api);
    await click(getByRole(el, 'button', 'Add hours on Monday'));
    fill(field(el, 'Monday opens (2)'), '12:00');
    fill(field(el, 'Monday closes (2)'), '18:00');
    await save(el);
    expect(visibleText(getByRole(el, 'alert'))).to.equal(en.errors.invalid_business_hours);
    expect(field(el, 'Monday opens (2)').getAttribute('aria-invalid')).to.equal('true');

    for (const day of ['Monday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) await click(getByRole(el, 'button', `Remove ${day} period 1`));
    await save(el);
    expect(visibleText(getByRole(el, 'alert'))).to.equal(en.errors.invalid_business_hours);
    expect(api.callsTo('saveRouting')).to.have.length(0);
  });

  it('offers at most six periods a day, as the API accepts', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    const el = await routingFor(api);
    for (let n = 1; n <= 6; n++) await click(getByRole(el, 'button', 'Add hours on Sunday'));
    expect(() => field(el, 'Sunday opens (6)')).not.to.throw();
    expect(queryAllByRole(el, 'button', 'Add hours on Sunday')).to.have.length(0);
    await click(getByRole(el, 'button', 'Remove Sunday period 6'));
    expect(deepActiveElement()).to.equal(getByRole(el, 'button', 'Add hours on Sunday'));
  });

  for (const [code, status, text] of [
    ['invalid_time_zone', 400, en.errors.invalid_time_zone],
    ['invalid_keywords', 400, en.errors.invalid_keywords],
    ['owner_only', 403, 'Only the site owner can do this.'],
    ['network', 0, en.errors.network],
  ] as const) {
    it(`shows the API’s ${code} and keeps the form as typed`, async () => {
      const api = new FakeConsoleApi().signedInAs('owner').fail('saveRouting', apiError(status, code));
      const el = await routingFor(api);
      fill(field(el, 'Time zone'), 'Europe/Berlin');
      await save(el);
      expect(visibleText(await findByRole(el, 'alert'))).to.equal(text);
      expect(field(el, 'Time zone').value).to.equal('Europe/Berlin');
      expect(visibleText(el)).not.to.contain('Routing settings saved.');
    });
  }

  it('is for owners: agents do not get the section, and the API refuses them', async () => {
    const agent = new FakeConsoleApi().signedInAs('agent');
    const agentConsole = await fixture<SamenConsole>(html`<samen-console .api=${agent}></samen-console>`);
    await findByRole(agentConsole, 'heading', 'Queue');
    expect(queryAllByRole(agentConsole, 'button', 'Routing')).to.have.length(0);

    const el = await routingFor(agent);
    expect(visibleText(getByRole(el, 'alert'))).to.contain('We could not load the routing settings.');
    expect(agent.callsTo('routing')).to.have.length(1);

    const owner = new FakeConsoleApi().signedInAs('owner');
    const ownerConsole = await fixture<SamenConsole>(html`<samen-console .api=${owner}></samen-console>`);
    await click(await findByRole(ownerConsole, 'button', 'Routing'));
    expect(deepActiveElement()).to.equal(await findByRole(ownerConsole, 'heading', 'Routing'));
    await waitForText(ownerConsole, 'Europe/Amsterdam');
  });

  for (const [lang, t] of [
    ['nl', nl],
    ['fr', fr],
  ] as const) {
    it(`speaks ${lang}`, async () => {
      const api = new FakeConsoleApi().signedInAs('owner');
      const el = await routingFor(api, t);
      expect(getByRole(el, 'heading', t.routing.tab)).to.exist;
      expect(field(el, t.routing.timeZone)).to.exist;
      expect(field(el, t.routing.opensOn(t.routing.days.mon, 1)).value).to.equal('09:00');
      expect(getByRole(el, 'button', t.routing.save)).to.exist;
      fill(field(el, t.routing.timeZone), 'Nowhere/Nothing');
      await click(getByRole(el, 'button', t.routing.save));
      expect(visibleText(getByRole(el, 'alert'))).to.equal(t.errors.invalid_time_zone);
    });
  }
});

describe('routing form rules', () => {
  const valid: RoutingSettings = {
    timeZone: 'Europe/Amsterdam',
    businessHours: { mon: [['09:00', '17:30']] },
    holidays: [],
    communityWindowMinutes: 240,
    slaMinutes: 240,
    keywords: {},
  };

  it('round-trips saved settings through the form unchanged', () => {
    const settings: RoutingSettings = {
      ...valid,
      businessHours: { mon: [['08:00', '12:00'], ['13:00', '24:00']], sun: [['10:00', '12:00']] },
      holidays: ['2026-04-27'],
      keywords: { complaint: ['schandalig'] },
    };
    expect(routingSettingsOf(draftOf(settings))).to.deep.equal({ settings });
    expect(routingProblem(settings)).to.equal(null);
  });

  it('agrees with the limits at their edges', () => {
    const { windowMinutes: w, slaMinutes: s } = ROUTING_LIMITS;
    expect(routingProblem({ ...valid, communityWindowMinutes: w.min })).to.equal(null);
    expect(routingProblem({ ...valid, communityWindowMinutes: w.max })).to.equal(null);
    expect(routingProblem({ ...valid, communityWindowMinutes: w.min - 1 })).to.equal('invalid_window');
    expect(routingProblem({ ...valid, communityWindowMinutes: w.max + 1 })).to.equal('invalid_window');
    expect(routingProblem({ ...valid, slaMinutes: s.max })).to.equal(null);
    expect(routingProblem({ ...valid, slaMinutes: s.max + 1 })).to.equal('invalid_sla');
    expect(routingProblem({ ...valid, businessHours: {} })).to.equal('invalid_business_hours');
    expect(routingProblem({ ...valid, businessHours: { mon: [['09:00', '12:00'], ['11:00', '13:00']] } })).to.equal('invalid_business_hours');
    expect(routingProblem({ ...valid, keywords: { refund: Array.from({ length: 50 }, (_, i) => `w${i}`) } })).to.equal(null);
    expect(routingProblem({ ...valid, keywords: { refund: [''] } })).to.equal('invalid_keywords');
  });
});
