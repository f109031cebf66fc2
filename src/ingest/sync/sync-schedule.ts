import { InvalidOptionError } from '../../errors.js';
import { silentLogger, type Logger } from '../../log/logger.js';
import { formatMs } from './http.js';
import { syncCorpus, type SyncOptions, type SyncReport } from './sync-corpus.js';
import type { Timers } from '../../time/timers.js';

const realTimers: Timers = {
  setTimeout: (run, ms) => {
    const handle = setTimeout(run, ms);
    // A pending sync never keeps the process alive on its own.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Shortest interval a schedule accepts: the sources are public services. */
export const MIN_SYNC_INTERVAL_MS = 60_000;

export interface SyncScheduleOptions {
  /** Time from the end of one sync to the start of the next (at least a minute). */
  everyMs: number;
  /** What each run syncs (the directory the bot's watcher watches, so new papers load by themselves). */
  sync: SyncOptions;
  /** Run once right away. Default false: the first run is `everyMs` after the start. */
  runAtStart?: boolean;
  /** Called with each report (after it was logged). */
  onReport?: (report: SyncReport) => void;
  logger?: Logger;
  timers?: Timers;
  /** Default {@link syncCorpus}. */
  run?: (options: SyncOptions) => Promise<SyncReport>;
}

export interface SyncSchedule {
  /** Syncs now (or joins the run in progress: runs never overlap); undefined when it failed (logged). */
  runNow(): Promise<SyncReport | undefined>;
  /** Stops scheduling and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs {@link syncCorpus} every `everyMs`, never two at once; failures are logged and the
 * schedule goes on. The sync only appends to the corpus directory: a `watchCorpus` on the same
 * directory loads the new papers into the bot.
 */
export function createSyncSchedule(options: SyncScheduleOptions): SyncSchedule {
  if (!Number.isFinite(options.everyMs) || options.everyMs < MIN_SYNC_INTERVAL_MS) {
    throw new InvalidOptionError(`A sync schedule runs at most once a minute; got every ${formatMs(options.everyMs)}.`);
  }
  const logger = options.logger ?? silentLogger;
  const timers = options.timers ?? realTimers;
  const run = options.run ?? syncCorpus;
  let timer: unknown;
  let running: Promise<SyncReport | undefined> | undefined;
  let stopped = false;

  const schedule = (): void => {
    if (stopped) return;
    timer = timers.setTimeout(() => {
      timer = undefined;
      void runNow();
    }, options.everyMs);
  };

  function runNow(): Promise<SyncReport | undefined> {
    if (running !== undefined) return running;
    if (timer !== undefined) {
      timers.clearTimeout(timer);
      timer = undefined;
    }
    running = (async () => {
      try {
        const report = await run(options.sync);
        options.onReport?.(report);
        return report;
      } catch (error) {
        logger.error({ dir: options.sync.dir, err: error }, `scheduled sync failed: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      } finally {
        running = undefined;
        schedule();
      }
    })();
    return running;
  }

  if (options.runAtStart) void runNow();
  else schedule();

  return {
    runNow,
    async stop() {
      stopped = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
