import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../widget/src/console/samen-console-insights.ts';
import { forgetInsightsChoice, type SamenConsoleInsights } from '../../../widget/src/console/samen-console-insights.ts';
import { consoleInsightsStrings } from '../../../widget/src/console/i18n/insights.ts';
import { dayOf } from '../../../widget/src/console/insights-period.ts';
import { aReport, FakeInsightsApi, insightsError } from './insights-fake-api.ts';
import { expectNoAxeViolations } from '../axe.ts';
import { accessibleName, click, deepQueryAll, findByRole, getByRole, queryAllByRole, settle, visibleText, waitForNoText, waitForText } from '../queries.ts';

const en = consoleInsightsStrings.en;
const DAY = 86_400_000;
const today = () => dayOf(Date.now());
const daysAgo = (n: number) => dayOf(Date.now() - n * DAY);

type Download = { fileName: string; csv: string };

async function insightsView(api: FakeInsightsApi, locale = 'en', downloads: Download[] = []) {
  const el = await fixture<SamenConsoleInsights>(
    html`<samen-console-insights
      .api=${api}
      .download=${(fileName: string, csv: string) => downloads.push({ fileName, csv })}
      locale=${locale}
      .role=${'owner'}
    ></samen-console-insights>`,
  );
  await waitUntil(() => api.reportQueries.length > 0 && !visibleText(el).includes(consoleInsightsStrings[locale as 'en'].loading), '', {
    timeout: 2000,
  });
  await settle();
  return el;
}

/** A labelled form field (select or input) in the view. */
function field<E extends HTMLSelectElement | HTMLInputElement = HTMLSelectElement>(el: Element, label: string): E {
  const found = deepQueryAll<E>(el, 'select, input').filter((f) => accessibleName(f) === label);
  if (found.length !== 1) throw new Error(`expected one field labelled ${label}, found ${found.length}`);
  return found[0]!;
}

