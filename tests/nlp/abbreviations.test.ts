import { describe, expect, it } from 'vitest';
import { isNeverFinalAbbreviation, mayEndAtAbbreviation } from '../../src/nlp/abbreviations.js';

describe('mayEndAtAbbreviation', () => {
  it('never ends a sentence at a title or a reference abbreviation', () => {
    for (const word of ['Dr.', 'Prof.', 'e.g.', 'i.e.', 'vs.', 'cf.', 'Fig.', 'Eq.', 'Sec.']) expect(mayEndAtAbbreviation(word, 'We'), word).toBe(false);
  });

  it('ends a sentence at "etc.", "et al." or an initial only before a usual sentence opener', () => {
    expect(mayEndAtAbbreviation('etc.', 'Such')).toBe(true);
    expect(mayEndAtAbbreviation('al.', 'We')).toBe(true);
    expect(mayEndAtAbbreviation('A.', 'Then')).toBe(true);
    expect(mayEndAtAbbreviation('al.', 'DDIM')).toBe(false);
    expect(mayEndAtAbbreviation('U.S.', 'Census')).toBe(false);
    expect(mayEndAtAbbreviation('J.', 'Smith')).toBe(false);
  });

  it('lets any other word end a sentence', () => {
    expect(mayEndAtAbbreviation('steps.', 'Code')).toBe(true);
    expect(mayEndAtAbbreviation('No.', 'We')).toBe(true);
    expect(mayEndAtAbbreviation('faster!', 'We')).toBe(true);
  });
});

describe('isNeverFinalAbbreviation', () => {
  it('takes the word without its period, in any case', () => {
    expect(isNeverFinalAbbreviation('Dr')).toBe(true);
    expect(isNeverFinalAbbreviation('FIG')).toBe(true);
    expect(isNeverFinalAbbreviation('etc')).toBe(false);
    expect(isNeverFinalAbbreviation('operator')).toBe(false);
  });
});
