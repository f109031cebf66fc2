import { describe, expect, it } from 'vitest';
import {
  clipAtSentence,
  clipAtWord,
  limitFields,
  MAX_ABSTRACT_CHARS,
  MAX_AUTHOR_NAME_CHARS,
  MAX_AUTHORS,
  MAX_ID_CHARS,
  MAX_URL_CHARS,
} from '../../src/corpus/record-limits.js';

describe('clipAtSentence', () => {
  it('keeps text within the limit as it is', () => {
    expect(clipAtSentence('One. Two.', 9)).toBe('One. Two.');
  });

  it('cuts after the last sentence end that fits', () => {
    expect(clipAtSentence('First one here. Second one! Third one is long.', 30)).toBe('First one here. Second one!');
  });

  it('cuts at a word, with an ellipsis, when no sentence ends in the second half of the span', () => {
    expect(clipAtSentence('Short. a very long sentence without any end in sight at all', 30)).toBe('Short. a very long sentence…');
  });
});

describe('clipAtWord', () => {
  it('cuts at the last space, the ellipsis within the limit', () => {
    const clipped = clipAtWord('alpha beta gamma delta', 15);
    expect(clipped).toBe('alpha beta…');
    expect(clipped.length).toBeLessThanOrEqual(15);
  });

  it('cuts a word without spaces hard, never leaving half of a surrogate pair', () => {
    expect(clipAtWord('abcdefghij', 5)).toBe('abcd…');
    expect(clipAtWord('abc😀def', 5)).toBe('abc…');
  });
});

describe('limitFields', () => {
  const base = { title: 'A Title', abstract: 'An abstract.' };

  it('leaves a record within every limit unchanged, with no problem', () => {
    const record = { ...base, id: 'x', authors: ['Ada'], url: 'https://example.org' };
    expect(limitFields(record)).toEqual({ record, problems: [] });
  });

  it('clips an abstract over the limit and says by how much', () => {
    const abstract = 'Sentence. '.repeat(MAX_ABSTRACT_CHARS / 5).trim();
    const { record, problems } = limitFields({ ...base, abstract });
    expect(record.abstract.length).toBeLessThanOrEqual(MAX_ABSTRACT_CHARS);
    expect(record.abstract.endsWith('Sentence.')).toBe(true);
    expect(problems).toEqual([
      { field: 'abstract', message: `${abstract.length} characters, over the limit of ${MAX_ABSTRACT_CHARS}; clipped to ${record.abstract.length} characters` },
    ]);
  });

  it('drops an over-long id and url, which cannot be clipped meaningfully', () => {
    const { record, problems } = limitFields({ ...base, id: 'i'.repeat(MAX_ID_CHARS + 1), url: `https://x.org/${'u'.repeat(MAX_URL_CHARS)}` });
    expect(record).toEqual(base);
    expect(problems.map((problem) => problem.field)).toEqual(['id', 'url']);
  });

  it('keeps the first authors up to the limit and clips an over-long name', () => {
    const authors = Array.from({ length: MAX_AUTHORS + 2 }, (_, i) => `Author ${i}`);
    authors[1] = `Very ${'Long '.repeat(MAX_AUTHOR_NAME_CHARS)}Name`;
    const { record, problems } = limitFields({ ...base, authors });
    const kept = record.authors as string[];
    expect(kept).toHaveLength(MAX_AUTHORS);
    expect(kept[0]).toBe('Author 0');
    expect(kept[1]!.length).toBeLessThanOrEqual(MAX_AUTHOR_NAME_CHARS);
    expect(problems).toEqual([
      { field: 'authors', message: `${MAX_AUTHORS + 2} names, over the limit of ${MAX_AUTHORS}; the rest dropped` },
      { field: 'authors.1', message: `${authors[1]!.length} characters, over the limit of ${MAX_AUTHOR_NAME_CHARS}; clipped` },
    ]);
  });

  it('does not change the record it is given', () => {
    const record = { ...base, title: 't'.repeat(1000) };
    limitFields(record);
    expect(record.title).toHaveLength(1000);
  });
});
