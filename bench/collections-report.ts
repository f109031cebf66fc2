/**
 * The collections report: speed figures over the bundled seeds and the Cranfield collection —
 * index build time, time from process start to the first answer (model load included), query
 * latency p50/p99 for search and for full answers, and memory.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { answer } from '../src/answer/answer.js';
import { defaultCorpusPath, packageRoot } from '../src/config/package-root.js';
import { loadCorpus } from '../src/corpus/index.js';
import { parseQueries } from '../src/eval/trec-files.js';
import { PaperIndex } from '../src/search/paper-index.js';
import { formatMs } from './scale-report.js';
import { summarize, type Latency } from './stats.js';

interface Collection {
  name: string;
  corpus: string;
  queries: string[];
}

/** Figures of one collection. */
export interface CollectionFigures {
  name: string;
  papers: number;
  queries: number;
  loadMs: number;
  buildMs: number;
  /** Whole CLI process answering one question, model load included; median of 5. */
  startToFirstAnswerMs: number;
  search?: Latency;
  answer?: Latency;
  heapMb: number;
}

/** Wall time of whole CLI processes answering one question; the median of `runs`. */
function startToFirstAnswer(cli: string, corpus: string, question: string, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    execFileSync(process.execPath, [cli, '--corpus', corpus, 'ask', question], {
      stdio: ['ignore', 'ignore', 'ignore'],
      env: { ...process.env, XDG_CACHE_HOME: join(packageRoot(), '.cache', 'bench') },
      timeout: 120_000,
    });
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

async function measure(collection: Collection): Promise<CollectionFigures> {
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
  const cli = join(packageRoot(), 'dist', 'adapters', 'cli.js');
  return {
    name: collection.name,
    papers: corpus.papers.length,
    queries: collection.queries.length,
    loadMs: Math.round(loaded - loadStart),
    buildMs: Math.round(built - loaded),
    startToFirstAnswerMs: Math.round(startToFirstAnswer(cli, collection.corpus, collection.queries[0]!)),
    search: summarize(searchTimes),
    answer: summarize(answerTimes),
    heapMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
  };
}

/** The seeds (with the seeds-dev questions when present) and Cranfield, when present. */
async function collections(benchDir: string): Promise<{ collections: Collection[]; notes: string[] }> {
  const found: Collection[] = [];
  const notes: string[] = [];
  const seedQueries = join(benchDir, 'seeds-dev', 'queries.tsv');
  found.push({
    name: 'seeds (bundled corpus)',
    corpus: defaultCorpusPath(),
    queries: existsSync(seedQueries)
      ? parseQueries(await readFile(seedQueries, 'utf8'), seedQueries).map((q) => q.text)
      : ['which papers speed up diffusion sampling?'],
  });
  const cranfield = join(benchDir, 'cranfield');
  if (existsSync(cranfield)) {
    const queriesPath = join(cranfield, 'queries.tsv');
    found.push({
      name: 'cranfield',
      corpus: join(cranfield, 'corpus.jsonl'),
      queries: parseQueries(await readFile(queriesPath, 'utf8'), queriesPath).map((q) => q.text),
    });
  } else {
    notes.push(`(no Cranfield collection at ${cranfield}; set BENCH_DIR)`);
  }
  return { collections: found, notes };
}

function latencyLine(label: string, latency: Latency | undefined): string {
  return `  ${label.padEnd(20)} ${latency ? `p50 ${formatMs(latency.p50)} ms   p99 ${formatMs(latency.p99)} ms` : '—'}`;
}

/** Formats one collection's figures as the bench has always printed them. */
export function formatCollection(f: CollectionFigures): string[] {
  return [
    `${f.name}: ${f.papers} papers, ${f.queries} queries`,
    `  corpus load          ${formatMs(f.loadMs)} ms`,
    `  index build          ${formatMs(f.buildMs)} ms`,
    `  start → 1st answer   ${formatMs(f.startToFirstAnswerMs)} ms  (whole CLI process, model load included; median of 5)`,
    latencyLine('search latency', f.search),
    latencyLine('answer latency', f.answer),
    `  heap after run       ${f.heapMb} MiB`,
  ];
}

/** Measures every collection in this process, printing each as it is done. */
export async function runCollectionsReport(benchDir: string, print: (line: string) => void): Promise<CollectionFigures[]> {
  const { collections: found, notes } = await collections(benchDir);
  notes.forEach(print);
  // Warm-up: the first index build also loads the language model, and the first answer compiles
  // the answer path (that cold start is what "start → 1st answer" measures, separately).
  const warm = PaperIndex.build([
    { id: 'warm', title: 'Warm up the analyzer', abstract: 'We propose a warm start. It warms up the analyzer, e.g. twice.', links: [], sources: [] },
  ]);
  warm.search('warm');
  answer(warm, 'why warm up the analyzer?');
  const figures: CollectionFigures[] = [];
  for (const collection of found) {
    const f = await measure(collection);
    formatCollection(f).forEach(print);
    figures.push(f);
  }
  return figures;
}
