import { validateRecord } from '../../corpus/record-schema.js';

/** Where a synced paper came from. */
export type SyncSourceKind = 'arxiv' | 'hf-daily';

/**
 * One line of a `sync-*.jsonl` file: a corpus record (see `record-schema.ts`) plus provenance
 * fields the loader ignores (`source`, `fetchedAt`).
 */
export interface SyncRecord {
  /** The arXiv id without version, e.g. `2406.16260`. */
  id: string;
  title: string;
  abstract: string;
  authors?: string[];
  /** `YYYY-MM-DD`. */
  published?: string;
  url: string;
  upvotes?: number;
  source: SyncSourceKind;
  /** When the sync fetched it (ISO date-time). */
  fetchedAt: string;
}

/** A fetched entry that was not turned into a record. */
export interface SyncIssue {
  /** The source, as {@link describeSource} names it. */
  source: string;
  /** Which entry: `entry 3` (1-based), plus its id or URL when known. */
  entry: string;
  /** The field at fault, when one is. */
  field?: string;
  message: string;
}

/** New-style (`2406.16260`) or old-style (`hep-th/0601001`, `math.AP/0601001`) arXiv id, without version. */
export const ARXIV_ID = /^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})$/u;

/** Checks a `YYYY-MM-DD` date (a real day of the calendar). */
export function isIsoDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

/** Whitespace runs (the API wraps titles and abstracts) to single spaces. */
export function collapse(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/**
 * Checks a record the way the corpus loader will, so a line written by the sync always loads.
 * Returns the problems as `field: message` pairs; none when it is valid.
 */
export function recordProblems(record: SyncRecord): Array<{ field?: string; message: string }> {
  const checked = validateRecord(record);
  return 'problems' in checked ? checked.problems : [];
}

/** The JSONL line of a record, fields in a fixed order, absent ones left out. */
export function recordLine(record: SyncRecord): string {
  const ordered: Record<string, unknown> = {
    id: record.id,
    title: record.title,
    abstract: record.abstract,
    authors: record.authors,
    published: record.published,
    url: record.url,
    upvotes: record.upvotes,
    source: record.source,
    fetchedAt: record.fetchedAt,
  };
  return JSON.stringify(ordered);
}
