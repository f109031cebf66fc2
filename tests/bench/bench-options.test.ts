import { describe, expect, it } from 'vitest';
import { DEFAULT_BUDGET_S, DEFAULT_PAPERS, DEFAULT_TIMEOUT_S, parseBenchArgs } from '../../bench/bench-options.js';

describe('parseBenchArgs', () => {
  it('has defaults for everything', () => {
    expect(parseBenchArgs([])).toEqual({
      papers: DEFAULT_PAPERS,
      seed: 1,
      questions: 100,
      budgetMs: DEFAULT_BUDGET_S * 1000,
      timeoutMs: DEFAULT_TIMEOUT_S * 1000,
      systems: ['paperbot', 'wink-bm25', 'flexsearch'],
      stall: true,
      collections: true,
    });
  });

  it('reads the flags, --papers 0 skipping the scale report', () => {
    const options = parseBenchArgs(['--papers', '0', '--systems', 'flexsearch, paperbot', '--skip-stall', '--skip-collections', '--timeout-s', '60']);
    expect(options).toMatchObject({ papers: 0, systems: ['flexsearch', 'paperbot'], stall: false, collections: false, timeoutMs: 60_000 });
  });

  it('names the bad value or flag', () => {
    expect(() => parseBenchArgs(['--papers', '1e5x'])).toThrow('bench: --papers must be a non-negative integer, got "1e5x"');
    expect(() => parseBenchArgs(['--questions', '0'])).toThrow('bench: --questions must be a positive integer, got "0"');
    expect(() => parseBenchArgs(['--systems', 'lunr'])).toThrow('bench: unknown system "lunr"; known: paperbot, wink-bm25, flexsearch');
    expect(() => parseBenchArgs(['--paper', '10'])).toThrow(/bench: Unknown option '--paper'/);
  });
});
