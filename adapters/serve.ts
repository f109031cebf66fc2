import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { IndexService } from '../src/app/index-service.js';
import { Paperbot } from '../src/app/paperbot.js';
import { describeCorpus, loadIndex, openIndex, type LoadedIndex } from '../src/app/load-index.js';
import { LocalIndexService } from '../src/app/local-index-service.js';
import { summarizeCorpus, type CorpusSummary } from '../src/corpus/corpus-summary.js';
import type { LoadedCorpus } from '../src/corpus/load-corpus.js';
import { defaultCorpusPath } from '../src/config/package-root.js';
import type { Env } from '../src/config/env.js';
import { createSyncSchedule, syncSourcesFromFlags } from '../src/ingest/sync/index.js';
import { watchCorpus, type CorpusWatcher } from '../src/ingest/watch-corpus.js';
import { runDueDigests } from '../src/digest/run-digests.js';
import { startDigestSchedule, type DigestSchedule } from '../src/digest/scheduler.js';
import type { Logger } from '../src/log/logger.js';
import { describeDatabaseTarget, openStore, parseDatabaseUrl } from '../src/store/open-store.js';
import { DEFAULT_CONVERSATION_TTL_HOURS, StoreSessionStore } from '../src/session/store-session-store.js';
import type { PaperbotStore } from '../src/store/store.js';
import { systemClock } from '../src/time/clock.js';
import { defaultWorkerCount } from '../src/workers/index-thread.js';
import { WorkerIndexPool } from '../src/workers/worker-index-pool.js';
import { startDiscord } from './discord/index.js';
import { redactingLogger } from './discord/safe-log.js';
import { superviseFrontEnd, type FrontEndRetry, type SupervisedFrontEnd } from './front-end-supervisor.js';
import { digestPosters } from './posters.js';
import { botHealth, startSlack } from './slack/index.js';

/** What to run in this process. */
export interface ServeOptions {
  slack: boolean;
  discord: boolean;
  /** Run the digest schedule here. Exactly one process of a deployment should (the sharding manager, not its shards). */
  digests: boolean;
  /** How a front-end that fails to start is retried. Default: after 5 s, doubling up to 5 minutes. */
  frontEndRetry?: FrontEndRetry;
  /** How long a Discord login may take before the attempt counts as failed (ms). Default 60 s. */
  discordLoginTimeoutMs?: number;
}

/** The running services; `stop()` ends them in order and closes the store. */
export interface Services {
  bot: Paperbot;
  /** Each front-end, starting (and retrying) on its own: `settled` once it is up or has given up. */
  frontEnds: SupervisedFrontEnd[];
  stop(): Promise<void>;
}

/** A corpus ready to serve, wherever its index lives. */
export interface ServedCorpus {
  index: IndexService;
  corpus: LoadedCorpus | CorpusSummary;
}

/**
 * Where the index lives: in `threads` worker threads (serve: `PAPERBOT_WORKERS`, default cores − 1,
 * from 1 to 4), so ranking, answers and corpus reloads never hold up the event loop that acknowledges
 * Slack and Discord; with 0, in this thread. Returns how to load a corpus, and how to stop.
 */
export function indexHost(
  threads: number,
  logger: Logger,
): { load(path: string, options?: { allowStale?: boolean }): Promise<ServedCorpus>; close(): Promise<void>; threads: number } {
  if (threads === 0) {
    return {
      threads,
      load: async (path, options = {}) => {
        const { index, corpus, stale }: LoadedIndex & { stale?: boolean } = options.allowStale ? await openIndex(path, { rebuild: false, logger }) : await loadIndex(path);
        return { index: new LocalIndexService(index), corpus: stale ? { ...summarizeCorpus(corpus), stale } : corpus };
      },
      close: async () => {},
    };
  }
  const pool = new WorkerIndexPool({ threads, logger });
  return { threads, load: (path, options) => pool.load(path, options), close: () => pool.close() };
}

