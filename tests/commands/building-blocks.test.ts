import { beforeAll, describe, expect, it } from 'vitest';
import { paperRef, pageSize } from '../../src/commands/limits.js';
import { listResult, remember } from '../../src/commands/paper-list.js';
import { resolvePaperRef } from '../../src/commands/paper-ref.js';
import { byRecency } from '../../src/commands/papers.js';
import { MAX_SNIPPET_CHARS, snippetOf } from '../../src/commands/snippet.js';
import { parseTextArgs } from '../../src/commands/text-args.js';
import { InvalidOptionError, UnknownPaperError } from '../../src/errors.js';
import { analyzeTerms } from '../../src/nlp/analyzer.js';
import { LocalIndexService } from '../../src/app/local-index-service.js';
import { PaperIndex } from '../../src/search/paper-index.js';
import type { Session } from '../../src/session/session.js';
import { commandFixturePapers } from '../helpers/sources.js';

let index: PaperIndex;
beforeAll(() => {
  index = PaperIndex.build(commandFixturePapers());
});
const local = () => new LocalIndexService(index);

describe('parseTextArgs', () => {
  it('splits the rest text from --name value options', async () => {
    expect(parseTextArgs('diffusion sampling --limit 5', ['limit'])).toEqual({ rest: 'diffusion sampling', words: ['diffusion', 'sampling'], options: { limit: '5' } });
    expect(parseTextArgs('  --limit=7   diffusion  ', ['limit'])).toEqual({ rest: 'diffusion', words: ['diffusion'], options: { limit: '7' } });
    expect(parseTextArgs('', ['limit'])).toEqual({ rest: '', words: [], options: {} });
  });

  it('keeps words that start with a single dash as words ("-fast", "-1")', async () => {
    expect(parseTextArgs('diffusion -fast --limit -1', ['limit'])).toEqual({ rest: 'diffusion -fast', words: ['diffusion', '-fast'], options: { limit: '-1' } });
  });

  it('names an unknown option and the known ones', async () => {
    expect(() => parseTextArgs('x --foo 1', ['limit', 'offset'])).toThrow(new InvalidOptionError('Unknown option --foo (options: --limit, --offset)'));
    expect(() => parseTextArgs('x --foo', [])).toThrow('Unknown option --foo (options: none)');
  });

  it('names an option without its value', async () => {
    expect(() => parseTextArgs('x --limit', ['limit'])).toThrow(new InvalidOptionError('Option --limit needs a value'));
  });
});

describe('limits schemas', () => {
  it('pageSize coerces text and defaults to 10', async () => {
    expect(pageSize.parse('5')).toBe(5);
    expect(pageSize.parse(undefined)).toBe(10);
    expect(pageSize.safeParse('0').success).toBe(false);
  });

  it('paperRef trims and unwraps "[n]"', async () => {
    expect(paperRef.parse(' [12] ')).toBe('12');
    expect(paperRef.parse('[x]')).toBe('[x]');
    expect(paperRef.parse('fast-sampling')).toBe('fast-sampling');
    expect(paperRef.safeParse('x'.repeat(201)).success).toBe(false);
  });
});

describe('resolvePaperRef', () => {
  const session: Session = { last: { source: 'search', query: 'q', numbers: { 1: 'bilevel', 2: 'speech', 3: 'gone' }, nextOffset: 3, limit: 3 } };

  it('resolves a number of the last result, else an id', async () => {
    expect(await resolvePaperRef('2', local(), session)).toBe('speech');
    expect(await resolvePaperRef('label-smoothing', local(), session)).toBe('label-smoothing');
  });

  it('throws UnknownPaperError for a number not in the last result, or one whose paper is gone, and for an unknown id', async () => {
    await expect(resolvePaperRef('9', local(), session)).rejects.toThrow(UnknownPaperError);
    await expect(resolvePaperRef('3', local(), session)).rejects.toThrow(UnknownPaperError);
    await expect(resolvePaperRef('nope', local(), {})).rejects.toThrow('No paper "nope" in the corpus. Use an id from a result list, or its number (1, 2, …).');
  });
});

describe('remember and listResult', () => {
  it('merges the numbers of pages of the same list, and replaces those of another list', async () => {
    const session: Session = {};
    remember(session, { source: 'search', query: 'q', numbers: { 1: 'a', 2: 'b' }, nextOffset: 2, limit: 2 });
    remember(session, { source: 'search', query: 'q', numbers: { 3: 'c' }, nextOffset: 3, limit: 2 });
    expect(session.last).toEqual({ source: 'search', query: 'q', numbers: { 1: 'a', 2: 'b', 3: 'c' }, nextOffset: 3, limit: 2 });
    remember(session, { source: 'search', query: 'other', numbers: { 1: 'x' }, nextOffset: 1, limit: 2 });
    expect(session.last?.numbers).toEqual({ 1: 'x' });
    remember(session, { source: 'papers', query: 'other', numbers: { 1: 'y' }, nextOffset: 1, limit: 2 });
    expect(session.last?.numbers).toEqual({ 1: 'y' });
  });

  it('numbers items from offset + 1 and computes hasMore', async () => {
    const papers = commandFixturePapers();
    const session: Session = {};
    const page = (offset: number) =>
      listResult({ source: 'papers', title: 'T', query: '', keywords: [], papers: papers.slice(offset, offset + 4).map((paper) => ({ paper })), offset, total: papers.length, limit: 4 }, session);
    const first = page(0);
    expect(first.items.map((item) => item.n)).toEqual([1, 2, 3, 4]);
    expect(first.hasMore).toBe(true);
    const second = page(4);
    expect(second.items.map((item) => item.n)).toEqual([5, 6]);
    expect(second.hasMore).toBe(false);
    expect(session.last).toMatchObject({ nextOffset: 6, numbers: { 1: 'fast-sampling', 6: 'speech' } });
  });
});

describe('byRecency', () => {
  it('puts the newest first, ties by upvotes, papers without an ISO date last in corpus order', async () => {
    expect(byRecency(commandFixturePapers()).map((paper) => paper.id)).toEqual(['label-smoothing', 'fast-sampling', 'bilevel', 'speech', 'robustness', 'graph-networks']);
  });

  it('does not reorder its input', async () => {
    const papers = commandFixturePapers();
    byRecency(papers);
    expect(papers[0]!.id).toBe('fast-sampling');
  });
});

describe('snippetOf', () => {
  const abstract = commandFixturePapers()[0]!.abstract;

  it('is the first sentence without a query', async () => {
    expect(snippetOf(abstract)).toBe('Diffusion models generate high quality images but sampling them is slow.');
  });

  it('is the sentence sharing the most terms with the query', async () => {
    expect(snippetOf(abstract, new Set(analyzeTerms('training-free solver speeds')))).toBe(
      'We propose a training-free solver that speeds up diffusion sampling by an order of magnitude.',
    );
    expect(snippetOf(abstract, new Set(analyzeTerms('benchmarks gains')))).toBe('Experiments on image benchmarks confirm the speed gains.');
  });

  it(`is at most ${MAX_SNIPPET_CHARS} characters, cut with "…"`, async () => {
    const long = `${'word '.repeat(80)}end.`;
    const snippet = snippetOf(long);
    expect(snippet.length).toBeLessThanOrEqual(MAX_SNIPPET_CHARS);
    expect(snippet.endsWith('…')).toBe(true);
  });
});
