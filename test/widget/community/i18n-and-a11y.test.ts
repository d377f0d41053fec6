import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, findAccessibilityNode } from '@web/test-runner-commands';
import { SamenWidget } from '../../../widget/src/samen-widget.ts';
import { define } from '../../../widget/src/internal/define.ts';
import { en as enCommunity, type CommunityStrings } from '../../../widget/src/i18n/community/en.ts';
import { loadCommunityStrings } from '../../../widget/src/i18n/community/index.ts';
import { FakeApi } from '../../fixtures/fake-api.ts';
import { click, findByRole, getByRole, queryAllByRole, settle, typeInto, visibleText, waitForText } from '../queries.ts';

define('samen-widget', SamenWidget);

interface AxNode {
  role: string;
  name: string;
  pressed?: boolean | 'mixed';
  children?: AxNode[];
}

/** Eva, an identified expert, asked a question here that has an answer; the widget speaks `lang`. */
async function widget(lang: string) {
  const api = new FakeApi().addMember('tok-eva', { name: 'Eva', role: 'expert' });
  const q = api.addQuestion({ text: 'Waterproof jacket for rain?' });
  api.addAnswer(q.id, { text: 'Yes, fully.' });
  api.setToken('tok-eva');
  const { question: asked } = await api.askQuestion(api.productId, { text: 'Waterproof seams on the jacket?' });
  api.setToken(null);
  api.addAnswer(asked.id, { text: 'Taped seams.' });
  const el = await fixture<SamenWidget>(
    html`<samen-widget .api=${api} product=${api.productId} token="tok-eva" lang=${lang}></samen-widget>`,
  );
  await findByRole(el, 'tablist');
  return { api, el, asked };
}

describe('community strings in Dutch and French', () => {
  for (const lang of ['nl', 'fr'] as const) {
    it(`${lang}: every community string English has, translated where the words differ`, async () => {
      const t = await loadCommunityStrings(lang);
      const keys = (o: object) => Object.keys(o).sort();
      expect(keys(t)).to.deep.equal(keys(enCommunity));
      expect(keys(t.errors)).to.deep.equal(keys(enCommunity.errors));
      expect(keys(t.reasons)).to.deep.equal(keys(enCommunity.reasons));
      expect(keys(t.maskedKinds)).to.deep.equal(keys(enCommunity.maskedKinds));
      const sameInEveryLanguage = new Set(['Spam']);
      const strings = (s: CommunityStrings) => [
        ...Object.values(s).filter((v): v is string => typeof v === 'string'),
        ...Object.values(s.errors),
        ...Object.values(s.reasons),
        ...Object.values(s.maskedKinds),
        s.searchResults(0),
        s.searchResults(1),
        s.searchResults(3),
        s.helpfulCount(1),
        s.helpfulCount(2),
        s.similarFound(2),
        s.masked('x'),
        s.waiting('x'),
      ];
      const english = strings(enCommunity);
      strings(t).forEach((text, i) => {
        if (!sameInEveryLanguage.has(text)) expect(text, `${lang} #${i}`).to.not.equal(english[i]);
      });
    });
  }

  it('speaks Dutch in the community parts of the widget', async () => {
    const { el } = await widget('nl');
    expect(getByRole(el, 'searchbox', 'Vragen doorzoeken')).to.exist;
    await findByRole(el, 'button', 'Open vragen');
    typeInto(getByRole(el, 'textbox', 'Je vraag'), 'waterproof jacket');
    await findByRole(el, 'list', 'Vergelijkbare vragen');

    const item = getByRole(el, 'article', 'Waterproof seams on the jacket?');
    await click(getByRole(item, 'button', 'Toon 1 antwoord'));
    await findByRole(item, 'button', 'Antwoord accepteren');
    expect(getByRole(item, 'button', 'Nuttig')).to.exist;
    expect(getByRole(item, 'button', 'Dit hielp niet')).to.exist;
    expect(queryAllByRole(item, 'button', 'Melden')).to.have.length(2);
    await click(queryAllByRole(item, 'button', 'Melden')[0]!);
    await findByRole(item, 'button', 'Melding versturen');
    expect(visibleText(item)).to.contain('Reden').and.contain('Beledigend').and.contain('Persoonsgegevens');
  });

  it('speaks French in the community parts of the widget', async () => {
    const { el } = await widget('fr');
    expect(getByRole(el, 'searchbox', 'Rechercher dans les questions')).to.exist;
    await findByRole(el, 'button', 'Questions ouvertes');
    typeInto(getByRole(el, 'searchbox', 'Rechercher dans les questions'), 'seams');
    await waitForText(el, '1 question correspond à votre recherche');
    typeInto(getByRole(el, 'textbox', 'Votre question'), 'waterproof jacket');
    await findByRole(el, 'list', 'Questions similaires');
    const similar = getByRole(el, 'list', 'Questions similaires');
    await click(queryAllByRole(similar, 'button', 'Afficher 1 réponse')[0]!);
    await findByRole(similar, 'button', 'Utile');
    expect(getByRole(el, 'button', 'Accepter la réponse')).to.exist;
    expect(getByRole(el, 'button', 'Cela ne m’a pas aidé')).to.exist;
  });
});

describe('community names in Chromium’s accessibility tree', () => {
  it('names the lists, search box, toggles and report form as specified', async () => {
    const { el, asked } = await widget('en');
    await findByRole(el, 'button', 'Open questions');
    typeInto(getByRole(el, 'textbox', 'Your question'), 'waterproof jacket');
    await findByRole(el, 'list', 'Similar questions');
    const item = getByRole(el, 'article', asked.body);
    await click(getByRole(item, 'button', 'Show 1 answer'));
    await findByRole(item, 'button', 'Accept answer');
    await click(queryAllByRole(item, 'button', 'Report')[1]!);
    await findByRole(item, 'button', 'Send report');
    await settle();

    const tree = await executeServerCommand<AxNode & { children: AxNode[] }, undefined>('samen-ax-tree');
    const find = (role: string, name: string) => findAccessibilityNode<AxNode>(tree, (n) => n.role === role && n.name === name);
    expect(find('list', 'Similar questions'), 'list Similar questions').to.not.equal(null);
    expect(find('searchbox', 'Search questions'), 'searchbox').to.not.equal(null);
    const helpful = find('button', 'Helpful');
    expect(helpful, 'toggle button Helpful').to.not.equal(null);
    expect(helpful!.pressed, 'Helpful is a toggle').to.equal(false);
    expect(find('button', 'Accept answer')?.pressed, 'Accept answer toggle').to.equal(false);
    expect(find('button', 'This did not help'), 'This did not help').to.not.equal(null);
    expect(find('button', 'Report'), 'Report').to.not.equal(null);
    expect(find('button', 'Open questions')?.pressed, 'Open questions toggle').to.equal(false);
    expect(find('group', 'Reason'), 'group Reason').to.not.equal(null);
    expect(find('radio', 'Personal data'), 'radio Personal data').to.not.equal(null);
  });
});
