import { arxivIdOfUrl, stripArxivVersion, VERSIONED_ID } from './arxiv-link.js';
import type { CorpusIssue } from './corpus-issue.js';
import { invalidUtf8Message, type InvalidLines, type InvalidUtf8Line } from './decode-utf8.js';
import { paperLinks } from './extract-links.js';
import { jsonDepth, mayNestDeeperThan } from './json-depth.js';
import { jsonArrayElements } from './json-element-lines.js';
import type { PaperDraft, ParsedFile } from './paper-draft.js';
import { limitFields, MAX_JSON_DEPTH, MAX_RECORD_BYTES } from './record-limits.js';
import { validateRecord, type PaperRecord } from './record-schema.js';

const NO_INVALID_LINES: InvalidLines = new Map();

/**
 * Reads a `.jsonl` corpus file: one record per line, blank lines allowed; bad lines become
 * issues. A line that is not valid UTF-8 (listed in `invalid`), over {@link MAX_RECORD_BYTES} or
 * nested deeper than {@link MAX_JSON_DEPTH} is skipped before it is parsed.
 */
export function parseJsonl(text: string, file: string, invalid: InvalidLines = NO_INVALID_LINES): ParsedFile {
  const result: ParsedFile = { papers: [], issues: [], skipped: 0 };
  stripBom(text)
    .split(/\r?\n/u)
    .forEach((raw, index) => {
      const line = index + 1;
      const bad = invalid.get(line);
      if (bad !== undefined) return skip(result, { file, line, message: `${invalidUtf8Message(bad)}; skipped` });
      if (raw.trim() === '') return;
      const refused = refuseRecord(raw);
      if (refused !== undefined) return skip(result, { file, line, message: refused });
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (error) {
        return skip(result, { file, line, message: `not valid JSON: ${jsonErrorText(error)}` });
      }
      addRecord(result, value, { file, line });
    });
  return result;
}

/**
 * Reads a `.json` corpus file: an array of records; each bad record is an issue naming its index.
 * A record on a line that is not valid UTF-8, over {@link MAX_RECORD_BYTES} or nested deeper than
 * {@link MAX_JSON_DEPTH} is skipped; the others load.
 */
export function parseJsonArray(text: string, file: string, invalid: InvalidLines = NO_INVALID_LINES): ParsedFile {
  const result: ParsedFile = { papers: [], issues: [], skipped: 0 };
  const json = stripBom(text);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    for (const bad of invalid.values()) result.issues.push({ file, line: bad.line, message: invalidUtf8Message(bad) });
    const issue: CorpusIssue = { file, message: `not valid JSON: ${jsonErrorText(error)}` };
    const line = errorLine(error, json);
    result.issues.push(line === undefined ? issue : { ...issue, line });
    return result;
  }
  if (!Array.isArray(value)) {
    result.issues.push({ file, message: 'a .json corpus file must hold an array of paper records' });
    return result;
  }
  const spans = jsonArrayElements(json);
  value.forEach((item, index) => {
    const span = spans[index];
    const where = { file, line: span?.line ?? 1, fieldPrefix: `[${index}]` };
    if (span !== undefined) {
      const bad = firstInvalidLine(invalid, span.line, span.endLine);
      const refused = bad === undefined ? refuseRecord(json.slice(span.start, span.end)) : `${invalidUtf8Message(bad)}; skipped`;
      if (refused !== undefined) return skip(result, { file, line: bad?.line ?? span.line, field: where.fieldPrefix, message: refused });
    }
    addRecord(result, item, where);
  });
  return result;
}

/**
 * Why the JSON text of one record is refused unparsed, if it is: over {@link MAX_RECORD_BYTES},
 * or nested deeper than {@link MAX_JSON_DEPTH} (checked by a cheap scan, so neither `JSON.parse`
 * nor the schema ever recurse through it).
 */
