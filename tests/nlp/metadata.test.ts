import { describe, expect, it } from 'vitest';
import { isUrlLike, startsKeywordList } from '../../src/nlp/metadata.js';

// isMetadata is specified with the other sentence features in tests/answer/sentence-quality.test.ts.

describe('isUrlLike', () => {
  it('recognises URLs, "www." hosts and bare domains with a path, also after an opening bracket', () => {
    expect(isUrlLike('https://github.com/CompVis/latent-diffusion')).toBe(true);
    expect(isUrlLike('(https://github.com/nachifur/RDDM).')).toBe(true);
    expect(isUrlLike('www.example.org')).toBe(true);
    expect(isUrlLike('hf.co/Stable-X')).toBe(true);
    expect(isUrlLike('github.com/foo')).toBe(true);
  });

  it('rejects versions, decimals, abbreviations and words', () => {
    for (const token of ['v1.5', 'GPT-3.5', '2.3times', 'e.g.', 'U.S.', 'and/or', 'operator.TimeGNN']) expect(isUrlLike(token), token).toBe(false);
  });
});

describe('startsKeywordList', () => {
  it('recognises keyword headings with a colon or a dash', () => {
    expect(startsKeywordList('Keywords: diffusion, sampling')).toBe(true);
    expect(startsKeywordList('KEYWORDS: diffusion')).toBe(true);
    expect(startsKeywordList('Key words — diffusion')).toBe(true);
    expect(startsKeywordList('Index Terms—speech enhancement')).toBe(true);
    expect(startsKeywordList('CCS Concepts: • Computing methodologies')).toBe(true);
  });

  it('rejects prose, and headings that are not capitalised', () => {
    expect(startsKeywordList('Keywords are extracted from the question.')).toBe(false);
    expect(startsKeywordList('index terms: we count them')).toBe(false);
  });
});
