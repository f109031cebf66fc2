import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EvalInputError } from '../../src/errors.js';
import { parseAnswerGold } from '../../src/eval/answer-gold.js';

const line = (value: unknown): string => JSON.stringify(value);

describe('parseAnswerGold', () => {
  it('groups lines by qid, then docid, keeping key, support and the line number; blank lines and CRLF are fine', () => {
    const text = [
      line({ qid: 'd01', docid: 's004', key: ['We propose MMD-DDM.'], support: ['It is fast.', 'It is simple.'] }),
      '',
      line({ qid: 'd01', docid: 's005', key: [], support: ['Training is cheaper.'] }),
      line({ qid: 'd02', docid: 's004', key: [' Padded. '], support: [], note: 'unknown fields are ignored' }),
    ].join('\r\n');
    expect(parseAnswerGold(text, 'answers.jsonl')).toEqual(
      new Map([
        [
          'd01',
          new Map([
            ['s004', { key: ['We propose MMD-DDM.'], support: ['It is fast.', 'It is simple.'], line: 1 }],
            ['s005', { key: [], support: ['Training is cheaper.'], line: 3 }],
          ]),
        ],
        ['d02', new Map([['s004', { key: ['Padded.'], support: [], line: 4 }]])],
      ]),
    );
  });

  it('reads number ids as their string form and skips a BOM', () => {
    const gold = parseAnswerGold('\uFEFF' + line({ qid: 7, docid: 184, key: ['A.'], support: [] }), 'g.jsonl');
    expect([...gold.keys()]).toEqual(['7']);
    expect([...gold.get('7')!.keys()]).toEqual(['184']);
  });

  it('gives an empty map for an empty file (evaluating it is the error)', () => {
    expect(parseAnswerGold('\n\n', 'g.jsonl')).toEqual(new Map());
  });

  it('rejects a line that is not JSON, naming file and line', () => {
    expect(() => parseAnswerGold(line({ qid: 'a', docid: 'b', key: ['x'], support: [] }) + '\n{"qid": broken', 'answers.jsonl')).toThrow(
      /^answers\.jsonl:2: not valid JSON: /,
    );
  });

  it('rejects a line that is not an object', () => {
    expect(() => parseAnswerGold('["d01", "s004"]\n', 'answers.jsonl')).toThrow(
      new EvalInputError('answers.jsonl:1: a gold line must be a JSON object, got a list'),
    );
  });

  it('names a missing field: "file:line: field: is required"', () => {
    expect(() => parseAnswerGold(line({ qid: 'd01', key: ['x'], support: [] }), 'answers.jsonl')).toThrow(
      new EvalInputError('answers.jsonl:1: docid: is required'),
    );
  });

  it('names a field of the wrong type with what it got', () => {
    expect(() => parseAnswerGold(line({ qid: null, docid: 's1', key: [], support: ['x'] }), 'answers.jsonl')).toThrow(
      new EvalInputError('answers.jsonl:1: qid: must be a string or a number, got null'),
    );
    expect(() => parseAnswerGold(line({ qid: 'd01', docid: 's1', key: 'one sentence', support: [] }), 'answers.jsonl')).toThrow(
      new EvalInputError('answers.jsonl:1: key: must be a list of sentences, got "one sentence"'),
    );
  });

  it('names a bad sentence by its index, and lists every bad field of the line', () => {
    expect(() => parseAnswerGold(line({ qid: '', docid: 's1', key: ['ok', 5], support: ['  '] }), 'answers.jsonl')).toThrow(
      new EvalInputError(
        'answers.jsonl:1: qid: must not be empty; key.1: must be a sentence (a string), got 5; support.0: must not be empty',
      ),
    );
  });

  it('rejects a line with neither key nor support sentences', () => {
    expect(() => parseAnswerGold(line({ qid: 'd01', docid: 's1', key: [], support: [] }), 'answers.jsonl')).toThrow(
      new EvalInputError('answers.jsonl:1: key, support: both empty; a gold line needs at least one sentence'),
    );
  });

  it('rejects a second line for the same question and paper, naming both lines', () => {
    const gold = line({ qid: 'd01', docid: 's1', key: ['a'], support: [] });
    expect(() => parseAnswerGold([gold, line({ qid: 'd02', docid: 's1', key: ['a'], support: [] }), gold].join('\n'), 'answers.jsonl')).toThrow(
      new EvalInputError('answers.jsonl:3: duplicate gold for query "d01" and paper "s1" (first on line 1)'),
    );
  });

  it('throws EvalInputError with the eval input code', () => {
    try {
      parseAnswerGold('nope', 'g.jsonl');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EvalInputError);
      expect((error as EvalInputError).code).toBe('paperbot_eval_input_invalid');
    }
  });
});

// shared/ is the repo's sibling (/work/main → /work/shared), as in benchmark-files.test.ts.
const seedsDevGold = fileURLToPath(new URL('../../../shared/benchmarks/seeds-dev/answers.jsonl', import.meta.url));

describe('the shared seeds-dev answer gold', () => {
  it.skipIf(!existsSync(seedsDevGold))('parses: 15 queries, 193 (question, paper) pairs, 61 of them for d01, each with a key sentence', () => {
    const gold = parseAnswerGold(readFileSync(seedsDevGold, 'utf8'), 'seeds-dev/answers.jsonl');
    expect(gold.size).toBe(15);
    const papers = [...gold.values()].flatMap((byPaper) => [...byPaper.values()]);
    expect(papers).toHaveLength(193);
    expect(gold.get('d01')!.size).toBe(61);
    expect(papers.every((paper) => paper.key.length > 0)).toBe(true);
  });
});
