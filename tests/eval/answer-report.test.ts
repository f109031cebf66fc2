import { describe, expect, it } from 'vitest';
import type { AnswerEvalReport } from '../../src/eval/answer-metrics.js';
import { formatAnswerReport } from '../../src/eval/answer-report.js';

describe('formatAnswerReport', () => {
  it('prints a header, one row per question with 3 decimals, and a mean row; numbers right-aligned', () => {
    const report: AnswerEvalReport = {
      queries: 2,
      mean: { keyHit: 0.5, keyPrecision: 0.25, usefulPrecision: 0.5, sentenceGain: 1 / 3, papersCovered: 0.1 },
      perQuery: [
        { qid: 'd01', keyHit: 1, keyPrecision: 0.5, usefulPrecision: 1, sentenceGain: 2 / 3, papersCovered: 0.2, sentences: 4, chars: 512 },
        { qid: 'long-qid', keyHit: 0, keyPrecision: 0, usefulPrecision: 0, sentenceGain: 0, papersCovered: 0, sentences: 0, chars: 0 },
      ],
    };
    expect(formatAnswerReport(report)).toBe(
      [
        'qid       key-hit  key-precision  useful-precision  sentence-gain  papers-covered  sentences  chars',
        'd01         1.000          0.500             1.000          0.667           0.200          4    512',
        'long-qid    0.000          0.000             0.000          0.000           0.000          0      0',
        'mean        0.500          0.250             0.500          0.333           0.100        2.0  256.0',
        '',
      ].join('\n'),
    );
  });
});
