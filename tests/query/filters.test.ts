import { describe, expect, it } from 'vitest';
import { describeFilters, parseFilters, type PaperFilters } from '../../src/query/filters.js';

// Wednesday 2 December 2026, 15:00 UTC: "this week" starts on Monday 30 November.
const now = Date.UTC(2026, 11, 2, 15, 0, 0);
const authors = new Set(['song', 'yang song', 'ho', 'jonathan ho']);
const isAuthor = (name: string): boolean => authors.has(name.toLowerCase());
const parse = (question: string) => parseFilters(question, { now, isAuthor });

/** [question, expected filters, expected rest] */
const understood: Array<[string, PaperFilters, string]> = [
  ['diffusion since 2024', { since: '2024-01-01' }, 'diffusion'],
  ['diffusion papers since March 2024', { since: '2024-03-01' }, 'diffusion papers'],
  ['video generation from last month', { since: '2026-11-02' }, 'video generation'],
  ['what is new in diffusion this week', { since: '2026-11-30' }, 'what is new in diffusion'],
  ['diffusion this month', { since: '2026-12-01' }, 'diffusion'],
  ['diffusion models this year', { since: '2026-01-01' }, 'diffusion models'],
  ['GANs before 2023', { until: '2022-12-31' }, 'GANs'],
  ['transformers in 2023', { since: '2023-01-01', until: '2023-12-31' }, 'transformers'],
  ['transformers published in 2023', { since: '2023-01-01', until: '2023-12-31' }, 'transformers'],
  ['video after March 2024', { since: '2024-04-01' }, 'video'],
  ['diffusion from the last 2 years', { since: '2024-12-02' }, 'diffusion'],
  ['diffusion from the past three months', { since: '2026-09-02' }, 'diffusion'],
  ['video editing past week', { since: '2026-11-25' }, 'video editing'],
  ['video editing in the past day', { since: '2026-12-01' }, 'video editing'],
  ['diffusion until 2024-06', { until: '2024-06-30' }, 'diffusion'],
  ['diffusion from 2022 to 2023', { since: '2022-01-01', until: '2023-12-31' }, 'diffusion'],
  ['diffusion between March 2023 and June 2024', { since: '2023-03-01', until: '2024-06-30' }, 'diffusion'],
  ['diffusion in 2024-05-14', { since: '2024-05-14', until: '2024-05-14' }, 'diffusion'],
  ['diffusion with code', { withCode: true }, 'diffusion'],
  ['diffusion papers that have a GitHub repo', { withCode: true }, 'diffusion papers'],
  ['video generation with a repo', { withCode: true }, 'video generation'],
  ['3D reconstruction that has code', { withCode: true }, '3D reconstruction'],
  ['diffusion with code since 2024', { withCode: true, since: '2024-01-01' }, 'diffusion'],
  ['diffusion by Song', { authors: ['Song'] }, 'diffusion'],
  ['score matching from Yang Song', { authors: ['Yang Song'] }, 'score matching'],
  ['papers by Jonathan Ho on video', { authors: ['Jonathan Ho'] }, 'papers on video'],
  ['most upvoted video papers', { sort: 'upvotes' }, 'video papers'],
  ['popular diffusion papers', { sort: 'upvotes' }, 'diffusion papers'],
  ['latest diffusion papers', { sort: 'date' }, 'diffusion papers'],
  ['newest papers on distillation', { sort: 'date' }, 'papers on distillation'],
  ['recent work on video generation', { sort: 'date' }, 'work on video generation'],
  ['most recent video models', { sort: 'date' }, 'video models'],
  ['diffusion, newest first', { sort: 'date' }, 'diffusion'],
  ['diffusion not video', { exclude: ['video'] }, 'diffusion'],
  ['diffusion without distillation', { exclude: ['distillation'] }, 'diffusion'],
  ['image generation, but not GANs', { exclude: ['gans'] }, 'image generation'],
  ['diffusion excluding video, with code', { exclude: ['video'], withCode: true }, 'diffusion'],
  ['latest diffusion with code since 2024 not video', { sort: 'date', withCode: true, since: '2024-01-01', exclude: ['video'] }, 'diffusion'],
  ['most upvoted papers by Song this year', { sort: 'upvotes', authors: ['Song'], since: '2026-01-01' }, 'papers'],
];

/** Questions that hold filter-like words but no filter. */
const leftAlone: string[] = [
  'papers since the introduction of DDPM',
  'code generation with diffusion',
  'diffusion with code generation',
  'diffusion from scratch',
  'learning from human feedback',
  'models that recently emerged',
  'training without labels',
  'video without flicker',
  'by the way, what is DDPM?',
  'speedup by distillation',
  'why do diffusion models not converge',
  'the last layer of a transformer',
  'what is not a transformer in practice',
  'data from 20 benchmarks',
  'planning with a model',
];

describe('parseFilters', () => {
  it.each(understood)('understands %j', (question, filters, rest) => {
    const parsed = parse(question);
    expect(parsed.filters).toEqual(filters);
    expect(parsed.rest).toBe(rest);
  });

  it.each(leftAlone)('leaves %j alone', (question) => {
    const parsed = parse(question);
    expect(parsed.filters).toEqual({});
    expect(parsed.rest).toBe(question);
    expect(parsed.understood).toEqual([]);
  });

  it('never takes "by X" as an author without a way to know authors', () => {
    expect(parseFilters('diffusion by Song', { now }).filters).toEqual({});
  });

  it('lets a topic (a digest\'s), not a question, open with "not X"', () => {
    for (const text of ['not video', 'Not sure, any papers on video?']) expect(parse(text).filters, text).toEqual({});
    const topic = (text: string) => parseFilters(text, { now, isAuthor, topic: true });
    expect(topic('not video')).toMatchObject({ filters: { exclude: ['video'] }, rest: '' });
    expect(topic('with code, not video')).toMatchObject({ filters: { withCode: true, exclude: ['video'] }, rest: '' });
    // The other rules hold for topics too: a question verb before "not", a method word after "without".
    expect(topic('why do diffusion models not converge').filters).toEqual({});
    expect(topic('training without labels').filters).toEqual({});
  });

  it('keeps an impossible date as words', () => {
    expect(parse('diffusion since 2024-13').filters).toEqual({});
  });

  it('says what it understood, in a fixed order', () => {
    expect(parse('latest diffusion with code since 2024').understood).toEqual(['since 2024-01-01', 'with code', 'newest first']);
  });
});

describe('describeFilters', () => {
  it('names a range, a single day, authors, exclusions and the order', () => {
    expect(describeFilters({ since: '2023-01-01', until: '2023-12-31', authors: ['Song'], exclude: ['video'], sort: 'upvotes' })).toEqual([
      'from 2023-01-01 to 2023-12-31',
      'by Song',
      'not "video"',
      'most upvoted first',
    ]);
    expect(describeFilters({ since: '2024-05-14', until: '2024-05-14' })).toEqual(['on 2024-05-14']);
    expect(describeFilters({ until: '2022-12-31' })).toEqual(['until 2022-12-31']);
  });
});
