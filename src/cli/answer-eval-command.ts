import { answer } from '../answer/answer.js';
import { EvalInputError } from '../errors.js';
import { parseAnswerGold } from '../eval/answer-gold.js';
import { evaluateAnswers, type AnswerEvalReport, type QuotedAnswer } from '../eval/answer-metrics.js';
import type { PaperIndex } from '../search/paper-index.js';
import { readInput, readQueries } from './trec-commands.js';

/**
 * `paperbot eval --answers GOLD.jsonl`: answers every question that has gold, exactly as users'
 * questions are answered (`answer()` with its default limits), and scores the answers against
 * the gold. A gold question missing from the queries file is an error naming the gold line:
 * it could not be asked, and scoring it 0 would hide a mismatched pair of files.
 */
export async function answerEvalCommand(index: PaperIndex, queriesPath: string, goldPath: string): Promise<AnswerEvalReport> {
  const queries = await readQueries(queriesPath);
  const gold = parseAnswerGold(await readInput(goldPath, 'answers'), goldPath);
  const asked = new Set(queries.map((query) => query.qid));
  for (const [qid, papers] of gold) {
    if (asked.has(qid)) continue;
    const line = Math.min(...[...papers.values()].map((paper) => paper.line));
    throw new EvalInputError(`${goldPath}:${line}: query "${qid}" is not in ${queriesPath}`);
  }
  const answers = new Map<string, QuotedAnswer>();
  for (const query of queries) if (gold.has(query.qid)) answers.set(query.qid, answer(index, query.text));
  return evaluateAnswers(answers, gold);
}
