import { parseArgs } from 'node:util';
import { SYSTEMS } from './systems/registry.js';

/** Options of `npm run bench -- …`. */
export interface BenchOptions {
  /** Synthetic papers of the scale report; 0 skips it. Default {@link DEFAULT_PAPERS}. */
  papers: number;
  /** PRNG seed of the synthetic corpus and questions. Default 1. */
  seed: number;
  /** Questions per set (long, short). Default 100. */
  questions: number;
  /** Time budget of each timed question phase, ms. Default {@link DEFAULT_BUDGET_S} s. */
  budgetMs: number;
  /** Wall-clock limit of each system's child process, ms. Default {@link DEFAULT_TIMEOUT_S} s. */
  timeoutMs: number;
  /** Systems of the scale report. Default all of systems/registry.ts. */
  systems: string[];
  /** Measure the event-loop stall during a reload. Default true. */
  stall: boolean;
  /** Run the seeds + Cranfield report. Default true. */
  collections: boolean;
}

/** Papers of the default scale report: keeps a plain `npm run bench` at about two minutes. */
export const DEFAULT_PAPERS = 5_000;
/** Default budget of a timed question phase, seconds. */
export const DEFAULT_BUDGET_S = 30;
/** Default limit of one system's child process, seconds: today's paperbot needs ~10 min at 100k. */
export const DEFAULT_TIMEOUT_S = 1_200;

export const BENCH_USAGE = `usage: npm run bench -- [--papers N] [--seed S] [--questions Q] [--budget-s S] [--timeout-s S]
                      [--systems paperbot,wink-bm25,flexsearch] [--skip-stall] [--skip-collections]`;

function positiveInteger(name: string, value: string | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || (n === 0 && !allowZero)) throw new Error(`bench: --${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got "${value}"\n${BENCH_USAGE}`);
  return n;
}

/** Parses the bench's command line; throws with the usage on a bad flag or value. */
export function parseBenchArgs(args: readonly string[]): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        papers: { type: 'string' },
        seed: { type: 'string' },
        questions: { type: 'string' },
        'budget-s': { type: 'string' },
        'timeout-s': { type: 'string' },
        systems: { type: 'string' },
        'skip-stall': { type: 'boolean' },
        'skip-collections': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new Error(`bench: ${(error as Error).message}\n${BENCH_USAGE}`);
  }
  const systems = values.systems === undefined ? Object.keys(SYSTEMS) : values.systems.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = systems.filter((s) => !(s in SYSTEMS));
  if (unknown.length > 0 || systems.length === 0) {
    throw new Error(`bench: unknown system ${unknown.map((s) => `"${s}"`).join(', ') || '(none given)'}; known: ${Object.keys(SYSTEMS).join(', ')}`);
  }
  return {
    papers: positiveInteger('papers', values.papers, DEFAULT_PAPERS, true),
    seed: positiveInteger('seed', values.seed, 1, true),
    questions: positiveInteger('questions', values.questions, 100),
    budgetMs: positiveInteger('budget-s', values['budget-s'], DEFAULT_BUDGET_S) * 1000,
    timeoutMs: positiveInteger('timeout-s', values['timeout-s'], DEFAULT_TIMEOUT_S) * 1000,
    systems,
    stall: !values['skip-stall'],
    collections: !values['skip-collections'],
  };
}
