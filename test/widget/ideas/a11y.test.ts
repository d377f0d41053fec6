/**
 * axe-core over the idea board's states (the list, an open idea with comments and a comment
 * error, the share form with similar ideas and field errors) and the console's Ideas view with its
 * forms open: zero violations.
 */
import { fixture, html } from '@open-wc/testing';
import '../../../widget/src/console/samen-console-ideas.ts';
import type { SamenConsoleIdeas } from '../../../widget/src/console/samen-console-ideas.ts';
import type { ConsoleIdeasApi } from '../../../widget/src/console/ideas-api.ts';
import { FakeApi } from '../../fixtures/fake-api.ts';
import { expectNoAxeViolations } from '../axe.ts';
import { click, findByRole, getByRole, typeInto, waitForText } from '../queries.ts';
import { board } from './helpers.ts';

describe('the idea board has no axe violations', () => {
  it('in the list, an open idea, and the share form with errors and similar ideas', async () => {
    const api = new FakeApi({ site: { ideas: true } });
    const idea = api.ideaStore.add({ title: 'A hood that fits over a helmet', voteCount: 12, status: 'planned', statusNote: 'Next spring.' });
    api.ideaStore.addComment(idea.id, 'Yes please.');
    const el = await board(api);
    await findByRole(el, 'article', 'A hood that fits over a helmet');
    await expectNoAxeViolations(el);

    await click(getByRole(el, 'button', 'A hood that fits over a helmet'));
    const detail = await findByRole(el, 'article', 'A hood that fits over a helmet');
    await click(getByRole(detail, 'button', 'Post comment'));
    await findByRole(detail, 'alert');
    await expectNoAxeViolations(el);

    await click(getByRole(el, 'button', 'Back to the ideas'));
    await click(getByRole(el, 'button', 'Share an idea'));
    const form = await findByRole(el, 'form');
    typeInto(getByRole<HTMLInputElement>(form, 'textbox', 'Title'), 'helmet');
    await waitForText(form, 'Similar ideas');
    await click(getByRole(form, 'button', 'Post idea'));
    await waitForText(form, 'Please choose a category.');
    await expectNoAxeViolations(el);
  });

  it('in the console view with the status and merge forms open', async () => {
    const idea = (title: string) => ({
      id: crypto.randomUUID(),
      title,
      body: 'Details.',
      category: 'product' as const,
      status: 'new' as const,
      statusNote: null,
      statusAt: null,
      voteCount: 2,
      commentCount: 0,
      productId: null,
      authorName: 'Joris',
      formerMember: false,
      mergedInto: null,
      mergedFrom: [],
      moderation: 'published' as const,
      createdAt: Date.now(),
    });
    const ideas = [idea('Helmet hood'), idea('Bigger hood')];
    const api: ConsoleIdeasApi = {
      ideas: async () => ({ ideas, nextCursor: null }),
      change: async () => ideas[0]!,
      merge: async () => ideas[0]!,
      settings: async () => ({ enabled: true }),
      saveSettings: async (s) => s,
    };
    // `role` as a property, as the console sets it: as an attribute it would be an ARIA role.
    const el = await fixture<SamenConsoleIdeas>(html`<samen-console-ideas .api=${api} .role=${'owner'} locale="en"></samen-console-ideas>`);
    const first = await findByRole(el, 'article', 'Helmet hood');
    await click(getByRole(first, 'button', 'Change status'));
    const second = getByRole(el, 'article', 'Bigger hood');
    await expectNoAxeViolations(el);
    await click(getByRole(second, 'button', 'Merge into another idea'));
    await click(getByRole(second, 'button', 'Merge'));
    await findByRole(second, 'alert');
    await expectNoAxeViolations(el);
  });
});
