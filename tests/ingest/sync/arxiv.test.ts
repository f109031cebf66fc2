import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../../src/errors.js';
import { ArxivFeedError, arxivIdFromUrl, arxivSearchQuery, arxivUrl, parseArxivFeed } from '../../../src/ingest/sync/arxiv.js';
import { FETCHED_AT, fixture } from './sync-fixtures.js';

const LABEL = 'arXiv cat:cs.CV (newest 4)';

describe('arxivUrl', () => {
  it('asks for the newest submissions of a category', () => {
    const url = new URL(arxivUrl({ kind: 'arxiv', category: 'cs.CV', max: 50 }));
    expect(`${url.origin}${url.pathname}`).toBe('https://export.arxiv.org/api/query');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      search_query: 'cat:cs.CV',
      start: '0',
      max_results: '50',
      sortBy: 'submittedDate',
      sortOrder: 'descending',
    });
  });

  it('uses a configured base URL (ARXIV_API_URL)', () => {
    expect(arxivUrl({ kind: 'arxiv', query: 'all:diffusion', max: 5 }, 'http://127.0.0.1:9000/api/query')).toMatch(
      /^http:\/\/127\.0\.0\.1:9000\/api\/query\?search_query=all%3Adiffusion&start=0&max_results=5&/u,
    );
  });

  it('rejects a max outside 1..2000', () => {
    expect(() => arxivUrl({ kind: 'arxiv', category: 'cs.CV', max: 0 })).toThrow(InvalidOptionError);
    expect(() => arxivUrl({ kind: 'arxiv', category: 'cs.CV', max: 2001 })).toThrow(/from 1 to 2000/u);
    expect(() => arxivUrl({ kind: 'arxiv', category: 'cs.CV', max: 2.5 })).toThrow(InvalidOptionError);
  });
});

describe('arxivSearchQuery', () => {
  it('passes arXiv syntax through and turns plain words into all: terms', () => {
    expect(arxivSearchQuery({ kind: 'arxiv', query: 'all:diffusion', max: 1 })).toBe('all:diffusion');
    expect(arxivSearchQuery({ kind: 'arxiv', query: 'ti:"video generation" AND au:tan', max: 1 })).toBe('ti:"video generation" AND au:tan');
    expect(arxivSearchQuery({ kind: 'arxiv', query: '  diffusion   models ', max: 1 })).toBe('all:diffusion AND all:models');
  });

  it('combines a category and a query with AND, grouping a compound query', () => {
    expect(arxivSearchQuery({ kind: 'arxiv', category: 'cs.CV', query: 'all:diffusion', max: 1 })).toBe('cat:cs.CV AND all:diffusion');
    expect(arxivSearchQuery({ kind: 'arxiv', category: 'cs.CV', query: 'video diffusion', max: 1 })).toBe(
      'cat:cs.CV AND (all:video AND all:diffusion)',
    );
  });

  it('accepts category forms like hep-th and astro-ph.GA, rejects others', () => {
    expect(arxivSearchQuery({ kind: 'arxiv', category: 'hep-th', max: 1 })).toBe('cat:hep-th');
    expect(arxivSearchQuery({ kind: 'arxiv', category: 'astro-ph.GA', max: 1 })).toBe('cat:astro-ph.GA');
    expect(() => arxivSearchQuery({ kind: 'arxiv', category: 'cs CV OR 1', max: 1 })).toThrow(/not an arXiv category/u);
    expect(() => arxivSearchQuery({ kind: 'arxiv', max: 1 })).toThrow(/a category, a query, or both/u);
    expect(() => arxivSearchQuery({ kind: 'arxiv', query: '   ', max: 1 })).toThrow(/empty/u);
  });
});

describe('arxivIdFromUrl', () => {
  it('strips the version from new- and old-style abs URLs', () => {
    expect(arxivIdFromUrl('http://arxiv.org/abs/2406.16260v2')).toBe('2406.16260');
    expect(arxivIdFromUrl('https://arxiv.org/abs/2406.16260')).toBe('2406.16260');
    expect(arxivIdFromUrl('http://arxiv.org/abs/hep-th/0601001v1')).toBe('hep-th/0601001');
    expect(arxivIdFromUrl('http://arxiv.org/abs/math.AP/0601001v3')).toBe('math.AP/0601001');
    expect(arxivIdFromUrl('https://arxiv.org/pdf/2406.16260v1.pdf')).toBe('2406.16260');
  });

  it('gives undefined for anything else', () => {
    expect(arxivIdFromUrl('http://example.org/not-an-arxiv-id')).toBeUndefined();
    expect(arxivIdFromUrl('http://arxiv.org/api/errors#bad')).toBeUndefined();
    expect(arxivIdFromUrl('http://arxiv.org/abs/nonsense')).toBeUndefined();
  });
});

