import { describe, expect, it } from 'vitest';
import { highlightRanges, highlightSegments } from '../../src/answer/highlight.js';
import { loadCorpus } from '../../src/corpus/index.js';
import { analyze } from '../../src/nlp/analyzer.js';
import { splitSentences } from '../../src/nlp/sentences.js';

/** The highlighted words of `text`, as the text they cover. */
function highlighted(text: string, terms: string[]): string[] {
  return highlightRanges(text, new Set(terms)).map(([start, end]) => text.slice(start, end));
}

describe('highlightRanges', () => {
  it('finds words by their analyzed (stemmed) term, in order, as character ranges', () => {
    const text = 'Diffusion models are slow at sampling.';
    expect(highlightRanges(text, new Set(['diffus', 'sampl']))).toEqual([
      [0, 9],
      [29, 37],
    ]);
    expect(highlighted('Samplers sample; sampling is sampled.', ['sampl'])).toEqual(['sample', 'sampling', 'sampled']);
  });

  it('returns no ranges for no terms, empty text, or no match', () => {
    expect(highlightRanges('Diffusion models.', new Set())).toEqual([]);
    expect(highlightRanges('', new Set(['diffus']))).toEqual([]);
    expect(highlightRanges('Label smoothing helps.', new Set(['diffus']))).toEqual([]);
  });

  it('merges matched words separated only by whitespace into one range', () => {
    expect(highlighted('We speed up diffusion  sampling by far.', ['diffus', 'sampl'])).toEqual(['diffusion  sampling']);
    // A stop word or punctuation in between keeps them apart.
    expect(highlighted('Diffusion of sampling, diffusion; sampling.', ['diffus', 'sampl'])).toEqual(['Diffusion', 'sampling', 'diffusion', 'sampling']);
  });

  it('matches a hyphenated compound per part, and bolds it whole when every part matched', () => {
    const text = 'Classifier-free guidance needs no classifier.';
    expect(highlighted(text, ['free'])).toEqual(['free']);
    expect(highlighted(text, ['classifi'])).toEqual(['Classifier', 'classifier']);
    expect(highlighted(text, ['classifi', 'free', 'guidanc'])).toEqual(['Classifier-free guidance', 'classifier']);
  });

  it('matches what the analyzer glues or joins: "3D", "U-Net", parts of "text-to-3D"', () => {
    expect(highlighted('A 3D U-Net for text-to-3D generation.', ['3d'])).toEqual(['3D', '3D']);
    expect(highlighted('A 3D U-Net for text-to-3D generation.', ['unet'])).toEqual(['U-Net']);
    expect(highlighted('A 3D U-Net for text-to-3D generation.', ['text', 'generat'])).toEqual(['text', 'generation']);
    expect(highlighted('Our LDMs beat pixel-space DMs.', ['ldm'])).toEqual(['LDMs']);
  });

  it('finds a compound\'s part in the compound, not in an earlier stand-alone stop word', () => {
    const text = 'One of the one-step samplers.';
    expect(highlightRanges(text, new Set(['one']))).toEqual([[11, 14]]);
  });

  it('finds words the analyzer normalises (British spellings, contractions) where they are written', () => {
    expect(highlighted('Logit normalisation is analysed; it isn\'t regularising.', ['normalis', 'analys', 'regularis'])).toEqual(['normalisation', 'analysed', 'regularising']);
    expect(highlighted('Self-normalised importance sampling.', ['normal', 'sampl'])).toEqual(['normalised', 'sampling']);
  });

  it('never highlights inside a URL, and keeps offsets right after emoji and astral characters', () => {
    const text = 'Code 😀 at https://github.com/x/diffusion-sampler for 𝔸 diffusion.';
    const ranges = highlightRanges(text, new Set(['diffus']));
    expect(ranges.map(([s, e]) => text.slice(s, e))).toEqual(['diffusion']);
    expect(ranges[0]![0]).toBe(text.lastIndexOf('diffusion'));
  });

  it('returns sorted, non-overlapping ranges inside the text, each covering a word with a matched term, on every sentence of the seed corpus', async () => {
    const { papers } = await loadCorpus(new URL('../../seeds', import.meta.url).pathname);
    const sentences = papers.slice(0, 80).flatMap((paper) => splitSentences(paper.abstract));
    expect(sentences.length).toBeGreaterThan(300);
    let found = 0;
    for (const text of sentences) {
      const terms = new Set(analyze(text).filter((_, i) => i % 3 === 0).map((t) => t.term));
      const ranges = highlightRanges(text, terms);
      let previousEnd = -1;
      for (const [start, end] of ranges) {
        expect(start).toBeGreaterThan(previousEnd);
        expect(end).toBeGreaterThan(start);
        expect(end).toBeLessThanOrEqual(text.length);
        expect(text.slice(start, end)).toBe(text.slice(start, end).trim());
        // The highlighted words, analyzed with the rest of their compound, give back a term asked for.
        const wordStart = text.lastIndexOf(' ', start) + 1;
        const wordEnd = text.indexOf(' ', end) < 0 ? text.length : text.indexOf(' ', end);
        const inside = analyze(text.slice(wordStart, wordEnd)).map((t) => t.term);
        expect(inside.some((term) => terms.has(term)), `${text.slice(start, end)} in ${text}`).toBe(true);
        previousEnd = end;
        found += 1;
      }
    }
    expect(found).toBeGreaterThan(sentences.length);
  });
});

describe('highlightSegments', () => {
  it('cuts a text into plain and highlighted segments that join back into the text', () => {
    expect(highlightSegments('We speed up sampling.', [[12, 20]])).toEqual([
      { text: 'We speed up ', highlighted: false },
      { text: 'sampling', highlighted: true },
      { text: '.', highlighted: false },
    ]);
    expect(highlightSegments('abc', [])).toEqual([{ text: 'abc', highlighted: false }]);
    expect(highlightSegments('abc', undefined)).toEqual([{ text: 'abc', highlighted: false }]);
    expect(highlightSegments('', [[0, 3]])).toEqual([]);
  });

  it('clamps, sorts and merges untrusted ranges, and never cuts a surrogate pair', () => {
    expect(highlightSegments('abcdef', [[4, 99], [-5, 1], [0, 2], [3, 3], [Number.NaN, 2]])).toEqual([
      { text: 'ab', highlighted: true },
      { text: 'cd', highlighted: false },
      { text: 'ef', highlighted: true },
    ]);
    expect(highlightSegments('a😀b', [[2, 3]])).toEqual([
      { text: 'a', highlighted: false },
      { text: '😀', highlighted: true },
      { text: 'b', highlighted: false },
    ]);
    expect(highlightSegments('abc', [[0, 1], [1, 2]])).toEqual([
      { text: 'ab', highlighted: true },
      { text: 'c', highlighted: false },
    ]);
  });
});