/**
 * Starts the long-running bot: loads the corpus (in worker threads, see {@link indexHost}) and
 * watches its directory (a changed file is loaded without a restart, and swapped in whole),
 * opens the store (migrations run), where asked runs the digest schedule (a missed digest is
 * caught up once at start-up), and starts the configured platforms. Each platform starts in the
 * background and is retried with backoff until it is up (see {@link superviseFrontEnd}), so this
 * returns once the corpus and the store are ready, whatever the platforms' state. Logs one line
 * saying what it serves.
 */
export async function serve(env: Env, logger: Logger, options: ServeOptions): Promise<Services> {
  const corpusPath = env.CORPUS_DIR ?? defaultCorpusPath();
  const host = indexHost(env.PAPERBOT_WORKERS ?? defaultWorkerCount(), logger);
  const stops: Array<() => Promise<void> | void> = [() => host.close()];
  const dataDir = env.DATA_DIR ? resolve(env.DATA_DIR) : undefined;
  let papers = 0;
  let bot: Paperbot;
  let store: PaperbotStore | undefined;
  let watcher: CorpusWatcher<ServedCorpus> | undefined;
  try {
    // A corpus changed since the last run is served from its previous snapshot at once, and
    // indexed anew in the background (below), instead of keeping every platform waiting.
    const loaded = await host.load(corpusPath, { allowStale: true });
    papers = loaded.index.size;
    for (const line of describeCorpus(loaded.corpus, corpusPath)) logger.info({ corpus: corpusPath, workers: host.threads }, line);
    store = await openStore(env.DATABASE_URL, { dataDir });
    // Conversations live in the store: every instance behind one database continues them.
    const sessions = new StoreSessionStore(store, { ttlMs: (env.CONVERSATION_TTL_HOURS ?? DEFAULT_CONVERSATION_TTL_HOURS) * 3_600_000, clock: systemClock, logger });
    bot = new Paperbot(loaded.index, { logger, store, sessions, clock: systemClock });
    if ((await stat(corpusPath)).isDirectory()) {
      watcher = watchCorpus(corpusPath, {
        // With workers, new threads load the changed corpus while the old ones keep answering.
        load: (path) => host.load(path),
        initial: loaded.corpus,
        logger,
        onReload: (next) => {
          bot.replaceIndex(next.index);
          logger.info({ corpus: corpusPath, papers: next.index.size }, 'corpus reloaded');
        },
        onDiscard: (next) => next.index.release?.(),
      });
      stops.push(() => watcher!.close());
    }
    if (summarizeCorpus(loaded.corpus).stale) {
      // The watcher's reload indexes the corpus as it is (in new threads) and swaps it in;
      // without a watcher (a single file), the same by hand.
      const rebuild = watcher
        ? watcher.reload()
        : host.load(corpusPath).then((next) => {
            bot.replaceIndex(next.index);
            logger.info({ corpus: corpusPath, papers: next.index.size }, 'corpus re-indexed');
          });
      void rebuild.catch((error: unknown) => logger.warn({ corpus: corpusPath, err: error }, 're-indexing the changed corpus failed; the previous index stays in use'));
    }
  } catch (error) {
    // Worker threads would keep the process alive after a failed start.
    await host.close();
    await store?.close();
    throw error;
  }
  if (options.digests && env.SYNC_EVERY_MINUTES && watcher) {
    // New papers land in the watched directory; the watcher loads them, the next digest has them.
    const sync = createSyncSchedule({
      everyMs: env.SYNC_EVERY_MINUTES * 60_000,
      runAtStart: true,
      logger,
      sync: {
        dir: corpusPath,
        sources: syncSourcesFromFlags({
          arxivCategory: env.SYNC_ARXIV_CATEGORIES?.split(',').map((c) => c.trim()).filter(Boolean),
          ...(env.SYNC_ARXIV_QUERY ? { arxivQuery: env.SYNC_ARXIV_QUERY } : {}),
          ...(env.SYNC_ARXIV_MAX ? { max: env.SYNC_ARXIV_MAX } : {}),
          ...(env.SYNC_HF_DAILY ? { hfDaily: true } : {}),
        }),
        logger,
        ...(env.ARXIV_API_URL ? { arxivApiUrl: env.ARXIV_API_URL } : {}),
        ...(env.HF_API_URL ? { hfApiUrl: env.HF_API_URL } : {}),
      },
    });
    stops.push(() => sync.stop());
  }
  let lastDigestTick: number | undefined;
  let schedule: DigestSchedule | undefined;
  if (options.digests) {
    const posters = digestPosters(env, logger);
    schedule = startDigestSchedule(
      async (now) => {
        lastDigestTick = now;
        const report = await bot.withIndex((index) => runDueDigests({ store: store!, index, posters, now, logger }));
        if (report.sent.length || report.failed.length) logger.info({ sent: report.sent, failed: report.failed }, 'digest run');
      },
      { clock: systemClock, logger },
    );
    stops.push(() => schedule!.stop());
  }
  // Started last and stopped first; each on its own, so a platform that is down holds up
  // neither the other one nor the digests, and SIGTERM stops whatever is up.
  const frontEnds = startFrontEnds(bot, env, logger, options, () => lastDigestTick);
  for (const frontEnd of frontEnds) stops.push(() => frontEnd.stop());
  logStart(logger, {
    frontEnds: frontEnds.map((frontEnd) => frontEnd.name),
    store: describeDatabaseTarget(parseDatabaseUrl(env.DATABASE_URL, process.cwd(), dataDir)),
    corpus: { path: resolve(corpusPath), papers, workers: host.threads },
    digests: options.digests,
  });
  return {
    bot,
    frontEnds,
    async stop() {
      for (const stop of stops.reverse()) await stop();
      await store!.close();
    },
  };
}

