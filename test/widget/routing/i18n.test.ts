import { expect } from '@open-wc/testing';
import { en } from '../../../widget/src/i18n/routing/en.ts';
import { loadRoutingStrings, routingError } from '../../../widget/src/i18n/routing/index.ts';
import { en as core, loadStrings } from '../../../widget/src/i18n/index.ts';

const keys = (o: object) => Object.keys(o).sort();

describe('routing strings in Dutch and French', () => {
  for (const lang of ['nl', 'fr'] as const) {
    it(`${lang}: every string English has, translated`, async () => {
      const t = await loadRoutingStrings(lang);
      expect(keys(t)).to.deep.equal(keys(en));
      expect(keys(t.about)).to.deep.equal(keys(en.about));
      expect(keys(t.errors)).to.deep.equal(keys(en.errors));
      for (const k of keys(en.errors) as (keyof typeof en.errors)[]) expect(t.errors[k], k).not.to.equal(en.errors[k]);
      for (const k of keys(en.about) as (keyof typeof en.about)[]) expect(t.about[k], k).not.to.equal(en.about[k]);
      for (const k of ['askCommunity', 'yourQuestions', 'checkoutHeading', 'sendToTeam', 'noOrder'] as const) {
        expect(t[k], k).not.to.equal(en[k]);
      }
      expect(t.staffPromise('Noordkust Outdoor', 'x')).not.to.equal(en.staffPromise('Noordkust Outdoor', 'x'));
    });
  }

  it('names the team naturally: possessives in English, elision in French', async () => {
    const fr = await loadRoutingStrings('fr');
    expect(en.staffPromise('Noordkust Outdoor', 'today before 15:30')).to.equal('Noordkust Outdoor’s team will answer today before 15:30.');
    expect(en.staffPromise('Outdoors', 'today')).to.equal('Outdoors’ team will answer today.');
    expect(en.staffPromise('the shop', 'today')).to.equal('The shop’s team will answer today.');
    expect(fr.staffPromise('Aventura', 'demain avant 09h00')).to.equal('L’équipe d’Aventura vous répondra demain avant 09h00.');
    expect(fr.sent('Noordkust Outdoor', undefined)).to.equal('Envoyée à l’équipe de Noordkust Outdoor');
  });

  it('translates routing’s error codes and falls back to the core ones', async () => {
    const nl = await loadStrings('nl');
    const r = await loadRoutingStrings('nl');
    expect(routingError(nl, r, 'already_with_staff')).to.equal(r.errors.already_with_staff);
    expect(routingError(nl, r, 'network')).to.equal(nl.errors.network);
    expect(routingError(core, en, 'no_such_code')).to.equal(core.errors.generic);
  });
});
