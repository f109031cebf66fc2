/**
 * Child process of the scale report: measures one system over the run's synthetic corpus, in a
 * process of its own so that RSS is that system's. Started by scale-report.ts with one JSON
 * argument ({@link ChildTask}); sends its figures over IPC as each phase ends, so a child killed
 * at its timeout still reports what it measured.
 *
 * - `measure`: generate the corpus → build → search long / short questions → answer → save a
 *   snapshot (systems that have them).
 * - `restore`: what a restart does: load the snapshot saved by `measure`, answer one question.
 */
import { performance } from 'node:perf_hooks';
import { summarize } from './stats.js';
import type { SystemFigures, WorkloadSettings } from './scale-figures.js';
import { makeWorkload, rssMb, tell } from './scale-workload.js';
import { SYSTEMS } from './systems/registry.js';
import type { BenchSystem } from './systems/system.js';

/** What one child does. */
export interface ChildTask {
  mode: 'measure' | 'restore';
  system: string;
  settings: WorkloadSettings;
  /** Time budget of each timed question phase; a phase stops at the first question past it. */
  budgetMs: number;
  /** Where `measure` saves the snapshot and `restore` reads it. */
  snapshotPath?: string;
}

/** Hits asked of every system. */
const LIMIT = 10;
/** Untimed questions before the timed phases (JIT warm-up). */
const WARM_UP = 3;

async function phase(name: string): Promise<void> {
  await tell({ kind: 'phase', phase: name });
}

async function report(figures: SystemFigures): Promise<void> {
  await tell({ kind: 'figures', figures });
}

/** Runs `run` on each question until the budget is spent; the latencies in ms. */
function timeQuestions(questions: readonly string[], budgetMs: number, run: (question: string) => unknown): number[] {
  const times: number[] = [];
  const start = performance.now();
  for (const question of questions) {
    if (performance.now() - start > budgetMs) break;
    const t = performance.now();
    run(question);
    times.push(performance.now() - t);
  }
  return times;
}

async function measure(task: ChildTask, system: BenchSystem): Promise<void> {
  await phase('generate corpus');
  const workload = await makeWorkload(task.settings);
  await report({ generateMs: Math.round(workload.generateMs), poolSentences: workload.poolSentences, rssBeforeBuildMb: rssMb() });

  await phase('build');
  let start = performance.now();
  await system.build(workload.papers);
  const buildMs = Math.round(performance.now() - start);
  await report({ buildMs, rssAfterBuildMb: rssMb() });

  for (const question of workload.short.slice(0, WARM_UP)) system.search(question, LIMIT);
  await phase('search (long questions)');
  await report({ searchLong: summarize(timeQuestions(workload.long, task.budgetMs, (q) => system.search(q, LIMIT))) });
  await phase('search (short questions)');
  await report({ searchShort: summarize(timeQuestions(workload.short, task.budgetMs, (q) => system.search(q, LIMIT))) });
  if (system.answer) {
    const answer = system.answer.bind(system);
    await phase('answer (long questions)');
    await report({ answerLong: summarize(timeQuestions(workload.long, task.budgetMs, answer)) });
    await phase('answer (short questions)');
    await report({ answerShort: summarize(timeQuestions(workload.short, task.budgetMs, answer)) });
  }
  await report({ peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) });

  if (system.snapshot && task.snapshotPath) {
    await phase('save snapshot');
    start = performance.now();
    const bytes = await system.snapshot.save(task.snapshotPath);
    await report({ snapshot: { format: system.snapshot.format, bytes, saveMs: Math.round(performance.now() - start) } });
  }
}

async function restore(task: ChildTask, system: BenchSystem): Promise<void> {
  if (!system.snapshot || !task.snapshotPath) throw new Error(`bench: ${system.name} has no snapshot to restore`);
  // The question only: a restart does not regenerate the corpus.
  await phase('load snapshot');
  let start = performance.now();
  await system.snapshot.load(task.snapshotPath);
  const loadMs = Math.round(performance.now() - start);
  await phase('first answer');
  start = performance.now();
  const question = 'which papers speed up diffusion sampling?';
  if (system.answer) system.answer(question);
  else system.search(question, LIMIT);
  const end = performance.now();
  await report({
    snapshot: { loadMs, firstAnswerMs: Math.round(end - start), startToFirstAnswerMs: Math.round(end), rssAfterLoadMb: rssMb() },
  });
}

async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2] ?? '{}') as ChildTask;
  const make = SYSTEMS[task.system];
  if (!make) throw new Error(`bench: unknown system "${task.system}" (known: ${Object.keys(SYSTEMS).join(', ')})`);
  const system = make();
  if (task.mode === 'restore') await restore(task, system);
  else await measure(task, system);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
