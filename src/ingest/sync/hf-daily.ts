import { z } from 'zod';
import { InvalidOptionError } from '../../errors.js';
import { ARXIV_ID, collapse, isIsoDate, type SyncIssue, type SyncRecord } from './sync-record.js';

export { isIsoDate };

/** Base of the Hugging Face Hub API (`HF_API_URL`); the daily papers are at `<base>/daily_papers`. */
export const DEFAULT_HF_API_URL = 'https://huggingface.co/api';

/** Where a paper's page is on the Hub (for the record's url), whatever API base is configured. */
export const HF_PAPERS_URL = 'https://huggingface.co/papers';

/** The service name in errors and reports. */
export const HF_SOURCE = 'Hugging Face daily papers API';

/** The papers of one day of HF Daily Papers, or the latest day's without a date. */
export interface HfDailySource {
  kind: 'hf-daily';
  /** `YYYY-MM-DD`; without it, the latest list. */
  date?: string;
}

/** `https://huggingface.co/api/daily_papers?date=2024-06-24`. Throws an {@link InvalidOptionError} for a bad date. */
export function hfDailyUrl(source: HfDailySource, baseUrl: string = DEFAULT_HF_API_URL): string {
  const url = new URL(`${baseUrl.replace(/\/+$/u, '')}/daily_papers`);
  if (source.date !== undefined) {
    if (!isIsoDate(source.date)) throw new InvalidOptionError(`"${source.date}" is not a date (YYYY-MM-DD) for the HF daily papers.`);
    url.searchParams.set('date', source.date);
  }
  return url.toString();
}

const text = z.string().transform(collapse).pipe(z.string().min(1, { error: 'is empty' }));
/** The date part of an ISO date-time; a value that has none is dropped, not fatal. */
const optionalDate = z
  .string()
  .transform((value) => value.slice(0, 10))
  .refine(isIsoDate)
  .optional()
  .catch(undefined);

/**
 * One element of the daily papers array, as far as the sync reads it. The API sends much more
 * (thumbnails, submitter, comments, ai_summary…); unknown fields are ignored, and a wrong
 * optional field (an author without a name, odd upvotes) is dropped rather than fail the paper.
 */
const dailyPaperSchema = z.object({
  paper: z.object({
    id: z.string().trim().regex(ARXIV_ID, { error: 'must be an arXiv id such as 2406.16260' }),
    title: text.optional(),
    summary: text,
    authors: z
      .array(z.unknown())
      .optional()
      .catch(undefined)
      .transform((authors) =>
        (authors ?? []).flatMap((author) => {
          const name = typeof author === 'object' && author !== null && 'name' in author ? author.name : undefined;
          return typeof name === 'string' && collapse(name) !== '' ? [collapse(name)] : [];
        }),
      ),
    publishedAt: optionalDate,
    upvotes: z.number().int().nonnegative().optional().catch(undefined),
  }),
  title: text.optional().catch(undefined),
  publishedAt: optionalDate,
});

/** What one response of the daily papers API held. */
export interface HfDailyList {
  records: SyncRecord[];
  issues: SyncIssue[];
  /** Elements in the array. */
  entries: number;
}

/** Thrown for a body that is not a JSON array of daily papers; the message says why. */
export class HfDailyError extends Error {}

/**
 * Parses a daily papers response: record id = the arXiv id, url = the paper's HF page, title
 * (the paper's, else the listing's), abstract = `summary`, author names, `publishedAt` date,
 * upvotes. Malformed elements become issues; a body that is not a JSON array throws an {@link HfDailyError}.
 */
export function parseHfDaily(body: string, label: string, fetchedAt: string): HfDailyList {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new HfDailyError(`the response is not JSON (${error instanceof Error ? error.message.replace(/, ".*$/su, '') : String(error)})`);
  }
  if (!Array.isArray(value)) {
    const said = typeof value === 'object' && value !== null && 'error' in value && typeof value.error === 'string' ? `: "${value.error}"` : '';
    throw new HfDailyError(`expected a JSON array of daily papers, got ${describe(value)}${said}`);
  }
  const result: HfDailyList = { records: [], issues: [], entries: value.length };
  value.forEach((item, index) => {
    const parsed = dailyPaperSchema.safeParse(item);
    const entry = `entry ${index + 1}${idOf(item)}`;
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.map(String).join('.');
        result.issues.push({ source: label, entry, ...(field === '' ? {} : { field }), message: issueMessage(issue) });
      }
      return;
    }
    const { paper } = parsed.data;
    const title = paper.title ?? parsed.data.title;
    if (title === undefined) {
      result.issues.push({ source: label, entry, field: 'paper.title', message: 'is required' });
      return;
    }
    const record: SyncRecord = {
      id: paper.id,
      title,
      abstract: paper.summary,
      url: `${HF_PAPERS_URL}/${paper.id}`,
      source: 'hf-daily',
      fetchedAt,
    };
    if (paper.authors.length > 0) record.authors = paper.authors;
    const published = paper.publishedAt ?? parsed.data.publishedAt;
    if (published !== undefined) record.published = published;
    if (paper.upvotes !== undefined) record.upvotes = paper.upvotes;
    result.records.push(record);
  });
  return result;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return / received undefined$/u.test(issue.message) ? 'is required' : `must be ${/^[aeiou]/u.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
  return issue.message;
}

/** ` (2406.16260)` when the element carries a paper id, for the issue's `entry`. */
function idOf(item: unknown): string {
  if (typeof item !== 'object' || item === null || !('paper' in item)) return '';
  const paper = item.paper;
  if (typeof paper !== 'object' || paper === null || !('id' in paper)) return '';
  return typeof paper.id === 'string' || typeof paper.id === 'number' ? ` (${String(paper.id)})` : '';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
