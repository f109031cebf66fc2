/** A problem found while loading the corpus: the rest of the corpus still loads. */
export interface CorpusIssue {
  /** Corpus file as named in `LoadedCorpus.files`. */
  file: string;
  /** 1-based line the problem is on (or where the faulty record starts), when known. */
  line?: number;
  /** Record field at fault, e.g. `title`, or `[2].title` inside a JSON array. */
  field?: string;
  message: string;
}

/** Formats an issue as `file:line: field: message`, leaving out the parts it does not have. */
export function formatCorpusIssue(issue: CorpusIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  return issue.field === undefined ? `${where}: ${issue.message}` : `${where}: ${issue.field}: ${issue.message}`;
}
