/**
 * The idea board in Dutch and French: the key labels (button, toggle, lists, status labels,
 * vote counts) and a form error, in the widget's language, with English as the reference.
 */
import { expect } from '@open-wc/testing';
import { loadStrings } from '../../../widget/src/i18n/index.ts';
import { FakeApi } from '../../fixtures/fake-api.ts';
import { click, findByRole, getByRole, visibleText, waitForText } from '../queries.ts';
import { board } from './helpers.ts';

const LABELS = {
  en: { share: 'Share an idea', vote: 'Vote', show: 'Show ideas', sorts: ['Top', 'New', 'Done'], planned: 'Planned', votes: '1,234 votes', post: 'Post idea', title: 'Title', tooShort: 'Please give your idea a title of at least 5 characters.' },
  nl: { share: 'Deel een idee', vote: 'Stem', show: 'Toon ideeën', sorts: ['Populair', 'Nieuw', 'Gerealiseerd'], planned: 'Gepland', votes: '1.234 stemmen', post: 'Idee plaatsen', title: 'Titel', tooShort: 'Geef je idee een titel van minstens 5 tekens.' },
  fr: { share: 'Proposer une idée', vote: 'Voter', show: 'Afficher les idées', sorts: ['Populaires', 'Nouvelles', 'Réalisées'], planned: 'Prévue', votes: '1 234 votes', post: 'Publier l’idée', title: 'Titre', tooShort: 'Donnez à votre idée un titre d’au moins 5 caractères.' },
} as const;

describe('the idea board in English, Dutch and French', () => {
  for (const [lang, l] of Object.entries(LABELS)) {
    it(`names its controls in ${lang}`, async () => {
      const api = new FakeApi({ site: { ideas: true } });
      api.ideaStore.add({ title: 'A hood that fits over a helmet', voteCount: 1234, status: 'planned' });
      const el = await board(api, { t: await loadStrings(lang as 'en' | 'nl' | 'fr') });
      const idea = await findByRole(el, 'article', 'A hood that fits over a helmet');
      expect(getByRole(idea, 'button', l.vote).getAttribute('aria-pressed')).to.equal('false');
      expect(visibleText(idea)).to.contain(l.planned);
      // Numbers written the language's way (a narrow no-break space in French).
      expect(visibleText(idea).replace(/\s/g, ' ')).to.contain(l.votes);
      const sorts = getByRole(el, 'group', l.show);
      for (const name of l.sorts) expect(getByRole(sorts, 'button', name)).to.exist;

      await click(getByRole(el, 'button', l.share));
      const form = await findByRole(el, 'form');
      await click(getByRole(form, 'button', l.post));
      await waitForText(form, l.tooShort);
      expect(getByRole(form, 'textbox', l.title).getAttribute('aria-invalid')).to.equal('true');
    });
  }
});
