import { watch as fsWatch, statSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import { asCodedError, CorpusError, ErrorCode, type PaperbotError } from '../errors.js';
import { silentLogger, type Logger } from '../log/logger.js';
import { formatCorpusIssue, type CorpusIssue } from '../corpus/corpus-issue.js';
import { summarizeCorpus, type CorpusSummary } from '../corpus/corpus-summary.js';
import type { LoadedCorpus } from '../corpus/load-corpus.js';
import { systemTimers, type Timers } from '../time/timers.js';

/** Extensions the corpus loader reads; changes to other files are ignored. */
const CORPUS_EXTENSIONS = new Set(['.txt', '.jsonl', '.json']);

/** Default quiet time after the last change before reloading: editors write a file in several events. */
export const DEFAULT_DEBOUNCE_MS = 500;

/** Most corpus issues logged one by one per reload; the rest are counted. */
const MAX_LOGGED_ISSUES = 20;

/** A directory watch as {@link watchCorpus} uses it; `fs.watch` by default, a fake in tests. */
export type WatchDirectory = (
  dir: string,
  onChange: (filename: string | undefined) => void,
  onError: (error: Error) => void,
) => { close(): void };


/**
 * A corpus loaded for serving, as the watcher sees it: its papers, or only their summary when
 * they were loaded elsewhere (a worker thread), plus whatever the loader adds (the index).
 */
export interface LoadedForWatch {
  corpus: LoadedCorpus | CorpusSummary;
}

/**
 * @typeParam Loaded - What `load` returns: `LoadedIndex` in-process, the workers' index and
 * corpus summary with a worker pool. The watcher never looks past `corpus`.
 */
export interface WatchCorpusOptions<Loaded extends LoadedForWatch> {
  /**
   * How a reload loads the corpus at the watched path (`loadIndex` in-process, the worker
   * pool's `load`). Kept outside, so ingest never depends on how the app indexes and serves.
   */
  load(path: string): Promise<Loaded>;
  /** A new corpus loaded and indexed: swap it in (`bot.replaceIndex(loaded.index)`). */
  onReload(loaded: Loaded): void;
  /**
   * A corpus was loaded but will not be served: the reload was refused, `onReload` threw, or
   * the watcher closed meanwhile. Free what it holds (a worker pool's threads). Default: nothing.
   */
  onDiscard?(loaded: Loaded): void;
  /**
   * A reload was refused and the previous corpus stays in use: the corpus no longer loads
   * (`CorpusError`), or a file that loaded before now yields no paper (`issues` say where).
   */
  onError?(error: PaperbotError, issues: readonly CorpusIssue[]): void;
  logger?: Logger;
  /** Quiet time after the last change before reloading. Default {@link DEFAULT_DEBOUNCE_MS}. */
  debounceMs?: number;
  /**
   * The corpus being served when the watch starts. Files that yield no paper in it already
   * (an empty or foreign file) do not block later reloads; without it, any such file does.
   */
  initial?: LoadedCorpus | CorpusSummary;
  /** Default: `fs.watch` on the directory (not keeping the process alive). */
  watch?: WatchDirectory;
  timers?: Timers;
}

/** How one reload ended. */
export type ReloadOutcome<Loaded extends LoadedForWatch = LoadedForWatch> =
  | { kind: 'reloaded'; loaded: Loaded }
  | { kind: 'refused'; error: PaperbotError; issues: readonly CorpusIssue[] };

export interface CorpusWatcher<Loaded extends LoadedForWatch = LoadedForWatch> {
  /** Stops watching; a reload in progress finishes but is not applied. */
  close(): Promise<void>;
  /**
   * Runs a debounced reload now instead of after the quiet time, and waits for reloads in
   * progress. Resolves to the outcome of the last reload, undefined when there was none to run.
   */
  flush(): Promise<ReloadOutcome<Loaded> | undefined>;
  /** Reloads now, changed or not (e.g. on SIGHUP), after any reload in progress. */
  reload(): Promise<ReloadOutcome<Loaded> | undefined>;
}

/**
 * Whether a change to this file name can change the corpus: a `.txt`, `.jsonl` or `.json`
 * file, not a dotfile (`.#x.txt` lock, `.x.txt.swp`) nor a backup (`x.txt~`, `#x.txt#`).
 */
export function isCorpusFileName(name: string): boolean {
  const base = basename(name);
  if (base.startsWith('.') || base.startsWith('#') || base.startsWith('~') || base.endsWith('~')) return false;
  return CORPUS_EXTENSIONS.has(extname(base).toLowerCase());
}

/** `fs.watch` on a directory; file names as given by the OS (undefined when it gives none). */
export const watchDirectory: WatchDirectory = (dir, onChange, onError) => {
  const watcher = fsWatch(dir, { persistent: false }, (_event, filename) => onChange(filename ?? undefined));
  watcher.on('error', onError);
  return watcher;
};


/**
 * Watches a corpus directory (or the directory of a single corpus file) and reloads the whole
 * corpus when a corpus file is added, changed or removed: after `debounceMs` without further
 * changes, the corpus is loaded and indexed in full, off the request path, and only then handed
 * to `onReload` — questions keep being answered from the old index meanwhile, and one asked
 * during the swap runs wholly on one or the other. Reloads never overlap; changes during one
 * cause another after it.
 *
 * A reload is refused, the previous corpus kept, and the reason sent to `onError` and the
 * logger (with file:line) when the corpus no longer loads at all, or when a file that did not
 * already fail now yields no paper (invalid JSON, not a listing, empty, unreadable) — often a
 * file caught half-written, which its next change event retries. Records skipped within a file
 * that still yields papers do not stop the reload; they are logged.
 */
export function watchCorpus<Loaded extends LoadedForWatch>(path: string, options: WatchCorpusOptions<Loaded>): CorpusWatcher<Loaded> {
  type Outcome = ReloadOutcome<Loaded>;
  const logger = options.logger ?? silentLogger;
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const load = options.load;
  const timers = options.timers ?? systemTimers;
  const singleFile = isFile(path);
  const watchedDir = singleFile ? dirname(path) : path;
  const fileName = singleFile ? basename(path) : undefined;

  /** Files that yielded no paper in the corpus in use (they do not block a reload). */
  let deadFiles = new Set(options.initial === undefined ? [] : deadFilesOf(summarizeCorpus(options.initial)));
  let timer: unknown;
  /** Changed files (names in the directory) not yet covered by a reload; `undefined` = unknown. */
  const changed = new Set<string | undefined>();
  /** A reload is due (debounce over, or forced) but has not started. */
  let due = false;
  let running: Promise<Outcome | undefined> | undefined;
  let closed = false;

  const onChange = (filename: string | undefined): void => {
    if (closed) return;
    if (filename !== undefined && (fileName !== undefined ? basename(filename) !== fileName : !isCorpusFileName(filename))) return;
    changed.add(filename);
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = undefined;
      due = true;
      void start();
    }, debounceMs);
  };

  const onWatchError = (error: Error): void => {
    if (closed) return;
    const coded = new CorpusError(ErrorCode.CorpusInvalid, `Watching corpus "${path}" failed: ${error.message}; changes are no longer picked up.`, {
      cause: error,
    });
    logger.error({ path, err: error }, coded.message);
    options.onError?.(coded, []);
  };

  const watcher = (options.watch ?? watchDirectory)(watchedDir, onChange, onWatchError);
  logger.debug({ path, debounceMs }, 'watching corpus');

  /** Starts draining due reloads unless already draining; resolves to the last outcome. */
  function start(): Promise<Outcome | undefined> {
    // `.finally` runs as a later microtask, so `running` is always set before it is cleared.
    running ??= drain().finally(() => {
      running = undefined;
    });
    return running;
  }

  async function drain(): Promise<Outcome | undefined> {
    let outcome: Outcome | undefined;
    while (due && !closed) {
      due = false;
      try {
        outcome = (await reloadOnce()) ?? outcome;
      } catch (error) {
        // Only a throwing logger gets here; a watcher must never die of it.
        outcome = { kind: 'refused', error: asCodedError(error), issues: [] };
      }
    }
    return outcome;
  }

  async function reloadOnce(): Promise<Outcome | undefined> {
    const files = [...changed].map((file) => file ?? '(unknown)');
    changed.clear();
    logger.info({ path, files }, 'corpus changed; reloading');
    let loaded: Loaded;
    try {
      loaded = await load(path);
    } catch (error) {
      if (closed) return undefined;
      return refuse(asCodedError(error), [], files);
    }
    if (closed) {
      discard(loaded);
      return undefined;
    }

    const corpus = summarizeCorpus(loaded.corpus);
    const newlyDead = deadFilesOf(corpus).filter((file) => !deadFiles.has(file));
    if (newlyDead.length > 0) {
      const issues = corpus.issues.filter((issue) => newlyDead.includes(issue.file));
      const first = issues[0];
      const error = new CorpusError(
        ErrorCode.CorpusInvalid,
        `Corpus "${path}" not reloaded: ${newlyDead.map((file) => `"${file}"`).join(', ')} ${newlyDead.length === 1 ? 'yields' : 'yield'} no paper` +
          (first === undefined ? '' : ` (${formatCorpusIssue(first)})`) +
          '; still serving the previous corpus.',
      );
      discard(loaded);
      return refuse(error, issues, files);
    }

    try {
      options.onReload(loaded);
    } catch (error) {
      const coded = asCodedError(error);
      logger.error({ path, err: error }, `corpus reloaded, but swapping it in failed: ${coded.message}`);
      discard(loaded);
      options.onError?.(coded, []);
      return { kind: 'refused', error: coded, issues: [] };
    }
    deadFiles = new Set(deadFilesOf(corpus));
    logger.info(
      { path, files, papers: corpus.paperCount, corpusFiles: corpus.files.length, skipped: corpus.skipped, merged: corpus.merged, issues: corpus.issues.length },
      `corpus reloaded: ${corpus.paperCount} papers from ${corpus.files.length} file${corpus.files.length === 1 ? '' : 's'}`,
    );
    logIssues(corpus.issues);
    return { kind: 'reloaded', loaded };
  }

  function discard(loaded: Loaded): void {
    try {
      options.onDiscard?.(loaded);
    } catch (error) {
      logger.error({ path, err: error }, 'corpus watcher: onDiscard threw');
    }
  }

  function refuse(error: PaperbotError, issues: readonly CorpusIssue[], files: string[]): Outcome {
    logger.error({ path, files, code: error.code }, error.message);
    logIssues(issues);
    try {
      options.onError?.(error, issues);
    } catch (callbackError) {
      logger.error({ path, err: callbackError }, 'corpus watcher: onError threw');
    }
    return { kind: 'refused', error, issues };
  }

  function logIssues(issues: readonly CorpusIssue[]): void {
    for (const issue of issues.slice(0, MAX_LOGGED_ISSUES)) {
      logger.warn({ path, file: issue.file, line: issue.line, field: issue.field }, formatCorpusIssue(issue));
    }
    if (issues.length > MAX_LOGGED_ISSUES) logger.warn({ path, more: issues.length - MAX_LOGGED_ISSUES }, `… and ${issues.length - MAX_LOGGED_ISSUES} more corpus problems`);
  }

  async function flush(): Promise<Outcome | undefined> {
    if (timer !== undefined) {
      timers.clearTimeout(timer);
      timer = undefined;
      due = true;
    }
    let outcome: Outcome | undefined;
    while (!closed && (due || running !== undefined)) outcome = (await start()) ?? outcome;
    return outcome;
  }

  return {
    flush,
    reload() {
      if (closed) return Promise.resolve(undefined);
      due = true;
      return flush();
    },
    async close() {
      if (closed) return;
      closed = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      watcher.close();
      await running?.catch(() => undefined);
      logger.debug({ path }, 'stopped watching corpus');
    },
  };
}

/**
 * Corpus files that yield no paper but have problems: unreadable, empty, invalid as a whole.
 * Dotfiles are left out (the loader reads them, but editors keep their locks and swaps there).
 */
function deadFilesOf(corpus: CorpusSummary): string[] {
  const live = new Set(corpus.liveFiles);
  const troubled = new Set(corpus.issues.map((issue) => issue.file));
  return corpus.files.filter((file) => !live.has(file) && troubled.has(file) && isCorpusFileName(file));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
