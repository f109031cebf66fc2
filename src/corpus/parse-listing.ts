import type { CorpusIssue } from './corpus-issue.js';
import { paperLinks } from './extract-links.js';
import { classifyLine, stripGluedChrome } from './listing-lines.js';
import type { PaperDraft, ParsedFile } from './paper-draft.js';

/**
 * Reads papers from an HF listing page exported as text (either layout of `detectLayout`).
 * A title is the text line right before an abstract (a long prose line), blank lines aside;
 * `• N authors`, `·` and date lines after an abstract belong to its paper. Short lines that no
 * abstract follows are page chrome before the first paper, and titles missing their abstract after it.
 */
export function parseListing(text: string, file: string): ParsedFile {
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
        current = {
          title: stripGluedChrome(title.text),
          abstract: parsed.text,
          links: paperLinks(parsed.text),
          sources: [{ file, line: title.line }],
        };
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
}
