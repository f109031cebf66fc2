/**
 * Readers and writers for the TREC file formats the benchmarks use: `qid<TAB>text` queries,
 * `qid 0 docid grade` qrels and `qid Q0 docid rank score tag` runs. Every parse error names
 * `file:line` so a broken benchmark file can be fixed without guessing.
 */
import { EvalInputError } from '../errors.js';

/** One benchmark question. */
export interface Query {
  qid: string;
  text: string;
}

/** Graded judgments of one query: docid → grade (≥ 1 is relevant, higher is better). */
export type Judgments = ReadonlyMap<string, number>;

/** All judgments of a collection: qid → docid → grade. */
export type Qrels = Map<string, Map<string, number>>;

/** A retrieval run: qid → docids ranked best first. */
export type Run = Map<string, string[]>;

/** One retrieved document, as a ranker returns it. */
export interface Hit {
  id: string;
  score: number;
}

/** Splits a file into numbered lines; tolerates a BOM and CRLF endings (files edited on Windows). */
function numberedLines(text: string): { line: number; content: string }[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((content, index) => ({ line: index + 1, content }));
}

/** Parses `qid<TAB>query text` lines; blank lines are skipped, the text is trimmed. */
export function parseQueries(text: string, file: string): Query[] {
  const queries: Query[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, content } of numberedLines(text)) {
    if (content.trim() === '') continue;
    const tab = content.indexOf('\t');
    const qid = tab < 0 ? '' : content.slice(0, tab).trim();
    const queryText = tab < 0 ? '' : content.slice(tab + 1).trim();
    if (qid === '' || queryText === '') {
      throw new EvalInputError(`${file}:${line}: expected "qid<TAB>query text"`);
    }
    const seen = firstLine.get(qid);
    if (seen !== undefined) {
      throw new EvalInputError(`${file}:${line}: duplicate query id "${qid}" (first on line ${seen})`);
    }
    firstLine.set(qid, line);
    queries.push({ qid, text: queryText });
  }
  return queries;
}

/**
 * Parses TREC qrels, `qid 0 docid grade` separated by any whitespace. The second field (the
 * "iteration") is ignored, as trec_eval ignores it. Negative grades are kept: some TREC
 * collections use them for "judged, not relevant"; the metrics treat them like 0.
 */
export function parseQrels(text: string, file: string): Qrels {
  const qrels: Qrels = new Map();
  // A docid judged twice would leave its grade depending on line order, so it is an error.
  const firstLine = new Map<string, number>();
  for (const { line, content } of numberedLines(text)) {
    if (content.trim() === '') continue;
    const fields = content.trim().split(/\s+/);
    if (fields.length !== 4) {
      throw new EvalInputError(`${file}:${line}: expected "qid 0 docid grade", got ${fields.length} fields`);
    }
    const [qid, , docid, gradeText] = fields as [string, string, string, string];
    if (!/^[+-]?\d+$/.test(gradeText)) {
      throw new EvalInputError(`${file}:${line}: grade "${gradeText}" is not an integer`);
    }
    const key = `${qid}\u0000${docid}`;
    const seen = firstLine.get(key);
    if (seen !== undefined) {
      throw new EvalInputError(`${file}:${line}: duplicate judgment of "${docid}" for query "${qid}" (first on line ${seen})`);
    }
    firstLine.set(key, line);
    let judgments = qrels.get(qid);
    if (judgments === undefined) {
      judgments = new Map();
      qrels.set(qid, judgments);
    }
    judgments.set(docid, Number.parseInt(gradeText, 10));
  }
  return qrels;
}

/** A run field must be one non-empty token, or the line would not split back into six fields. */
function assertToken(what: string, value: string): void {
  if (value === '' || /\s/.test(value)) {
    throw new RangeError(`TREC run ${what} must be non-empty and without whitespace, got "${value}"`);
  }
}

/**
 * Formats one query's hits as TREC run lines `qid Q0 docid rank score tag` (rank 1-based, in the
 * given order; score with 6 decimals). Each line ends in a newline, so the results of several
 * queries can simply be concatenated; no hits gives the empty string.
 */
export function formatRun(qid: string, hits: readonly Hit[], tag = 'paperbot'): string {
  assertToken('query id', qid);
  assertToken('tag', tag);
  return hits
    .map((hit, index) => {
      assertToken('docid', hit.id);
      if (!Number.isFinite(hit.score)) {
        throw new RangeError(`TREC run score of "${hit.id}" for query "${qid}" must be finite, got ${hit.score}`);
      }
      return `${qid} Q0 ${hit.id} ${index + 1} ${hit.score.toFixed(6)} ${tag}\n`;
    })
    .join('');
}

/**
 * Reads a TREC run back into qid → docids, ordered by the rank field. (trec_eval ignores the rank
 * and sorts by score, then docid descending; {@link formatRun} writes ranks in the ranker's order,
 * which is the order the metrics assume, so the rank field is the faithful one to read back.)
 */
export function parseRun(text: string, file: string): Run {
  const entries = new Map<string, { rank: number; docid: string }[]>();
  const firstLine = new Map<string, number>();
  for (const { line, content } of numberedLines(text)) {
    if (content.trim() === '') continue;
    const fields = content.trim().split(/\s+/);
    if (fields.length !== 6) {
      throw new EvalInputError(`${file}:${line}: expected "qid Q0 docid rank score tag", got ${fields.length} fields`);
    }
    const [qid, , docid, rankText, scoreText] = fields as [string, string, string, string, string, string];
    if (!/^\d+$/.test(rankText) || Number(rankText) < 1) {
      throw new EvalInputError(`${file}:${line}: rank "${rankText}" is not a positive integer`);
    }
    if (!Number.isFinite(Number(scoreText))) {
      throw new EvalInputError(`${file}:${line}: score "${scoreText}" is not a number`);
    }
    // trec_eval refuses a docid retrieved twice for one query; so do we.
    const key = `${qid}\u0000${docid}`;
    const seen = firstLine.get(key);
    if (seen !== undefined) {
      throw new EvalInputError(`${file}:${line}: duplicate docid "${docid}" for query "${qid}" (first on line ${seen})`);
    }
    firstLine.set(key, line);
    let list = entries.get(qid);
    if (list === undefined) {
      list = [];
      entries.set(qid, list);
    }
    list.push({ rank: Number(rankText), docid });
  }
  const run: Run = new Map();
  for (const [qid, list] of entries) {
    // Array.prototype.sort is stable, so equal ranks keep file order.
    run.set(qid, list.sort((a, b) => a.rank - b.rank).map((entry) => entry.docid));
  }
  return run;
}