function choose(select: HTMLSelectElement, optionText: string): void {
  const option = Array.from(select.options).find((o) => o.text.trim() === optionText);
  if (!option) throw new Error(`no option ${optionText} in ${Array.from(select.options, (o) => o.text.trim()).join(', ')}`);
  select.value = option.value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

function setDate(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** The headline figure under `label`: its value and its detail. */
function figure(el: Element, label: string): { value: string; detail: string } {
  const dt = deepQueryAll(el, 'dt').find((d) => visibleText(d) === label);
  if (!dt) throw new Error(`no figure ${label}: ${deepQueryAll(el, 'dt').map((d) => visibleText(d)).join(', ')}`);
  const box = dt.parentElement!;
  return { value: visibleText(box.querySelector('.value')!), detail: box.querySelector('.detail') ? visibleText(box.querySelector('.detail')!) : '' };
}

function chart(el: Element, title: string): Element {
  const found = deepQueryAll(el, 'samen-console-insights-chart').find((c) => c.shadowRoot?.querySelector('h3')?.textContent?.trim() === title);
  if (!found) throw new Error(`no chart ${title}`);
  return found;
}

/** Rows of the (first) table under `root`, header included, as the cells' text. */
function tableRows(root: Element): string[][] {
  const table = deepQueryAll(root, 'table:not(.u-legend)')[0];
  if (!table) throw new Error('no table shown');
  return Array.from(table.querySelectorAll('tr'), (tr) => Array.from(tr.querySelectorAll('th, td'), (c) => visibleText(c)));
}

describe('<samen-console-insights>', () => {
  beforeEach(() => forgetInsightsChoice());

  it('asks for the last 30 days and shows the headline figures as counted', async () => {
    const api = new FakeInsightsApi();
    const el = await insightsView(api);
    expect(api.reportQueries).to.deep.equal([{ from: daysAgo(29), to: today(), product: null }]);

    // 30 days: questions 1,2,3 repeating = 60; chats on odd days = 15; reviews every fourth day = 8.
    const contacts = figure(el, 'Contacts');
    expect(contacts.value).to.equal('83');
    expect(contacts.detail).to.contain('Questions 60').and.contain('Chats 15').and.contain('Reviews 8').and.contain('Ideas 0');
    expect(figure(el, 'Deflection rate')).to.deep.equal({
      value: '40%',
      detail: '120 of 300 shoppers who started typing found an answer and did not post',
    });
    expect(figure(el, 'Community answer rate').value).to.equal('75%');
    expect(figure(el, 'Median time to first answer').value).to.equal('45 minutes');
    expect(figure(el, 'Staff first response (median)')).to.deep.equal({
      value: '3.5 hours',
      detail: '8 routed to staff, 6 answered, 5 resolved',
    });
    expect(figure(el, 'Resolution time (median)').value).to.equal('3 days');
    expect(figure(el, 'First responses within SLA')).to.deep.equal({ value: '50%', detail: '3 of 6 first responses' });
    expect(figure(el, 'Escalations').value).to.equal('15');
    expect(figure(el, 'Escalations').detail).to.contain('Complaint 15').and.contain('Timeout 0');

    expect(tableRows(getByRole(el, 'region', 'Top products by problem-driven contacts'))).to.deep.equal([
      ['Product', 'Contacts', 'Complaints'],
      ['Tent Fjord 2P', '5', '2'],
      ['nk-boot', '3', '0'],
    ]);
    expect(tableRows(getByRole(el, 'region', 'Top contributors'))).to.deep.equal([
      ['Member', 'Answers', 'Accepted', 'Points', 'Influence'],
      ['Eva', '12', '7', '340', '4 of 5'],
      ['Sam', '3', '0', '25', 'Not computed yet'],
      ['Anonymous visitor', '1', '1', '0', 'Not computed yet'],
    ]);
    expect(visibleText(getByRole(el, 'region', 'Root-cause topics'))).to.contain('invoice missing').and.contain('invoice, missing');
  });

  it('shows a missing rate or duration as “No data”, not as 0', async () => {
    const api = new FakeInsightsApi();
    api.reportFor = (q) => {
      const r = aReport(q);
      return { ...r, community: { ...r.community, answerRate: null, medianFirstAnswerMs: null } };
    };
    const el = await insightsView(api);
    expect(figure(el, 'Community answer rate').value).to.equal('No data');
    expect(figure(el, 'Median time to first answer').value).to.equal('No data');
  });

  it('fetches again for another period, cancelling the request still on its way', async () => {
    const api = new FakeInsightsApi();
    const el = await insightsView(api);
    api.holding = true;
    choose(field(el, 'Period'), 'Last 90 days');
    await settle();
    choose(field(el, 'Period'), 'Last 7 days');
    await settle();
    const [, ninety, seven] = api.calls.filter((c) => c.method === 'report');
    expect(ninety!.query).to.deep.equal({ from: daysAgo(89), to: today(), product: null });
    expect(ninety!.signal!.aborted).to.equal(true);
    expect(seven!.query).to.deep.equal({ from: daysAgo(6), to: today(), product: null });
    expect(seven!.signal!.aborted).to.equal(false);
    // The old figures stay, marked busy, until the new ones arrive.
    expect(visibleText(el)).to.contain(en.loading);
    api.holding = false;
    api.release();
    await waitForNoText(el, en.loading);
    // 7 days: questions 1+2+3+1+2+3+1 = 13, chats 3, reviews 2.
    expect(figure(el, 'Contacts').value).to.equal('18');
  });

  it('asks for chosen days, and refuses an end before the start without asking', async () => {
    const api = new FakeInsightsApi();
    const el = await insightsView(api);
    choose(field(el, 'Period'), 'Custom dates');
    await settle();
    const from = field<HTMLInputElement>(el, 'From');
    const to = field<HTMLInputElement>(el, 'To');
    expect([from.value, to.value]).to.deep.equal([daysAgo(29), today()]);
    setDate(from, '2025-03-10');
    setDate(to, '2025-03-01');
    await click(getByRole(el, 'button', 'Show'));
    expect(getByRole(el, 'alert').textContent).to.contain('The start date must be on or before the end date.');
    expect(from.getAttribute('aria-invalid')).to.equal('true');
    expect(api.reportQueries).to.have.length(1);

    setDate(to, '2025-03-16');
    await click(getByRole(el, 'button', 'Show'));
    await waitForNoText(el, en.loading);
    expect(api.reportQueries.at(-1)).to.deep.equal({ from: '2025-03-10', to: '2025-03-16', product: null });
    expect(visibleText(el)).to.contain('March 10 – 16, 2025');
    expect(queryAllByRole(el, 'alert')).to.have.length(0);
  });

  it('filters by product and says which product the figures are for', async () => {
    const api = new FakeInsightsApi();
    const el = await insightsView(api);
    const product = field(el, 'Product');
    expect(Array.from(product.options, (o) => o.text.trim())).to.deep.equal(['All products', 'Tent Fjord 2P', 'Daypack 24']);
    choose(product, 'Daypack 24');
    await settle();
    await waitForNoText(el, en.loading);
    expect(api.reportQueries.at(-1)).to.deep.equal({ from: daysAgo(29), to: today(), product: 'nk-daypack-24' });
    expect(visibleText(el.shadowRoot!.querySelector('.showing')!)).to.match(/ · Daypack 24$/);
    choose(field(el, 'Product'), 'All products');
    await settle();
    expect(api.reportQueries.at(-1)).to.deep.equal({ from: daysAgo(29), to: today(), product: null });
  });

  it('keeps the chosen period and product when the view is opened again', async () => {
    const api = new FakeInsightsApi();
    const first = await insightsView(api);
    choose(field(first, 'Period'), 'Last 7 days');
    choose(field(first, 'Product'), 'Tent Fjord 2P');
    await settle();
    first.remove();

    const again = new FakeInsightsApi();
    const el = await insightsView(again);
    expect(again.reportQueries).to.deep.equal([{ from: daysAgo(6), to: today(), product: 'nk-tent-2p' }]);
    const period = field(el, 'Period');
    expect(period.options[period.selectedIndex]!.text.trim()).to.equal('Last 7 days');
    const product = field(el, 'Product');
    expect(product.options[product.selectedIndex]!.text.trim()).to.equal('Tent Fjord 2P');
  });

  it('shows a chart’s figures as a table that matches the data', async () => {
    const api = new FakeInsightsApi();
    api.reportFor = (q) => aReport({ ...q, from: '2025-11-01', to: '2025-11-03' });
    const el = await insightsView(api);
    const contacts = chart(el, 'Contacts per day by channel');
    const toggle = getByRole(contacts, 'button', 'Show as table');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    expect(queryAllByRole(contacts, 'img', /^Contacts per day by channel, /)).to.have.length(1);
    await click(toggle);
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(visibleText(contacts.shadowRoot!.querySelector('caption')!)).to.equal('Contacts per day by channel');
    expect(tableRows(contacts)).to.deep.equal([
      ['Day', 'Questions', 'Chats', 'Reviews', 'Ideas'],
      ['Nov 1', '1', '0', '1', '0'],
      ['Nov 2', '2', '1', '0', '0'],
      ['Nov 3', '3', '0', '0', '0'],
    ]);
    expect(queryAllByRole(contacts, 'img')).to.have.length(0);

    const deflection = chart(el, 'Deflection per day');
    await click(getByRole(deflection, 'button', 'Show as table'));
    expect(tableRows(deflection)[0]).to.deep.equal(['Day', 'Started typing', 'Found an answer', 'Deflection rate']);
    expect(tableRows(deflection)[1]).to.deep.equal(['Nov 1', '10', '4', '40%']);
  });

  it('downloads a chart as CSV with a file name for the period', async () => {
    const api = new FakeInsightsApi();
    api.reportFor = (q) => aReport({ ...q, from: '2025-11-01', to: '2025-11-02' });
    const downloads: Download[] = [];
    const el = await insightsView(api, 'en', downloads);
    await click(getByRole(chart(el, 'Escalations per day by reason'), 'button', 'Download CSV'));
    expect(downloads).to.have.length(1);
    expect(downloads[0]!.fileName).to.equal(`samen-insights-escalations-per-day-${daysAgo(29)}-${today()}.csv`);
    expect(downloads[0]!.csv).to.equal(
      'Day,Personal,Checkout,Complaint,Second contact,Timeout,Not helpful\r\n2025-11-01,0,0,0,0,0,0\r\n2025-11-02,0,0,1,0,0,0\r\n',
    );
    await click(getByRole(chart(el, 'Deflection per day'), 'button', 'Download CSV'));
    expect(downloads[1]!.csv.split('\r\n')[1]).to.equal('2025-11-01,10,4,0.4');
  });

  it('neutralises formulas and quotes commas in names in the CSV', async () => {
    const api = new FakeInsightsApi();
    api.reportFor = (q) =>
      aReport(q, {
        topProducts: [
          { productId: 'p1', name: '=HYPERLINK("http://evil.example","Click")', contacts: 4, complaints: -1 },
          { productId: 'p2', name: 'Boots, "waterproof"', contacts: 2, complaints: 0 },
          { productId: 'p3', name: '@SUM(A1)', contacts: 1, complaints: 0 },
        ],
        topContributors: [{ memberId: 'p-9', name: '+31 6 1234', answers: 1, accepted: 0, points: 5, influence: null }],
      });
    const downloads: Download[] = [];
    const el = await insightsView(api, 'en', downloads);
    await click(getByRole(getByRole(el, 'region', 'Top products by problem-driven contacts'), 'button', 'Download CSV'));
    expect(downloads[0]!.csv).to.equal(
      'Product,Contacts,Complaints\r\n' +
        '"\'=HYPERLINK(""http://evil.example"",""Click"")",4,-1\r\n' +
        '"Boots, ""waterproof""",2,0\r\n' +
        "'@SUM(A1),1,0\r\n",
    );
    expect(downloads[0]!.fileName).to.equal(`samen-insights-top-products-${daysAgo(29)}-${today()}.csv`);
    await click(getByRole(getByRole(el, 'region', 'Top contributors'), 'button', 'Download CSV'));
    expect(downloads[1]!.csv).to.equal("Member,Answers,Accepted,Points,Influence\r\n'+31 6 1234,1,0,5,\r\n");
    // On screen the names are plain text.
    expect(visibleText(el)).to.contain('=HYPERLINK("http://evil.example","Click")');
  });

  it('says why the report failed and loads it again on “Try again”', async () => {
    const api = new FakeInsightsApi().failNext('report', insightsError(0, 'network'));
    const el = await insightsView(api);
    const alert = await findByRole(el, 'alert');
    expect(visibleText(alert)).to.equal(
      'We could not load the insights. The Samen service could not be reached. Check your connection. Try again',
    );
    await click(getByRole(alert, 'button', 'Try again'));
    await waitForNoText(el, en.loading);
    expect(queryAllByRole(el, 'alert')).to.have.length(0);
    expect(figure(el, 'Contacts').value).to.equal('83');
    expect(api.reportQueries).to.have.length(2);
    expect(api.reportQueries[1]).to.deep.equal(api.reportQueries[0]);
  });

  it('tells the console when the session is gone', async () => {
    const api = new FakeInsightsApi().failNext('report', insightsError(401, 'unauthenticated'));
    let ended = 0;
    const wrapper = await fixture(html`<div @session-ended=${() => ended++}></div>`);
    const el = document.createElement('samen-console-insights');
    el.api = api;
    wrapper.append(el);
    await findByRole(el, 'alert');
    expect(ended).to.equal(1);
  });

  it('says when nothing happened in the period', async () => {
    const api = new FakeInsightsApi();
    api.reportFor = (q) => {
      const r = aReport({ ...q, from: q.to });
      const zero = { question: 0, chat: 0, review: 0, idea: 0 };
      return {
        ...r,
        contacts: { total: zero, daily: [] },
        deflection: { started: 0, deflected: 0, rate: null, daily: [] },
        community: { questions: 0, answered: 0, answerRate: null, medianFirstAnswerMs: null },
        staff: { routed: 0, responded: 0, medianFirstResponseMs: null, resolved: 0, medianResolutionMs: null, withinSla: 0, slaRate: null },
        escalations: { total: 0, byReason: { personal: 0, checkout: 0, complaint: 0, second_contact: 0, timeout: 0, not_helpful: 0 }, daily: [] },
        topProducts: [],
        rootCauses: [],
        topContributors: [],
      };
    };
    const el = await insightsView(api);
    expect(visibleText(el)).to.contain(en.empty);
    expect(deepQueryAll(el, 'samen-console-insights-chart')).to.have.length(0);
  });

  it('opens a root-cause topic’s questions, and lists their ids when they cannot be loaded', async () => {
    const api = new FakeInsightsApi();
    const el = await insightsView(api);
    const details = deepQueryAll<HTMLDetailsElement>(el, 'details')[0]!;
    expect(visibleText(details.querySelector('summary')!)).to.equal('Show the 2 questions');
    details.open = true;
    await waitForText(details, 'My invoice is missing from the parcel');
    expect(visibleText(details)).to.contain('Where is the invoice for order 12?').and.contain('Tent Fjord 2P');
    expect(api.calls.filter((c) => c.method === 'questions').map((c) => c.ids)).to.deep.equal([['q-1', 'q-2']]);

    for (const [err, says] of [
      [insightsError(500, 'internal'), 'We could not load these questions; their ids are listed below.'],
      [insightsError(404, 'not_found'), 'Question ids'],
    ] as const) {
      const failing = new FakeInsightsApi().failNext('questions', err);
      const other = await insightsView(failing);
      const closed = deepQueryAll<HTMLDetailsElement>(other, 'details')[0]!;
      closed.open = true;
      await waitForText(closed, 'Question q-1');
      expect(visibleText(closed)).to.equal(`Show the 2 questions ${says} Question q-1 Question q-2`);
    }
  });

  it('draws each chart with uPlot, with an accessible name for the period', async () => {
    const api = new FakeInsightsApi();
    api.reportFor = (q) => aReport({ ...q, from: '2025-11-01', to: '2025-11-07' });
    const el = await insightsView(api);
    const contacts = chart(el, 'Contacts per day by channel');
    await waitUntil(() => contacts.shadowRoot!.querySelector('.uplot canvas'), 'uPlot did not draw', { timeout: 4000 });
    const img = getByRole(contacts, 'img');
    expect(accessibleName(img)).to.match(/^Contacts per day by channel, .+\. Choose “Show as table” for the figures\.$/);
    // uPlot's own stylesheet is adopted into the chart's shadow root (no inline <style>).
    const wrap = contacts.shadowRoot!.querySelector('.u-wrap')!;
    expect(getComputedStyle(wrap).position).to.equal('relative');
    expect(contacts.shadowRoot!.querySelectorAll('style')).to.have.length(0);
  });

  for (const [locale, heading, period, toggle, download, deflection] of [
    ['en', 'Insights', 'Last 30 days', 'Show as table', 'Download CSV', 'Deflection rate'],
    ['nl', 'Inzichten', 'Afgelopen 30 dagen', 'Als tabel tonen', 'CSV downloaden', 'Zelf opgelost'],
    ['fr', 'Statistiques', '30 derniers jours', 'Afficher en tableau', 'Télécharger le CSV', 'Taux d’autonomie'],
  ] as const) {
    it(`speaks ${locale}: labels, numbers and durations`, async () => {
      const api = new FakeInsightsApi();
      api.reportFor = (q) => aReport(q, { staff: { ...aReport(q).staff, medianFirstResponseMs: 5_400_000 } });
      const el = await insightsView(api, locale);
      const t = consoleInsightsStrings[locale];
      expect(getByRole(el, 'heading', heading)).to.exist;
      const select = field(el, t.period);
      expect(select.options[select.selectedIndex]!.text.trim()).to.equal(period);
      expect(queryAllByRole(el, 'button', toggle)).to.have.length(3);
      expect(queryAllByRole(el, 'button', download).length).to.be.greaterThan(3);
      expect(figure(el, deflection).value).to.equal(new Intl.NumberFormat(locale, { style: 'percent' }).format(0.4).replace(/\s/g, ' '));
      expect(figure(el, t.firstResponse).value).to.equal({ en: '1.5 hours', nl: '1,5 uur', fr: '1,5 heure' }[locale]);
    });
  }
});

describe('<samen-console-insights> accessibility', () => {
  beforeEach(() => forgetInsightsChoice());

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no axe violations with charts, a table and a topic open (${scheme})`, async () => {
      const api = new FakeInsightsApi();
      api.reportFor = (q) => aReport({ ...q, from: '2025-11-01', to: '2025-11-05' });
      const el = await insightsView(api);
      el.style.setProperty('--samen-color-scheme', scheme);
      // The console page paints the surface behind the views (light by default).
      el.style.background = scheme === 'dark' ? '#16191d' : '#fff';
      for (const c of deepQueryAll(el, 'samen-console-insights-chart')) {
        await waitUntil(() => c.shadowRoot!.querySelector('.uplot canvas'), 'uPlot did not draw', { timeout: 4000 });
      }
      await click(getByRole(chart(el, 'Deflection per day'), 'button', 'Show as table'));
      const details = deepQueryAll<HTMLDetailsElement>(el, 'details')[0]!;
      details.open = true;
      await waitForText(details, 'My invoice is missing from the parcel');
      await expectNoAxeViolations(el);
    });
  }
});
