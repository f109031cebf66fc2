/**
 * The scale report: paperbot and its peers side by side over one synthetic corpus of N papers,
 * one child process per system (RSS per system), each killed at a timeout so the run always
 * ends; then the longest event-loop stall during a reload of that corpus.
 */
import { fork } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ChildTask } from './scale-child.js';
import type { ChildMessage, ReloadFigures, SystemFigures, WorkloadSettings } from './scale-figures.js';
import type { StallTask } from './reload-stall-child.js';
import type { Latency } from './stats.js';

/** How to run the scale report. */
export interface ScaleOptions {
  settings: WorkloadSettings;
  /** Systems to measure, by name (see systems/registry.ts). */
  systems: string[];
  /** Time budget of each timed question phase. */
  budgetMs: number;
  /** Wall-clock limit of each child process; it is killed past it. */
  timeoutMs: number;
  /** Measure the event-loop stall during a reload. */
  stall: boolean;
  /** Period of the tick served during the reload, ms. */
  tickMs: number;
}

/** Everything the scale report measured. */
export interface ScaleResults {
  papers: number;
  seed: number;
  questionsPerSet: number;
  budgetS: number;
  timeoutS: number;
  systems: Record<string, SystemFigures>;
  /** The reload stall, loading in-process and in worker threads. */
  reloads?: ReloadFigures[];
  wallS: number;
}

/** Memory for the children: a 100k-paper index (and, before the binary snapshot, its JSON form) outgrow Node's default heap. */
const CHILD_EXEC_ARGV = ['--expose-gc', '--max-old-space-size=16384'];

/** Merges figures, nested `snapshot` figures included. */
function merge<T extends { snapshot?: object }>(into: T, figures: T): void {
  const snapshot = into.snapshot && figures.snapshot ? { ...into.snapshot, ...figures.snapshot } : (figures.snapshot ?? into.snapshot);
  Object.assign(into, figures, snapshot ? { snapshot } : {});
}

/**
 * Runs one child script with its task as JSON, merging the figures it sends into `figures`.
 * Resolves when it exits or has been killed at `timeoutMs` (recorded in `figures`); never rejects.
 */
