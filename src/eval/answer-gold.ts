/**
 * Reader for answer-quality gold files: JSONL, one line per (question, relevant paper) pair,
 * `{"qid": "d01", "docid": "s004", "key": [sentences], "support": [sentences]}`. Key sentences
 * are what a researcher asking wants to read (grade 2), support sentences are useful but
 * secondary (grade 1); every other sentence of the paper is grade 0. Every error names
 * `file:line: field: problem`, as the TREC readers in `trec-files.ts` do.
 */
import { z } from 'zod';
import { EvalInputError } from '../errors.js';

/** The gold sentences of one paper for one question. */
export interface PaperGold {
  /** Sentences a researcher asking wants to read (grade 2). May be empty. */
  key: string[];
  /** Useful secondary sentences (grade 1). May be empty. */
  support: string[];
  /** The gold file's line (1-based) it was read from, so later checks can name it. */
  line: number;
}

/** A whole gold file: qid → docid (the corpus record id) → that paper's gold, in file order. */
export type AnswerGold = Map<string, Map<string, PaperGold>>;

/** How a wrong value is named in a message: its JSON type, or the value itself when short. */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const shown = JSON.stringify(value) ?? String(value);
  return shown.length <= 40 ? shown : `${shown.slice(0, 37)}…`;
}

/** Error text for a field: "is required" when missing, else what it must be and what it was. */
function mustBe(what: string) {
  return (issue: { input?: unknown }): string =>
    issue.input === undefined ? 'is required' : `must be ${what}, got ${describeValue(issue.input)}`;
}

/** A qid or docid; a number (Cranfield-style ids) becomes its string form, as corpus ids do. */
const id = () =>
  z
    .union([z.string().trim().min(1, { error: 'must not be empty' }), z.number()], { error: mustBe('a string or a number') })
    .transform(String);

const sentences = () =>
  z.array(
    z
      .string({ error: mustBe('a sentence (a string)') })
      .trim()
      .min(1, { error: 'must not be empty' }),
    { error: mustBe('a list of sentences') },
  );

/** One line of a gold file. Unknown fields are ignored (room for notes). */
const goldLineSchema = z.object({
  qid: id(),
  docid: id(),
  key: sentences(),
  support: sentences(),
});

/** Splits a file into numbered lines; tolerates a BOM and CRLF endings. */
function numberedLines(text: string): { line: number; content: string }[] {
  return text
    .replace(/^\uFEFF/u, '')
    .split(/\r?\n/u)
    .map((content, index) => ({ line: index + 1, content }));
}

/** V8's JSON error without the echo of the whole line it appends ("…, "{x" is not valid JSON"). */
function jsonErrorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/, (?:\.\.\.)?".*is not valid JSON$/su, '');
}

/**
 * Parses a gold file. Blank lines are skipped. A line that is not a JSON object, a field of the
 * wrong type, a line with neither key nor support sentences, or a second line for the same
 * (qid, docid) throws an {@link EvalInputError} naming `file:line` (and the field, when one is at
 * fault; several faulty fields of a line are listed together, separated by "; ").
 *
 * @example
 * parseAnswerGold('{"qid":"d01","docid":"s004","key":["We propose …"],"support":[]}\n', 'answers.jsonl');
 * // → Map { 'd01' => Map { 's004' => { key: ['We propose …'], support: [], line: 1 } } }
 */
export function parseAnswerGold(text: string, file: string): AnswerGold {
  const gold: AnswerGold = new Map();
  for (const { line, content } of numberedLines(text)) {
    if (content.trim() === '') continue;
    const where = `${file}:${line}`;
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (error) {
      throw new EvalInputError(`${where}: not valid JSON: ${jsonErrorText(error)}`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new EvalInputError(`${where}: a gold line must be a JSON object, got ${describeValue(value)}`);
    }
    const parsed = goldLineSchema.safeParse(value);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`);
      throw new EvalInputError(`${where}: ${problems.join('; ')}`);
    }
    const { qid, docid, key, support } = parsed.data;
    if (key.length === 0 && support.length === 0) {
      throw new EvalInputError(`${where}: key, support: both empty; a gold line needs at least one sentence`);
    }
    let papers = gold.get(qid);
    if (papers === undefined) {
      papers = new Map();
      gold.set(qid, papers);
    }
    const seen = papers.get(docid);
    if (seen !== undefined) {
      throw new EvalInputError(`${where}: duplicate gold for query "${qid}" and paper "${docid}" (first on line ${seen.line})`);
    }
    papers.set(docid, { key, support, line });
  }
  return gold;
}
