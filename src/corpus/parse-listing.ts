import type { CorpusIssue } from './corpus-issue.js';
import { invalidUtf8Message, type InvalidLines } from './decode-utf8.js';
import { paperLinks } from './extract-links.js';
import { classifyLine, isAbstractLine, stripGluedChrome } from './listing-lines.js';
import type { PaperDraft, ParsedFile } from './paper-draft.js';
import { limitFields, MAX_RECORD_BYTES } from './record-limits.js';

/**
 * Reads papers from an HF listing page exported as text (either layout of `detectLayout`).
 * A title is the text line right before an abstract (a long prose line), blank lines aside;
 * `• N authors`, `·` and date lines after an abstract belong to its paper. Short lines that no
 * abstract follows are page chrome before the first paper, and titles missing their abstract after it.
 *
 * A line that is not valid UTF-8 (listed in `invalid`) or over {@link MAX_RECORD_BYTES} is
 * reported and skipped; when it would have been an abstract, its paper is skipped with it. An
 * abstract or title over its length limit is clipped (see `limitFields`) and reported.
 */
export function parseListing(text: string, file: string, invalid: InvalidLines = new Map()): ParsedFile {
  const papers: PaperDraft[] = [];
  const issues: CorpusIssue[] = [];
  let skipped = 0;
  /** The last text line, until an abstract claims it as title. */
  let title: { text: string; line: number } | undefined;
  /** The paper whose meta block may still follow. */
  let current: PaperDraft | undefined;

  const dropTitle = (): void => {
    if (title !== undefined && papers.length > 0) {
      issues.push({ file, line: title.line, message: `no abstract follows the line "${title.text}"; skipped` });
      skipped += 1;
    }
    title = undefined;
  };
  const strayMeta = (line: number, what: string): void => {
    dropTitle();
    if (papers.length > 0) issues.push({ file, line, message: `${what} line that belongs to no paper; ignored` });
  };

  text.replace(/^\uFEFF/u, '').split(/\r?\n/u).forEach((raw, index) => {
    const line = index + 1;
    const refused = refuseLine(raw, line);
    if (refused !== undefined) {
      issues.push({ file, line, message: refused });
      if (isAbstractLine(raw)) {
        // The paper this abstract belonged to goes with it; its title is no separate problem.
        skipped += 1;
        title = undefined;
      } else {
        // Unreadable, it may have been a title: the line before it is no title of what follows.
        dropTitle();
      }
      current = undefined;
      return;
    }
    const parsed = classifyLine(raw);
    switch (parsed.kind) {
      case 'blank':
        return;
      case 'chrome':
        dropTitle();
        current = undefined;
        return;
      case 'text':
        dropTitle();
        title = { text: parsed.text, line };
        current = undefined;
        return;
      case 'abstract':
        if (title === undefined) {
          issues.push({ file, line, message: 'abstract without a title line before it; skipped' });
          skipped += 1;
          current = undefined;
          return;
        }
        {
          const titleLine = title.line;
          const { record, problems } = limitFields({ title: stripGluedChrome(title.text), abstract: parsed.text });
          for (const problem of problems) issues.push({ file, line: problem.field === 'title' ? titleLine : line, field: problem.field, message: problem.message });
          current = { title: record.title, abstract: record.abstract, links: paperLinks(record.abstract), sources: [{ file, line: titleLine }] };
        }
        papers.push(current);
        title = undefined;
        return;
      case 'authors':
        if (current === undefined || current.authorCount !== undefined) return strayMeta(line, 'authors');
        current.authorCount = parsed.count;
        return;
      case 'separator':
        if (current === undefined) return strayMeta(line, 'separator');
        return;
      case 'date':
        if (current === undefined || current.published !== undefined || current.dateText !== undefined) {
          return strayMeta(line, 'date');
        }
        Object.assign(current, parsed.date);
        return;
    }
  });
  dropTitle();
  return { papers, issues, skipped };

  /** Why a line is skipped unread: not valid UTF-8, or over the record size limit. */
  function refuseLine(raw: string, line: number): string | undefined {
    const bad = invalid.get(line);
    if (bad !== undefined) return `${invalidUtf8Message(bad)}; skipped`;
    // A UTF-16 unit is at most 3 UTF-8 bytes: most lines need no byte count.
    if (raw.length * 3 <= MAX_RECORD_BYTES) return undefined;
    const bytes = Buffer.byteLength(raw);
    return bytes > MAX_RECORD_BYTES ? `line of ${bytes} bytes, over the limit of ${MAX_RECORD_BYTES}; skipped` : undefined;
  }
}
