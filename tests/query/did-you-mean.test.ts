import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../src/query/did-you-mean.js';
import { vocabularyOf } from './vocabulary-fixtures.js';

const vocabulary = vocabularyOf([
  ['Quantization of transformers', 'We study post-training quantization of vision transformers.'],
  ['Diffusion sampling', 'Fast sampling of diffusion models with few steps.'],
]);

describe('didYouMean', () => {
  it('swaps each word no paper uses for the nearest word papers do use', () => {
    expect(didYouMean('quantisaton of transfomers', vocabulary)).toBe('quantization transformers');
  });

  it('keeps the words papers use and swaps only the others', () => {
    expect(didYouMean('diffusion smpling', vocabulary)).toBe('diffusion sampling');
  });

  it('suggests nothing when every word is used, or no word is near', () => {
    expect(didYouMean('diffusion sampling', vocabulary)).toBeUndefined();
    expect(didYouMean('chromodynamics', vocabulary)).toBeUndefined();
  });
});
