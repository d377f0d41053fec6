/** The shopper's influence score next to them in the staff queue item, with why (a native disclosure). */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../widget/src/console/samen-console-queue-item.ts';
import type { SamenConsoleQueueItem } from '../../../widget/src/console/samen-console-queue-item.ts';
import type { QueueItem } from '../../../widget/src/console/api.ts';
import { en } from '../../../widget/src/console/i18n/en.ts';
import { nl } from '../../../widget/src/console/i18n/nl.ts';
import type { ConsoleStrings } from '../../../widget/src/console/i18n/index.ts';
import { FakeConsoleApi } from './fake-console-api.ts';
import { click, deepQueryAll, visibleText, waitForNoText } from '../queries.ts';

const influence: NonNullable<QueueItem['influence']> = {
  score: 4,
  why: {
    factors: [
      { key: 'reach', value: 1200, share: 1, weight: 0.2, target: 1000 },
      { key: 'helpful', value: 20, share: 1, weight: 0.2, target: 20 },
      { key: 'accepted', value: 5, share: 0.5, weight: 0.2, target: 10 },
      { key: 'reviews', value: 1, share: 0.2, weight: 0.15, target: 5 },
      { key: 'ideas', value: 0, share: 0, weight: 0.1, target: 20 },
      { key: 'tenure', value: 365, share: 1, weight: 0.15, target: 365 },
    ],
    negative: { complaints: 1, removed: 0, penalty: 0.1 },
    raw: 0.68,
    score: 4,
  },
};

async function itemView(item: Partial<QueueItem>, t: ConsoleStrings = en, locale = 'en') {
  const api = new FakeConsoleApi().signedInAs('agent');
  const added = api.addQueueItem({ shopper: { name: 'Anna de Vries', sub: 'customer-42' }, ...item });
  const el = await fixture<SamenConsoleQueueItem>(
    html`<samen-console-queue-item .api=${api} .t=${t} locale=${locale} item-id=${added.id} staff-id=${api.signedIn?.staff.id ?? ''}></samen-console-queue-item>`,
  );
  await waitForNoText(el, t.loading);
  return el;
}

describe('<samen-console-queue-item>: influence next to the shopper', () => {
  it('shows the score and, opened, why', async () => {
    const el = await itemView({ influence });
    const details = deepQueryAll<HTMLDetailsElement>(el, 'details.influence')[0]!;
    expect(visibleText(details.querySelector('summary')!)).to.equal('Influence 4/5');
    expect(details.open).to.equal(false);
    await click(details.querySelector('summary')!);
    expect(details.open).to.equal(true);
    expect(visibleText(details)).to.contain('Reach (views of their answers and reviews): 1200 → 20 of 20');
    expect(visibleText(details)).to.contain('Complaints: 1, removed posts: 0 → −10');
    expect(visibleText(details)).to.contain('Total 68 of 100 → influence 4');
  });

  it('shows nothing before the score is computed, and speaks the console’s language', async () => {
    const none = await itemView({ influence: null });
    expect(deepQueryAll(none, 'details.influence')).to.have.length(0);
    const dutch = await itemView({ influence }, nl, 'nl');
    expect(visibleText(deepQueryAll(dutch, 'details.influence summary')[0]!)).to.equal('Invloed 4/5');
  });
});
