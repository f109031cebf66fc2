import { defaultWorkerCount } from '../../../src/workers/index-thread.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOAD_PAPERS, DEFAULT_RELOAD_PAPERS, parseLoadArgs } from '../../../bench/load/load-options.js';

describe('npm run load -- flags', () => {
  it('defaults to the issue\'s load: 20k papers, 4 waves of 50 mentions, a 120 s budget, a reload, the workers npm start uses', () => {
    expect(parseLoadArgs([])).toEqual({ papers: DEFAULT_LOAD_PAPERS, waves: 4, concurrency: 50, mentions: 200, budgetMs: 120_000, reloadPapers: DEFAULT_RELOAD_PAPERS, workers: defaultWorkerCount(), seed: 1 });
    expect(DEFAULT_LOAD_PAPERS).toBe(20_000);
  });

  it('takes every flag', () => {
    expect(
      parseLoadArgs(['--papers', '5000', '--waves', '2', '--concurrency', '10', '--budget-s', '30', '--reload-papers', '0', '--workers', '2', '--seed', '7']),
    ).toEqual({ papers: 5000, waves: 2, concurrency: 10, mentions: 20, budgetMs: 30_000, reloadPapers: 0, workers: 2, seed: 7 });
  });

  it('--mentions M: M mentions in waves of --concurrency, the last one smaller when it does not divide', () => {
    expect(parseLoadArgs(['--mentions', '1000', '--concurrency', '50'])).toMatchObject({ mentions: 1000, waves: 20, concurrency: 50 });
    expect(parseLoadArgs(['--mentions', '120', '--concurrency', '50'])).toMatchObject({ mentions: 120, waves: 3 });
    expect(() => parseLoadArgs(['--mentions', '100', '--waves', '2'])).toThrow('give --waves or --mentions, not both');
    expect(() => parseLoadArgs(['--mentions', '1000', '--concurrency', '10'])).toThrow('is 100 waves, more than 50');
  });

  it('refuses values that would make the run unbounded or empty, naming the flag', () => {
    expect(() => parseLoadArgs(['--concurrency', '0'])).toThrow('load: --concurrency must be an integer from 1 to 500, got "0"');
    expect(() => parseLoadArgs(['--budget-s', '3600'])).toThrow('--budget-s must be an integer from 1 to 600');
    expect(() => parseLoadArgs(['--waves', '2.5'])).toThrow('--waves must be an integer');
    expect(() => parseLoadArgs(['--papers', 'many'])).toThrow('--papers must be an integer');
  });

  it('refuses unknown flags with the usage', () => {
    expect(() => parseLoadArgs(['--host', 'example.com'])).toThrow(/^load: Unknown option '--host'[\s\S]*usage: npm run load/);
  });
});
