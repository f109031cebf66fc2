import type { IndexService } from '../app/index-service.js';
import type { CorpusSummary } from '../corpus/corpus-summary.js';

/** The questions a worker answers: every {@link IndexService} method. */
export type IndexOp = Exclude<keyof IndexService, 'size' | 'release'>;

/** What a worker thread starts with (its `workerData`). */
export interface WorkerInit {
  /** The corpus file or directory the worker loads and serves for its whole life. */
  corpusPath: string;
  /** Serve the previous snapshot when the corpus changed since (start-up; the caller reloads). */
  allowStale?: boolean;
}

/** A question from the main thread; `id` pairs it with its reply. */
export interface WorkerRequest {
  id: number;
  op: IndexOp;
  args: unknown[];
}

/** An error as it crosses threads: its code (an `ErrorCode`) and message; the stack for logs. */
export interface WireError {
  code: string;
  message: string;
  stack?: string;
}

/** What a worker thread posts. */
export type WorkerMessage =
  /** The corpus is loaded and indexed: the worker answers requests from now on. */
  | { kind: 'ready'; summary: CorpusSummary }
  /** The corpus did not load; the worker ends. */
  | { kind: 'failed'; error: WireError }
  | { kind: 'reply'; id: number; ok: true; value: unknown }
  | { kind: 'reply'; id: number; ok: false; error: WireError };
