import { appendFile, open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CorpusError, ErrorCode } from '../../errors.js';
import { silentLogger, type Logger } from '../../log/logger.js';
import { systemClock, type Clock } from '../../time/clock.js';
import { arxivIdsOf } from '../../corpus/arxiv-link.js';
import { loadCorpus } from '../../corpus/load-corpus.js';
import { normaliseTitle } from '../../corpus/normalise-title.js';
import type { Paper } from '../../corpus/paper.js';
import {
  ARXIV_REQUEST_INTERVAL_MS,
  ARXIV_SOURCE,
  ArxivFeedError,
  arxivIdFromUrl,
  arxivUrl,
  DEFAULT_ARXIV_API_URL,
  parseArxivFeed,
  type ArxivSource,
} from './arxiv.js';
import { DEFAULT_HF_API_URL, HF_SOURCE, HfDailyError, hfDailyUrl, parseHfDaily, type HfDailySource } from './hf-daily.js';
import { createHttpClient, SyncError, type FetchLike, type HttpClient } from './http.js';
import { collapse, recordLine, recordProblems, type SyncIssue, type SyncRecord, type SyncSourceKind } from './sync-record.js';

/** Where new papers are fetched from. */
export type SyncSource = ArxivSource | HfDailySource;

/** Files the sync appends to, in the corpus directory, by source kind. Never a seed file. */
export const SYNC_FILES: Readonly<Record<SyncSourceKind, string>> = {
  arxiv: 'sync-arxiv.jsonl',
  'hf-daily': 'sync-hf-daily.jsonl',
};

/** Settings of {@link syncCorpus}. */
export interface SyncOptions {
  /** The corpus directory (`CORPUS_DIR`); it must exist. New papers are appended to {@link SYNC_FILES} in it. */
  dir: string;
  /** Fetched in order; a failing source is reported and the others still run. */
  sources: readonly SyncSource[];
  /** HTTP for all sources. Default: {@link createHttpClient} with `fetch`, `timeoutMs`, `retries`, `sleep`, `clock`, `logger`. */
  http?: HttpClient;
  /** The `fetch` of the default client (tests pass a fake; nock intercepts the global one too). */
  fetch?: FetchLike;
  /** Per request attempt. Default 30 s. */
  timeoutMs?: number;
  /** Retries on 429/5xx/timeouts. Default 3. */
  retries?: number;
  /** Waits (between retries, between arXiv calls). Default: a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** `fetchedAt` of the records, `Retry-After` dates, arXiv pacing. */
  clock?: Clock;
  logger?: Logger;
  /** `ARXIV_API_URL`. Default {@link DEFAULT_ARXIV_API_URL}. */
  arxivApiUrl?: string;
  /** `HF_API_URL`. Default {@link DEFAULT_HF_API_URL}. */
  hfApiUrl?: string;
  /** Least time between two arXiv calls (arXiv's terms ask for 3 s). Default {@link ARXIV_REQUEST_INTERVAL_MS}. */
  arxivIntervalMs?: number;
  /** Fetch and count, but write nothing. */
  dryRun?: boolean;
}

/** What one source gave. */
export interface SyncSourceReport {
  kind: SyncSourceKind;
  /** e.g. `arXiv cat:cs.CV (newest 50)`, `HF daily 2024-06-24`. */
  label: string;
  url: string;
  /** Entries in the response. */
  fetched: number;
  /** New papers (appended unless a dry run). */
  added: number;
  /** Papers already in the corpus, or fetched earlier in this sync (same id or normalised title). */
  duplicates: number;
  /** Entries skipped as malformed (see `issues`). */
  malformed: number;
  /** arXiv: how many papers match in all (the feed holds the newest `max`). */
  totalResults?: number;
  /** The corpus file its new papers go to. */
  file: string;
  /** Why the source failed; nothing of it was written. */
  error?: string;
}

