/**
 * The console's Ideas view: the site's ideas with status filter, setting a public status with an
 * explanation (errors next to the field), publishing a held idea, merging a duplicate into the
 * idea to keep, the owner's "Show the Ideas tab in the widget", and the view in Dutch and French.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../widget/src/console/samen-console-ideas.ts';
import type { SamenConsoleIdeas } from '../../../widget/src/console/samen-console-ideas.ts';
import { ConsoleApiError } from '../../../widget/src/console/api.ts';
import type { ConsoleIdea, ConsoleIdeasApi, IdeaChange, IdeaSettings, IdeaStatus } from '../../../widget/src/console/ideas-api.ts';
import { accessibleDescription, click, deepQueryAll, findByRole, getByRole, queryAllByRole, typeInto, visibleText, waitForNoText, waitForText } from '../queries.ts';

/** The console idea API as the Worker keeps it: newest first, status filter, the note's length rule, merge checks. */
class FakeConsoleIdeas implements ConsoleIdeasApi {
  stored: ConsoleIdea[] = [];
  settingsValue: IdeaSettings = { enabled: true };
  calls: unknown[][] = [];
  #clock = Date.now() - 30 * 24 * 3600e3;

  add(i: Partial<ConsoleIdea> = {}): ConsoleIdea {
    const idea: ConsoleIdea = {
      id: crypto.randomUUID(),
      title: 'A hood that fits over a helmet',
      body: 'For climbing in the rain.',
      category: 'product',
      status: 'new',
      statusNote: null,
      statusAt: null,
      voteCount: 3,
      commentCount: 1,
      productId: 'nk-storm-jacket',
      authorName: 'Joris',
      formerMember: false,
      mergedInto: null,
      mergedFrom: [],
      moderation: 'published',
      createdAt: (this.#clock += 3600e3),
      ...i,
    };
    this.stored.push(idea);
    return idea;
  }

  /** Pages of 20, as the Worker sends them; the cursor is the offset. */
  async ideas(q: { status: IdeaStatus | null; cursor: string | null }) {
    this.calls.push(['ideas', q.status]);
    const ideas = this.stored.filter((i) => !q.status || i.status === q.status).sort((a, b) => b.createdAt - a.createdAt);
    const from = Number(q.cursor ?? 0);
    const page = ideas.slice(from, from + 20);
    return { ideas: page.map((i) => ({ ...i })), nextCursor: from + 20 < ideas.length ? String(from + 20) : null };
  }

  async change(id: string, change: IdeaChange) {
    this.calls.push(['change', id, change]);
    if ((change.note ?? '').length > 1000) throw new ConsoleApiError(400, 'idea_note_too_long', 'too long');
    const idea = this.find(id);
    if (change.status) idea.status = change.status;
    if (change.note !== undefined) idea.statusNote = change.note?.trim() || null;
    if (change.moderation) idea.moderation = change.moderation;
    return { ...idea };
  }

  async merge(id: string, into: string) {
    this.calls.push(['merge', id, into]);
    if (id === into) throw new ConsoleApiError(400, 'merge_into_itself', 'itself');
    const from = this.find(id);
    const target = this.find(into);
    if (target.mergedInto) throw new ConsoleApiError(409, 'merge_target_merged', 'merged');
    from.mergedInto = into;
    target.mergedFrom = [...target.mergedFrom, id];
    target.voteCount += from.voteCount;
    from.voteCount = 0;
    return { ...target };
  }

  async settings() {
    return this.settingsValue;
  }

  async saveSettings(s: IdeaSettings) {
    this.calls.push(['saveSettings', s]);
    this.settingsValue = s;
    return s;
  }

  find(id: string): ConsoleIdea {
    const idea = this.stored.find((i) => i.id === id);
    if (!idea) throw new ConsoleApiError(404, 'idea_not_found', 'gone');
    return idea;
  }
}

const view = (api: FakeConsoleIdeas, role: 'owner' | 'agent' = 'agent', locale = 'en') =>
  fixture<SamenConsoleIdeas>(html`<samen-console-ideas .api=${api} role=${role} locale=${locale}></samen-console-ideas>`);

/** The select labelled `label` (the shared queries give selects no role). */
function select(root: Element, label: string): HTMLSelectElement {
  const found = deepQueryAll<HTMLSelectElement>(root, 'select').find((s) => [...(s.labels ?? [])].some((l) => l.textContent?.trim() === label));
  if (!found) throw new Error(`No select "${label}"`);
  return found;
}

function choose(el: HTMLSelectElement, value: string): void {
  el.value = value;
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('<samen-console-ideas>', () => {
  it('lists the site’s ideas with status, votes and scope, and filters them by status', async () => {
    const api = new FakeConsoleIdeas();
    api.add({ title: 'Recycled packaging', productId: null, status: 'under_review', voteCount: 1 });
    api.add({ title: 'Reflective stripes', status: 'done', voteCount: 40, statusNote: 'In the 2025 range.' });
    const el = await view(api);
    const stripes = await findByRole(el, 'article', 'Reflective stripes');
    expect(visibleText(stripes)).to.contain('Done');
    expect(visibleText(stripes)).to.contain('40 votes');
    expect(visibleText(stripes)).to.contain('Product: nk-storm-jacket');
    expect(visibleText(stripes)).to.contain('In the 2025 range.');
    const packaging = getByRole(el, 'article', 'Recycled packaging');
    expect(visibleText(packaging)).to.contain('Under review');
    expect(visibleText(packaging)).to.contain('Whole shop');
    expect(visibleText(packaging)).to.contain('1 vote');

    choose(select(el, 'Status'), 'done');
    await waitForNoText(el, 'Recycled packaging');
    await findByRole(el, 'article', 'Reflective stripes');
    expect(queryAllByRole(el, 'article', 'Recycled packaging')).to.have.length(0);
    expect(api.calls).to.deep.include(['ideas', 'done']);
  });

  it('sets a public status with an explanation, saying when the explanation is too long', async () => {
    const api = new FakeConsoleIdeas();
    const idea = api.add({ title: 'A hood that fits over a helmet' });
    const el = await view(api);
    const item = await findByRole(el, 'article', 'A hood that fits over a helmet');
    expect(visibleText(item)).to.contain('New');
    await click(getByRole(item, 'button', 'Change status'));
    const status = select(item, 'New status');
    choose(status, 'planned');
    const note = getByRole<HTMLTextAreaElement>(item, 'textbox', 'Public explanation');
    typeInto(note, 'x'.repeat(1001));
    await click(getByRole(item, 'button', 'Save status'));
    expect(visibleText(await findByRole(item, 'alert'))).to.equal('Please keep the explanation under 1,000 characters.');
    expect(note.getAttribute('aria-invalid')).to.equal('true');
    expect(accessibleDescription(note)).to.contain('Please keep the explanation under 1,000 characters.');

    typeInto(note, 'Our designers are on it for next spring.');
    await click(getByRole(item, 'button', 'Save status'));
    await waitForText(getByRole(el, 'status'), 'Status of “A hood that fits over a helmet” saved.');
    const saved = getByRole(el, 'article', 'A hood that fits over a helmet');
    expect(visibleText(saved)).to.contain('Planned');
    expect(visibleText(saved)).to.contain('Our designers are on it for next spring.');
    expect(queryAllByRole(saved, 'form')).to.have.length(0);
    expect(api.calls.at(-1)).to.deep.equal(['change', idea.id, { status: 'planned', note: 'Our designers are on it for next spring.' }]);
  });

  it('merges a duplicate into the idea to keep, picked from the list', async () => {
    const api = new FakeConsoleIdeas();
    const keep = api.add({ title: 'Helmet-compatible hood', voteCount: 20 });
    const dup = api.add({ title: 'Bigger hood for helmets', voteCount: 2 });
    const el = await view(api);
    const item = await findByRole(el, 'article', 'Bigger hood for helmets');
    await click(getByRole(item, 'button', 'Merge into another idea'));
    const target = select(item, 'Merge into');
    expect([...target.options].map((o) => o.textContent?.trim())).to.deep.equal(['Choose the idea to keep…', 'Helmet-compatible hood (20 votes)']);
    // Nothing chosen: said next to the field, nothing sent.
    await click(getByRole(item, 'button', 'Merge'));
    expect(visibleText(await findByRole(item, 'alert'))).to.equal('Choose the idea to merge into.');
    expect(target.getAttribute('aria-invalid')).to.equal('true');
    expect(api.calls.some(([c]) => c === 'merge')).to.equal(false);

    choose(target, keep.id);
    await click(getByRole(item, 'button', 'Merge'));
    await waitForText(getByRole(el, 'status'), '“Bigger hood for helmets” is merged into “Helmet-compatible hood”.');
    expect(api.calls).to.deep.include(['merge', dup.id, keep.id]);
    const kept = getByRole(el, 'article', 'Helmet-compatible hood');
    expect(visibleText(kept)).to.contain('22 votes');
    expect(visibleText(kept)).to.contain('1 duplicate merged in');
    const merged = getByRole(el, 'article', 'Bigger hood for helmets');
    expect(visibleText(merged)).to.contain('Merged into another idea');
    expect(queryAllByRole(merged, 'button'), 'nothing more to do with a merged idea').to.have.length(0);
  });

  it('offers every idea of the board to keep, not only the first page', async () => {
    const api = new FakeConsoleIdeas();
    const oldest = api.add({ title: 'The very first hood idea', voteCount: 40 });
    for (let n = 0; n < 44; n++) api.add({ title: `Idea number ${n + 1}` });
    const dup = api.add({ title: 'Bigger hood for helmets', voteCount: 2 });
    const el = await view(api);
    const item = await findByRole(el, 'article', dup.title);
    await click(getByRole(item, 'button', 'Merge into another idea'));
    const target = select(item, 'Merge into');
    await waitUntil(() => target.options.length === 46, 'the merge form did not offer all 45 other ideas');
    choose(target, oldest.id);
    await click(getByRole(item, 'button', 'Merge'));
    await waitForText(getByRole(el, 'status'), '“Bigger hood for helmets” is merged into “The very first hood idea”.');
  });

  it('says why a merge was refused, keeping the form open', async () => {
    const api = new FakeConsoleIdeas();
    const gone = api.add({ title: 'Old hood idea' });
    const keep = api.add({ title: 'Helmet-compatible hood' });
    api.add({ title: 'Bigger hood for helmets' });
    const el = await view(api);
    const item = await findByRole(el, 'article', 'Bigger hood for helmets');
    await click(getByRole(item, 'button', 'Merge into another idea'));
    // Meanwhile a colleague merged the chosen idea elsewhere.
    gone.mergedInto = keep.id;
    choose(select(item, 'Merge into'), gone.id);
    await click(getByRole(item, 'button', 'Merge'));
    expect(visibleText(await findByRole(item, 'alert'))).to.equal('That idea was itself merged into another one. Choose the idea it went to.');
    expect(select(item, 'Merge into')).to.exist;
  });

  it('publishes an idea held for review', async () => {
    const api = new FakeConsoleIdeas();
    api.add({ title: 'Mail me the manual', moderation: 'held' });
    const el = await view(api);
    const item = await findByRole(el, 'article', 'Mail me the manual');
    expect(visibleText(item)).to.contain('Held for review: shoppers do not see it yet');
    await click(getByRole(item, 'button', 'Publish'));
    await waitForText(getByRole(el, 'status'), '“Mail me the manual” is public now.');
    expect(visibleText(getByRole(el, 'article', 'Mail me the manual'))).not.to.contain('Held for review');
  });

  it('gives owners "Show the Ideas tab in the widget", and agents not', async () => {
    const agent = await view(new FakeConsoleIdeas(), 'agent');
    await findByRole(agent, 'heading', 'Ideas');
    expect(queryAllByRole(agent, 'heading', 'Idea board settings')).to.have.length(0);

    const api = new FakeConsoleIdeas();
    const el = await view(api, 'owner');
    await findByRole(el, 'heading', 'Idea board settings');
    const box = deepQueryAll<HTMLInputElement>(el, 'input[type="checkbox"]').find((b) => b.closest('label')?.textContent?.trim() === 'Show the Ideas tab in the widget')!;
    expect(box.checked).to.equal(true);
    box.click();
    await click(getByRole(el, 'button', 'Save idea board settings'));
    await waitForText(getByRole(el, 'status'), 'Idea board settings saved.');
    expect(api.settingsValue).to.deep.equal({ enabled: false });
  });

  for (const [locale, labels] of [
    ['nl', { heading: 'Ideeën', change: 'Status wijzigen', merge: 'Samenvoegen met ander idee', setting: 'Toon het tabblad Ideeën in de widget', planned: 'Gepland' }],
    ['fr', { heading: 'Idées', change: 'Changer le statut', merge: 'Fusionner avec une autre idée', setting: 'Afficher l’onglet Idées dans le widget', planned: 'Prévue' }],
  ] as const) {
    it(`speaks ${locale}`, async () => {
      const api = new FakeConsoleIdeas();
      api.add({ title: 'A hood that fits over a helmet', status: 'planned' });
      const el = await view(api, 'owner', locale);
      await findByRole(el, 'heading', labels.heading);
      const item = await findByRole(el, 'article', 'A hood that fits over a helmet');
      expect(visibleText(item)).to.contain(labels.planned);
      expect(getByRole(item, 'button', labels.change)).to.exist;
      expect(getByRole(item, 'button', labels.merge)).to.exist;
      await waitForText(el, labels.setting);
    });
  }
});
