import { defaultWorkerCount } from '../../src/workers/index-thread.js';
import { parseArgs } from 'node:util';

/** Options of `npm run load -- …`. */
export interface LoadOptions {
  /** Synthetic papers the bot serves. Default {@link DEFAULT_LOAD_PAPERS}. */
  papers: number;
  /** Waves of concurrent mentions. Default 4. */
  waves: number;
  /** Mentions fired at once in a wave. Default 50. */
  concurrency: number;
  /**
   * Mentions in the waves phase in all: `--mentions 1000 --concurrency 50` is 20 waves of 50 (the
   * last one smaller when it does not divide). Default: waves × concurrency.
   */
  mentions: number;
  /** Time budget of the traffic (waves, reload, waiting for answers), ms; nothing new starts after it. Default 120 s. */
  budgetMs: number;
  /** Papers in the file added to the corpus directory during the reload phase; 0 skips the phase. Default {@link DEFAULT_RELOAD_PAPERS}. */
  reloadPapers: number;
  /** Worker threads of the bot (PAPERBOT_WORKERS); 0 ranks on the event loop. Default 0. */
  workers: number;
  /** PRNG seed of the corpus and the questions. Default 1. */
  seed: number;
}

/** The "large" corpus that this 2-core machine builds in well under a minute. */
export const DEFAULT_LOAD_PAPERS = 20_000;
/** A file of papers a daily sync could add; large enough that reloading it is felt. */
export const DEFAULT_RELOAD_PAPERS = 2_000;

export const LOAD_USAGE = `usage: npm run load -- [--papers N] [--waves W | --mentions M] [--concurrency C] [--budget-s S]
                     [--reload-papers R] [--workers N] [--seed S]

Slack acknowledgement latency under concurrent mentions, on 127.0.0.1 only: a bot over a
synthetic corpus of N papers (default ${DEFAULT_LOAD_PAPERS}) serves Slack in HTTP mode; W waves
(default 4) of C concurrent signed app_mention events (default 50), or M mentions in all in waves
of C; then a reload phase in which a
file of R papers (default ${DEFAULT_RELOAD_PAPERS}; 0 skips it) lands in the watched corpus
directory while mentions keep coming. The index lives in N worker threads as \`npm start\` runs it
(default ${defaultWorkerCount()}, cores − 1; 0: on the event loop). Traffic stops after S seconds (default 120). Figures go to
bench/results/load-latest.json. Every mention's thread is checked for exactly one answer
(duplicates and lost answers are reported). See docs/dev/load-test.md.`;

/** Upper bounds: the test shares a 2-core machine and must stay a bounded run. */
const LIMITS = { papers: 200_000, waves: 50, mentions: 10_000, concurrency: 500, 'budget-s': 600, 'reload-papers': 100_000, workers: 64 } as const;

function integer(name: keyof typeof LIMITS | 'seed', value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  const max = name === 'seed' ? Number.MAX_SAFE_INTEGER : LIMITS[name];
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`load: --${name} must be an integer from ${min} to ${max}, got "${value}"\n${LOAD_USAGE}`);
  return n;
}

/** Parses the load test's command line; throws with the usage on a bad flag or value. */
export function parseLoadArgs(args: readonly string[]): LoadOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        papers: { type: 'string' },
        waves: { type: 'string' },
        mentions: { type: 'string' },
        concurrency: { type: 'string' },
        'budget-s': { type: 'string' },
        'reload-papers': { type: 'string' },
        workers: { type: 'string' },
        seed: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new Error(`load: ${(error as Error).message}\n${LOAD_USAGE}`);
  }
  if (values.waves !== undefined && values.mentions !== undefined) throw new Error(`load: give --waves or --mentions, not both\n${LOAD_USAGE}`);
  const concurrency = integer('concurrency', values.concurrency, 50, 1);
  const mentions = values.mentions === undefined ? undefined : integer('mentions', values.mentions, 0, 1);
  const waves = mentions === undefined ? integer('waves', values.waves, 4, 1) : Math.ceil(mentions / concurrency);
  if (waves > LIMITS.waves) throw new Error(`load: --mentions ${mentions} at --concurrency ${concurrency} is ${waves} waves, more than ${LIMITS.waves}\n${LOAD_USAGE}`);
  return {
    papers: integer('papers', values.papers, DEFAULT_LOAD_PAPERS, 1),
    waves,
    concurrency,
    mentions: mentions ?? waves * concurrency,
    budgetMs: integer('budget-s', values['budget-s'], 120, 1) * 1000,
    reloadPapers: integer('reload-papers', values['reload-papers'], DEFAULT_RELOAD_PAPERS, 0),
    workers: integer('workers', values.workers, defaultWorkerCount(), 0),
    seed: integer('seed', values.seed, 1, 0),
  };
}
