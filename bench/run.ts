/**
 * `npm run bench`: speed figures, a baseline for performance work, not a test — nothing here
 * fails on a number. Two reports in one run:
 *
 * 1. Collections (collections-report.ts): the bundled seeds and Cranfield — build, process start
 *    to first answer, search and answer p50/p99, memory.
 * 2. Scale (scale-report.ts, issue 10 §5): a synthetic corpus of `--papers N` papers assembled
 *    from the shipped collections' real sentences (synthetic-corpus.ts), indexed by paperbot and
 *    by two peers, wink-bm25-text-search and flexsearch, each in a child process of its own: build
 *    time, RSS, search p50/p99 for long and short questions, answer p50/p99 and snapshot
 *    size / restore time (paperbot), then the longest event-loop stall while the corpus watcher
 *    reloads that corpus.
 *
 * Figures go to bench/results/latest.json and bench/results/papers-<N>.json (figures only).
 * Every phase has a time budget and every child a timeout, so a run always ends; nothing touches
 * the network. `npm run bench -- --help` lists the flags. Benchmarks are read from $BENCH_DIR,
 * default ../shared/benchmarks beside the repository.
 *
 * Duration on the 2-core machine with today's engine (minisearch PaperIndex, 2026-12-02): the
 * default (collections + 5,000 papers) 1.6 min; `--papers 30000` 4.7 min; `--papers 100000`
 * 11.5 min, peak RSS 5 GB (paperbot's child). Figures of those two runs: bench/results/.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { defaultCorpusPath, packageRoot } from '../src/config/package-root.js';
import { BENCH_USAGE, parseBenchArgs, type BenchOptions } from './bench-options.js';
import { runCollectionsReport, type CollectionFigures } from './collections-report.js';
import { formatScaleReport, runScaleReport, type ScaleResults } from './scale-report.js';

const root = packageRoot();
const benchDir = process.env.BENCH_DIR ?? join(root, '..', 'shared', 'benchmarks');

const round1 = (x: number): number => Math.round(x * 10) / 10;

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(BENCH_USAGE);
    return;
  }
  let options: BenchOptions;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  const startedAt = new Date().toISOString();
  const loadAverageAtStart = loadavg().map(round1);
  console.log(`paperbot bench — node ${process.version}, ${cpus().length} cores, load average ${loadAverageAtStart.join(' ')}, ${startedAt}`);
  let collections: CollectionFigures[] | undefined;
  if (options.collections) collections = await runCollectionsReport(benchDir, (line) => console.log(line));
  let scale: ScaleResults | undefined;
  if (options.papers > 0) {
    scale = await runScaleReport({
      settings: { papers: options.papers, seed: options.seed, questions: options.questions, benchDir, seedsPath: defaultCorpusPath() },
      systems: options.systems,
      budgetMs: options.budgetMs,
      timeoutMs: options.timeoutMs,
      stall: options.stall,
      tickMs: 5,
    });
    console.log('');
    for (const line of formatScaleReport(scale)) console.log(line);
  }
  const results = {
    startedAt,
    node: process.version,
    // Load average at the start and the end: other work on the machine skews every figure.
    machine: { cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), loadAverageAtStart, loadAverageAtEnd: loadavg().map(round1) },
    ...(collections ? { collections } : {}),
    ...(scale ? { scale } : {}),
  };
  const dir = join(root, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  await writeFile(join(dir, 'latest.json'), json);
  if (scale) await writeFile(join(dir, `papers-${scale.papers}.json`), json);
  console.log(`figures: bench/results/latest.json${scale ? `, bench/results/papers-${scale.papers}.json` : ''}`);
}

await main();
