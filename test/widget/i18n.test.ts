import { expect, fixture, html } from '@open-wc/testing';
import { SamenWidget } from '../../widget/src/samen-widget.ts';
import { define } from '../../widget/src/internal/define.ts';
import { en, errorText, loadStrings, pickLanguage, type Language, type Strings } from '../../widget/src/i18n/index.ts';
import { FakeApi, networkError } from '../fixtures/fake-api.ts';
import { click, findByRole, getByRole, typeInto, visibleText, waitForNoText, waitForText } from './queries.ts';

define('samen-widget', SamenWidget);

describe('i18n', () => {
  describe('pickLanguage', () => {
    it('takes the first supported candidate, by its base language, in any case', () => {
      expect(pickLanguage('nl-BE', 'fr')).to.equal('nl');
      expect(pickLanguage('de', undefined, '', null, 'FR-ca')).to.equal('fr');
      expect(pickLanguage('en-GB', 'nl')).to.equal('en');
    });

    it('falls back to English', () => {
      expect(pickLanguage('de', 'es')).to.equal('en');
      expect(pickLanguage()).to.equal('en');
    });
  });

  describe('loadStrings', () => {
    for (const lang of ['nl', 'fr'] as const) {
      it(`loads ${lang} with every string and error message English has, translated`, async () => {
        const t = await loadStrings(lang);
        expect(Object.keys(t).sort()).to.deep.equal(Object.keys(en).sort());
        expect(Object.keys(t.errors).sort()).to.deep.equal(Object.keys(en.errors).sort());
        for (const code of Object.keys(en.errors) as (keyof Strings['errors'])[]) {
          expect(t.errors[code], code).to.be.a('string').and.not.equal(en.errors[code]);
        }
        for (const n of [0, 1, 2]) {
          expect(t.answerCount(n)).to.not.equal(en.answerCount(n));
          expect(t.showAnswers(n)).to.not.equal(en.showAnswers(n));
        }
      });
    }

    it('returns the built-in English strings for en', async () => {
      expect(await loadStrings('en')).to.equal(en);
    });
  });

  describe('errorText', () => {
    it('translates known codes and gives the generic message otherwise', () => {
      expect(errorText(en, 'network')).to.equal(en.errors.network);
      expect(errorText(en, 'rate_limited_somehow')).to.equal(en.errors.generic);
      // inherited names must not leak through as "messages"
      expect(errorText(en, 'toString')).to.equal(en.errors.generic);
      expect(errorText(en, '__proto__')).to.equal(en.errors.generic);
    });
  });

  describe('<samen-widget> language', () => {
    const docLang = document.documentElement.getAttribute('lang');
    afterEach(() => {
      if (docLang === null) document.documentElement.removeAttribute('lang');
      else document.documentElement.setAttribute('lang', docLang);
    });

    async function widget({ lang, siteDefault = 'en' }: { lang?: string; siteDefault?: Language } = {}) {
      const api = new FakeApi({ site: { defaultLanguage: siteDefault } });
      const q = api.addQuestion({ text: 'Is het waterdicht?', createdAt: Date.now() - 3 * 24 * 3600e3 });
      api.addAnswer(q.id, { text: 'Ja.', createdAt: Date.now() - 3600e3 });
      api.addAnswer(q.id, { text: 'Nee.', createdAt: Date.now() - 1800e3 });
      const el = await fixture<SamenWidget>(html`<samen-widget .api=${api} product=${api.productId} lang=${lang ?? ''}></samen-widget>`);
      if (lang === undefined) el.removeAttribute('lang');
      return { el, api };
    }

    it('speaks Dutch for lang="nl"', async () => {
      const { el } = await widget({ lang: 'nl' });
      await findByRole(el, 'tablist', 'Community en klantenservice');
      await waitForText(el, 'Is het waterdicht?');
      expect(getByRole(el, 'tab', 'Vragen').getAttribute('aria-selected')).to.equal('true');
      expect(getByRole(el, 'heading', 'Stel een vraag')).to.exist;
      expect(getByRole(el, 'heading', 'Vragen over dit product')).to.exist;
      expect(getByRole(el, 'textbox', 'Je vraag')).to.exist;
      expect(getByRole(el, 'textbox', 'Je naam (optioneel)')).to.exist;
      expect(getByRole(el, 'button', 'Vraag plaatsen')).to.exist;
      expect(getByRole(el, 'button', 'Toon 2 antwoorden')).to.exist;
      expect(getByRole(el, 'button', 'Beantwoorden')).to.exist;
      expect(visibleText(el)).to.contain('Anonieme klant · 3 dagen geleden · 2 antwoorden');
      expect(visibleText(el)).not.to.match(/Questions|Answer|Anonymous/);
      expect(el.shadowRoot!.querySelector('[part="container"]')!.getAttribute('lang')).to.equal('nl');
    });

    it('speaks French for lang="fr", down to error messages', async () => {
      const { el, api } = await widget({ lang: 'fr' });
      await findByRole(el, 'tablist', 'Communauté et service client');
      await waitForText(el, 'Is het waterdicht?');
      expect(getByRole(el, 'tab', 'Questions')).to.exist;
      expect(getByRole(el, 'heading', 'Poser une question')).to.exist;
      expect(getByRole(el, 'button', 'Publier la question')).to.exist;
      expect(getByRole(el, 'button', 'Afficher 2 réponses')).to.exist;
      expect(visibleText(el)).to.contain('Client anonyme · il y a 3 jours · 2 réponses');

      typeInto(getByRole(el, 'textbox', 'Votre question'), 'Court');
      await click(getByRole(el, 'button', 'Publier la question'));
      expect(visibleText(getByRole(el, 'alert'))).to.equal(
        'Écrivez au moins 10 caractères pour que les autres comprennent votre question.',
      );
      api.fail('askQuestion', networkError());
      typeInto(getByRole(el, 'textbox', 'Votre question'), 'Est-ce que la capuche est amovible ?');
      await click(getByRole(el, 'button', 'Publier la question'));
      await waitForText(el, 'Pas de connexion au service.');
    });

    it('uses the page’s language when the element has none', async () => {
      document.documentElement.lang = 'fr-BE';
      const { el } = await widget();
      await findByRole(el, 'button', 'Publier la question');
    });

    it('prefers the element’s lang over the page’s', async () => {
      document.documentElement.lang = 'fr';
      const { el } = await widget({ lang: 'nl-NL' });
      await findByRole(el, 'button', 'Vraag plaatsen');
    });

    it('uses the site’s default language when neither says a supported one', async () => {
      document.documentElement.removeAttribute('lang');
      const { el } = await widget({ lang: 'de', siteDefault: 'nl' });
      await findByRole(el, 'button', 'Vraag plaatsen');
      await waitForNoText(el, 'Vragen laden…');
    });

    it('speaks English when nothing asks for another language', async () => {
      document.documentElement.removeAttribute('lang');
      const { el } = await widget();
      await findByRole(el, 'button', 'Post question');
      await waitForText(el, 'Anonymous shopper · 3 days ago · 2 answers');
    });
  });
});
