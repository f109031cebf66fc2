/**
 * `npm run bench`: speed figures over the Cranfield collection and the seeds — index build
 * time, time from process start to the first answer (model load included), query latency
 * p50/p99 for search and for full answers, and memory. A baseline for performance work, not a
 * test: nothing here fails on a number.
 *
 * Benchmarks are read from $BENCH_DIR, default ../shared/benchmarks beside the repository.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { answer } from '../src/answer/answer.js';
import { defaultCorpusPath, packageRoot } from '../src/app/package-root.js';
import { loadCorpus } from '../src/corpus/index.js';
import { parseQueries } from '../src/eval/trec-files.js';
import { PaperIndex } from '../src/search/paper-index.js';

const root = packageRoot();
const benchDir = process.env.BENCH_DIR ?? join(root, '..', 'shared', 'benchmarks');
const cli = join(root, 'dist', 'adapters', 'cli.js');

interface Collection {
  name: string;
  corpus: string;
  queries: string[];
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

function ms(value: number): string {
  return value < 10 ? value.toFixed(2) : value.toFixed(0);
}

/** Wall time of whole CLI processes answering one question; the median of `runs`. */
function startToFirstAnswer(corpus: string, question: string, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    execFileSync(process.execPath, [cli, '--corpus', corpus, 'ask', question], {
      stdio: ['ignore', 'ignore', 'ignore'],
      env: { ...process.env, XDG_CACHE_HOME: join(root, '.cache', 'bench') },
    });
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

async function measure(collection: Collection): Promise<string[]> {
  const loadStart = performance.now();
  const corpus = await loadCorpus(collection.corpus);
  const loaded = performance.now();
  const index = PaperIndex.build(corpus.papers);
  const built = performance.now();

  const searchTimes: number[] = [];
  const answerTimes: number[] = [];
  for (const query of collection.queries) {
    let start = performance.now();
    index.search(query, { limit: 10 });
    searchTimes.push(performance.now() - start);
    start = performance.now();
    answer(index, query);
    answerTimes.push(performance.now() - start);
  }
  searchTimes.sort((a, b) => a - b);
  answerTimes.sort((a, b) => a - b);
  const firstAnswer = startToFirstAnswer(collection.corpus, collection.queries[0]!);
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  return [
    `${collection.name}: ${corpus.papers.length} papers, ${collection.queries.length} queries`,
    `  corpus load          ${ms(loaded - loadStart)} ms`,
    `  index build          ${ms(built - loaded)} ms`,
    `  start → 1st answer   ${ms(firstAnswer)} ms  (whole CLI process, model load included; median of 5)`,
    `  search latency       p50 ${ms(percentile(searchTimes, 0.5))} ms   p99 ${ms(percentile(searchTimes, 0.99))} ms`,
    `  answer latency       p50 ${ms(percentile(answerTimes, 0.5))} ms   p99 ${ms(percentile(answerTimes, 0.99))} ms`,
    `  heap after run       ${heapMb.toFixed(0)} MiB`,
  ];
}

async function main(): Promise<void> {
  const collections: Collection[] = [];
  const seedQueries = join(benchDir, 'seeds-dev', 'queries.tsv');
  collections.push({
    name: 'seeds (bundled corpus)',
    corpus: defaultCorpusPath(),
    queries: existsSync(seedQueries)
      ? parseQueries(await readFile(seedQueries, 'utf8'), seedQueries).map((q) => q.text)
      : ['which papers speed up diffusion sampling?'],
  });
  const cranfield = join(benchDir, 'cranfield');
  if (existsSync(cranfield)) {
    const queriesPath = join(cranfield, 'queries.tsv');
    collections.push({
      name: 'cranfield',
      corpus: join(cranfield, 'corpus.jsonl'),
      queries: parseQueries(await readFile(queriesPath, 'utf8'), queriesPath).map((q) => q.text),
    });
  } else {
    console.log(`(no Cranfield collection at ${cranfield}; set BENCH_DIR)`);
  }
  console.log(`paperbot bench — node ${process.version}, ${new Date().toISOString()}`);
  // Warm-up: the first index build also loads the language model.
  PaperIndex.build([{ id: 'warm', title: 'warm up', abstract: 'Warm up the analyzer.', links: [], sources: [] }]).search('warm');
  for (const collection of collections) console.log((await measure(collection)).join('\n'));
}

await main();
