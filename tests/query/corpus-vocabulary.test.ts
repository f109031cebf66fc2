import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/nlp/analyzer.js';
import { CorpusVocabulary } from '../../src/query/corpus-vocabulary.js';
import { vocabularyOf } from './vocabulary-fixtures.js';

const papers = [
  ['Fast Diffusion Sampling', 'Diffusion sampling is slow; diffusion models need many steps.'],
  ['Quantized Diffusion Models', 'We apply post-training quantization (PTQ) to diffusion models.'],
  ['Radiance Fields', 'We fit radiance fields to images.'],
] as const;

const byWord = (a: { word: string }, b: { word: string }) => (a.word < b.word ? -1 : 1);

describe('CorpusVocabulary', () => {
  it('counts the papers added', () => {
    expect(new CorpusVocabulary().size).toBe(0);
    expect(vocabularyOf(papers).size).toBe(3);
  });

  it('counts the papers that contain a term, not its occurrences', () => {
    const vocabulary = vocabularyOf(papers);
    expect(vocabulary.termFrequency('diffus')).toBe(2);
    expect(vocabulary.termFrequency('sampl')).toBe(1);
    expect(vocabulary.termFrequency('radianc')).toBe(1);
    expect(vocabulary.termFrequency('ptq')).toBe(1);
    expect(vocabulary.termFrequency('transform')).toBe(0);
  });

  it('counts papers that hold two terms next to each other, across a stop word but not across punctuation or title and abstract', () => {
    const vocabulary = vocabularyOf(papers);
    expect(vocabulary.phraseFrequency('diffus_model')).toBe(2);
    expect(vocabulary.phraseFrequency('diffus_sampl')).toBe(1);
    expect(vocabulary.phraseFrequency('post_train')).toBe(1);
    expect(vocabulary.phraseFrequency('train_quantiz')).toBe(1);
    // "fit radiance fields to images": "to" is a stop word.
    expect(vocabulary.phraseFrequency('field_imag')).toBe(1);
    // "(PTQ) to diffusion": the parenthesis breaks the phrase.
    expect(vocabulary.phraseFrequency('ptq_diffus')).toBe(0);
    // "slow; diffusion": the semicolon breaks the phrase.
    expect(vocabulary.phraseFrequency('slow_diffus')).toBe(0);
    // The title "Fast Diffusion Sampling" ends before the abstract's "Diffusion".
    expect(vocabulary.phraseFrequency('sampl_diffus')).toBe(0);
  });

  it('lists every term with the number of papers containing it', () => {
    const entries = new Map(vocabularyOf(papers).termEntries());
    expect(entries.get('diffus')).toBe(2);
    expect(entries.get('field')).toBe(1);
    expect(entries.has('the')).toBe(false);
  });

  it('knows the acronyms the papers define, by key', () => {
    const vocabulary = vocabularyOf(papers);
    expect(vocabulary.acronym('ptq')).toBe('post-training quantization');
    expect(vocabulary.acronym('nerf')).toBeUndefined();
  });

  it('keeps the long form most papers give an acronym', () => {
    const vocabulary = vocabularyOf([
      ['Diffusion', 'Diffusion models (DMs) make images.'],
      ['Denoising', 'Denoising models (DMs) make images.'],
      ['Denoising again', 'Denoising models (DMs) are trained.'],
    ]);
    expect(vocabulary.acronym('dm')).toBe('Denoising models');
  });

  it('keeps the first long form seen when two are given equally often', () => {
    const vocabulary = vocabularyOf([
      ['Denoising', 'Denoising models (DMs) make images.'],
      ['Diffusion', 'Diffusion models (DMs) make images.'],
    ]);
    expect(vocabulary.acronym('dm')).toBe('Denoising models');
  });

  it('counts a long form written with other capitals as the same, keeping its first spelling', () => {
    const vocabulary = vocabularyOf([
      ['Diffusion', 'Diffusion models (DMs) make images.'],
      ['Denoising', 'Denoising models (DMs) make images.'],
      ['Diffusion again', 'We train diffusion models (DMs).'],
    ]);
    expect(vocabulary.acronym('dm')).toBe('Diffusion models');
  });

  it('finds the surface words within an edit distance, with the papers using each', () => {
    const vocabulary = vocabularyOf(papers);
    expect(vocabulary.similarWords('difusion', 1)).toEqual([{ word: 'diffusion', df: 2 }]);
    expect(vocabulary.similarWords('model', 1).sort(byWord)).toEqual([{ word: 'models', df: 2 }]);
    expect(vocabulary.similarWords('transformer', 2)).toEqual([]);
  });

  it('counts a swap as two edits in similarWords (Levenshtein)', () => {
    const vocabulary = vocabularyOf(papers);
    expect(vocabulary.similarWords('smapling', 1)).toEqual([]);
    expect(vocabulary.similarWords('smapling', 2)).toEqual([{ word: 'sampling', df: 1 }]);
  });

  it('finds words of papers added after a first search', () => {
    const vocabulary = vocabularyOf(papers);
    expect(vocabulary.similarWords('transformer', 1)).toEqual([]);
    vocabulary.add([analyze('Transformers'), analyze('A transformer.')], 'Transformers. A transformer.');
    expect(vocabulary.similarWords('transformer', 1).sort(byWord)).toEqual([
      { word: 'transformer', df: 1 },
      { word: 'transformers', df: 1 },
    ]);
  });

  it('round-trips through toJSON and loadJSON', () => {
    const vocabulary = vocabularyOf(papers);
    const restored = CorpusVocabulary.loadJSON(JSON.parse(JSON.stringify(vocabulary)));
    expect(restored.toJSON()).toEqual(vocabulary.toJSON());
    expect(restored.size).toBe(3);
    expect(restored.termFrequency('diffus')).toBe(2);
    expect(restored.phraseFrequency('diffus_model')).toBe(2);
    expect(restored.acronym('ptq')).toBe('post-training quantization');
    expect(restored.similarWords('difusion', 1)).toEqual([{ word: 'diffusion', df: 2 }]);
  });

  it('serialises the counts as entry lists', () => {
    const json = vocabularyOf([['Diffusion', 'post-training quantization (PTQ)']]).toJSON();
    expect(json).toEqual({
      terms: [
        ['diffus', 1],
        ['post', 1],
        ['train', 1],
        ['quantiz', 1],
        ['ptq', 1],
      ],
      words: [
        ['diffusion', 1],
        ['post', 1],
        ['training', 1],
        ['quantization', 1],
        ['ptq', 1],
      ],
      phrases: [
        ['post_train', 1],
        ['train_quantiz', 1],
      ],
      acronyms: [['ptq', 'post-training quantization']],
      size: 1,
    });
  });
});
