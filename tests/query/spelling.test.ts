import { describe, expect, it } from 'vitest';
import { correctSpelling, damerauDistance } from '../../src/query/spelling.js';
import { vocabularyOf } from './vocabulary-fixtures.js';

/** "diffusion", "sampling", "model", "layer" in two papers each; "distillation" and "dropout" in one. */
const vocabulary = vocabularyOf([
  ['Fast diffusion sampling', 'A model layer for sampling.'],
  ['Diffusion sampling with a solver', 'Each model layer is quantized.'],
  ['Distillation', 'One-step distillation with dropout.'],
]);

describe('correctSpelling', () => {
  it('corrects a missing letter to the word papers use', () => {
    expect(correctSpelling(vocabulary, 'difusion')).toBe('diffusion');
  });

  it('counts a swapped pair of letters as one edit', () => {
    expect(correctSpelling(vocabulary, 'smapling')).toBe('sampling');
  });

  it('corrects a swapped pair in a word of up to six letters, which allows one edit', () => {
    expect(correctSpelling(vocabulary, 'modle')).toBe('model');
    expect(correctSpelling(vocabulary, 'lyaer')).toBe('layer');
  });

  it('allows one edit up to six letters and two beyond', () => {
    expect(correctSpelling(vocabulary, 'laer')).toBe('layer');
    expect(correctSpelling(vocabulary, 'modell')).toBe('model');
    expect(correctSpelling(vocabulary, 'mudal')).toBeUndefined();
    expect(correctSpelling(vocabulary, 'difusiom')).toBe('diffusion');
    expect(correctSpelling(vocabulary, 'dfusiom')).toBeUndefined();
  });

  it('never corrects to a word only one paper uses', () => {
    expect(correctSpelling(vocabulary, 'distilation')).toBeUndefined();
    expect(correctSpelling(vocabulary, 'dropot')).toBeUndefined();
  });

  it('leaves words shorter than four letters, words with digits, capitals or hyphens, and words papers use', () => {
    expect(correctSpelling(vocabulary, 'lyr')).toBeUndefined();
    expect(correctSpelling(vocabulary, 'difusion2')).toBeUndefined();
    expect(correctSpelling(vocabulary, 'Difusion')).toBeUndefined();
    expect(correctSpelling(vocabulary, 'difusion-model')).toBeUndefined();
    expect(correctSpelling(vocabulary, 'diffusion')).toBeUndefined();
  });

  it('prefers the closest word, then the one more papers use', () => {
    const corpus = vocabularyOf([
      ['Training', 'tuning cats'],
      ['Training', 'tuning cats'],
      ['Tuning', 'tuning cats'],
      ['Carts', 'carts'],
      ['Carts', 'carts'],
    ]);
    // "traning" is one edit from "training" (2 papers), two from "tuning" (3 papers).
    expect(correctSpelling(corpus, 'traning')).toBe('training');
    // "cars" is one edit from "cats" (3 papers) and from "carts" (2 papers).
    expect(correctSpelling(corpus, 'cars')).toBe('cats');
  });
});

describe('damerauDistance', () => {
  it('is 0 for equal words', () => {
    expect(damerauDistance('sampling', 'sampling')).toBe(0);
  });

  it('counts an insertion, a deletion and a substitution as one each', () => {
    expect(damerauDistance('difusion', 'diffusion')).toBe(1);
    expect(damerauDistance('diffusion', 'difusion')).toBe(1);
    expect(damerauDistance('model', 'modal')).toBe(1);
    expect(damerauDistance('kitten', 'sitting')).toBe(3);
  });

  it('counts a swap of neighbours as one', () => {
    expect(damerauDistance('smapling', 'sampling')).toBe(1);
    expect(damerauDistance('modle', 'model')).toBe(1);
  });

  it('is the length of the other word against the empty word', () => {
    expect(damerauDistance('', 'model')).toBe(5);
    expect(damerauDistance('model', '')).toBe(5);
  });
});
