/**
 * The console's Community view: members with points, level, badges and influence (with "why"),
 * promotion to ambassador or expert for chosen products, the points table and level names, and
 * "Recompute" — for owners; agents only read.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../widget/src/console/samen-console-community.ts';
import type { SamenConsoleCommunity } from '../../../widget/src/console/samen-console-community.ts';
import type { CommunityMember, CommunityRole, ConsoleCommunityApi, ReputationSettings } from '../../../widget/src/console/community-api.ts';
import { ConsoleApiError } from '../../../widget/src/console/api.ts';
import { expectNoAxeViolations } from '../axe.ts';
import { accessibleName, click, deepQueryAll, findByRole, getByRole, queryAllByRole, typeInto, visibleText, waitForText } from '../queries.ts';

const why = {
  factors: [
    { key: 'reach', value: 500, share: 0.5, weight: 0.2, target: 1000 },
    { key: 'helpful', value: 10, share: 0.5, weight: 0.2, target: 20 },
    { key: 'accepted', value: 5, share: 0.5, weight: 0.2, target: 10 },
    { key: 'reviews', value: 5, share: 1, weight: 0.15, target: 5 },
    { key: 'ideas', value: 4, share: 0.2, weight: 0.1, target: 20 },
    { key: 'tenure', value: 365, share: 1, weight: 0.15, target: 365 },
  ],
  negative: { complaints: 0, removed: 0, penalty: 0 },
  raw: 0.62,
  score: 3,
} satisfies CommunityMember['influenceWhy'];

const member = (over: Partial<CommunityMember> = {}): CommunityMember => ({
  profileId: `p_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`,
  level: 'regular',
  levelName: null,
  badges: ['first_answer'],
  name: 'Anna de Vries',
  kind: 'member',
  role: 'shopper',
  tokenExpert: false,
  products: [],
  points: 38,
  answerCount: 3,
  acceptedCount: 1,
  reviewCount: 1,
  helpfulCount: 2,
  ideaCount: 1,
  adoptedCount: 1,
  since: Date.now() - 90 * 24 * 3600e3,
  influence: 3,
  influenceWhy: why,
  influenceAt: Date.now(),
  ...over,
});

class FakeCommunityApi implements ConsoleCommunityApi {
  members_: CommunityMember[] = [member(), member({ name: null, kind: 'visitor', points: 4, influence: null, influenceWhy: null, badges: [] })];
  settings_: ReputationSettings = {
    points: { answer: 2, accepted: 15, helpfulVote: 1, review: 5, ideaAdopted: 10, voteCap: 3 },
    levels: [
      { key: 'newcomer', min: 0, name: null },
      { key: 'regular', min: 25, name: null },
      { key: 'ambassador', min: 100, name: null },
    ],
  };
  calls: { method: string; args: unknown[] }[] = [];
  failRole: ConsoleApiError | null = null;
  async members(sort: 'points' | 'influence') {
    this.calls.push({ method: 'members', args: [sort] });
    return this.members_;
  }
  async setRole(profileId: string, role: CommunityRole, products: string[]) {
    this.calls.push({ method: 'setRole', args: [profileId, role, products] });
    if (this.failRole) throw this.failRole;
    const m = this.members_.find((x) => x.profileId === profileId)!;
    const updated = { ...m, role, products: role === 'shopper' ? [] : products, badges: role === 'expert' ? ['verified_expert' as const, ...m.badges] : m.badges };
    this.members_ = this.members_.map((x) => (x.profileId === profileId ? updated : x));
    return updated;
  }
  async settings() {
    return this.settings_;
  }
  async saveSettings(change: Partial<ReputationSettings>) {
    this.calls.push({ method: 'saveSettings', args: [change] });
    this.settings_ = { ...this.settings_, ...change };
    return this.settings_;
  }
  async recompute() {
    this.calls.push({ method: 'recompute', args: [] });
    return 2;
  }
}

async function view(role: 'owner' | 'agent', api = new FakeCommunityApi()) {
  const el = await fixture<SamenConsoleCommunity>(html`<samen-console-community .api=${api} .role=${role}></samen-console-community>`);
  await waitForText(el, 'Anna de Vries');
  return { el, api };
}

const rows = (el: Element) => deepQueryAll<HTMLTableRowElement>(el, 'tbody tr');

describe('<samen-console-community>', () => {
  it('has no axe violations for owners (with a score explained) and agents', async () => {
    const { el } = await view('owner');
    await click(getByRole(rows(el)[0]!, 'button', 'Why 3? Anna de Vries'));
    await expectNoAxeViolations(el);
    const agent = await view('agent');
    await expectNoAxeViolations(agent.el);
  });

  it('lists members with points, level, badges and influence, and explains the score on demand', async () => {
    const { el } = await view('owner');
    const [anna, guest] = rows(el);
    expect(visibleText(anna!)).to.match(/^Anna de Vries Shopper 38 Regular First answer 3 Why 3\?/);
    expect(visibleText(guest!)).to.contain('Guest (not signed in)');
    expect(visibleText(guest!)).to.contain('not computed yet');

    const toggle = getByRole(anna!, 'button', 'Why 3? Anna de Vries');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(queryAllByRole(anna!, 'list', 'Why this influence score for Anna de Vries')).to.have.length(0);
    await click(toggle);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const lines = getByRole(anna!, 'list', 'Why this influence score for Anna de Vries');
    expect(queryAllByRole(lines, 'listitem').map((li) => visibleText(li))).to.deep.equal([
      'Reach (views of their answers and reviews): 500 → 10 of 20',
      'Helpful votes received: 10 → 10 of 20',
      'Accepted answers: 5 → 10 of 20',
      'Reviews written: 5 → 15 of 15',
      'Ideas and votes on them: 4 → 2 of 10',
      'Days since first seen: 365 → 15 of 15',
      'Total 62 of 100 → influence 3',
    ]);
  });

  it('promotes a member to expert for chosen products, and says why when the API refuses', async () => {
    const { el, api } = await view('owner');
    const anna = api.members_[0]!;
    api.failRole = new ConsoleApiError(400, 'invalid_products', 'bad');
    await click(getByRole(el, 'button', 'Change role of Anna de Vries'));
    const form = getByRole(el, 'form', 'Change role of Anna de Vries');
    const select = deepQueryAll<HTMLSelectElement>(form, 'select')[0]!;
    expect(accessibleName(select)).to.equal('Role');
    select.value = 'expert';
    select.dispatchEvent(new Event('change'));
    typeInto(getByRole(form, 'textbox', 'Products (ids, separated by commas)'), 'boots, tent ');
    await click(getByRole(form, 'button', 'Save'));
    await waitForText(form, 'Product ids are 1–128 letters');
    expect(getByRole(form, 'textbox', 'Products (ids, separated by commas)').getAttribute('aria-invalid')).to.equal('true');

    api.failRole = null;
    await click(getByRole(form, 'button', 'Save'));
    await waitForText(el, 'Anna de Vries is now: Expert.');
    expect(api.calls.filter((c) => c.method === 'setRole').at(-1)?.args).to.deep.equal([anna.profileId, 'expert', ['boots', 'tent']]);
    const row = rows(el)[0]!;
    expect(visibleText(row)).to.contain('Expert boots, tent');
    expect(visibleText(row)).to.contain('Verified expert');
  });

  it('saves the points table and level names, and recomputes on demand', async () => {
    const { el, api } = await view('owner');
    await findByRole(el, 'heading', 'Points and levels');
    const answerPoints = deepQueryAll<HTMLInputElement>(el, '#pts-answer')[0]!;
    answerPoints.value = '10';
    answerPoints.dispatchEvent(new InputEvent('input'));
    typeInto(getByRole(el, 'textbox', 'Name of “Ambassador”'), 'Noordkust Hero');
    await click(getByRole(el, 'button', 'Save points and levels'));
    await waitForText(el, 'Saved. Everyone’s points were recounted.');
    const saved = api.calls.find((c) => c.method === 'saveSettings')?.args[0] as ReputationSettings;
    expect(saved.points.answer).to.equal(10);
    expect(saved.levels[2]).to.deep.equal({ key: 'ambassador', min: 100, name: 'Noordkust Hero' });

    await click(getByRole(el, 'button', 'Recompute'));
    await waitForText(el, 'Recomputed 2 profiles.');
  });

  it('is read-only for agents: no role changes, settings or recompute', async () => {
    const { el } = await view('agent');
    expect(queryAllByRole(el, 'button', /^Change role/)).to.have.length(0);
    expect(queryAllByRole(el, 'button', 'Recompute')).to.have.length(0);
    expect(queryAllByRole(el, 'heading', 'Points and levels')).to.have.length(0);
  });

  it('speaks Dutch and French', async () => {
    for (const [locale, text] of [
      ['nl', 'Vaste helper'],
      ['fr', 'Habitué'],
    ] as const) {
      const el = await fixture<SamenConsoleCommunity>(
        html`<samen-console-community .api=${new FakeCommunityApi()} .role=${'owner'} locale=${locale}></samen-console-community>`,
      );
      await waitForText(el, text);
    }
  });
});