/** What {@link syncCorpus} did. */
export interface SyncReport {
  dir: string;
  /** Papers in the corpus before the sync. */
  existing: number;
  sources: SyncSourceReport[];
  /** Sums over the sources. */
  fetched: number;
  added: number;
  duplicates: number;
  malformed: number;
  /** Files appended to (names in `dir`), with how many papers each got. Empty on a dry run. */
  written: Array<{ file: string; added: number }>;
  /** Every malformed entry, with its source and what was wrong. */
  issues: SyncIssue[];
  dryRun: boolean;
  /** True when every source was fetched and read (malformed entries aside). */
  ok: boolean;
}

/**
 * Fetches the newest papers from arXiv and/or HF Daily Papers and appends those not yet in the
 * corpus (same arXiv id, or same normalised title) to `sync-arxiv.jsonl` / `sync-hf-daily.jsonl`
 * in `dir`: one `appendFile` per file, created when missing; seed files are never rewritten.
 * Duplicates within one sync (arXiv and HF list the same paper) are kept once, so a second sync
 * right after the first adds nothing. Every line written is checked against the corpus record
 * schema first, so it loads with `loadCorpus`. A source that fails (HTTP error after retries,
 * timeout, a body that is not the API's format) is reported in the result and the others still
 * run; bad sources in `options` (a malformed category or date) throw an `InvalidOptionError`
 * before anything is fetched; a missing directory or a failed write throws a `CorpusError`.
 */
export async function syncCorpus(options: SyncOptions): Promise<SyncReport> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const http =
    options.http ??
    createHttpClient({ fetch: options.fetch, timeoutMs: options.timeoutMs, retries: options.retries, sleep, clock, logger });
  const arxivInterval = options.arxivIntervalMs ?? ARXIV_REQUEST_INTERVAL_MS;

  // Every source is checked before the first request.
  const planned = options.sources.map((source) => ({
    source,
    label: describeSource(source),
    url: source.kind === 'arxiv' ? arxivUrl(source, options.arxivApiUrl ?? DEFAULT_ARXIV_API_URL) : hfDailyUrl(source, options.hfApiUrl ?? DEFAULT_HF_API_URL),
  }));

  await requireDirectory(options.dir);
  const existing = await existingPapers(options.dir);
  const known = new KnownPapers(existing);
  const fetchedAt = new Date(clock.now()).toISOString();
  const pending = new Map<string, string[]>();
  const report: SyncReport = {
    dir: options.dir,
    existing: existing.length,
    sources: [],
    fetched: 0,
    added: 0,
    duplicates: 0,
    malformed: 0,
    written: [],
    issues: [],
    dryRun: options.dryRun === true,
    ok: true,
  };

  let lastArxivCall: number | undefined;
  for (const { source, label, url } of planned) {
    const file = SYNC_FILES[source.kind];
    const result: SyncSourceReport = { kind: source.kind, label, url, fetched: 0, added: 0, duplicates: 0, malformed: 0, file };
    report.sources.push(result);
    let parsed: { records: SyncRecord[]; issues: SyncIssue[]; entries: number; totalResults?: number };
    try {
      if (source.kind === 'arxiv') {
        if (lastArxivCall !== undefined) {
          const wait = lastArxivCall + arxivInterval - clock.now();
          if (wait > 0) await sleep(wait);
        }
        lastArxivCall = clock.now();
        parsed = parseArxivFeed(await http.getText(url, ARXIV_SOURCE, 'application/atom+xml'), label, fetchedAt);
      } else {
        parsed = parseHfDaily(await http.getText(url, HF_SOURCE, 'application/json'), label, fetchedAt);
      }
    } catch (error) {
      const failure = asSyncError(error, source.kind === 'arxiv' ? ARXIV_SOURCE : HF_SOURCE, url);
      result.error = failure.message;
      report.ok = false;
      logger.error({ source: label, url, err: failure }, `sync: ${label} failed: ${failure.message}`);
      continue;
    }

    result.fetched = parsed.entries;
    if (parsed.totalResults !== undefined) result.totalResults = parsed.totalResults;
    const issues = [...parsed.issues];
    for (const record of parsed.records) {
      const problems = recordProblems(record);
      if (problems.length > 0) {
        for (const problem of problems) issues.push({ source: label, entry: record.id, ...problem });
        continue;
      }
      const duplicateOf = known.find(record);
      if (duplicateOf !== undefined) {
        result.duplicates += 1;
        logger.debug({ source: label, id: record.id, duplicateOf }, 'sync: already in the corpus');
        continue;
      }
      known.add(record);
      result.added += 1;
      pending.set(file, [...(pending.get(file) ?? []), recordLine(record)]);
    }
    // Entries that did not map, plus records the corpus schema refused.
    result.malformed = parsed.entries - result.added - result.duplicates;
    // One by one: a feed with ~100k bad entries would overflow the stack as spread arguments.
    for (const issue of issues) report.issues.push(issue);
    for (const issue of issues) logger.warn({ source: label, entry: issue.entry, field: issue.field }, `sync: skipped ${issue.source}, ${issue.entry}: ${issue.field === undefined ? '' : `${issue.field}: `}${issue.message}`);
  }

  for (const result of report.sources) {
    report.fetched += result.fetched;
    report.added += result.added;
    report.duplicates += result.duplicates;
    report.malformed += result.malformed;
  }
  if (!report.dryRun) {
    for (const [file, lines] of pending) {
      await appendLines(join(options.dir, file), lines);
      report.written.push({ file, added: lines.length });
    }
  }
  logger.info(
    { dir: options.dir, fetched: report.fetched, added: report.added, duplicates: report.duplicates, malformed: report.malformed, ok: report.ok },
    'sync done',
  );
  return report;
}

