import { describe, expect, it } from 'vitest';
import { DEFAULT_ARXIV_MAX, SYNC_CLI_FLAGS, syncSourcesFromFlags } from '../../../src/ingest/sync/index.js';
import { InvalidOptionError } from '../../../src/errors.js';

describe('syncSourcesFromFlags', () => {
  it('makes one arXiv source per category and per query, max papers each', () => {
    expect(syncSourcesFromFlags({ arxivCategory: ['cs.CV', 'cs.LG'], max: 20 })).toEqual([
      { kind: 'arxiv', category: 'cs.CV', max: 20 },
      { kind: 'arxiv', category: 'cs.LG', max: 20 },
    ]);
    expect(syncSourcesFromFlags({ arxivQuery: 'all:diffusion' })).toEqual([{ kind: 'arxiv', query: 'all:diffusion', max: DEFAULT_ARXIV_MAX }]);
  });

  it('searches each query within each category when both are given', () => {
    expect(syncSourcesFromFlags({ arxivCategory: ['cs.CV', 'cs.GR'], arxivQuery: 'diffusion', max: 5 })).toEqual([
      { kind: 'arxiv', category: 'cs.CV', query: 'diffusion', max: 5 },
      { kind: 'arxiv', category: 'cs.GR', query: 'diffusion', max: 5 },
    ]);
  });

  it('adds HF daily papers for a date, or the latest day', () => {
    expect(syncSourcesFromFlags({ hfDaily: true })).toEqual([{ kind: 'hf-daily' }]);
    expect(syncSourcesFromFlags({ arxivCategory: 'cs.CV', hfDaily: '2025-01-10' })).toEqual([
      { kind: 'arxiv', category: 'cs.CV', max: DEFAULT_ARXIV_MAX },
      { kind: 'hf-daily', date: '2025-01-10' },
    ]);
  });

  it('fetches --arxiv-id papers by id list: repeatable and comma-separated, new- and old-style, versions kept, repeats dropped', () => {
    expect(syncSourcesFromFlags({ arxivId: ['2301.12345', '2406.16260v2, hep-th/9901001', 'arXiv:math.AP/0601001', '2301.12345'] })).toEqual([
      { kind: 'arxiv', ids: ['2301.12345', '2406.16260v2', 'hep-th/9901001', 'math.AP/0601001'], max: DEFAULT_ARXIV_MAX },
    ]);
    // Ids are their own source, whatever the categories: a category does not narrow named papers.
    expect(syncSourcesFromFlags({ arxivCategory: 'cs.CV', arxivId: '2301.12345' })).toEqual([
      { kind: 'arxiv', category: 'cs.CV', max: DEFAULT_ARXIV_MAX },
      { kind: 'arxiv', ids: ['2301.12345'], max: DEFAULT_ARXIV_MAX },
    ]);
  });

  it('splits a long --arxiv-id list into requests of 100 ids', () => {
    const ids = Array.from({ length: 250 }, (_, i) => `2401.${String(10000 + i)}`);
    expect(syncSourcesFromFlags({ arxivId: ids.join(',') }).map((source) => (source.kind === 'arxiv' ? source.ids?.length : 0))).toEqual([100, 100, 50]);
  });

  it.each([
    ['2301.123', '--arxiv-id must be an arXiv id such as 2301.12345, 2301.12345v2 or hep-th/9901001; got "2301.123".'],
    ['2301.12345, id:2301.12346', '--arxiv-id must be an arXiv id such as 2301.12345, 2301.12345v2 or hep-th/9901001; got "id:2301.12346".'],
    ['https://arxiv.org/abs/2301.12345', '--arxiv-id must be an arXiv id such as 2301.12345, 2301.12345v2 or hep-th/9901001; got "https://arxiv.org/abs/2301.12345".'],
    ['2301.12345v', '--arxiv-id must be an arXiv id such as 2301.12345, 2301.12345v2 or hep-th/9901001; got "2301.12345v".'],
    ['HEP-TH/9901001', '--arxiv-id must be an arXiv id such as 2301.12345, 2301.12345v2 or hep-th/9901001; got "HEP-TH/9901001".'],
    [' , ', '--arxiv-id needs an arXiv id such as 2301.12345 or hep-th/9901001; got " , ".'],
  ])('refuses --arxiv-id %j, naming the flag and the value', (value, message) => {
    expect(() => syncSourcesFromFlags({ arxivId: value })).toThrow(new InvalidOptionError(message));
  });

  it('rejects bad values and an empty request, naming the flag', () => {
    expect(() => syncSourcesFromFlags({})).toThrow(InvalidOptionError);
    expect(() => syncSourcesFromFlags({})).toThrow(/--arxiv-category, --arxiv-query, --arxiv-id or --hf-daily/u);
    expect(() => syncSourcesFromFlags({ hfDaily: 'yesterday' })).toThrow(/--hf-daily takes a date/u);
    expect(() => syncSourcesFromFlags({ arxivCategory: 'cs.CV', max: 0 })).toThrow(/--max must be/u);
    expect(() => syncSourcesFromFlags({ arxivCategory: ['  '] })).toThrow(/Nothing to sync/u);
  });

  it('describes every flag for the CLI, each landing on a SyncFlags key', () => {
    expect(SYNC_CLI_FLAGS.map((flag) => flag.flags)).toEqual([
      '--arxiv-category <category>',
      '--arxiv-query <query>',
      '--arxiv-id <id>',
      '--max <n>',
      '--hf-daily [date]',
      '--dry-run',
    ]);
    for (const flag of SYNC_CLI_FLAGS) {
      // commander camel-cases the long flag: --arxiv-category → arxivCategory.
      const long = /^--([a-z-]+)/u.exec(flag.flags)![1]!;
      expect(long.replace(/-([a-z])/gu, (_, c: string) => c.toUpperCase())).toBe(flag.key);
      expect(flag.description.length).toBeLessThanOrEqual(140);
    }
  });
});
