import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../config/package-root.js';
import { ConfigError } from '../errors.js';
import type { WorkerInit, WorkerMessage, WorkerRequest } from './protocol.js';

/** What a thread tells its owner. */
export interface ThreadEvents {
  message(message: WorkerMessage): void;
  /** The thread ended, whatever the cause (crash, `process.exit`, out of memory, terminate). */
  exit(reason: string): void;
}

/** One index thread as the pool drives it: a real worker thread, or a fake in tests. */
export interface IndexThread {
  post(request: WorkerRequest): void;
  /** Ends the thread; its `exit` event still follows. */
  terminate(): Promise<void>;
}

/** Starts a thread that loads `init.corpusPath` and then answers requests. */
export type SpawnThread = (init: WorkerInit, events: ThreadEvents) => IndexThread;

/**
 * The worker's entry file. Workers run JavaScript, so it is the built file under the package's
 * `dist/` — for the installed CLI and `npm start` alike, and for tests run from `src/` by vitest
 * (whose global setup builds `dist/` first).
 */
export function workerEntryFile(): string {
  return join(packageRoot(), 'dist', 'src', 'workers', 'index-worker.js');
}

/** Threads per corpus by default: one per core left after the main thread's, from 1 to 4. */
export function defaultWorkerCount(cores: number = availableParallelism()): number {
  return Math.max(1, Math.min(4, cores - 1));
}

/** {@link SpawnThread} with Node's `worker_threads`, running {@link workerEntryFile}. */
export const spawnWorkerThread: SpawnThread = (init, events) => {
  const file = workerEntryFile();
  if (!existsSync(file)) {
    throw new ConfigError(`Index worker "${file}" not found: run "npm run build" first, or set PAPERBOT_WORKERS=0 to index in the main thread.`);
  }
  const worker = new Worker(file, { workerData: init });
  let failure: Error | undefined;
  worker.on('message', (message: WorkerMessage) => events.message(message));
  // An uncaught exception in the worker: 'error', then 'exit'.
  worker.on('error', (error) => (failure = error));
  worker.on('exit', (code) => events.exit(failure ? `${failure.message} (exit code ${code})` : `exit code ${code}`));
  return {
    post: (request) => worker.postMessage(request),
    terminate: async () => {
      await worker.terminate();
    },
  };
};
