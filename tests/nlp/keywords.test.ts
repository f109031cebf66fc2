import { describe, expect, it } from 'vitest';
import { extractKeywords } from '../../src/nlp/keywords.js';
import { QUESTION_FRAMING_WORDS } from '../../src/nlp/stop-words.js';

const words = (question: string): string[] => extractKeywords(question).tokens.map((token) => token.word);
const terms = (question: string): string[] => extractKeywords(question).tokens.map((token) => token.term);

describe('extractKeywords', () => {
  it('keeps the topic words of a question and drops the framing ("which papers …")', () => {
    const keywords = extractKeywords('which papers speed up diffusion sampling?');
    expect(keywords.tokens.map((token) => token.word)).toEqual(['speed', 'diffusion', 'sampling']);
    expect(keywords.tokens.map((token) => token.term)).toEqual(['speed', 'diffus', 'sampl']);
    expect(terms('which paper speeds up diffusion sampling?')).not.toContain('paper');
  });

  it('drops every kind of framing: "is there any work on", "find me articles about", "please"', () => {
    expect(words('is there any work on label smoothing?')).toEqual(['label', 'smoothing']);
    expect(words('please find me recent articles about label smoothing')).toEqual(['label', 'smoothing']);
    expect(words('tell me about neural radiance fields')).toEqual(['neural', 'radiance', 'fields']);
    for (const framing of ['paper', 'papers', 'work', 'research', 'study', 'find', 'recent']) {
      expect(QUESTION_FRAMING_WORDS.has(framing)).toBe(true);
    }
  });

  it('gives the phrases in the question’s own wording: each is a run of adjacent words of the (lowercased) question', () => {
    const questions = [
      'Is there any work on Label Smoothing?',
      'distillation for one-step image generation',
      'how can I edit an image with a diffusion model?',
      'which papers speed up diffusion sampling?',
      'text-to-3D generation',
    ];
    for (const question of questions) {
      const phrases = extractKeywords(question).phrases;
      expect(phrases.length).toBeGreaterThan(0);
      for (const phrase of phrases) expect(question.toLowerCase()).toContain(phrase);
    }
  });

  it('gives the phrases of the documented example', () => {
    expect(extractKeywords('which papers speed up diffusion sampling?').phrases).toEqual(['speed', 'diffusion sampling']);
  });

  it('ends a phrase at a skipped stop word and shows a compound once, as written', () => {
    expect(extractKeywords('distillation for one-step image generation').phrases).toEqual(['distillation', 'one-step image generation']);
    expect(extractKeywords('how can I edit an image with a diffusion model?').phrases).toEqual(['edit', 'image', 'diffusion model']);
    expect(extractKeywords('Is there any work on Label Smoothing?').phrases).toEqual(['label smoothing']);
  });

  it('starts a new phrase after punctuation', () => {
    expect(extractKeywords('diffusion sampling. label smoothing').phrases).toEqual(['diffusion sampling', 'label smoothing']);
    expect(extractKeywords('diffusion sampling, or label smoothing?').phrases).toEqual(['diffusion sampling', 'label smoothing']);
  });

  it('starts a new phrase where a framing word was dropped', () => {
    expect(extractKeywords('diffusion papers on sampling').phrases).toEqual(['diffusion', 'sampling']);
  });

  it('lists a repeated phrase once', () => {
    expect(extractKeywords('diffusion, diffusion').phrases).toEqual(['diffusion']);
  });

  it('keeps a hyphenated compound as the user wrote it', () => {
    const keywords = extractKeywords('any work on U-Net?');
    expect(keywords.tokens).toMatchObject([{ term: 'unet', word: 'u-net' }]);
    expect(keywords.phrases).toEqual(['u-net']);
    expect(extractKeywords('text-to-3D generation').phrases).toEqual(['text-to-3d generation']);
  });

  it('finds no keywords in a question of only stop words and framing', () => {
    expect(extractKeywords('which of the what is it?')).toEqual({ tokens: [], phrases: [] });
    expect(extractKeywords('which papers?')).toEqual({ tokens: [], phrases: [] });
    expect(extractKeywords('')).toEqual({ tokens: [], phrases: [] });
  });
});
