import { describe, expect, it } from 'vitest';
import { validateRecord } from '../../src/corpus/record-schema.js';

const valid = { title: 'A Title', abstract: 'Some abstract.' };

describe('validateRecord', () => {
  it('accepts a full record and normalises it', () => {
    expect(
      validateRecord({
        id: 2406,
        title: ' A\n  Title ',
        abstract: 'Line one\nline two.',
        authors: ['Ada', 'Grace'],
        published: '2024-06-23T10:00:00Z',
        url: 'https://arxiv.org/abs/2406.12345',
        upvotes: 0,
        venue: 'ignored',
      }),
    ).toEqual({
      record: {
        id: '2406',
        title: 'A Title',
        abstract: 'Line one line two.',
        authors: ['Ada', 'Grace'],
        published: '2024-06-23',
        url: 'https://arxiv.org/abs/2406.12345',
        upvotes: 0,
      },
    });
  });

  it('accepts a number of authors, local date-times, and null for missing values', () => {
    expect(validateRecord({ ...valid, authors: 4, published: '2024-06-23T10:00:00', url: null })).toEqual({
      record: { ...valid, authors: 4, published: '2024-06-23', url: null },
    });
  });

  it('names a missing or empty title and abstract', () => {
    expect(validateRecord({ abstract: 'x' })).toEqual({ problems: [{ field: 'title', message: 'is required' }] });
    expect(validateRecord({ title: ' \n ', abstract: '' })).toEqual({
      problems: [
        { field: 'title', message: 'must not be empty' },
        { field: 'abstract', message: 'must not be empty' },
      ],
    });
  });

  it('names fields of the wrong type with what they must be', () => {
    expect(validateRecord({ ...valid, title: 42 })).toEqual({ problems: [{ field: 'title', message: 'must be a string, got 42' }] });
    expect(validateRecord({ ...valid, authors: 'Ada, Grace' })).toEqual({
      problems: [{ field: 'authors', message: 'must be a list of author names or a number of authors, got "Ada, Grace"' }],
    });
    expect(validateRecord({ ...valid, authors: ['Ada', 7] })).toEqual({
      problems: [{ field: 'authors', message: 'must be a list of author names or a number of authors, got a list holding 7' }],
    });
    expect(validateRecord({ ...valid, id: { arxiv: 1 } })).toEqual({
      problems: [{ field: 'id', message: 'must be a non-empty string or a number, got an object' }],
    });
  });

  it('checks dates, URLs and upvotes', () => {
    expect(validateRecord({ ...valid, published: 'June 2024' })).toEqual({
      problems: [{ field: 'published', message: 'must be an ISO date (YYYY-MM-DD) or date-time, got "June 2024"' }],
    });
    expect(validateRecord({ ...valid, published: '2023-02-29' })).toMatchObject({ problems: [{ field: 'published' }] });
    expect(validateRecord({ ...valid, url: 'ftp://x.org/p' })).toEqual({
      problems: [{ field: 'url', message: 'must be an http(s) URL, got "ftp://x.org/p"' }],
    });
    expect(validateRecord({ ...valid, upvotes: -1 })).toEqual({
      problems: [{ field: 'upvotes', message: 'must be a non-negative number, got -1' }],
    });
    expect(validateRecord({ ...valid, upvotes: 2.5 })).toEqual({ problems: [{ field: 'upvotes', message: 'must be a whole number, got 2.5' }] });
  });

  it('wants a JSON object', () => {
    expect(validateRecord(['A Title'])).toEqual({ problems: [{ message: 'a record must be a JSON object, got a list' }] });
    expect(validateRecord('A Title')).toEqual({ problems: [{ message: 'a record must be a JSON object, got "A Title"' }] });
  });
});
