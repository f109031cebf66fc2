import { InvalidOptionError } from '../../errors.js';
import { VERSIONED_ID } from '../../corpus/arxiv-link.js';
import { MAX_ARXIV_IDS_PER_REQUEST, MAX_ARXIV_RESULTS } from './limits.js';
import { isIsoDate } from './sync-record.js';
import type { SyncSource } from './sync-corpus.js';

/** Default `--max`: arXiv papers per category/query. */
export const DEFAULT_ARXIV_MAX = 50;

/** One flag of `paperbot sync`, independent of commander (flags string in its syntax all the same). */
export interface SyncFlagSpec {
  /** As commander spells it, e.g. `--arxiv-category <category>`. */
  flags: string;
  /** The key it lands under in {@link SyncFlags}. */
  key: keyof SyncFlags;
  description: string;
  /** May be given more than once (collect into an array). */
  repeatable?: boolean;
  /** A whole number. */
  integer?: { min: number; max: number };
  default?: unknown;
}

/**
 * `paperbot sync [--arxiv-category cs.CV]… [--arxiv-query "…"]… [--arxiv-id 2301.12345]… [--max 50] [--hf-daily [DATE]] [--dry-run]`
 * (`--corpus DIR` is the program's global option: the directory to sync into).
 */
export const SYNC_CLI_FLAGS: readonly SyncFlagSpec[] = [
  {
    flags: '--arxiv-category <category>',
    key: 'arxivCategory',
    description: 'newest arXiv papers of a category, e.g. cs.CV (repeatable)',
    repeatable: true,
  },
  {
    flags: '--arxiv-query <query>',
    key: 'arxivQuery',
    description: 'newest arXiv papers matching a query, e.g. "all:diffusion" or plain words (repeatable; with categories: within each)',
    repeatable: true,
  },
  {
    flags: '--arxiv-id <id>',
    key: 'arxivId',
    description: 'these arXiv papers, by id: 2301.12345, 2301.12345v2 or hep-th/9901001 (repeatable, or comma-separated)',
    repeatable: true,
  },
  {
    flags: '--max <n>',
    key: 'max',
    description: `arXiv papers per category/query (1-${MAX_ARXIV_RESULTS}, default ${DEFAULT_ARXIV_MAX})`,
    integer: { min: 1, max: MAX_ARXIV_RESULTS },
    default: DEFAULT_ARXIV_MAX,
  },
  {
    flags: '--hf-daily [date]',
    key: 'hfDaily',
    description: 'Hugging Face daily papers of DATE (YYYY-MM-DD), or of the latest day without one',
  },
  { flags: '--dry-run', key: 'dryRun', description: 'fetch and report, but write nothing' },
];

/** Parsed `paperbot sync` flags (commander's camel-cased keys). */
export interface SyncFlags {
  arxivCategory?: string | string[];
  arxivQuery?: string | string[];
  /** arXiv ids, each flag's value possibly comma-separated (`2301.12345,hep-th/9901001`). */
  arxivId?: string | string[];
  max?: number;
  /** `true` for `--hf-daily` alone, the date for `--hf-daily 2024-06-24`. */
  hfDaily?: boolean | string;
  dryRun?: boolean;
}

/**
 * The sources the flags ask for: each category, each query, or — both given — each query within
 * each category (`cat:cs.CV AND all:diffusion`), `max` papers each; then the papers named by
 * `--arxiv-id` (fetched by the API's `id_list`, {@link MAX_ARXIV_IDS_PER_REQUEST} a request,
 * whatever the categories and `max`); then HF daily papers. Throws an
 * {@link InvalidOptionError} naming the flag when one is wrong or none is given.
 */
export function syncSourcesFromFlags(flags: SyncFlags): SyncSource[] {
  const categories = list(flags.arxivCategory);
  const queries = list(flags.arxivQuery);
  const max = flags.max ?? DEFAULT_ARXIV_MAX;
  if (!Number.isInteger(max) || max < 1 || max > MAX_ARXIV_RESULTS) {
    throw new InvalidOptionError(`--max must be a whole number from 1 to ${MAX_ARXIV_RESULTS}.`);
  }
  const sources: SyncSource[] = [];
  if (categories.length > 0 && queries.length > 0) {
    for (const category of categories) for (const query of queries) sources.push({ kind: 'arxiv', category, query, max });
  } else {
    for (const category of categories) sources.push({ kind: 'arxiv', category, max });
    for (const query of queries) sources.push({ kind: 'arxiv', query, max });
  }
  const ids = arxivIds(flags.arxivId);
  for (let i = 0; i < ids.length; i += MAX_ARXIV_IDS_PER_REQUEST) sources.push({ kind: 'arxiv', ids: ids.slice(i, i + MAX_ARXIV_IDS_PER_REQUEST), max });
  if (flags.hfDaily !== undefined && flags.hfDaily !== false) {
    if (typeof flags.hfDaily === 'string' && !isIsoDate(flags.hfDaily)) {
      throw new InvalidOptionError(`--hf-daily takes a date as YYYY-MM-DD (or nothing, for the latest day); got "${flags.hfDaily}".`);
    }
    sources.push(typeof flags.hfDaily === 'string' ? { kind: 'hf-daily', date: flags.hfDaily } : { kind: 'hf-daily' });
  }
  if (sources.length === 0) throw new InvalidOptionError('Nothing to sync: give --arxiv-category, --arxiv-query, --arxiv-id or --hf-daily.');
  return sources;
}

function list(value: string | string[] | undefined): string[] {
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return values.map((item) => item.trim()).filter((item) => item !== '');
}

/**
 * The ids of `--arxiv-id` flags, split at commas, each checked, repeats dropped. An `arXiv:`
 * prefix, as papers cite ids, is accepted; a version (`v2`) is kept, so that version is fetched.
 */
function arxivIds(value: string | string[] | undefined): string[] {
  const ids: string[] = [];
  for (const flag of value === undefined ? [] : Array.isArray(value) ? value : [value]) {
    const parts = flag.split(',').map((part) => part.trim());
    if (parts.every((part) => part === '')) throw new InvalidOptionError(`--arxiv-id needs an arXiv id such as 2301.12345 or hep-th/9901001; got "${flag}".`);
    for (const part of parts) {
      if (part === '') continue;
      const id = part.replace(/^arxiv:/iu, '');
      if (!VERSIONED_ID.test(id)) throw new InvalidOptionError(`--arxiv-id must be an arXiv id such as 2301.12345, 2301.12345v2 or hep-th/9901001; got "${part}".`);
      if (!ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}
