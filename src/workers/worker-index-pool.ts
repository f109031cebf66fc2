import type { CorpusSummary } from '../corpus/corpus-summary.js';
import { silentLogger, type Logger } from '../log/logger.js';
import { systemTimers, type Timers } from '../time/timers.js';
import { defaultWorkerCount, spawnWorkerThread, type SpawnThread } from './index-thread.js';
import { IndexWorkers } from './index-workers.js';
import { indexUnavailable } from './wire-error.js';

/** Options of a {@link WorkerIndexPool}. */
export interface WorkerPoolOptions {
  /** Threads per corpus, each holding the whole index. Default {@link defaultWorkerCount} (cores − 1, from 1 to 4). */
  threads?: number;
  /** A request not answered in this time fails and restarts its thread. Default 30 000 ms. */
  requestTimeoutMs?: number;
  /** First wait before restarting a thread that died; doubled after each failed restart, up to 30 s. Default 100 ms. */
  respawnDelayMs?: number;
  /** Default: Node's `worker_threads` running `dist/src/workers/index-worker.js`. */
  spawn?: SpawnThread;
  /** Default: nowhere. */
  logger?: Logger;
  /** Default: Node's timers. */
  timers?: Timers;
}

/** A corpus loaded into worker threads: what {@link WorkerIndexPool.load} gives, and the corpus watcher takes. */
export interface PooledCorpus {
  /** Serves the corpus; `release()` ends its threads. */
  index: IndexWorkers;
  /** The corpus without its papers (they stay in the threads). */
  corpus: CorpusSummary;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_RESPAWN_DELAY_MS = 100;
const MAX_RESPAWN_DELAY_MS = 30_000;

/**
 * Serves corpora from worker threads, so ranking, answer building and corpus loading never run
 * on the main thread's event loop (where Slack and Discord acknowledgements wait). Each
 * {@link load} starts a set of threads on one corpus; a reload is another `load` — the old set
 * serves until the new one is swapped in and released — so the main thread only ever receives
 * a corpus summary, never parses or indexes a corpus. See docs/dev/search-engine.md, "Worker pool".
 *
 * @example
 * const pool = new WorkerIndexPool({ logger });
 * const { index, corpus } = await pool.load('seeds');
 * const bot = new Paperbot(index);
 * // …
 * await pool.close();
 */
export class WorkerIndexPool {
  private readonly live = new Set<IndexWorkers>();
  private closed = false;
  readonly threads: number;
  private readonly options: Required<Omit<WorkerPoolOptions, 'threads'>>;

  constructor(options: WorkerPoolOptions = {}) {
    this.threads = options.threads ?? defaultWorkerCount();
    this.options = {
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      respawnDelayMs: options.respawnDelayMs ?? DEFAULT_RESPAWN_DELAY_MS,
      spawn: options.spawn ?? spawnWorkerThread,
      logger: options.logger ?? silentLogger,
      timers: options.timers ?? systemTimers,
    };
  }

  /**
   * Loads a corpus (file or directory) into {@link threads} new threads and resolves once all
   * serve it; rejects with the corpus's load error (a `CorpusError`, as `loadIndex` would).
   * With `allowStale`, threads serve the corpus's previous snapshot when it changed since (its
   * summary then says `stale`): start-up then reloads in new threads instead of waiting.
   */
  async load(corpusPath: string, options: { allowStale?: boolean } = {}): Promise<PooledCorpus> {
    if (this.closed) throw indexUnavailable('The worker pool is shut down.');
    const index = await IndexWorkers.start(corpusPath, {
      ...this.options,
      ...(options.allowStale ? { allowStale: true } : {}),
      threads: this.threads,
      maxRespawnDelayMs: MAX_RESPAWN_DELAY_MS,
      onClose: () => this.live.delete(index),
    });
    if (this.closed) {
      await index.close();
      throw indexUnavailable('The worker pool was shut down while loading.');
    }
    this.live.add(index);
    return { index, corpus: index.corpus };
  }

  /** Ends every thread of every corpus; requests in flight fail with `IndexUnavailable`. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.live].map((index) => index.close()));
  }
}
