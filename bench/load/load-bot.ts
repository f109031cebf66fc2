/**
 * The bot under load, built the way adapters/serve.ts builds it for `npm start` — the corpus
 * directory loaded and indexed, a `Paperbot` over it, and the corpus watcher swapping in a new
 * index when a file changes — without serve()'s store, digests and environment (serve() needs
 * real tokens, opens a database and listens on every interface; the load test listens on
 * 127.0.0.1 only). One function, so the bot's construction can change (a worker pool) in one place.
 */
import { performance } from 'node:perf_hooks';
import { Paperbot } from '../../src/app/paperbot.js';
import { watchCorpus } from '../../src/ingest/watch-corpus.js';
import { indexHost } from '../../adapters/serve.js';
import type { Logger } from '../../src/log/logger.js';
import type { ReloadEnd } from './load-protocol.js';

export interface LoadBotOptions {
  corpusDir: string;
  /** Worker threads for ranking and reloads; 0: on the event loop, as today. */
  workers: number;
  logger: Logger;
  /** A reload began (the watcher saw a file change and its quiet time ended). */
  onReloadStart(): void;
  /** A reload ended: swapped in (`papers` now served) or refused (the old corpus stays). */
  onReloadEnd(outcome: ReloadEnd): void;
}

export interface LoadBot {
  bot: Paperbot;
  papers: number;
  /** Initial load and index build, ms. */
  buildMs: number;
  close(): Promise<void>;
}

export async function startLoadBot(options: LoadBotOptions): Promise<LoadBot> {
  // The index lives where serve() puts it: in `workers` threads, or on this event loop (0).
  const host = indexHost(options.workers, options.logger);
  const started = performance.now();
  const loaded = await host.load(options.corpusDir);
  const buildMs = performance.now() - started;
  const bot = new Paperbot(loaded.index, { logger: options.logger });
  const papers = loaded.index.size;
  let reloadStarted = 0;
  const watcher = watchCorpus(options.corpusDir, {
    initial: loaded.corpus,
    logger: options.logger,
    // The host's load, timed: the same load the watcher runs in serve().
    load: (path) => {
      reloadStarted = performance.now();
      options.onReloadStart();
      return host.load(path);
    },
    onReload: (next) => {
      bot.replaceIndex(next.index);
      options.onReloadEnd({ kind: 'reloaded', papers: next.index.size, ms: performance.now() - reloadStarted });
    },
    onDiscard: (next) => next.index.release?.(),
    onError: (error) => options.onReloadEnd({ kind: 'refused', ms: performance.now() - reloadStarted, reason: error.message }),
  });
  return {
    bot,
    papers,
    buildMs,
    close: async () => {
      await watcher.close();
      await host.close();
    },
  };
}