function runChild<F extends SystemFigures | ReloadFigures>(script: string, task: object, label: string, timeoutMs: number, figures: F): Promise<void> {
  const started = performance.now();
  const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  let phase = 'start';
  return new Promise((resolve) => {
    const child = fork(script, [JSON.stringify(task)], { execArgv: CHILD_EXEC_ARGV, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const timer = setTimeout(() => {
      figures.timedOut = { afterS: Math.round(timeoutMs / 1000), phase };
      process.stderr.write(`  ${label}: timed out after ${elapsed()} in "${phase}"; killing it\n`);
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('message', (message: ChildMessage) => {
      if (message.kind === 'phase') {
        phase = message.phase;
        process.stderr.write(`  [${elapsed()}] ${label}: ${phase}\n`);
      } else merge(figures as SystemFigures, message.figures as SystemFigures);
    });
    child.on('error', (error) => {
      figures.error = error.message;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!figures.timedOut && code !== 0) figures.error ??= `exited with ${code ?? signal} during "${phase}"`;
      process.stderr.write(`  [${elapsed()}] ${label}: done\n`);
      resolve();
    });
  });
}

/** Runs every child in turn (never two at once: they would share the 2 cores). */
export async function runScaleReport(options: ScaleOptions): Promise<ScaleResults> {
  const started = performance.now();
  const dir = await mkdtemp(join(tmpdir(), 'paperbot-bench-'));
  // Children inherit it: the reload's snapshot save goes to the run's temp directory, never ~/.cache.
  process.env.PAPERBOT_CACHE_DIR = join(dir, 'snapshots');
  const script = (name: string): string => new URL(`./${name}`, import.meta.url).pathname;
  const results: ScaleResults = {
    papers: options.settings.papers,
    seed: options.settings.seed,
    questionsPerSet: options.settings.questions,
    budgetS: options.budgetMs / 1000,
    timeoutS: options.timeoutMs / 1000,
    systems: {},
    wallS: 0,
  };
  try {
    for (const system of options.systems) {
      const figures: SystemFigures = {};
      results.systems[system] = figures;
      const snapshotPath = join(dir, `${system}.snapshot`);
      const measure: ChildTask = { mode: 'measure', system, settings: options.settings, budgetMs: options.budgetMs, snapshotPath };
      await runChild(script('scale-child.js'), measure, system, options.timeoutMs, figures);
      if (figures.snapshot?.bytes !== undefined) {
        const restored: SystemFigures = {};
        await runChild(script('scale-child.js'), { ...measure, mode: 'restore' } satisfies ChildTask, `${system} (restore)`, options.timeoutMs, restored);
        merge(figures, { snapshot: restored.snapshot ?? {} });
        if (restored.timedOut) figures.error = `snapshot restore timed out after ${restored.timedOut.afterS} s (${restored.timedOut.phase})`;
        if (restored.error) figures.error = `snapshot restore: ${restored.error}`;
      }
      await rm(snapshotPath, { force: true });
    }
    if (options.stall) {
      results.reloads = [];
      for (const mode of ['in-process', 'workers'] as const) {
        const reload: ReloadFigures = { mode };
        results.reloads.push(reload);
        const stallDir = join(dir, `corpus-${mode}`);
        await mkdir(stallDir);
        const task: StallTask = { settings: options.settings, tickMs: options.tickMs, dir: stallDir, mode };
        await runChild(script('reload-stall-child.js'), task, `reload stall (${mode})`, options.timeoutMs, reload);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  results.wallS = Math.round((performance.now() - started) / 1000);
  return results;
}

/** Milliseconds as the table prints them: 0.42, 7.5, 505, 2,019. */
export function formatMs(ms: number): string {
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return Math.round(ms).toLocaleString('en-US');
}

function latencyCell(latency: Latency | undefined, questions: number): string {
  if (!latency) return '—';
  return `${formatMs(latency.p50)} / ${formatMs(latency.p99)} ms${latency.n < questions ? ` (n=${latency.n})` : ''}`;
}

function seconds(ms: number | undefined, digits = 1): string {
  return ms === undefined ? '—' : `${(ms / 1000).toFixed(digits)} s`;
}

function megabytes(mb: number | undefined): string {
  return mb === undefined ? '—' : `${mb.toLocaleString('en-US')} MB`;
}

/** The report as lines: a markdown table, then snapshot, reload and problem lines. */
export function formatScaleReport(results: ScaleResults): string[] {
  const q = results.questionsPerSet;
  const first = Object.values(results.systems)[0];
  const lines = [
    `scale: ${results.papers.toLocaleString('en-US')} synthetic papers (seed ${results.seed}${first?.poolSentences ? `, from ${first.poolSentences.toLocaleString('en-US')} real sentences` : ''}), ` +
      `${q} long + ${q} short questions, top 10, ≤ ${results.budgetS} s per timed phase, ≤ ${results.timeoutS} s per system`,
    '',
    '| system | build | RSS after build | search p50 / p99, long q | search p50 / p99, short q | answer p50 / p99, long q | answer p50 / p99, short q |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const [name, f] of Object.entries(results.systems)) {
    lines.push(
      `| ${name} | ${seconds(f.buildMs)} | ${megabytes(f.rssAfterBuildMb)} | ${latencyCell(f.searchLong, q)} | ${latencyCell(f.searchShort, q)} | ` +
        `${latencyCell(f.answerLong, q)} | ${latencyCell(f.answerShort, q)} |`,
    );
  }
  lines.push('');
  for (const [name, f] of Object.entries(results.systems)) {
    const s = f.snapshot;
    if (s) {
      lines.push(
        `${name} snapshot (${s.format ?? '?'}): ${s.bytes === undefined ? '—' : `${(s.bytes / 2 ** 20).toFixed(1)} MB`}, save ${seconds(s.saveMs, 2)}; ` +
          `fresh process: load ${seconds(s.loadMs, 2)}, first answer ${s.firstAnswerMs === undefined ? '—' : `${formatMs(s.firstAnswerMs)} ms`}, ` +
          `process start → first answer ${seconds(s.startToFirstAnswerMs, 2)}, RSS ${megabytes(s.rssAfterLoadMb)}`,
      );
    }
    if (f.rssBeforeBuildMb !== undefined) {
      lines.push(`${name} memory: RSS ${megabytes(f.rssBeforeBuildMb)} before build (corpus + questions), ${megabytes(f.rssAfterBuildMb)} after, peak ${megabytes(f.peakRssMb)}`);
    }
    if (f.timedOut) lines.push(`${name}: TIMED OUT after ${f.timedOut.afterS} s during "${f.timedOut.phase}" (figures above are what it measured before)`);
    if (f.error) lines.push(`${name}: FAILED: ${f.error}`);
  }
  for (const r of results.reloads ?? []) {
    lines.push(
      `reload stall, ${r.mode ?? '?'} (${r.method ?? '?'}; ${r.papers?.toLocaleString('en-US') ?? '?'} papers, ${r.corpusBytes === undefined ? '?' : `${(r.corpusBytes / 2 ** 20).toFixed(0)} MB`} JSONL): ` +
        `reload ${seconds(r.reloadMs)} (${r.outcome ?? '?'}), longest stall of the 5 ms tick ${r.maxStallMs === undefined ? '—' : `${formatMs(r.maxStallMs)} ms`} ` +
        `(monitorEventLoopDelay max ${r.histogramMaxMs === undefined ? '—' : formatMs(r.histogramMaxMs)} ms, p99 ${r.histogramP99Ms === undefined ? '—' : formatMs(r.histogramP99Ms)} ms; idle floor ${r.idleMaxStallMs ?? '—'} ms)`,
    );
    if (r.timedOut) {
      lines.push(`reload stall, ${r.mode ?? '?'}: TIMED OUT after ${r.timedOut.afterS} s during "${r.timedOut.phase}"${r.timedOut.phase === 'reload' ? ' (the reload, and any stall it causes, lasted longer)' : ''}`);
    }
    if (r.error) lines.push(`reload stall, ${r.mode ?? '?'}: FAILED: ${r.error}`);
  }
  lines.push(`scale report wall time: ${results.wallS} s`);
  return lines;
}
