import { describe, expect, it } from 'vitest';
import { EvalInputError } from '../../src/errors.js';
import { evaluateRun, formatReport, type EvalReport } from '../../src/eval/evaluate.js';
import type { Qrels } from '../../src/eval/trec-files.js';

const qrels: Qrels = new Map([
  ['q1', new Map([['a', 2], ['b', 1], ['c', 0]])],
  ['q2', new Map([['d', 1]])],
  // Judged, but nothing relevant: not evaluated.
  ['q3', new Map([['e', 0]])],
]);

describe('evaluateRun', () => {
  it('averages over the queries with a relevant doc, a judged query missing from the run scoring 0', () => {
    const run = new Map([
      ['q1', ['a', 'b', 'c']],
      ['q3', ['e']],
      // Not in the qrels: ignored.
      ['q9', ['z']],
    ]);
    const report = evaluateRun(run, qrels);
    expect(report.queries).toBe(2);
    expect([...report.perQuery.keys()]).toEqual(['q1', 'q2']);
    expect(report.perQuery.get('q1')).toEqual({ ndcg10: 1, ap: 1, p10: 0.2, recall100: 1, mrr10: 1 });
    expect(report.perQuery.get('q2')).toEqual({ ndcg10: 0, ap: 0, p10: 0, recall100: 0, mrr10: 0 });
    expect(report).toMatchObject({ ndcg10: 0.5, map: 0.5, p10: 0.1, recall100: 0.5, mrr10: 0.5 });
  });

  it('averages per-query values that differ by metric', () => {
    const run = new Map([
      ['q1', ['x', 'b', 'a']],
      ['q2', ['d']],
    ]);
    const report = evaluateRun(run, qrels);
    // q1: DCG = 1/log2(3) + 2/log2(4), IDCG = 2 + 1/log2(3); AP = (1/2 + 2/3)/2; MRR = 1/2.
    const ndcgQ1 = (1 / Math.log2(3) + 1) / (2 + 1 / Math.log2(3));
    expect(report.ndcg10).toBeCloseTo((ndcgQ1 + 1) / 2, 12);
    expect(report.map).toBeCloseTo(((1 / 2 + 2 / 3) / 2 + 1) / 2, 12);
    expect(report.p10).toBeCloseTo((0.2 + 0.1) / 2, 12);
    expect(report.recall100).toBe(1);
    expect(report.mrr10).toBe(0.75);
  });

  it('refuses qrels with no relevant doc at all', () => {
    expect(() => evaluateRun(new Map(), new Map([['q3', new Map([['e', 0]])]]))).toThrow(EvalInputError);
  });
});

describe('formatReport', () => {
  it('prints the query count and each mean with 4 decimals, aligned', () => {
    const report: EvalReport = {
      queries: 225,
      ndcg10: 0.38123,
      map: 0.3,
      p10: 0.23256,
      recall100: 0.74049,
      mrr10: 1,
      perQuery: new Map(),
    };
    expect(formatReport(report)).toBe(
      [
        'queries     225',
        'nDCG@10     0.3812',
        'MAP         0.3000',
        'P@10        0.2326',
        'Recall@100  0.7405',
        'MRR@10      1.0000',
        '',
      ].join('\n'),
    );
  });
});
