import { setImmediate as nextTurn } from 'node:timers/promises';
import { summarizeCorpus, type CorpusSummary } from '../corpus/corpus-summary.js';
import { formatCorpusIssue, parseCorpusFiles, readCorpusFiles, type CorpusFileContent, type LoadedCorpus } from '../corpus/index.js';
import { silentLogger, type Logger } from '../log/logger.js';
import type { Paper } from '../corpus/paper.js';
import { PaperIndex } from '../search/paper-index.js';
// The analysis threads of a large build: as many as index worker threads, one per core left over.
import { defaultWorkerCount } from '../workers/index-thread.js';
import type { RankingOptions } from '../search/ranking-options.js';
import { decodeIndexSnapshot, encodeIndexSnapshot, type IndexSnapshot } from '../search/snapshot/paper-index-snapshot.js';
import { defaultSnapshotDir, SnapshotCache } from '../search/snapshot/snapshot-cache.js';
import { SnapshotError } from '../search/snapshot/snapshot-error.js';
import { indexKey } from './index-key.js';

/** A loaded corpus and its index. */
export interface LoadedIndex {
  index: PaperIndex;
  corpus: LoadedCorpus;
}

/** Options of {@link loadIndex} and {@link openIndex}. */
export interface LoadIndexOptions {
  /** How the index ranks. Default: the ranking defaults. */
  ranking?: Partial<RankingOptions>;
  /**
   * {@link openIndex} only: rebuild a stale index in this thread after returning. Default true;
   * false when the caller rebuilds elsewhere (the bot: in new worker threads, as a reload).
   */
  rebuild?: boolean;
  /**
   * Directory of index snapshots, or false to neither read nor write one (`--no-cache`).
   * Default {@link defaultSnapshotDir}: `$PAPERBOT_CACHE_DIR`, else `$XDG_CACHE_HOME/paperbot/snapshots`.
   */
  cacheDir?: string | false;
  /** Snapshots kept in the directory (least recently used deleted). Default 8. */
  maxSnapshots?: number;
  /** Where refused snapshots and failed saves are reported (warn), and hits and builds (debug). Default: nowhere. */
  logger?: Logger;
}

/** What {@link openIndex} gives: an index to serve now, and whether it is of the corpus as it is. */
export interface OpenedIndex extends LoadedIndex {
  /**
   * True when the corpus changed since the snapshot served here was made: `index` and `corpus`
   * are the previous ones, and {@link rebuilt} resolves to the current corpus's.
   */
  stale: boolean;
  /**
   * With `stale`, the index of the corpus as it is now, built (and saved) after this call
   * returns; rejects (with the CorpusError) when the corpus no longer loads. Await or `.then`
   * it to swap the new index in (`bot.replaceIndex`).
   */
  rebuilt?: Promise<LoadedIndex>;
}

/**
 * Loads a corpus (file or directory) and its index. With a snapshot cache (the default), the
 * corpus files' bytes are hashed ({@link indexKey}); a snapshot of that key is loaded instead of
 * parsing and analysing the corpus, and a built index is saved for next time. A snapshot that is
 * truncated, corrupt or of another version is never trusted: it is rebuilt, with a warning
 * saying why. A failed save (read-only directory, full disk) is a warning, never a failure.
 * Throws a CorpusError when nothing loads.
 *
 * The second argument may also be ranking options alone (the former signature).
 */
export async function loadIndex(path: string, options: LoadIndexOptions | Partial<RankingOptions> = {}): Promise<LoadedIndex> {
  const settings = asLoadOptions(options);
  const files = await readCorpusFiles(path);
  const cache = snapshotCache(settings);
  if (!cache) return await build(files, path, settings);
  const logger = settings.logger ?? silentLogger;
  const key = await indexKey(files, settings.ranking);
  const hit = await readSnapshot(cache, key, path, logger);
  if (hit) return hit;
  return buildAndSave(files, path, key, cache, settings);
}

/**
 * {@link loadIndex} for a bot that starts before its corpus is indexed: when the corpus changed
 * since the last snapshot of this path, that snapshot is served at once (`stale: true`) while
 * the current corpus is parsed, indexed and saved after this returns (`rebuilt`). With an
 * unchanged corpus, or no previous snapshot, it is {@link loadIndex}. The rebuild runs on this
 * thread: hand the returned promise's work to a worker to keep the event loop free.
 */
export async function openIndex(path: string, options: LoadIndexOptions = {}): Promise<OpenedIndex> {
  const files = await readCorpusFiles(path);
  const cache = snapshotCache(options);
  if (!cache) return { ...(await build(files, path, options)), stale: false };
  const logger = options.logger ?? silentLogger;
  const key = await indexKey(files, options.ranking);
  const hit = await readSnapshot(cache, key, path, logger);
  if (hit) return { ...hit, stale: false };
  const previousKey = await cache.latest(path);
  const previous = previousKey === undefined ? undefined : await readSnapshot(cache, previousKey, path, logger, false);
  if (!previous) return { ...(await buildAndSave(files, path, key, cache, options)), stale: false };
  logger.info({ corpus: path, papers: previous.index.size }, 'corpus changed since its last snapshot: serving that snapshot while the index is rebuilt');
  if (options.rebuild === false) return { ...previous, stale: true };
  const rebuilt = (async () => {
    // Let the caller start serving the previous index before the rebuild takes the thread.
    await nextTurn();
    return buildAndSave(files, path, key, cache, options);
  })();
  // The caller may never await it: a failed rebuild is logged here, not an unhandled rejection.
  rebuilt.catch((error: unknown) => logger.warn({ corpus: path, err: error }, 'index rebuild failed; the previous index stays in use'));
  return { ...previous, stale: true, rebuilt };
}

