import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../widget/src/console/samen-console-insights-chart.ts';
import type { ChartSpec, SamenConsoleInsightsChart } from '../../../widget/src/console/samen-console-insights-chart.ts';
import { accessibleName, click, getByRole, queryAllByRole } from '../queries.ts';

const spec = (values: number[]): ChartSpec => ({
  id: 'contacts',
  title: 'Contacts per day by channel',
  periodText: 'November 1 – 3, 2025',
  fileName: 'samen-insights-contacts.csv',
  days: ['2025-11-01', '2025-11-02', '2025-11-03'],
  columns: [
    { label: 'Questions', values, kind: 'count', plot: true },
    { label: 'Chats', values: [0, 1, 0], kind: 'count', plot: true },
  ],
});

async function drawn(el: SamenConsoleInsightsChart): Promise<HTMLElement> {
  await waitUntil(() => el.shadowRoot!.querySelector('.uplot canvas'), 'uPlot did not draw', { timeout: 4000 });
  return el.shadowRoot!.querySelector<HTMLElement>('.uplot')!;
}

/** The colour uPlot gave the legend marker of series `i` (0 is the days, 1 the first data series). */
const marker = (el: SamenConsoleInsightsChart, i: number): string =>
  getComputedStyle(el.shadowRoot!.querySelectorAll<HTMLElement>('.u-legend .u-marker')[i]!).borderColor;

describe('<samen-console-insights-chart>', () => {
  it('draws with uPlot under its stylesheet, named for screen readers, with the table as the alternative', async () => {
    const el = await fixture<SamenConsoleInsightsChart>(html`<samen-console-insights-chart .spec=${spec([1, 2, 3])}></samen-console-insights-chart>`);
    const root = await drawn(el);
    expect(getComputedStyle(root.querySelector('.u-wrap')!).position).to.equal('relative');
    expect(el.shadowRoot!.querySelectorAll('style')).to.have.length(0);
    const img = getByRole(el, 'img');
    expect(accessibleName(img)).to.equal('Contacts per day by channel, November 1 – 3, 2025. Choose “Show as table” for the figures.');
    expect(img.contains(root)).to.equal(true);

    await click(getByRole(el, 'button', 'Show as table'));
    expect(queryAllByRole(el, 'img')).to.have.length(0);
    const rows = Array.from(el.shadowRoot!.querySelectorAll('table:not(.u-legend) tbody tr'), (tr) =>
      Array.from(tr.children, (c) => c.textContent!.trim()).join(' '),
    );
    expect(rows).to.deep.equal(['Nov 1 1 0', 'Nov 2 2 1', 'Nov 3 3 0']);
  });

  it('takes its colours from the console tokens, in light and in dark mode', async () => {
    const light = await fixture<SamenConsoleInsightsChart>(
      html`<samen-console-insights-chart style="--samen-color-scheme: light" .spec=${spec([1, 2, 3])}></samen-console-insights-chart>`,
    );
    await drawn(light);
    expect(marker(light, 1)).to.equal('rgb(34, 87, 122)');

    const dark = await fixture<SamenConsoleInsightsChart>(
      html`<samen-console-insights-chart style="--samen-color-scheme: dark" .spec=${spec([1, 2, 3])}></samen-console-insights-chart>`,
    );
    await drawn(dark);
    expect(marker(dark, 1)).to.equal('rgb(142, 202, 230)');
    expect(marker(dark, 2)).to.equal('rgb(255, 184, 112)');

    const themed = await fixture<SamenConsoleInsightsChart>(
      html`<samen-console-insights-chart style="--samen-chart-1: rgb(1, 2, 3)" .spec=${spec([1, 2, 3])}></samen-console-insights-chart>`,
    );
    await drawn(themed);
    expect(marker(themed, 1)).to.equal('rgb(1, 2, 3)');
  });

  it('draws again for new data', async () => {
    const el = await fixture<SamenConsoleInsightsChart>(html`<samen-console-insights-chart .spec=${spec([1, 2, 3])}></samen-console-insights-chart>`);
    const first = await drawn(el);
    el.spec = spec([5, 5, 5]);
    await waitUntil(() => el.shadowRoot!.querySelector('.uplot') !== first, 'not redrawn', { timeout: 2000 });
    expect(el.shadowRoot!.querySelectorAll('.uplot')).to.have.length(1);
    expect(el.csv()).to.equal('Day,Questions,Chats\r\n2025-11-01,5,0\r\n2025-11-02,5,1\r\n2025-11-03,5,0\r\n');
  });
});
