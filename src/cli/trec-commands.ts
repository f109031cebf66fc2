import { readFile } from 'node:fs/promises';
import { EvalInputError } from '../errors.js';
import { evaluateRun, formatReport } from '../eval/evaluate.js';
import { formatRun, parseQrels, parseQueries, type Query, type Run } from '../eval/trec-files.js';
import type { PaperIndex } from '../search/paper-index.js';

/** Reads a benchmark input file; a missing or unreadable one is an EvalInputError naming it. */
export async function readInput(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new EvalInputError(`Cannot read ${what} file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** Reads a queries file (`qid<TAB>text` per line). */
export async function readQueries(path: string): Promise<Query[]> {
  return parseQueries(await readInput(path, 'queries'), path);
}

/** Ranks every query as users' questions are ranked; the ids are the corpus records' own. */
export function rankQueries(index: PaperIndex, queries: readonly Query[], depth: number): Run {
  const run: Run = new Map();
  for (const query of queries) run.set(query.qid, index.search(query.text, { limit: depth }).hits.map((hit) => hit.paper.id));
  return run;
}

/** `paperbot rank`: a TREC run, one line per hit. */
export async function rankCommand(index: PaperIndex, queriesPath: string, depth: number, write: (text: string) => void): Promise<void> {
  for (const query of await readQueries(queriesPath)) {
    const hits = index.search(query.text, { limit: depth }).hits.map((hit) => ({ id: hit.paper.id, score: hit.score }));
    write(formatRun(query.qid, hits));
  }
}

/** `paperbot eval`: nDCG@10, MAP, P@10, Recall@100, MRR@10 over the judged queries. */
export async function evalCommand(index: PaperIndex, queriesPath: string, qrelsPath: string, depth: number): Promise<string> {
  const queries = await readQueries(queriesPath);
  const qrels = parseQrels(await readInput(qrelsPath, 'qrels'), qrelsPath);
  return formatReport(evaluateRun(rankQueries(index, queries, depth), qrels));
}
