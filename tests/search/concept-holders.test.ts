import { describe, expect, it } from 'vitest';
import { ConceptHolders, holdsAnyConcept, type ConceptForms } from '../../src/search/concept-holders.js';
import { Bm25IndexBuilder } from '../../src/search/engine/index-builder.js';
import type { Bm25Query } from '../../src/search/engine/query.js';

const text = (terms: string[]): Bm25Query => terms.map((term) => ({ field: 'text', term, weight: 0.5 }));

/** Five papers: the long form whole (0, 1, 4), in part (2), and not at all (3). */
function engine() {
  const builder = new Bm25IndexBuilder(['text', 'phrases']);
  builder.add([['neural', 'radianc', 'field', 'render'], []]);
  builder.add([['neural', 'radianc', 'field', 'nerf'], []]);
  builder.add([['radianc', 'field', 'render'], []]);
  builder.add([['render', 'nerf'], []]);
  builder.add([['field', 'radianc', 'neural'], []]);
  return builder.build();
}

describe('ConceptHolders', () => {
  const forms: ConceptForms = { single: new Set(['nerf']), multi: [['neural', 'radianc', 'field']] };

  it('takes a form sharing a first-pass term whole, from the postings', () => {
    const index = engine();
    const holders = ConceptHolders.find(index, forms, text(['nerf', 'radianc']), 'text');
    expect(holders.docs.toArray()).toEqual([0, 1, 3, 4]);
    holders.extendTo(index, text(['nerf', 'radianc', 'render']));
    expect(holders.docs.toArray()).toEqual([0, 1, 3, 4]);
  });

  it('checks the papers of any other form against the queries: held by the first pass, only by the expansion, or by neither', () => {
    // The long form's terms are not searched; paper 0 holds an expansion term ("render"), paper 4 none.
    const index = engine();
    const holders = ConceptHolders.find(index, forms, text(['nerf']), 'text');
    expect(holders.docs.toArray()).toEqual([1, 3]);
    holders.extendTo(index, text(['nerf', 'render']));
    expect(holders.docs.toArray()).toEqual([0, 1, 3]);
    expect(holders.docs.count()).toBe(3);
  });

  it('asks `scan` for each paper when the field lacks some of a paper’s terms', () => {
    const asked: number[] = [];
    const holders = ConceptHolders.find(engine(), forms, text(['render']), 'text', (doc) => (asked.push(doc), doc !== 0));
    expect(asked).toEqual([0, 1, 2, 3, 4]);
    expect(holders.docs.toArray()).toEqual([2, 3]);
  });
});

describe('holdsAnyConcept', () => {
  it('holds a single-term form anywhere, and a multi-term form only whole', () => {
    const forms: ConceptForms = { single: new Set(['llm']), multi: [['larg', 'languag', 'model']] };
    expect(holdsAnyConcept({ title: ['llm'], abstract: [] }, forms)).toBe(true);
    expect(holdsAnyConcept({ title: ['larg'], abstract: ['model', 'languag'] }, forms)).toBe(true);
    expect(holdsAnyConcept({ title: ['languag', 'model'], abstract: ['model'] }, forms)).toBe(false);
  });
});
