import { stripArxivVersion, VERSIONED_ID } from './arxiv-link.js';
import { z } from 'zod';

/**
 * How a wrong value is named in an issue: its JSON type, or the value itself when short. A list
 * names its first non-string item one level down only: describing nested lists all the way down
 * overflowed the stack on a value nested 10,000 levels deep.
 */
function describe(value: unknown): string {
  if (Array.isArray(value)) {
    const odd: unknown = value.find((item) => typeof item !== 'string');
    return odd === undefined ? 'a list' : `a list holding ${Array.isArray(odd) ? 'a list' : describe(odd)}`;
  }
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  const shown = JSON.stringify(value) ?? String(value);
  return shown.length <= 40 ? shown : `${shown.slice(0, 37)}…`;
}

/** Error text for a field: "is required" when missing, else what it must be and what it was. */
function mustBe(what: string) {
  return (issue: { input?: unknown }): string =>
    issue.input === undefined ? 'is required' : `must be ${what}, got ${describe(issue.input)}`;
}

/** Whitespace runs (newlines of wrapped titles and abstracts) become single spaces. */
const text = () =>
  z
    .string({ error: mustBe('a string') })
    .transform((value) => value.replace(/\s+/gu, ' ').trim())
    .pipe(z.string().min(1, { error: 'must not be empty' }));

/**
 * One paper record of a `.jsonl` / `.json` corpus file. Unknown fields are ignored; `null` counts
 * as absent for the optional ones (exporters write it for missing values).
 */
export const paperRecordSchema = z.object({
  /** A number id (e.g. arXiv `2406.1626`) becomes its JavaScript string form, so trailing zeros are lost: quote such ids. */
  id: z
    .union([z.string().trim().min(1), z.number()], { error: mustBe('a non-empty string or a number') })
    .transform(String)
    .nullish(),
  title: text(),
  abstract: text(),
  /** Author names, or just their number. */
  authors: z
    .union([z.array(z.string().trim().min(1)), z.number().int().nonnegative()], {
      error: mustBe('a list of author names or a number of authors'),
    })
    .nullish(),
  /** `YYYY-MM-DD` or a full ISO date-time; kept as its `YYYY-MM-DD` part, the date as written (not moved to UTC). */
  published: z
    .union([z.iso.date(), z.iso.datetime({ offset: true, local: true })], {
      error: mustBe('an ISO date (YYYY-MM-DD) or date-time'),
    })
    .transform((value) => value.slice(0, 10))
    .nullish(),
  /** The paper's arXiv id, with or without its version (`2301.12345v2`); kept without it. */
  arxivId: z
    .string({ error: mustBe('an arXiv id such as 2301.12345') })
    .trim()
    .regex(VERSIONED_ID, { error: mustBe('an arXiv id such as 2301.12345') })
    .transform(stripArxivVersion)
    .nullish(),
  url: z.url({ protocol: /^https?$/u, error: mustBe('an http(s) URL') }).nullish(),
  upvotes: z
    .number({ error: mustBe('a number') })
    .int({ error: mustBe('a whole number') })
    .nonnegative({ error: mustBe('a non-negative number') })
    .nullish(),
});

/** A valid record, after the schema's clean-up. */
export type PaperRecord = z.output<typeof paperRecordSchema>;

/** A problem with one field of a record. */
export interface RecordProblem {
  /** Dotted path of the field, e.g. `title` or `authors.1`; undefined for the record as a whole. */
  field?: string;
  message: string;
}

/** Validates one parsed JSON value as a paper record. */
export function validateRecord(value: unknown): { record: PaperRecord } | { problems: RecordProblem[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problems: [{ message: `a record must be a JSON object, got ${describe(value)}` }] };
  }
  const result = paperRecordSchema.safeParse(value);
  if (result.success) return { record: result.data };
  return {
    problems: result.error.issues.map((issue) => {
      const field = issue.path.map(String).join('.');
      return field === '' ? { message: issue.message } : { field, message: issue.message };
    }),
  };
}
