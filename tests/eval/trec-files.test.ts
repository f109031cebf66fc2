import { describe, expect, it } from 'vitest';
import { EvalInputError } from '../../src/errors.js';
import { formatRun, parseQrels, parseQueries, parseRun } from '../../src/eval/trec-files.js';

describe('parseQueries', () => {
  it('reads qid<TAB>text lines in order, skipping blank lines and trimming the text', () => {
    const text = '1\twhat is lift?\n\n  \nd02\t distillation for one-step generation \r\n';
    expect(parseQueries(text, 'q.tsv')).toEqual([
      { qid: '1', text: 'what is lift?' },
      { qid: 'd02', text: 'distillation for one-step generation' },
    ]);
  });

  it('keeps tabs after the first as part of the text', () => {
    expect(parseQueries('q1\ta\tb\n', 'q.tsv')).toEqual([{ qid: 'q1', text: 'a\tb' }]);
  });

  it('rejects a line without a tab, naming file and line', () => {
    expect(() => parseQueries('1\tok\n2 no tab here\n', 'queries.tsv')).toThrow(
      new EvalInputError('queries.tsv:2: expected "qid<TAB>query text"'),
    );
  });

  it('rejects a line with empty text or an empty qid', () => {
    expect(() => parseQueries('1\t  \n', 'queries.tsv')).toThrow('queries.tsv:1: expected "qid<TAB>query text"');
    expect(() => parseQueries('\tsome text\n', 'queries.tsv')).toThrow('queries.tsv:1: expected "qid<TAB>query text"');
  });

  it('rejects a duplicate qid, naming both lines', () => {
    expect(() => parseQueries('7\tfirst\n\n7\tsecond\n', 'queries.tsv')).toThrow(
      'queries.tsv:3: duplicate query id "7" (first on line 1)',
    );
  });

  it('throws EvalInputError with the eval input code', () => {
    try {
      parseQueries('broken', 'q.tsv');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EvalInputError);
      expect((error as EvalInputError).code).toBe('paperbot_eval_input_invalid');
    }
  });
});

describe('parseQrels', () => {
  it('groups whitespace-separated "qid 0 docid grade" lines by query, keeping every grade', () => {
    const qrels = parseQrels('1 0 184 3\n1\t0  29 0\n\nd01 0 s000 -1\n', 'qrels.txt');
    expect(qrels).toEqual(
      new Map([
        ['1', new Map([['184', 3], ['29', 0]])],
        ['d01', new Map([['s000', -1]])],
      ]),
    );
  });

  it('rejects a line without exactly 4 fields', () => {
    expect(() => parseQrels('1 0 184 3\n1 0 29\n', 'qrels.txt')).toThrow(
      new EvalInputError('qrels.txt:2: expected "qid 0 docid grade", got 3 fields'),
    );
    expect(() => parseQrels('1 0 184 3 x\n', 'qrels.txt')).toThrow('qrels.txt:1: expected "qid 0 docid grade", got 5 fields');
  });

  it('rejects a grade that is not an integer', () => {
    expect(() => parseQrels('1 0 184 2.5\n', 'qrels.txt')).toThrow('qrels.txt:1: grade "2.5" is not an integer');
    expect(() => parseQrels('1 0 184 high\n', 'qrels.txt')).toThrow('qrels.txt:1: grade "high" is not an integer');
  });

  it('rejects a document judged twice for one query, naming both lines', () => {
    expect(() => parseQrels('1 0 a 1\n2 0 a 1\n1 0 a 2\n', 'qrels.txt')).toThrow(
      'qrels.txt:3: duplicate judgment of "a" for query "1" (first on line 1)',
    );
  });
});

describe('formatRun', () => {
  it('writes one "qid Q0 docid rank score tag" line per hit, rank 1-based, score to 6 decimals', () => {
    const hits = [
      { id: 's004', score: 12.3456789 },
      { id: 's000', score: 2 },
      { id: 's117', score: -0.5 },
    ];
    expect(formatRun('d01', hits)).toBe(
      'd01 Q0 s004 1 12.345679 paperbot\nd01 Q0 s000 2 2.000000 paperbot\nd01 Q0 s117 3 -0.500000 paperbot\n',
    );
  });

  it('uses the given tag, and gives the empty string for no hits', () => {
    expect(formatRun('1', [{ id: '42', score: 1 }], 'bm25')).toBe('1 Q0 42 1 1.000000 bm25\n');
    expect(formatRun('1', [])).toBe('');
  });

  it('refuses values that would not read back as six fields, and non-finite scores', () => {
    expect(() => formatRun('q 1', [])).toThrow(RangeError);
    expect(() => formatRun('q1', [{ id: 'a b', score: 1 }])).toThrow(RangeError);
    expect(() => formatRun('q1', [{ id: 'a', score: Number.NaN }])).toThrow(RangeError);
  });
});

describe('parseRun', () => {
  it('reads back what formatRun wrote, per query, in rank order', () => {
    const text =
      formatRun('d01', [
        { id: 's004', score: 3.25 },
        { id: 's000', score: 3.25 },
        { id: 's117', score: 0.1 },
      ]) + formatRun('d02', [{ id: 's009', score: 7 }]);
    expect(parseRun(text, 'run.txt')).toEqual(
      new Map([
        ['d01', ['s004', 's000', 's117']],
        ['d02', ['s009']],
      ]),
    );
  });

  it('orders by the rank field, not by line order', () => {
    expect(parseRun('1 Q0 b 2 1.0 t\n1 Q0 a 1 2.0 t\n', 'run.txt').get('1')).toEqual(['a', 'b']);
  });

  it('rejects malformed lines, naming file and line', () => {
    expect(() => parseRun('1 Q0 a 1 2.0\n', 'run.txt')).toThrow(
      new EvalInputError('run.txt:1: expected "qid Q0 docid rank score tag", got 5 fields'),
    );
    expect(() => parseRun('1 Q0 a 1 2.0 t\n1 Q0 b 0 1.0 t\n', 'run.txt')).toThrow(
      'run.txt:2: rank "0" is not a positive integer',
    );
    expect(() => parseRun('1 Q0 a 1 high t\n', 'run.txt')).toThrow('run.txt:1: score "high" is not a number');
  });

  it('rejects a docid retrieved twice for one query, as trec_eval does', () => {
    expect(() => parseRun('1 Q0 a 1 2.0 t\n1 Q0 a 2 1.0 t\n', 'run.txt')).toThrow(
      'run.txt:2: duplicate docid "a" for query "1" (first on line 1)',
    );
  });
});