/** How reports and logs name a source. */
export function describeSource(source: SyncSource): string {
  if (source.kind === 'hf-daily') return `HF daily ${source.date ?? '(latest)'}`;
  if (source.ids !== undefined) return `arXiv id ${source.ids.join(', ')}`;
  const what = [source.category === undefined ? undefined : `cat:${source.category}`, source.query === undefined ? undefined : `"${collapse(source.query)}"`]
    .filter((part) => part !== undefined)
    .join(' ');
  return `arXiv ${what} (newest ${source.max})`;
}

/** The ids and titles already in the corpus, and those fetched so far. */
class KnownPapers {
  private readonly ids = new Map<string, string>();
  private readonly titles = new Map<string, string>();

  constructor(papers: readonly Paper[]) {
    for (const paper of papers) {
      const name = `"${paper.title}" (${paper.id})`;
      this.ids.set(paper.id, name);
      // Its arXiv id without version, however the record gave it (`id: 2301.12345v2`, `arxivId`).
      for (const id of arxivIdsOf(paper)) if (!this.ids.has(id)) this.ids.set(id, name);
      // A paper listed by its arXiv or HF page is that arXiv id, whatever id the corpus gave it.
      for (const url of [paper.url, ...paper.links.map((link) => link.url)]) {
        const id = url === undefined ? undefined : arxivIdOfPage(url);
        if (id !== undefined && !this.ids.has(id)) this.ids.set(id, name);
      }
      this.titles.set(normaliseTitle(paper.title), name);
    }
  }

  /** The paper a record duplicates, by id first, then by normalised title. */
  find(record: SyncRecord): string | undefined {
    return this.ids.get(record.id) ?? this.titles.get(normaliseTitle(record.title));
  }

  add(record: SyncRecord): void {
    const name = `"${record.title}" (${record.id}, this sync)`;
    this.ids.set(record.id, name);
    this.titles.set(normaliseTitle(record.title), name);
  }
}

/** The arXiv id of an arXiv abs/pdf page or an HF paper page. */
function arxivIdOfPage(url: string): string | undefined {
  const hf = /huggingface\.co\/papers\/(\d{4}\.\d{4,5})(?:v\d+)?\/?$/iu.exec(url);
  return hf !== null ? hf[1] : arxivIdFromUrl(url);
}

