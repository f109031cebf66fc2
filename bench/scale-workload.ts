import { performance } from 'node:perf_hooks';
import type { Paper } from '../src/corpus/paper.js';
import type { WorkloadSettings } from './scale-figures.js';
import { collectionQuestions, defaultPoolSources, loadSentencePool, longQuestions, poolSize, shortQuestions, syntheticPapers } from './synthetic-corpus.js';

/** The corpus and questions every system of one run gets. */
export interface Workload {
  papers: Paper[];
  long: string[];
  short: string[];
  /** Sentences the papers were drawn from. */
  poolSentences: number;
  generateMs: number;
}

/** Rebuilds the run's corpus and questions from its settings (deterministic: same settings, same workload). */
export async function makeWorkload(settings: WorkloadSettings): Promise<Workload> {
  const start = performance.now();
  const pool = await loadSentencePool(defaultPoolSources(settings.seedsPath, settings.benchDir));
  const papers = [...syntheticPapers(pool, settings.papers, settings.seed)];
  const long = longQuestions(pool, settings.questions, settings.seed + 1, await collectionQuestions(settings.benchDir));
  const short = shortQuestions(pool, settings.questions, settings.seed + 2);
  return { papers, long, short, poolSentences: poolSize(pool), generateMs: performance.now() - start };
}

/** Resident set size in MiB, after a full GC when the process runs with --expose-gc. */
export function rssMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().rss / 2 ** 20);
}

/** Sends a message to the parent bench process and waits until it is handed to the channel. */
export function tell(message: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) return reject(new Error('bench child: started without an IPC channel (run it through `npm run bench`)'));
    process.send(message, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}
