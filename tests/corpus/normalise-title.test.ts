import { describe, expect, it } from 'vitest';
import { normaliseTitle } from '../../src/corpus/normalise-title.js';

describe('normaliseTitle', () => {
  it('lower-cases and collapses whitespace', () => {
    expect(normaliseTitle('  Decentralized   Diffusion\tModels ')).toBe('decentralized diffusion models');
  });

  it('turns punctuation and symbols into spaces', () => {
    expect(normaliseTitle('Video-Infinity: Distributed Long Video Generation')).toBe('video infinity distributed long video generation');
    expect(normaliseTitle('DDAE++: Enhancing Diffusion Models')).toBe('ddae enhancing diffusion models');
  });

  it('drops apostrophes so that contractions match with or without them', () => {
    expect(normaliseTitle("Unifying Diffusion Models' Latent Space")).toBe('unifying diffusion models latent space');
    expect(normaliseTitle('Don’t Stop')).toBe(normaliseTitle('Dont Stop'));
  });

  it('folds Unicode compatibility forms (NFKC)', () => {
    expect(normaliseTitle('Ｄｉｆｆｕｓｉｏｎ ﬁne—tuning')).toBe('diffusion fine tuning');
  });

  it('keeps letters with diacritics and digits', () => {
    expect(normaliseTitle('Scaling to 16 Billion Paramètres')).toBe('scaling to 16 billion paramètres');
  });
});
