import { expect } from '@open-wc/testing';
import { click, findByRole, getByRole, visibleText, waitForText } from '../queries.ts';
import { brandApi, productWidget } from './helpers.ts';

describe('answers the brand’s team published', () => {
  for (const [lang, show, badge] of [
    ['en', 'Show 2 answers', 'Noordkust Outdoor team'],
    ['nl', 'Toon 2 antwoorden', 'Team Noordkust Outdoor'],
    ['fr', 'Afficher 2 réponses', 'Équipe Noordkust Outdoor'],
  ] as const) {
    it(`carry a "${badge}" badge (${lang}); shoppers’ answers do not`, async () => {
      const api = brandApi();
      const q = api.addQuestion({ text: 'Can I wash it at 40 degrees?' });
      api.addAnswer(q.id, { text: 'Yes, at 30 or 40 degrees without softener.', authorName: 'Sanne', authorRole: 'staff' });
      api.addAnswer(q.id, { text: 'I always do.', authorName: 'Ria', authorRole: 'shopper' });
      const el = await productWidget(api, lang);
      await click(getByRole(el, 'button', show));
      await waitForText(el, 'I always do.');

      const staff = await findByRole(el, 'listitem', /^Yes, at 30 or 40 degrees/);
      expect(visibleText(staff)).to.contain(`Sanne ${badge}`);
      const shopper = await findByRole(el, 'listitem', /^I always do/);
      expect(visibleText(shopper)).not.to.contain(badge);
      expect(staff.querySelector('.badge')?.textContent).to.equal(badge);
    });
  }
});
