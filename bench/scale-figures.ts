/** The figures of the scale report, as children send them and latest.json holds them. */
import type { Latency } from './stats.js';

/** What the scale children need to rebuild the same corpus and questions. */
export interface WorkloadSettings {
  /** Synthetic papers. */
  papers: number;
  /** PRNG seed of corpus and questions. */
  seed: number;
  /** Questions per set (long, short). */
  questions: number;
  /** The shared benchmarks folder (sentences and questions). */
  benchDir: string;
  /** The bundled corpus (sentences). */
  seedsPath: string;
}

/** Figures of one system; partial when its child stopped early. */
export interface SystemFigures {
  /** Time to generate the corpus and questions in this child (not part of any system's figures). */
  generateMs?: number;
  /** Real sentences the corpus was assembled from. */
  poolSentences?: number;
  buildMs?: number;
  /** RSS after build, after a full GC (corpus papers included, as the bot holds them too). */
  rssAfterBuildMb?: number;
  /** RSS before build (corpus and questions generated), after a full GC. */
  rssBeforeBuildMb?: number;
  /** Peak RSS of the child. */
  peakRssMb?: number;
  searchLong?: Latency;
  searchShort?: Latency;
  answerLong?: Latency;
  answerShort?: Latency;
  snapshot?: SnapshotFigures;
  /** Set by the parent: the child was killed at its timeout, during `phase`. */
  timedOut?: { afterS: number; phase: string };
  /** Set by the parent: the child failed. */
  error?: string;
}

/** A snapshot saved by the measuring child and restored by a fresh one. */
export interface SnapshotFigures {
  format?: string;
  bytes?: number;
  saveMs?: number;
  /** Reading and restoring the snapshot, in the fresh process. */
  loadMs?: number;
  /** The first answer after the restore. */
  firstAnswerMs?: number;
  /** From the fresh process's start (module loading included) to its first answer. */
  startToFirstAnswerMs?: number;
  /** RSS of the fresh process after its first answer. */
  rssAfterLoadMb?: number;
}

/** Where a reload loads and indexes: `in-process` (PAPERBOT_WORKERS=0), or `workers` (a WorkerIndexPool). */
export type ReloadMode = 'in-process' | 'workers';

/** The longest event-loop stall while the corpus reloads. */
export interface ReloadFigures {
  /** Where the reload's loading and indexing ran: this thread, or worker threads (the bot's default). */
  mode?: ReloadMode;
  papers?: number;
  /** How the reload ran: `watchCorpus(...).reload()`, as the bot's corpus watcher does. */
  method?: string;
  /** Size of the corpus file the reload reads. */
  corpusBytes?: number;
  /** From the reload's start to its end. */
  reloadMs?: number;
  /** How the reload ended (`reloaded`, `refused`). */
  outcome?: string;
  /** Longest delay of the 5 ms tick during the reload (the tick's own gap, less its period). */
  maxStallMs?: number;
  /** The same from `monitorEventLoopDelay` (max and p99 of its histogram) during the reload. */
  histogramMaxMs?: number;
  histogramP99Ms?: number;
  /** Longest stall in the idle half second before the reload: the floor of this measurement. */
  idleMaxStallMs?: number;
  timedOut?: { afterS: number; phase: string };
  error?: string;
}

/** A message from a child to the bench: a phase started, or figures to merge. */
export type ChildMessage = { kind: 'phase'; phase: string } | { kind: 'figures'; figures: SystemFigures | ReloadFigures };
