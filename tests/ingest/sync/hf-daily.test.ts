import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../../src/errors.js';
import { HfDailyError, hfDailyUrl, isIsoDate, parseHfDaily } from '../../../src/ingest/sync/hf-daily.js';
import { FETCHED_AT, fixture } from './sync-fixtures.js';

const LABEL = 'HF daily 2025-01-10';

describe('hfDailyUrl', () => {
  it('asks for one day, or the latest without a date', () => {
    expect(hfDailyUrl({ kind: 'hf-daily', date: '2025-01-10' })).toBe('https://huggingface.co/api/daily_papers?date=2025-01-10');
    expect(hfDailyUrl({ kind: 'hf-daily' })).toBe('https://huggingface.co/api/daily_papers');
  });

  it('uses a configured base URL (HF_API_URL), with or without a trailing slash', () => {
    expect(hfDailyUrl({ kind: 'hf-daily' }, 'http://127.0.0.1:9001/api/')).toBe('http://127.0.0.1:9001/api/daily_papers');
  });

  it('rejects a date that is not a real YYYY-MM-DD day', () => {
    expect(() => hfDailyUrl({ kind: 'hf-daily', date: '2025-02-30' })).toThrow(InvalidOptionError);
    expect(() => hfDailyUrl({ kind: 'hf-daily', date: '10/01/2025' })).toThrow(/YYYY-MM-DD/u);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
  });
});

describe('parseHfDaily', () => {
  it('maps each paper: arXiv id, HF page, collapsed summary, author names, publishedAt date, upvotes', () => {
    const list = parseHfDaily(fixture('hf-daily-2025-01-10.json'), LABEL, FETCHED_AT);
    expect(list.entries).toBe(3);
    expect(list.issues).toEqual([]);
    expect(list.records.map((record) => [record.id, record.upvotes, record.published])).toEqual([
      ['2501.05450', 14, '2025-01-09'],
      ['2501.05711', 31, '2025-01-10'],
      ['2407.01873', 7, '2024-07-01'],
    ]);
    expect(list.records[1]).toEqual({
      id: '2501.05711',
      title: 'QuillBench: Do Language Models Keep Their Facts Straight Across 200 Pages?',
      abstract: expect.stringMatching(/^Large language models write fluent prose but lose track of facts across long documents\. QuillBench/u),
      authors: ['Halima Odum', 'Rafael Quintero', 'Sofia Brandt'],
      published: '2025-01-10',
      url: 'https://huggingface.co/papers/2501.05711',
      upvotes: 31,
      source: 'hf-daily',
      fetchedAt: FETCHED_AT,
    });
    expect(list.records[0]!.abstract).not.toContain('\n');
  });

  it('skips malformed elements with an issue each, and tolerates odd optional fields', () => {
    const list = parseHfDaily(fixture('hf-daily-malformed.json'), LABEL, FETCHED_AT);
    expect(list.entries).toBe(6);
    expect(list.records.map((record) => record.id)).toEqual(['2501.06002', '2501.06004']);
    // An author without a name is dropped; upvotes that are not a count are left out.
    expect(list.records[0]).toMatchObject({ authors: ['Lena Brunner', 'Arjun Mehta'] });
    expect(list.records[0]!.upvotes).toBeUndefined();
    // The listing's title stands in when the paper object has none.
    expect(list.records[1]!.title).toBe('Borrowed Titles: When the Listing Knows Best');
    expect(list.issues).toEqual([
      { source: LABEL, entry: 'entry 2 (2501.06003)', field: 'paper.summary', message: 'is required' },
      { source: LABEL, entry: 'entry 3 (not-an-arxiv-id)', field: 'paper.id', message: 'must be an arXiv id such as 2406.16260' },
      { source: LABEL, entry: 'entry 4', message: 'must be an object' },
      { source: LABEL, entry: 'entry 5', field: 'paper', message: 'is required' },
    ]);
  });

  it('throws when the body is not a JSON array, quoting the error the API gave', () => {
    expect(() => parseHfDaily(fixture('hf-daily-not-array.json'), LABEL, FETCHED_AT)).toThrow(HfDailyError);
    expect(() => parseHfDaily(fixture('hf-daily-not-array.json'), LABEL, FETCHED_AT)).toThrow(
      'expected a JSON array of daily papers, got an object: "Invalid date: 2025-13-45"',
    );
    expect(() => parseHfDaily('"hello"', LABEL, FETCHED_AT)).toThrow('got a string');
  });

  it('throws when the body is not JSON at all', () => {
    expect(() => parseHfDaily('<!DOCTYPE html><html>Bad gateway</html>', LABEL, FETCHED_AT)).toThrow(/the response is not JSON/u);
  });
});