/** The configured front-ends, each starting (and retrying with backoff) in the background. */
function startFrontEnds(bot: Paperbot, env: Env, logger: Logger, options: ServeOptions, lastDigestTick: () => number | undefined): SupervisedFrontEnd[] {
  const retry = options.frontEndRetry ? { retry: options.frontEndRetry } : {};
  const frontEnds: SupervisedFrontEnd[] = [];
  if (options.slack) {
    // The supervisor logs start errors' messages: never with a credential in them.
    const slackLogger = redactingLogger(logger, [env.SLACK_BOT_TOKEN, env.SLACK_APP_TOKEN, env.SLACK_SIGNING_SECRET]);
    frontEnds.push(superviseFrontEnd('slack', () => startSlack(bot, env, logger, { health: botHealth(bot, lastDigestTick) }), { logger: slackLogger, ...retry }));
  }
  if (options.discord) {
    const loginTimeout = options.discordLoginTimeoutMs !== undefined ? { loginTimeoutMs: options.discordLoginTimeoutMs } : {};
    frontEnds.push(
      superviseFrontEnd('discord', (signal) => startDiscord(bot, env, logger, { signal, ...loginTimeout }), {
        logger: redactingLogger(logger, [env.DISCORD_TOKEN]),
        ...retry,
      }),
    );
  }
  return frontEnds;
}

/** What this process serves, for the operator: one line at start, nothing secret in it. */
export interface StartSummary {
  frontEnds: string[];
  store: Record<string, string | number>;
  corpus: { path: string; papers: number; workers: number };
  digests: boolean;
}

function logStart(logger: Logger, summary: StartSummary): void {
  const store = summary.store.kind === 'sqlite' ? `SQLite ${summary.store.path}` : `PostgreSQL on ${summary.store.host}${summary.store.port ? `:${summary.store.port}` : ''}`;
  const frontEnds = summary.frontEnds.length ? summary.frontEnds.join(' and ') : 'no chat front-end';
  logger.info(
    { ...summary },
    `paperbot serving ${frontEnds}; store: ${store}; corpus: ${summary.corpus.path} (${summary.corpus.papers} papers, ${summary.corpus.workers} worker thread${summary.corpus.workers === 1 ? '' : 's'})` +
      (summary.digests ? '; digests on' : ''),
  );
}