describe('parseArxivFeed', () => {
  it('maps each entry to a record: versionless id, collapsed text, author names, published date, abs page', () => {
    const feed = parseArxivFeed(fixture('arxiv-cs-cv.xml'), LABEL, FETCHED_AT);
    expect(feed.entries).toBe(4);
    expect(feed.totalResults).toBe(152331);
    expect(feed.issues).toEqual([]);
    expect(feed.records.map((record) => record.id)).toEqual(['2407.01873', '2407.01650', '2407.00412', '2406.16260']);
    expect(feed.records[0]).toEqual({
      id: '2407.01873',
      title: 'Tidal Gaussians: Refraction-Aware Splatting for Underwater Scene Reconstruction',
      abstract: expect.stringMatching(/^Underwater scenes defeat radiance field methods: light bends at the water surface, is absorbed/u),
      authors: ['Maren Lindqvist', 'Tomás Echeverría', 'Yuki Hoshino'],
      published: '2024-07-01',
      url: 'https://arxiv.org/abs/2407.01873',
      source: 'arxiv',
      fetchedAt: FETCHED_AT,
    });
    for (const record of feed.records) {
      expect(record.abstract).not.toMatch(/\s{2}|\n|^\s|\s$/u);
      expect(record.title).not.toMatch(/\s{2}|\n/u);
    }
    expect(feed.records[0]!.abstract.endsWith('Code: https://github.com/tidal-gs/tidal-gaussians.')).toBe(true);
  });

  it('decodes XML entities', () => {
    const feed = parseArxivFeed(fixture('arxiv-cs-cv.xml'), LABEL, FETCHED_AT);
    const sheep = feed.records.find((record) => record.id === '2407.00412')!;
    expect(sheep.title).toBe('Counting Sheep & Cattle from Drone Imagery with Density Maps');
    expect(sheep.abstract).toContain('point annotations of sheep & cattle.');
  });

  it('keeps ids that look like numbers as text (2407.00410 keeps its trailing zero)', () => {
    const xml = fixture('arxiv-cs-cv.xml').replaceAll('2407.00412', '2407.00410');
    expect(parseArxivFeed(xml, LABEL, FETCHED_AT).records[2]!.id).toBe('2407.00410');
  });

  it('reports entries that lack a title, a summary or an arXiv id, and keeps the good one', () => {
    const feed = parseArxivFeed(fixture('arxiv-malformed-entries.xml'), 'arXiv "mirage" (newest 4)', FETCHED_AT);
    expect(feed.entries).toBe(4);
    expect(feed.records.map((record) => record.title)).toEqual(['Mirage Maps: Predicting Heat Shimmer in Long-Range Photographs']);
    expect(feed.records[0]!.id).toBe('2407.02004');
    expect(feed.issues).toEqual([
      { source: 'arXiv "mirage" (newest 4)', entry: 'entry 1 (http://arxiv.org/abs/2407.02001v1)', field: 'title', message: 'is missing or empty' },
      { source: 'arXiv "mirage" (newest 4)', entry: 'entry 2 (http://arxiv.org/abs/2407.02002v1)', field: 'summary', message: 'is missing or empty' },
      {
        source: 'arXiv "mirage" (newest 4)',
        entry: 'entry 3 (http://example.org/not-an-arxiv-id)',
        field: 'id',
        message: '"http://example.org/not-an-arxiv-id" is not an arXiv abs URL',
      },
    ]);
  });

  it('reads an empty result', () => {
    const feed = parseArxivFeed(fixture('arxiv-empty.xml'), LABEL, FETCHED_AT);
    expect(feed).toEqual({ records: [], issues: [], entries: 0, totalResults: 0 });
  });

  it('throws for a body cut off mid-entry, naming the line', () => {
    expect(() => parseArxivFeed(fixture('arxiv-broken.xml'), LABEL, FETCHED_AT)).toThrow(ArxivFeedError);
    expect(() => parseArxivFeed(fixture('arxiv-broken.xml'), LABEL, FETCHED_AT)).toThrow(/not well-formed XML \(line \d+, column \d+: /u);
  });

  it("throws the API's own error message for a bad query", () => {
    expect(() => parseArxivFeed(fixture('arxiv-api-error.xml'), LABEL, FETCHED_AT)).toThrow(
      'the API reports an error: max_results must be non-negative',
    );
  });

  it('throws for well-formed XML that is not a feed, and for a DOCTYPE', () => {
    expect(() => parseArxivFeed('<html><body>Service Unavailable</body></html>', LABEL, FETCHED_AT)).toThrow(/not an Atom feed/u);
    expect(() => parseArxivFeed('<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "b">]><feed/>', LABEL, FETCHED_AT)).toThrow(/DOCTYPE/u);
  });

  it('reads old-style ids', () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/hep-th/9901001v3</id>
      <published>1999-01-04T12:00:00Z</published><title>Old Style</title><summary>An old paper.</summary>
      <author><name>A. Physicist</name></author></entry></feed>`;
    expect(parseArxivFeed(xml, LABEL, FETCHED_AT).records).toEqual([
      expect.objectContaining({ id: 'hep-th/9901001', url: 'https://arxiv.org/abs/hep-th/9901001', published: '1999-01-04', authors: ['A. Physicist'] }),
    ]);
  });
});
