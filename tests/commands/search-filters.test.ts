import { describe, expect, it } from 'vitest';
import { runCommand, runText } from '../../src/commands/run-command.js';
import type { CommandResult, PaperListResult } from '../../src/commands/results.js';
import type { Paper } from '../../src/corpus/paper.js';
import { PaperIndex } from '../../src/search/paper-index.js';
import type { Session } from '../../src/session/session.js';

const paper = (id: string, title: string, extra: Partial<Paper> = {}): Paper => ({
  id,
  title,
  abstract: `${title}. We study diffusion models for this task and report results on standard benchmarks.`,
  links: [],
  sources: [{ file: 'test.jsonl', line: 1 }],
  ...extra,
});
const github = [{ kind: 'github' as const, url: 'https://github.com/x/y' }];

const papers: Paper[] = [
  paper('old', 'Diffusion sampling with fewer steps', { published: '2022-05-01', upvotes: 50 }),
  paper('new-code', 'Diffusion distillation for fast sampling', { published: '2024-06-01', upvotes: 5, links: github, authors: ['Yang Song'] }),
  paper('new-video', 'Video diffusion sampling', { published: '2025-02-01', upvotes: 20, links: github }),
  paper('undated', 'Diffusion sampling schedules', { upvotes: 90 }),
];
const index = PaperIndex.build(papers);
// 2 December 2026.
const now = () => Date.UTC(2026, 11, 2);
const say = (text: string, session: Session = {}) => runText(text, { index, session, now });
const ids = (result: CommandResult) => (result as PaperListResult).items.map((item) => item.id);

describe('search with filters in words', () => {
  it('keeps papers since a date, counts the papers without one, and shows what it understood', async () => {
    const result = (await say('search diffusion sampling since 2024')) as PaperListResult;
    expect(ids(result).sort()).toEqual(['new-code', 'new-video']);
    expect(result.total).toBe(2);
    expect(result.filters).toEqual({
      applied: { since: '2024-01-01' },
      understood: ['since 2024-01-01'],
      notes: ['dates known for 3 of 4 papers; 2 match'],
    });
  });

  it('keeps papers with code, newest first', async () => {
    expect(ids(await say('search latest diffusion sampling with code'))).toEqual(['new-video', 'new-code']);
  });

  it('sorts by upvotes, papers without a count last', async () => {
    expect(ids(await say('search most upvoted diffusion sampling'))).toEqual(['undated', 'old', 'new-video', 'new-code']);
  });

  it('leaves out papers holding an excluded word in any form ("videos" excludes "video")', async () => {
    expect(ids(await say('search diffusion sampling, not videos'))).not.toContain('new-video');
    expect(ids(await say('search diffusion sampling, not videos'))).toHaveLength(3);
  });

  it('keeps papers by a known author, by last name', async () => {
    expect(ids(await say('search diffusion by Song'))).toEqual(['new-code']);
  });

  it('lists the newest papers when the question was only filters', async () => {
    expect(ids(await say('search latest'))).toEqual(['new-video', 'new-code', 'old', 'undated']);
  });

  it('adds no filters to a plain search', async () => {
    expect((await say('search diffusion sampling')) as PaperListResult).not.toHaveProperty('filters');
  });
});

describe('search with filter options', () => {
  it('takes --since, --until, --with-code and --sort from text', async () => {
    const result = (await say('search diffusion sampling --since 2023 --until 2025-01 --with-code --sort date')) as PaperListResult;
    expect(ids(result)).toEqual(['new-code']);
    expect(result.filters?.understood).toEqual(['from 2023-01-01 to 2025-01-31', 'with code', 'newest first']);
  });

  it('takes them as structured options (CLI flags, Discord options), winning over words', async () => {
    const result = (await runCommand('search', { query: 'latest diffusion sampling', since: '2025', sort: 'upvotes' }, { index, session: {}, now })) as PaperListResult;
    expect(ids(result)).toEqual(['new-video']);
    expect(result.filters?.applied).toEqual({ since: '2025-01-01', sort: 'upvotes' });
  });

  it('rejects a date that is no date, naming the option', async () => {
    expect(await say('search diffusion --since March')).toMatchObject({ kind: 'error', message: 'since must be a date: YYYY, YYYY-MM or YYYY-MM-DD (got "March")' });
  });

  it('keeps option filters for "more"', async () => {
    const session: Session = {};
    const first = (await say('search diffusion sampling --with-code --limit 1', session)) as PaperListResult;
    expect(first.next?.filters).toEqual({ withCode: true });
    const second = (await say('more', session)) as PaperListResult;
    expect([...ids(first), ...ids(second)].sort()).toEqual(['new-code', 'new-video']);
    expect(second.hasMore).toBe(false);
  });
});

describe('ask with filters in words', () => {
  it('answers the rest of the question from the papers the filters keep, and says which filters', async () => {
    const result = await say('ask how to speed up diffusion sampling with code since 2024');
    expect(result.kind).toBe('answer');
    if (result.kind !== 'answer') return;
    expect(result.answer.found).toBe(true);
    for (const source of result.answer.sources) expect(['new-code', 'new-video']).toContain(source.id);
    expect(result.answer.totalMatches).toBe(2);
    expect(result.answer.filters).toEqual({ understood: ['since 2024-01-01', 'with code'], notes: ['dates known for 3 of 4 papers; 2 match'] });
    expect(result.answer.question).toBe('how to speed up diffusion sampling with code since 2024');
  });

  it('answers as before when the question holds no filter', async () => {
    const result = await say('ask how to speed up diffusion sampling');
    expect(result.kind === 'answer' && result.answer.filters).toBeUndefined();
    expect(result.kind === 'answer' && result.answer.totalMatches).toBe(4);
  });
});
