import type { CorpusIssue } from './corpus-issue.js';
import { paperLinks } from './extract-links.js';
import { jsonArrayElementLines } from './json-element-lines.js';
import type { PaperDraft, ParsedFile } from './paper-draft.js';
import { validateRecord, type PaperRecord } from './record-schema.js';

/** Reads a `.jsonl` corpus file: one record per line, blank lines allowed; bad lines become issues. */
export function parseJsonl(text: string, file: string): ParsedFile {
  const result: ParsedFile = { papers: [], issues: [], skipped: 0 };
  stripBom(text)
    .split(/\r?\n/u)
    .forEach((raw, index) => {
      const line = index + 1;
      if (raw.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (error) {
        result.issues.push({ file, line, message: `not valid JSON: ${jsonErrorText(error)}` });
        result.skipped += 1;
        return;
      }
      addRecord(result, value, { file, line });
    });
  return result;
}

/** Reads a `.json` corpus file: an array of records; each bad record is an issue naming its index. */
export function parseJsonArray(text: string, file: string): ParsedFile {
  const result: ParsedFile = { papers: [], issues: [], skipped: 0 };
  const json = stripBom(text);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    const issue: CorpusIssue = { file, message: `not valid JSON: ${jsonErrorText(error)}` };
    const line = errorLine(error, json);
    result.issues.push(line === undefined ? issue : { ...issue, line });
    return result;
  }
  if (!Array.isArray(value)) {
    result.issues.push({ file, message: 'a .json corpus file must hold an array of paper records' });
    return result;
  }
  const lines = jsonArrayElementLines(json);
  value.forEach((item, index) => {
    addRecord(result, item, { file, line: lines[index] ?? 1, fieldPrefix: `[${index}]` });
  });
  return result;
}

/** Validates one record and adds it as a paper, or its problems as issues. */
function addRecord(result: ParsedFile, value: unknown, where: { file: string; line: number; fieldPrefix?: string }): void {
  const checked = validateRecord(value);
  if ('problems' in checked) {
    for (const problem of checked.problems) {
      const field = [where.fieldPrefix, problem.field].filter((part) => part !== undefined).join('.');
      result.issues.push({ file: where.file, line: where.line, ...(field === '' ? {} : { field }), message: problem.message });
    }
    result.skipped += 1;
    return;
  }
  result.papers.push(recordToDraft(checked.record, where.file, where.line));
}

/** Turns a valid record into a paper draft; `authors` as a number is a count. */
export function recordToDraft(record: PaperRecord, file: string, line: number): PaperDraft {
  const draft: PaperDraft = {
    title: record.title,
    abstract: record.abstract,
    links: paperLinks(record.abstract, record.url ?? undefined),
    sources: [{ file, line }],
  };
  if (record.id != null) draft.ownId = record.id;
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
