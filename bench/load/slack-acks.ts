/**
 * `npm run load`: Slack acknowledgement latency under concurrent mentions (issue 10: "Slack
 * acknowledgements under 50 concurrent mentions: p99 < 1 s"). Not a test — nothing fails on a
 * number.
 *
 * - The bot runs in a child process (bot-child.ts): a Paperbot over a synthetic corpus of
 *   `--papers` papers (bench/synthetic-corpus.ts) in a watched directory, serving Slack in HTTP
 *   mode on 127.0.0.1 with processBeforeResponse off, as in production.
 * - This process is Slack: it signs and POSTs app_mention events, and serves the fake Web API the
 *   bot replies to (fake-slack-web-api.ts). Timing happens here, off the bot's event loop, so a
 *   blocked bot cannot hide its own lateness.
 * - Phases: `--waves` waves of `--concurrency` mentions fired at once, each wave waiting for its
 *   answers; then a reload: a file of `--reload-papers` papers lands in the corpus directory while
 *   a mention is sent every {@link RELOAD_TICK_MS} ms until the reload is over.
 * - Reported per phase: acknowledgement p50/p99/max, the share Slack would retry (≥ 3 s or
 *   failed), mention → answer posted p50/p99, and the bot's event-loop delay.
 *
 * Bounded: traffic stops after `--budget-s`, answers are awaited {@link DRAIN_GRACE_MS} more, a
 * watchdog ends the run if set-up hangs, and everything is closed, so the process exits by
 * itself. Only 127.0.0.1 is contacted. Figures: bench/results/load-latest.json.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { defaultCorpusPath, packageRoot } from '../../src/config/package-root.js';
import type { Paper } from '../../src/corpus/paper.js';
import { makeWorkload } from '../scale-workload.js';
import { FakeSlackWebApi } from './fake-slack-web-api.js';
import { LOAD_USAGE, parseLoadArgs, type LoadOptions } from './load-options.js';
import { BotChild } from './bot-process.js';
import type { ReloadEnd } from './load-protocol.js';
import type { LoadResults } from './load-results.js';
import { formatLoadReport } from './load-report.js';
import { deliveryFigures, phaseFigures, type MentionOutcome, type PhaseFigures } from './load-stats.js';
import { MentionFirer } from './mention-firer.js';
import { writeCorpusFile } from './write-corpus.js';

/** One mention every this many ms during the reload phase. */
const RELOAD_TICK_MS = 250;
/** At most this many mentions in the reload phase (a reload that is never seen must not send forever). */
const MAX_RELOAD_MENTIONS = 1_200; // 5 minutes of ticks: a reload of 40,000 papers on a busy 2-core machine took 2 minutes
/** Mentions go on this long after the reload ends (its stall shows in the requests right after). */
const RELOAD_TAIL_MS = 1_000;
/** After the last phase, late answers are awaited this long before answers per mention are counted (a duplicate can come late). */
const SETTLE_MS = 3_000;
/** How long answers are awaited after the traffic budget has run out. */
const DRAIN_GRACE_MS = 30_000;
/** Corpus generation, index build and start-up must end within this, or the run is abandoned. */
const SETUP_TIMEOUT_MS = 600_000;
/**
 * Mentions answered one by one before the waves, not measured: the first questions of a fresh
 * process pay for JIT compilation and lazy set-up, which a bot in service has long paid.
 */
const WARMUP_MENTIONS = 6;
/**
 * Questions per set (long, short) the mentions take in turn: enough that a default run asks no
 * question twice, so no answer is quicker for having been asked before.
 */
const QUESTIONS = 300;

const root = packageRoot();
const benchDir = process.env.BENCH_DIR ?? join(root, '..', 'shared', 'benchmarks');

