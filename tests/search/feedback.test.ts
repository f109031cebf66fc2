import { describe, expect, it } from 'vitest';
import { expandQuery, type DocTerms } from '../../src/search/feedback.js';
import { DEFAULT_FEEDBACK, type FeedbackOptions } from '../../src/search/ranking-options.js';

const doc = (title: string, abstract: string): DocTerms => ({ title: title.split(' '), abstract: abstract.split(' ') });
const sum = (weights: ReadonlyMap<string, number>): number => [...weights.values()].reduce((total, weight) => total + weight, 0);

/** Ten documents in all; `df` gives how many contain each term (1 unless listed). */
const DOCUMENT_COUNT = 10;
const DF: Record<string, number> = { model: 8, imag: 6, result: 5 };
const df = (term: string): number => DF[term] ?? 1;

const TOP = [
  { terms: doc('fast diffus sampl', 'solver model imag result 50 ddim step solver'), score: 3 },
  { terms: doc('diffus distil', 'distil student teacher model step'), score: 1 },
];

/** The question's terms as weights, one per occurrence. */
const weightsOf = (terms: readonly string[]): Map<string, number> => {
  const weights = new Map<string, number>();
  for (const term of terms) weights.set(term, (weights.get(term) ?? 0) + 1);
  return weights;
};

const expand = (options: Partial<FeedbackOptions> = {}, top = TOP, query = ['diffus', 'sampl']) =>
  expandQuery(weightsOf(query), top, df, DOCUMENT_COUNT, { ...DEFAULT_FEEDBACK, ...options });

describe('expandQuery', () => {
  it('returns weights that sum to 1', () => {
    expect(sum(expand())).toBeCloseTo(1, 10);
    expect(sum(expand({ originalWeight: 0.8, terms: 3 }))).toBeCloseTo(1, 10);
    expect(sum(expand({}, TOP, ['diffus', 'diffus', 'speed']))).toBeCloseTo(1, 10);
  });

  it('keeps every original term with at least its share of the original weight', () => {
    const weights = expand();
    expect(weights.get('diffus')).toBeGreaterThanOrEqual(0.5 * 0.5);
    expect(weights.get('sampl')).toBeGreaterThanOrEqual(0.5 * 0.5);
    // An original term no top document contains is kept too.
    expect(expand({}, TOP, ['diffus', 'speed']).get('speed')).toBeCloseTo(0.25, 10);
  });

  it('adds the terms typical of the top documents', () => {
    const weights = expand();
    for (const term of ['solver', 'fast', 'distil', 'ddim']) expect(weights.get(term)).toBeGreaterThan(0);
  });

  it('skips numbers', () => {
    expect(expand().has('50')).toBe(false);
  });

  it('skips terms found in more than half of the documents, keeping those in exactly half', () => {
    const weights = expand();
    expect(weights.has('model')).toBe(false);
    expect(weights.has('imag')).toBe(false);
    expect(weights.get('result')).toBeGreaterThan(0);
  });

  it('adds at most `terms` expansion terms, the strongest ones', () => {
    const weights = expand({ terms: 2 }, [{ terms: doc('alpha', 'beta beta delta epsilon'), score: 1 }], ['gamma']);
    expect([...weights.keys()].sort()).toEqual(['alpha', 'beta', 'gamma']);
    expect(sum(weights)).toBeCloseTo(1, 10);
  });

  it('may add weight to an original term that is typical of the top documents', () => {
    const weights = expand();
    expect(weights.get('diffus')).toBeGreaterThan(0.25);
  });

  it('counts a title term twice', () => {
    const weights = expand({}, [{ terms: doc('fast', 'ddim'), score: 1 }]);
    expect(weights.get('fast')).toBeCloseTo(2 * weights.get('ddim')!, 10);
  });

  it('weighs the terms of a better-scored document more', () => {
    const weights = expand({}, [
      { terms: doc('alpha', 'alpha'), score: 3 },
      { terms: doc('beta', 'beta'), score: 1 },
    ]);
    expect(weights.get('alpha')).toBeCloseTo(3 * weights.get('beta')!, 10);
  });

  it('mixes original and expansion by `originalWeight`', () => {
    const weights = expand({ originalWeight: 0.5 }, [{ terms: doc('alpha', 'beta'), score: 1 }], ['gamma']);
    expect(weights.get('gamma')).toBeCloseTo(0.5, 10);
    expect(weights.get('alpha')! + weights.get('beta')!).toBeCloseTo(0.5, 10);
  });

  it('returns the question’s own terms, equally weighted, when there is nothing to expand with', () => {
    const original = new Map([
      ['diffus', 0.5],
      ['sampl', 0.5],
    ]);
    expect(expand({}, [])).toEqual(original);
    expect(expand({}, [{ terms: TOP[0]!.terms, score: 0 }])).toEqual(original);
    expect(expand({ terms: 0 })).toEqual(original);
    expect(expand({}, [{ terms: doc('model', 'imag 50') , score: 1 }])).toEqual(original);
  });

  it('uses only the first `docs` documents', () => {
    const weights = expand({ docs: 1 });
    expect(weights.has('distil')).toBe(false);
    expect(weights.has('solver')).toBe(true);
  });
});
