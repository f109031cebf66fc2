import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateRun } from '../../src/eval/evaluate.js';
import { parseQrels, parseQueries, type Qrels } from '../../src/eval/trec-files.js';

// shared/ is the repo's sibling (/work/main → /work/shared); CI clones it the same way.
const benchmarks = fileURLToPath(new URL('../../../shared/benchmarks/', import.meta.url));
const missing = !existsSync(benchmarks);
const read = (file: string): string => readFileSync(benchmarks + file, 'utf8');

/** Number of (query, doc) pairs with grade ≥ 1. */
const relevantPairs = (qrels: Qrels): number =>
  [...qrels.values()].reduce((sum, judgments) => sum + [...judgments.values()].filter((grade) => grade >= 1).length, 0);

/** The best possible run: each query's judged docs by grade, best first. */
const idealRun = (qrels: Qrels): Map<string, string[]> =>
  new Map(
    [...qrels].map(([qid, judgments]) => [qid, [...judgments].sort((a, b) => b[1] - a[1]).map(([docid]) => docid)]),
  );

describe('the shared benchmark files', () => {
  if (missing) it.skip(`../shared/benchmarks not found beside the repo (${benchmarks})`, () => {});

  it.skipIf(missing)('cranfield: 225 queries, every one judged, scored 1 by the ideal run', () => {
    const queries = parseQueries(read('cranfield/queries.tsv'), 'cranfield/queries.tsv');
    const qrels = parseQrels(read('cranfield/qrels.txt'), 'cranfield/qrels.txt');
    expect(queries).toHaveLength(225);
    expect([...qrels.keys()].sort()).toEqual(queries.map((query) => query.qid).sort());
    expect(relevantPairs(qrels)).toBe(1612);
    const report = evaluateRun(idealRun(qrels), qrels);
    expect(report.queries).toBe(225);
    expect(report).toMatchObject({ ndcg10: 1, map: 1, recall100: 1, mrr10: 1 });
  });

  it.skipIf(missing)('seeds-dev: 15 queries, 193 relevant pairs, 61 of them for the broad d01', () => {
    const queries = parseQueries(read('seeds-dev/queries.tsv'), 'seeds-dev/queries.tsv');
    const qrels = parseQrels(read('seeds-dev/qrels.txt'), 'seeds-dev/qrels.txt');
    expect(queries).toHaveLength(15);
    expect(queries[0]).toEqual({ qid: 'd01', text: 'which papers speed up diffusion sampling?' });
    expect(qrels.size).toBe(15);
    expect(relevantPairs(qrels)).toBe(193);
    expect(relevantPairs(new Map([['d01', qrels.get('d01') ?? new Map()]]))).toBe(61);
    expect(evaluateRun(idealRun(qrels), qrels)).toMatchObject({ queries: 15, ndcg10: 1, map: 1, mrr10: 1 });
  });
});