/** Most corpus problems listed one by one; the rest are counted. */
const MAX_LISTED_ISSUES = 20;

/**
 * What to tell the user after loading: how many papers from where, and every skipped record
 * with its file:line and field (the first {@link MAX_LISTED_ISSUES}), so nothing is lost silently.
 */
export function describeCorpus(loaded: LoadedCorpus | CorpusSummary, path: string): string[] {
  const corpus = summarizeCorpus(loaded);
  const lines = [
    `Loaded ${corpus.paperCount} papers from ${path} (${corpus.files.length} file${corpus.files.length === 1 ? '' : 's'}` +
      (corpus.merged ? `, ${corpus.merged} duplicate${corpus.merged === 1 ? '' : 's'} merged` : '') +
      ').',
  ];
  if (corpus.skipped > 0 || corpus.issues.length > 0) {
    lines.push(`Skipped ${corpus.skipped} record${corpus.skipped === 1 ? '' : 's'}; ${corpus.issues.length} problem${corpus.issues.length === 1 ? '' : 's'}:`);
    for (const issue of corpus.issues.slice(0, MAX_LISTED_ISSUES)) lines.push(`  ${formatCorpusIssue(issue)}`);
    if (corpus.issues.length > MAX_LISTED_ISSUES) lines.push(`  … and ${corpus.issues.length - MAX_LISTED_ISSUES} more`);
  }
  return lines;
}

const LOAD_OPTION_KEYS = ['ranking', 'cacheDir', 'maxSnapshots', 'logger'];

/** The options, also when given as ranking options alone (the former second argument). */
function asLoadOptions(options: LoadIndexOptions | Partial<RankingOptions>): LoadIndexOptions {
  const keys = Object.keys(options);
  if (keys.length === 0 || keys.some((key) => LOAD_OPTION_KEYS.includes(key))) return options as LoadIndexOptions;
  return { ranking: options as Partial<RankingOptions> };
}

function snapshotCache(options: LoadIndexOptions): SnapshotCache | undefined {
  if (options.cacheDir === false) return undefined;
  return new SnapshotCache(options.cacheDir ?? defaultSnapshotDir(), options.maxSnapshots === undefined ? {} : { maxSnapshots: options.maxSnapshots });
}

/**
 * From this many papers on, analysis runs in worker threads: below it, starting a thread (each
 * loads the language model, ~0.1 s) costs more than it saves.
 */
export const THREADED_BUILD_MIN_PAPERS = 5_000;


/** Indexes papers as the bot does: in this thread for a small corpus, with analysis threads for a large one. */
export async function buildIndex(papers: readonly Paper[], ranking: Partial<RankingOptions> = {}): Promise<PaperIndex> {
  return papers.length >= THREADED_BUILD_MIN_PAPERS
    ? await PaperIndex.buildInThreads(papers, ranking, { threads: defaultWorkerCount() })
    : PaperIndex.build(papers, ranking);
}

async function build(files: readonly CorpusFileContent[], path: string, options: LoadIndexOptions): Promise<LoadedIndex> {
  const corpus = parseCorpusFiles(files, path);
  return { corpus, index: await buildIndex(corpus.papers, options.ranking) };
}

/**
 * The snapshot of `key` with its corpus, or undefined when there is none or it cannot be
 * trusted (then a warning says why, and the file is deleted: the rebuild replaces it). With
 * `remember`, the path's latest-key pointer is set to it.
 */
async function readSnapshot(cache: SnapshotCache, key: string, path: string, logger: Logger, remember = true): Promise<LoadedIndex | undefined> {
  const file = cache.pathOf(key);
  let bytes: Buffer | undefined;
  try {
    bytes = await cache.read(key);
  } catch (error) {
    logger.warn({ corpus: path, snapshot: file, err: error }, 'cannot read the index snapshot; rebuilding the index');
    return undefined;
  }
  if (bytes === undefined) {
    logger.debug({ corpus: path, snapshot: file }, 'no index snapshot for this corpus; building the index');
    return undefined;
  }
  let snapshot: IndexSnapshot;
  try {
    snapshot = decodeIndexSnapshot(bytes, key);
  } catch (error) {
    const why = error instanceof SnapshotError ? error.message : `cannot be decoded: ${(error as Error).message}`;
    logger.warn({ corpus: path, snapshot: file }, `${why}; not trusted, rebuilding the index`);
    await cache.remove(key);
    return undefined;
  }
  if (!snapshot.corpus) {
    logger.warn({ corpus: path, snapshot: file }, 'index snapshot without its corpus summary; rebuilding the index');
    return undefined;
  }
  logger.debug({ corpus: path, snapshot: file, papers: snapshot.index.size }, 'index loaded from its snapshot');
  await cache.touch(key);
  if (remember) await cache.setLatest(path, key).catch(() => undefined);
  return { index: snapshot.index, corpus: snapshot.corpus };
}

/** Parses and indexes the corpus, then saves its snapshot; a failed save is a warning. */
async function buildAndSave(files: readonly CorpusFileContent[], path: string, key: string, cache: SnapshotCache, options: LoadIndexOptions): Promise<LoadedIndex> {
  const loaded = await build(files, path, options);
  const logger = options.logger ?? silentLogger;
  try {
    const { papers: _papers, ...summary } = loaded.corpus;
    await cache.write(key, encodeIndexSnapshot(loaded.index, key, summary));
    await cache.setLatest(path, key);
    logger.debug({ corpus: path, snapshot: cache.pathOf(key) }, 'index snapshot saved');
  } catch (error) {
    logger.warn({ corpus: path, snapshot: cache.pathOf(key), err: error }, `cannot save the index snapshot (${(error as Error).message}); the index is not cached`);
  }
  return loaded;
}