async function run(options: LoadOptions, log: (line: string) => void): Promise<LoadResults> {
  const startedAt = new Date().toISOString();
  const loadAverageAtStart = loadavg().map(round1);
  log(`paperbot load test — node ${process.version}, ${cpus().length} cores, load average ${loadAverageAtStart.join(' ')}`);
  const dir = await mkdtemp(join(tmpdir(), 'paperbot-load-'));
  const api = new FakeSlackWebApi();
  let child: BotChild | undefined;
  try {
    log(`generating ${options.papers} + ${options.reloadPapers} synthetic papers…`);
    const workload = await makeWorkload({ papers: options.papers + options.reloadPapers, seed: options.seed, questions: QUESTIONS, benchDir, seedsPath: defaultCorpusPath() });
    await writeCorpusFile(workload.papers.slice(0, options.papers), join(dir, 'corpus.jsonl'));
    const added = workload.papers.slice(options.papers);
    workload.papers.length = 0;

    const apiUrl = await api.start();
    const signingSecret = randomBytes(24).toString('hex');
    // Snapshots of its own, removed after: a snapshot left by an earlier run of the same seed would
    // turn the build and the reload into snapshot loads, and measure nothing.
    const env = { ...process.env, PAPERBOT_CACHE_DIR: `${dir}-snapshots`, ...(options.workers > 0 ? { PAPERBOT_WORKERS: String(options.workers) } : {}) };
    child = new BotChild(fork(fileURLToPath(new URL('./bot-child.js', import.meta.url)), [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    child.send({ kind: 'start', task: { corpusDir: dir, apiUrl, botToken: 'xoxb-load-test-not-a-token', signingSecret, workers: options.workers } });
    log(`building the bot (${options.workers > 0 ? `${options.workers} workers` : 'in-process'})…`);
    const ready = await child.next('ready', SETUP_TIMEOUT_MS);
    log(`bot ready: ${ready.papers} papers, built in ${(ready.buildMs / 1000).toFixed(1)} s`);

    const firer = new MentionFirer(ready.url, signingSecret, api, workload);
    const budgetEnd = performance.now() + options.budgetMs;
    const drainEnd = budgetEnd + DRAIN_GRACE_MS;
    const results: LoadResults = {
      startedAt,
      node: process.version,
      machine: { cores: cpus().length, loadAverageAtStart, loadAverageAtEnd: [] },
      options,
      bot: { mode: options.workers > 0 ? `workers (${options.workers})` : 'in-process', papers: ready.papers, buildMs: ready.buildMs, generateMs: Math.round(workload.generateMs) },
      warmupMentions: WARMUP_MENTIONS,
      webApi: {},
    };

    for (let i = 0; i < WARMUP_MENTIONS; i++) await firer.outcomes([await firer.fire()], performance.now() + 30_000);
    child.send({ kind: 'phase-end', phase: 'warm-up' });
    await child.next('loop', 60_000);

    // Waves: `concurrency` mentions at once, then their answers, `waves` times.
    const waveOutcomes: MentionOutcome[] = [];
    const perWave: PhaseFigures[] = [];
    for (let wave = 1; wave <= options.waves && performance.now() < budgetEnd; wave++) {
      // The last wave of `--mentions M` is what is left of M.
      const size = Math.min(options.concurrency, options.mentions - (wave - 1) * options.concurrency);
      const fired = await Promise.all(Array.from({ length: size }, () => firer.fire()));
      const outcomes = await firer.outcomes(fired, Math.min(drainEnd, Math.max(budgetEnd, performance.now())));
      waveOutcomes.push(...outcomes);
      const figures = phaseFigures(outcomes);
      perWave.push(figures);
      log(`wave ${wave}: ack p99 ${figures.ack?.p99.toFixed(0) ?? '–'} ms, max ${figures.ack?.max.toFixed(0) ?? '–'} ms; answers p99 ${figures.answer?.p99.toFixed(0) ?? '–'} ms, ${figures.unanswered} unanswered`);
    }
    child.send({ kind: 'phase-end', phase: 'waves' });
    results.waves = { figures: phaseFigures(waveOutcomes), loop: (await child.next('loop', 60_000)).figures, perWave };

    if (options.reloadPapers > 0) {
      if (performance.now() >= budgetEnd) {
        results.reload = { figures: phaseFigures([]), filePapers: options.reloadPapers, fileBytes: 0, note: 'skipped: the time budget ran out during the waves' };
      } else {
        results.reload = await reloadPhase(child, firer, dir, added, budgetEnd, drainEnd, log);
      }
    }
    // Answers per mention, once late ones have had time to arrive: each exactly once is the target.
    await sleep(SETTLE_MS);
    results.delivery = deliveryFigures(firer.answersPerMention(WARMUP_MENTIONS));
    results.webApi = Object.fromEntries(api.counts);
    results.machine.loadAverageAtEnd = loadavg().map(round1);
    return results;
  } finally {
    if (child) await stopChild(child);
    await api.close();
    await rm(dir, { recursive: true, force: true });
    await rm(`${dir}-snapshots`, { recursive: true, force: true });
  }
}

/** A file of papers lands in the watched directory; a mention every tick until the reload has ended. */
async function reloadPhase(
  child: BotChild,
  firer: MentionFirer,
  dir: string,
  added: readonly Paper[],
  budgetEnd: number,
  drainEnd: number,
  log: (line: string) => void,
): Promise<NonNullable<LoadResults['reload']>> {
  let outcome: ReloadEnd | undefined;
  let endedAt: number | undefined;
  let ended!: () => void;
  const reloadEnded = new Promise<void>((resolve) => (ended = resolve));
  const off = child.on((message) => {
    if (message.kind === 'reload-start') log('reload: started');
    if (message.kind === 'reload-end') {
      outcome = message.outcome;
      endedAt = performance.now();
      ended();
    }
  });
  const filePapers = added.length;
  log(`reload: adding a file of ${filePapers} papers while mentions keep coming…`);
  const pending: Array<ReturnType<MentionFirer['fire']>> = [];
  const fileBytes = await writeCorpusFile(added, join(dir, 'added.jsonl'));
  while (pending.length < MAX_RELOAD_MENTIONS && performance.now() < budgetEnd && (endedAt === undefined || performance.now() < endedAt + RELOAD_TAIL_MS)) {
    pending.push(firer.fire());
    await sleep(RELOAD_TICK_MS);
  }
  // Traffic stopped first (budget, cap): the reload's outcome is still worth waiting for, within bounds.
  if (endedAt === undefined) {
    const wait = new AbortController();
    await Promise.race([reloadEnded, sleep(Math.max(0, drainEnd - performance.now()), undefined, { signal: wait.signal }).catch(() => undefined)]);
    wait.abort();
  }
  off();
  const outcomes = await firer.outcomes(await Promise.all(pending), drainEnd);
  child.send({ kind: 'phase-end', phase: 'reload' });
  const loop = (await child.next('loop', 60_000)).figures;
  const figures = phaseFigures(outcomes);
  log(`reload: ${outcome ? `${outcome.kind} in ${(outcome.ms / 1000).toFixed(1)} s` : 'not seen within the budget'}; ack max ${figures.ack?.max.toFixed(0) ?? '–'} ms`);
  return { figures, loop, filePapers, fileBytes, ...(outcome ? { outcome } : { note: 'the reload did not end within the time budget' }) };
}

async function stopChild(child: BotChild): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.process.once('exit', () => resolve()));
  if (child.process.connected) child.send({ kind: 'stop' });
  const timer = setTimeout(() => child.process.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    console.log(LOAD_USAGE);
    return;
  }
  let options: LoadOptions;
  try {
    options = parseLoadArgs(args);
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  // A hung set-up or child must not outlive the run's bounds.
  const watchdog = setTimeout(() => {
    console.error('load: the run exceeded its time limit; giving up');
    process.exit(3);
  }, SETUP_TIMEOUT_MS + options.budgetMs + DRAIN_GRACE_MS + 120_000);
  watchdog.unref();
  const results = await run(options, (line) => console.log(line));
  console.log('');
  for (const line of formatLoadReport(results)) console.log(line);
  const dir = join(root, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'load-latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('figures: bench/results/load-latest.json');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
