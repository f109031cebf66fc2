/**
 * Child process of the scale report: the longest event-loop stall while the bot reloads its
 * corpus. The process serves a timer tick every {@link StallTask.tickMs} ms — standing in for
 * the Slack and Discord acknowledgements that must not wait — while `watchCorpus(dir).reload()`
 * reloads an N-paper corpus file, exactly as the bot's corpus watcher does on a change (see
 * adapters/serve.ts). Whether the reload's work runs on this thread or in a worker, this measures
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
import { watchCorpus } from '../src/ingest/watch-corpus.js';
import type { ReloadFigures, WorkloadSettings } from './scale-figures.js';
import { makeWorkload, tell } from './scale-workload.js';

/** What the stall child does. */
export interface StallTask {
  settings: WorkloadSettings;
  /** Period of the tick, ms. */
  tickMs: number;
  /** An empty directory for the corpus file; the parent removes it. */
  dir: string;
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

async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2] ?? '{}') as StallTask;
  const report = (figures: ReloadFigures): Promise<void> => tell({ kind: 'figures', figures });
  await tell({ kind: 'phase', phase: 'generate corpus' });
  const path = join(task.dir, 'corpus.jsonl');
  const corpusBytes = await writeCorpus((await makeWorkload({ ...task.settings, questions: 0 })).papers, path);
  const method = 'watchCorpus(dir).reload() — loadCorpus + PaperIndex.build, as the corpus watcher runs it';
  await report({ papers: task.settings.papers, corpusBytes, method });
  (globalThis as { gc?: () => void }).gc?.();

  let served: unknown;
  const watcher = watchCorpus(task.dir, {
    load: (path) => loadIndex(path),
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
