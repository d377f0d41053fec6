/**
 * Reputation next to answer authors' names (level and badges) and the profile card the name opens:
 * a named dialog that loads the member's card, closes on Escape and gives focus back to the name.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../widget/src/answers/samen-answers.ts';
import type { SamenAnswers } from '../../../widget/src/answers/samen-answers.ts';
import type { PublicReputation, ProfileCard } from '../../../worker/src/reputation-types.ts';
import { en, type Strings } from '../../../widget/src/i18n/index.ts';
import { nl } from '../../../widget/src/i18n/nl.ts';
import { FakeApi } from '../../fixtures/fake-api.ts';
import { expectNoAxeViolations } from '../axe.ts';
import { click, deepActiveElement, findByRole, getByRole, queryAllByRole, visibleText, waitForText } from '../queries.ts';

const anna: PublicReputation = { profileId: 'p_0123456789abcdef0123', level: 'regular', levelName: null, badges: ['accepted_10', 'first_answer'] };
const card: ProfileCard = {
  ...anna,
  name: 'Anna',
  role: 'shopper',
  answerCount: 34,
  acceptedCount: 21,
  reviewCount: 2,
  memberSince: Date.UTC(2026, 2, 14),
};

/** The answers of a question: one by Anna (with reputation), one by a guest (without). */
async function answers(t: Strings = en, reputation: PublicReputation = anna) {
  const api = new FakeApi();
  const q = api.addQuestion({ text: 'Does it fit over a fleece?' });
  const a = api.addAnswer(q.id, { text: 'Yes, with room to spare.', authorName: 'Anna', authorRole: 'shopper' });
  Object.assign(api.storedAnswers.find((x) => x.id === a.id)!, { reputation });
  api.addAnswer(q.id, { text: 'No idea.', authorName: 'Guest' });
  api.profiles.set(card.profileId, card);
  const el = await fixture<SamenAnswers>(html`<samen-answers .api=${api} .question=${q} .t=${t} .now=${Date.now()}></samen-answers>`);
  const list = await findByRole(el, 'list', /^\d+ /);
  // The answers themselves (the badge lists inside have list items too).
  const items = () => [...list.children].filter((c) => c.tagName === 'LI');
  await waitUntil(() => items().length === 2);
  const [byAnna, byGuest] = items();
  return { api, el, byAnna: byAnna!, byGuest: byGuest! };
}

describe('reputation next to answer authors', () => {
  it('shows the level and badges of members with a profile, and a plain name for others', async () => {
    const { byAnna, byGuest } = await answers();
    await waitForText(byAnna, 'Regular');
    const badges = getByRole(byAnna, 'list', 'Badges');
    expect(queryAllByRole(badges, 'listitem').map((li) => visibleText(li))).to.deep.equal(['10 accepted answers', 'First answer']);
    await expectNoAxeViolations(byAnna);
    expect(getByRole(byAnna, 'button', 'Anna').getAttribute('aria-haspopup')).to.equal('dialog');
    expect(visibleText(byGuest)).to.contain('Guest');
    expect(queryAllByRole(byGuest, 'button', 'Guest')).to.have.length(0);
    expect(queryAllByRole(byGuest, 'list', 'Badges')).to.have.length(0);
  });

  it('uses the owner’s own level name, and translated levels and badges', async () => {
    const { byAnna } = await answers(en, { ...anna, level: 'ambassador', levelName: 'Noordkust Hero' });
    await waitForText(byAnna, 'Noordkust Hero');
    const dutch = await answers(nl);
    await waitForText(dutch.byAnna, 'Vaste helper');
    expect(visibleText(getByRole(dutch.byAnna, 'list', 'Badges'))).to.contain('10 geaccepteerde antwoorden');
  });

  it('opens the profile card from the name, closes it with Escape and returns focus to the name', async () => {
    const { api, byAnna } = await answers();
    const name = getByRole(byAnna, 'button', 'Anna');
    await click(name);
    const dialog = await findByRole(byAnna, 'dialog', 'Profile of Anna');
    expect((dialog as HTMLDialogElement).open).to.equal(true);
    expect(name.getAttribute('aria-expanded')).to.equal('true');
    await waitForText(dialog, 'Answered 34 questions, 21 accepted');
    await expectNoAxeViolations(byAnna);
    expect(visibleText(dialog)).to.contain('Level: Regular');
    expect(visibleText(dialog)).to.contain('2 reviews written');
    expect(visibleText(dialog)).to.contain('Member since March 2026');
    expect(api.callsTo('profile')).to.deep.equal([[anna.profileId]]);

    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !(dialog as HTMLDialogElement).open, 'the dialog stays open');
    await waitUntil(() => deepActiveElement() === name, 'focus did not return to the name');
    expect(name.getAttribute('aria-expanded')).to.equal('false');
  });

  it('says so when the card cannot be loaded, and closes with its Close button', async () => {
    const { api, byAnna } = await answers();
    api.profiles.clear();
    const name = getByRole(byAnna, 'button', 'Anna');
    await click(name);
    const dialog = await findByRole(byAnna, 'dialog', 'Profile of Anna');
    await waitForText(dialog, 'This profile could not be loaded.');
    await click(getByRole(dialog, 'button', 'Close'));
    await waitUntil(() => !(dialog as HTMLDialogElement).open && deepActiveElement() === name);
  });
});
