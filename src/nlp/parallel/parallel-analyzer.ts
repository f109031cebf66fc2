import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../../config/package-root.js';
import type { AnalyzedToken } from '../analyzer.js';
import { TokenBatchDecoder, type TokenBatch } from './token-codec.js';

/** A batch of texts sent to an analyzer thread. */
export interface AnalyzeRequest {
  id: number;
  texts: string[];
}

/** An analyzer thread's answer to one {@link AnalyzeRequest}. */
export type AnalyzeReply = { id: number; batch: TokenBatch; error?: undefined } | { id: number; error: string; batch?: undefined };

/** Options of {@link analyzeInThreads}. */
export interface ParallelAnalyzeOptions {
  /** Worker threads. Default 2. */
  threads?: number;
  /** Texts per message: large enough that messaging costs little, small enough to stream. Default 256. */
  batchSize?: number;
  /** Batches sent ahead of the one being consumed, per thread (bounds memory). Default 3. */
  aheadPerThread?: number;
}

/**
 * Analyzes texts in worker threads (wink-nlp tokenising is most of the cost of indexing), and
 * yields the results batch by batch, in the texts' order, as they arrive — the caller indexes
 * one batch while the threads analyze the next ones. Only a few batches are in flight, so a
 * 100k-paper corpus is never held analyzed all at once. The threads end when the iteration ends
 * (or is abandoned); a thread's failure rejects the iteration.
 */
export async function* analyzeInThreads(texts: readonly string[], options: ParallelAnalyzeOptions = {}): AsyncGenerator<AnalyzedToken[][]> {
  const threads = Math.max(1, options.threads ?? 2);
  const batchSize = Math.max(1, options.batchSize ?? 256);
  const ahead = Math.max(1, options.aheadPerThread ?? 3) * threads;
  const batches = Math.ceil(texts.length / batchSize);
  const workers = Array.from({ length: Math.min(threads, Math.max(1, batches)) }, () => new Worker(analyzeWorkerPath()));
  const decoders = workers.map(() => new TokenBatchDecoder());
  const waiting = new Map<number, { resolve: (batch: TokenBatch) => void; reject: (error: Error) => void }>();
  const replies: Array<Promise<TokenBatch>> = [];
  const failAll = (error: Error) => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  workers.forEach((worker, w) => {
    worker.on('message', (reply: AnalyzeReply) => {
      const entry = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (reply.error !== undefined) entry?.reject(new Error(`analyzer thread ${w}: ${reply.error}`));
      else entry?.resolve(reply.batch);
    });
    worker.on('error', (error) => failAll(error));
    worker.on('exit', (code) => {
      if (waiting.size > 0) failAll(new Error(`analyzer thread ${w} exited (code ${code}) with batches unanswered`));
    });
  });
  const send = (k: number) => {
    replies[k] = new Promise<TokenBatch>((resolve, reject) => waiting.set(k, { resolve, reject }));
    // An unconsumed rejection is reported by the consumer's await, not as an unhandled one.
    replies[k]!.catch(() => {});
    workers[k % workers.length]!.postMessage({ id: k, texts: texts.slice(k * batchSize, (k + 1) * batchSize) } satisfies AnalyzeRequest);
  };
  try {
    let sent = 0;
    for (let k = 0; k < batches; k++) {
      while (sent < batches && sent < k + ahead) send(sent++);
      const batch = await replies[k]!;
      delete replies[k];
      // Batches of a thread are decoded in the order it encoded them (k ≡ w mod threads).
      yield decoders[k % workers.length]!.decode(batch);
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/**
 * The worker script: beside this module when running from dist/, else (sources run by vitest)
 * the built copy in dist/ — worker threads need JavaScript.
 */
function analyzeWorkerPath(): string {
  const here = fileURLToPath(new URL('./analyze-worker.js', import.meta.url));
  return existsSync(here) ? here : join(packageRoot(), 'dist', 'src', 'nlp', 'parallel', 'analyze-worker.js');
}
