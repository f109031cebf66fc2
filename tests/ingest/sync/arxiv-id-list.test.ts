import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../src/corpus/index.js';
import { InvalidOptionError } from '../../../src/errors.js';
import { arxivUrl } from '../../../src/ingest/sync/arxiv.js';
import { SYNC_FILES, syncCorpus, syncSourcesFromFlags } from '../../../src/ingest/sync/index.js';
import { ManualClock } from '../../../src/time/clock.js';
import { recordLine, tempCorpus } from '../../corpus/corpus-fixtures.js';
import { ATOM, arxivApi, FETCHED_AT, fixture, NOW, recordingSleep } from './sync-fixtures.js';

/**
 * `paperbot sync --arxiv-id …`: specific papers fetched with the arXiv API's `id_list` (its
 * `search_query` field `id:` does not fetch them reliably), against a fake arXiv on nock.
 */

const IDS = '2407.02001,hep-th/9901001,2407.01650v3,2407.02002';

/** The corpus holds two of the four: one under a versioned id, one by its `arxivId` field only. */
const EXISTING = [
  recordLine('Lantern (preprint title)', { id: '2407.01650v2' }),
  recordLine('Marsh (workshop version)', { id: 'marsh-workshop', arxivId: '2407.02002v1' }),
].join('\n');

describe('arxivUrl with ids', () => {
  it('asks for the papers by id_list, as many results as ids, and no search_query', () => {
    const url = new URL(arxivUrl({ kind: 'arxiv', ids: ['2407.02001', 'hep-th/9901001v2'], max: 50 }));
    expect(`${url.origin}${url.pathname}`).toBe('https://export.arxiv.org/api/query');
    expect(Object.fromEntries(url.searchParams)).toEqual({ id_list: '2407.02001,hep-th/9901001v2', start: '0', max_results: '2' });
  });

  it('refuses an id that is not one, and an empty list', () => {
    expect(() => arxivUrl({ kind: 'arxiv', ids: ['id:2407.02001'], max: 1 })).toThrow(
      new InvalidOptionError('"id:2407.02001" is not an arXiv id (e.g. 2301.12345, 2301.12345v2, hep-th/9901001).'),
    );
    expect(() => arxivUrl({ kind: 'arxiv', ids: [], max: 1 })).toThrow(new InvalidOptionError('An arXiv id list is empty.'));
  });
});

describe('syncCorpus with --arxiv-id', () => {
  it('fetches with id_list, writes the new papers (arXiv id, date, authors, links) and skips those the corpus has under any version', async () => {
    const dir = await tempCorpus({ 'existing.jsonl': `${EXISTING}\n` });
    const api = arxivApi().get('/api/query').query({ id_list: IDS, start: '0', max_results: '4' }).reply(200, fixture('arxiv-id-list.xml'), ATOM);
    const sources = syncSourcesFromFlags({ arxivId: ['2407.02001, hep-th/9901001', '2407.01650v3', 'arXiv:2407.02002'] });
    const report = await syncCorpus({ dir, sources, clock: new ManualClock(NOW), sleep: recordingSleep().sleep });
    api.done();

    expect(report.sources.map(({ label, fetched, added, duplicates, malformed, error }) => ({ label, fetched, added, duplicates, malformed, error }))).toEqual([
      { label: 'arXiv id 2407.02001, hep-th/9901001, 2407.01650v3, 2407.02002', fetched: 4, added: 2, duplicates: 2, malformed: 0, error: undefined },
    ]);
    const lines = (await readFile(join(dir, SYNC_FILES.arxiv), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.id)).toEqual(['2407.02001', 'hep-th/9901001']);
    expect(lines[0]).toEqual({
      id: '2407.02001',
      title: 'Kestrel: One-Step Diffusion Sampling by Trajectory Matching',
      abstract: expect.stringMatching(/^Diffusion models need tens of network evaluations/u),
      authors: ['Ilse Marchetti', 'Oren Castellanos'],
      published: '2024-07-02',
      url: 'https://arxiv.org/abs/2407.02001',
      source: 'arxiv',
      fetchedAt: FETCHED_AT,
    });

    // Loaded, each is a paper under its arXiv id, with its date, authors and links.
    const papers = (await loadCorpus(dir)).papers;
    const kestrel = papers.find((paper) => paper.id === '2407.02001')!;
    expect(kestrel).toMatchObject({ arxivId: '2407.02001', published: '2024-07-02', authors: ['Ilse Marchetti', 'Oren Castellanos'], url: 'https://arxiv.org/abs/2407.02001' });
    expect(kestrel.links).toEqual(
      expect.arrayContaining([
        { kind: 'github', url: 'https://github.com/kestrel-diffusion/kestrel' },
        { kind: 'paper', url: 'https://arxiv.org/abs/2407.02001' },
      ]),
    );
    expect(papers.find((paper) => paper.id === 'hep-th/9901001')).toMatchObject({ arxivId: 'hep-th/9901001', published: '1999-01-04', authors: ['Henrike Vos'] });
    // No second Lantern or Marsh.
    expect(papers.filter((paper) => /Lantern|Marsh/u.test(paper.title)).map((paper) => paper.id).sort()).toEqual(['2407.01650', 'marsh-workshop']);
  });

  it('a second sync of the same ids adds nothing', async () => {
    const dir = await tempCorpus({ 'existing.jsonl': `${EXISTING}\n` });
    const sources = syncSourcesFromFlags({ arxivId: IDS });
    for (let run = 0; run < 2; run++) {
      arxivApi().get('/api/query').query({ id_list: IDS, start: '0', max_results: '4' }).reply(200, fixture('arxiv-id-list.xml'), ATOM);
      const report = await syncCorpus({ dir, sources, clock: new ManualClock(NOW), sleep: recordingSleep().sleep });
      expect([report.added, report.duplicates]).toEqual(run === 0 ? [2, 2] : [0, 4]);
    }
  });
});