function refuseRecord(json: string): string | undefined {
  // A UTF-16 unit is at most 3 UTF-8 bytes: most records need no byte count.
  if (json.length * 3 > MAX_RECORD_BYTES) {
    const bytes = Buffer.byteLength(json);
    if (bytes > MAX_RECORD_BYTES) return `record of ${bytes} bytes, over the limit of ${MAX_RECORD_BYTES}; skipped`;
  }
  if (!mayNestDeeperThan(json, MAX_JSON_DEPTH)) return undefined;
  const depth = jsonDepth(json);
  if (depth > MAX_JSON_DEPTH) return `nested ${depth} levels deep, over the limit of ${MAX_JSON_DEPTH}; skipped`;
  return undefined;
}

function firstInvalidLine(invalid: InvalidLines, from: number, to: number): InvalidUtf8Line | undefined {
  for (const bad of invalid.values()) if (bad.line >= from && bad.line <= to) return bad;
  return undefined;
}

function skip(result: ParsedFile, issue: CorpusIssue): void {
  result.issues.push(issue);
  result.skipped += 1;
}

/**
 * Validates one record and adds it as a paper (its fields within their limits, each clipped or
 * dropped field an issue), or its problems as issues. An unexpected error (a stack overflow in a
 * hostile record that got past the checks) skips that record only.
 */
function addRecord(result: ParsedFile, value: unknown, where: { file: string; line: number; fieldPrefix?: string }): void {
  const issue = (field: string | undefined, message: string): CorpusIssue => {
    const path = [where.fieldPrefix, field].filter((part) => part !== undefined).join('.');
    return { file: where.file, line: where.line, ...(path === '' ? {} : { field: path }), message };
  };
  let checked: ReturnType<typeof validateRecord>;
  try {
    checked = validateRecord(value);
  } catch (error) {
    return skip(result, issue(undefined, `cannot be read (${error instanceof Error ? error.message : String(error)}); skipped`));
  }
  if ('problems' in checked) {
    for (const problem of checked.problems) result.issues.push(issue(problem.field, problem.message));
    result.skipped += 1;
    return;
  }
  const { record, problems } = limitFields(checked.record);
  for (const problem of problems) result.issues.push(issue(problem.field, problem.message));
  result.papers.push(recordToDraft(record, where.file, where.line));
}

/** Turns a valid record into a paper draft; `authors` as a number is a count. */
export function recordToDraft(record: PaperRecord, file: string, line: number): PaperDraft {
  const draft: PaperDraft = {
    title: record.title,
    abstract: record.abstract,
    links: paperLinks(record.abstract, record.url ?? undefined),
    sources: [{ file, line }],
  };
  // An own id that is a versioned arXiv id names the paper, not the version: "2301.12345v2" is 2301.12345.
  if (record.id != null) draft.ownId = VERSIONED_ID.test(record.id) ? stripArxivVersion(record.id) : record.id;
  const arxivId = record.arxivId ?? (draft.ownId !== undefined && VERSIONED_ID.test(draft.ownId) ? draft.ownId : undefined) ?? (record.url != null ? arxivIdOfUrl(record.url) : undefined);
  if (arxivId !== undefined) draft.arxivId = arxivId;
  if (Array.isArray(record.authors)) draft.authors = record.authors;
  else if (typeof record.authors === 'number') draft.authorCount = record.authors;
  if (record.published != null) draft.published = record.published;
  if (record.upvotes != null) draft.upvotes = record.upvotes;
  if (record.url != null) draft.url = record.url;
  return draft;
}

function stripBom(text: string): string {
  return text.replace(/^\uFEFF/u, '');
}

/** The parser's message without the echo of the input V8 adds (`"…" is not valid JSON`). */
function jsonErrorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/, (?:\.\.\.)?".*is not valid JSON$/su, '');
}

/** Line of a JSON syntax error, from the `position N` V8 reports when it does. */
function errorLine(error: unknown, text: string): number | undefined {
  const position = /position (\d+)/u.exec(error instanceof Error ? error.message : '');
  if (position === null) return undefined;
  return text.slice(0, Number(position[1])).split('\n').length;
}