async function requireDirectory(dir: string): Promise<void> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(dir)).isDirectory();
  } catch (error) {
    throw new CorpusError(ErrorCode.CorpusInvalid, `Cannot sync into "${dir}": ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : String(error)}.`, { cause: error });
  }
  if (!isDirectory) throw new CorpusError(ErrorCode.CorpusInvalid, `Cannot sync into "${dir}": sync writes into a corpus directory, and this is a file.`);
}

/** The corpus as it is now; an empty directory (or one without any paper) is an empty corpus. */
async function existingPapers(dir: string): Promise<Paper[]> {
  try {
    return (await loadCorpus(dir)).papers;
  } catch (error) {
    if (error instanceof CorpusError && error.code === ErrorCode.CorpusEmpty) return [];
    throw error;
  }
}

/** Appends lines in one write, starting on a new line if the file does not end with one. */
async function appendLines(path: string, lines: readonly string[]): Promise<void> {
  const separator = (await endsWithoutNewline(path)) ? '\n' : '';
  try {
    await appendFile(path, `${separator}${lines.join('\n')}\n`, 'utf8');
  } catch (error) {
    throw new CorpusError(ErrorCode.CorpusInvalid, `Cannot write the synced papers to "${path}": ${error instanceof Error ? error.message : String(error)}.`, { cause: error });
  }
}

async function endsWithoutNewline(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return false;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    await handle.close();
  }
}

function asSyncError(error: unknown, source: string, url: string): SyncError {
  if (error instanceof SyncError) return error;
  if (error instanceof ArxivFeedError || error instanceof HfDailyError) return new SyncError(source, `${error.message} (${url})`, { url, cause: error });
  return new SyncError(source, error instanceof Error ? error.message : String(error), { url, cause: error });
}

/** Most skipped entries listed one by one in {@link formatSyncReport}. */
const MAX_LISTED_ISSUES = 20;

/**
 * The report for people: a summary line, one line per source, what was written, and the
 * skipped entries (the first {@link MAX_LISTED_ISSUES}). Lines joined with `\n`.
 */
export function formatSyncReport(report: SyncReport): string {
  const lines = [
    `${report.dryRun ? 'Dry run: would sync' : 'Synced'} ${plural(report.sources.length, 'source')} into ${report.dir}: ` +
      `${report.fetched} fetched, ${report.added} new, ${plural(report.duplicates, 'duplicate')}, ${report.malformed} malformed skipped` +
      `${report.ok ? '' : `, ${plural(report.sources.filter((source) => source.error !== undefined).length, 'source')} failed`}.`,
  ];
  for (const source of report.sources) {
    if (source.error !== undefined) {
      lines.push(`  ${source.label}: FAILED: ${source.error}`);
      continue;
    }
    const of = source.totalResults !== undefined && source.totalResults > source.fetched ? ` (of ${source.totalResults} matching)` : '';
    const parts = [`${source.fetched} fetched${of}`, `${source.added} new`, plural(source.duplicates, 'duplicate')];
    if (source.malformed > 0) parts.push(`${source.malformed} malformed`);
    lines.push(`  ${source.label}: ${parts.join(', ')}`);
  }
  if (report.dryRun) lines.push('Nothing written (dry run).');
  else if (report.written.length === 0) lines.push('Nothing new to write.');
  else lines.push(`Appended ${report.written.map((file) => `${plural(file.added, 'paper')} to ${file.file}`).join(', ')}.`);
  if (report.issues.length > 0) {
    lines.push(`Skipped ${plural(report.issues.length, 'problem')} in fetched entries:`);
    for (const issue of report.issues.slice(0, MAX_LISTED_ISSUES)) {
      lines.push(`  ${issue.source}, ${issue.entry}: ${issue.field === undefined ? '' : `${issue.field}: `}${issue.message}`);
    }
    if (report.issues.length > MAX_LISTED_ISSUES) lines.push(`  … and ${report.issues.length - MAX_LISTED_ISSUES} more`);
  }
  return lines.join('\n');
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
