/**
 * Root-cause topics over a hand-made set of personal questions and complaints in English, Dutch
 * and French, with the topics a support lead would name, grouped as counted by hand.
 */
import { describe, expect, it } from 'vitest';
import { fold, rootCauses, stem, tokens } from '../../../worker/src/domain/root-causes.ts';

const FIXTURE: [id: string, body: string][] = [
  ['q01', 'Where is my invoice? The invoice is missing from the email.'],
  ['q02', 'Invoice missing for order [order number hidden]'],
  ['q03', 'I did not get an invoice, it is missing. Mail me at [email hidden]'],
  ['q04', 'The shoes run small, should I order a size up?'],
  ['q05', 'These boots runs small, I need a bigger size'],
  ['q06', 'Size runs small on the jacket'],
  ['q07', 'Mijn factuur ontbreekt nog steeds'],
  ['q08', 'Factuur ontbreekt bij bestelling'],
  ['q09', 'Ma facture est manquante'],
  ['q10', 'Parcel arrived damaged, the box was broken'],
  ['q11', 'My parcel arrived damaged!'],
  ['q12', 'Totally unrelated question about colours'],
  ['q13', 'Le colis est arrivé endommagé'],
  ['q14', 'Colis arrivé endommagé, que faire ?'],
];
const input = FIXTURE.map(([id, body]) => ({ id, body }));

describe('rootCauses', () => {
  it('groups the questions into the themes counted by hand, biggest first, each with its questions', () => {
    expect(rootCauses(input)).toEqual([
      { topic: 'invoice missing', terms: ['invoice', 'missing'], count: 3, questionIds: ['q01', 'q02', 'q03'] },
      { topic: 'runs small', terms: ['runs', 'small', 'size'], count: 3, questionIds: ['q04', 'q05', 'q06'] },
      // Equal counts: alphabetical. "arrivé" and "arrived" share a stem; each topic is named in its own words.
      { topic: 'arrive endommage', terms: ['arrive', 'endommage', 'colis'], count: 2, questionIds: ['q13', 'q14'] },
      { topic: 'arrived damaged', terms: ['arrived', 'damaged', 'parcel'], count: 2, questionIds: ['q10', 'q11'] },
      { topic: 'factuur ontbreekt', terms: ['factuur', 'ontbreekt'], count: 2, questionIds: ['q07', 'q08'] },
    ]);
  });

  it('is deterministic: the same topics whatever the order of the questions', () => {
    const reversed = rootCauses([...input].reverse());
    const forward = rootCauses(input);
    expect(reversed.map((t) => [t.topic, t.count, [...t.questionIds].sort()])).toEqual(forward.map((t) => [t.topic, t.count, [...t.questionIds].sort()]));
  });

  it('leaves out themes of a single question, and finds nothing in nothing', () => {
    expect(rootCauses([{ id: 'a', body: 'My parcel never arrived' }, { id: 'b', body: 'Wrong colour delivered' }])).toEqual([]);
    expect(rootCauses([])).toEqual([]);
  });

  it('caps the number of topics and of question ids per topic', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ id: `m${i}`, body: `invoice missing ${i % 2 ? 'again' : ''}` }));
    const [topic] = rootCauses(many, 10, 5);
    expect(topic).toMatchObject({ topic: 'invoice missing', count: 30 });
    expect(topic?.questionIds).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    const themes = ['invoice late', 'zipper broken', 'sole loose', 'refund pending', 'colour faded', 'strap snapped'];
    const set = themes.flatMap((t, i) => [{ id: `${i}a`, body: t }, { id: `${i}b`, body: t }]);
    expect(rootCauses(set, 3)).toHaveLength(3);
  });

  it('never reads the masks that screening put in place of personal data', () => {
    expect(tokens('Mail [email hidden] or call [phone hidden] about order [order number hidden]').map(([, w]) => w)).toEqual(['mail', 'call', 'order']);
  });

  it('folds diacritics and stems plurals and tenses so variants meet', () => {
    expect(fold('Arrivé endommagé, geïnteresseerd')).toBe('arrive endommage, geinteresseerd');
    expect(stem('invoices')).toBe(stem('invoice'));
    expect(stem('invoiced')).toBe(stem('invoice'));
    expect(stem('sizes')).toBe(stem('size'));
    expect(stem('running')).toBe(stem('runs'));
    expect(stem('shipped')).toBe(stem('ship'));
  });
});
