/**
 * Child process of the scale report: the longest event-loop stall while the bot reloads its
 * corpus. The process serves a timer tick every {@link StallTask.tickMs} ms — standing in for
 * the Slack and Discord acknowledgements that must not wait — while `watchCorpus(dir).reload()`
 * reloads an N-paper corpus file, exactly as the bot's corpus watcher does on a change (see
 * adapters/serve.ts): with `mode: 'in-process'` it loads and indexes in this thread
 * (PAPERBOT_WORKERS=0); with `mode: 'workers'` a WorkerIndexPool of one thread serves the corpus
 * and the reload loads it in a new thread, as the bot does by default. Either way this measures
 * the same thing: how late the tick ran while a reload was in progress.
 */
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Paper } from '../src/corpus/paper.js';
import { loadIndex } from '../src/app/load-index.js';
import { watchCorpus, type LoadedForWatch } from '../src/ingest/watch-corpus.js';
import { WorkerIndexPool } from '../src/workers/worker-index-pool.js';
import type { ReloadFigures, ReloadMode, WorkloadSettings } from './scale-figures.js';
import { makeWorkload, tell } from './scale-workload.js';

/** What the stall child does. */
export interface StallTask {
  settings: WorkloadSettings;
  /** Period of the tick, ms. */
  tickMs: number;
  /** An empty directory for the corpus file; the parent removes it. */
  dir: string;
  mode: ReloadMode;
}

/** Idle time measured before the reload: the floor of the measurement. */
const IDLE_MS = 500;

/** Writes papers as a JSONL corpus, one record a line, without building one big string. */
async function writeCorpus(papers: readonly Paper[], path: string): Promise<number> {
  const out = createWriteStream(path);
  for (const { id, title, abstract } of papers) {
    if (!out.write(`${JSON.stringify({ id, title, abstract })}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return (await stat(path)).size;
}

/** Papers in the file added before the reload. */
const ADDED_PAPERS = 100;

async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2] ?? '{}') as StallTask;
  // Snapshots of this run only (worker threads inherit it): one left by the other mode's run,
  // of the same generated corpus, would turn the reload into a snapshot load.
  process.env.PAPERBOT_CACHE_DIR = `${task.dir}-snapshots`;
  const report = (figures: ReloadFigures): Promise<void> => tell({ kind: 'figures', figures });
  await tell({ kind: 'phase', phase: 'generate corpus' });
  const path = join(task.dir, 'corpus.jsonl');
  const { papers } = await makeWorkload({ ...task.settings, questions: 0 });
  const corpusBytes = await writeCorpus(papers, path);
  const workers = task.mode === 'workers';
  const method = workers
    ? 'a file of 100 papers added, then watchCorpus(dir).reload() with a 1-thread WorkerIndexPool serving: loadIndex (corpus read and hashed, parsed, indexed, snapshot saved) in a new worker thread, then the swap'
    : 'a file of 100 papers added, then watchCorpus(dir).reload() in-process — loadIndex (corpus read and hashed, parsed, indexed, snapshot saved) on this thread';
  await report({ mode: task.mode, papers: task.settings.papers, corpusBytes, method });
  (globalThis as { gc?: () => void }).gc?.();

  const pool = workers ? new WorkerIndexPool({ threads: 1 }) : undefined;
  if (pool) {
    // The corpus being served when the file changes: loaded in its worker before the measurement.
    await tell({ kind: 'phase', phase: 'initial load in a worker' });
    await pool.load(task.dir);
  }
  let served: unknown;
  const load = (path: string): Promise<LoadedForWatch & { index: unknown }> => (pool ? pool.load(path) : loadIndex(path));
  const watcher = watchCorpus(task.dir, {
    load,
    debounceMs: 0,
    onReload: (loaded) => {
      served = loaded.index;
    },
  });
  let last = performance.now();
  let maxStall = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    maxStall = Math.max(maxStall, now - last - task.tickMs);
    last = now;
  }, task.tickMs);
  const histogram = monitorEventLoopDelay({ resolution: task.tickMs });
  histogram.enable();
  try {
    await sleep(IDLE_MS);
    const idleMaxStallMs = round(maxStall);

    // A day's sync lands: a new file changes the corpus's content key, so the reload re-indexes
    // the whole corpus (no snapshot of it exists yet), as after a real sync.
    await writeCorpus(
      papers.slice(0, ADDED_PAPERS).map((paper) => ({ ...paper, id: `added-${paper.id}`, title: `${paper.title} (revised)` })),
      join(task.dir, 'added.jsonl'),
    );
    await tell({ kind: 'phase', phase: 'reload' });
    maxStall = 0;
    histogram.reset();
    const start = performance.now();
    const outcome = await watcher.reload();
    const reloadMs = performance.now() - start;
    // The stall that ends with the reload shows at the next tick.
    await sleep(4 * task.tickMs);
    histogram.disable();
    await report({
      reloadMs: Math.round(reloadMs),
      outcome: outcome?.kind ?? 'none',
      maxStallMs: round(maxStall),
      histogramMaxMs: round(histogram.max / 1e6),
      histogramP99Ms: round(histogram.percentile(99) / 1e6),
      idleMaxStallMs,
    });
    if (served === undefined) throw new Error(`bench: the reload did not swap an index in (outcome: ${outcome?.kind ?? 'none'})`);
  } finally {
    clearInterval(tick);
    await watcher.close();
    await pool?.close();
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
