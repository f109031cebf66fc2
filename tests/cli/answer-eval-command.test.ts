/**
 * `paperbot eval --answers`, end to end through the built binary over a three-paper corpus, and
 * the usage errors of `eval`. The expected table is computed in this process from the same
 * files, so the test pins the wiring, not the answer engine's current choices.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadIndex } from '../../src/app/load-index.js';
import { answerEvalCommand } from '../../src/cli/answer-eval-command.js';
import type { AnswerEvalReport } from '../../src/eval/answer-metrics.js';
import { formatAnswerReport } from '../../src/eval/answer-report.js';
import { buildOnce, cliEnv, describeRun, runNode, type ProcessResult } from '../helpers/cli.js';

const record = (id: string, title: string, abstract: string) => JSON.stringify({ id, title, abstract });
const FAST = ['Diffusion models generate high quality images but sampling them is slow.', 'We propose a training-free solver that speeds up diffusion sampling by an order of magnitude.'];
const SMOOTHING = ['Label smoothing replaces hard targets with soft targets during training.', 'We analyse why label smoothing improves calibration of classifiers.'];
const PAPERS = [
  record('fast-sampling', 'Fast Sampling of Diffusion Models', FAST.join(' ')),
  record('label-smoothing', 'Understanding Label Smoothing', SMOOTHING.join(' ')),
  record('bilevel', 'A Penalty Method for Bilevel Optimization', 'Bilevel optimization problems nest one optimization problem inside another. We propose a first-order penalty method with convergence guarantees.'),
];
const GOLD = [
  { qid: 'q1', docid: 'fast-sampling', key: [FAST[1]], support: [FAST[0]] },
  { qid: 'q2', docid: 'label-smoothing', key: SMOOTHING, support: [] },
];

let dir: string;
let cacheHome: string;
const file = (name: string) => join(dir, name);

function paperbot(args: readonly string[]): Promise<ProcessResult> {
  return runNode(args, { cwd: dir, env: cliEnv(cacheHome) });
}

/** `--corpus C eval --queries Q.tsv` followed by `rest`. */
const evalArgs = (...rest: string[]) => ['--corpus', file('corpus.jsonl'), 'eval', '--queries', file('queries.tsv'), ...rest];

beforeAll(() => {
  buildOnce();
  const root = mkdtempSync(join(tmpdir(), 'paperbot-answer-eval-'));
  dir = join(root, 'work');
  cacheHome = join(root, 'cache');
  mkdirSync(dir);
  writeFileSync(file('corpus.jsonl'), PAPERS.join('\n') + '\n');
  // q3 has no gold: it is not asked and not averaged.
  writeFileSync(file('queries.tsv'), 'q1\tfast diffusion sampling\nq2\tlabel smoothing calibration\nq3\tbilevel optimization\n');
  writeFileSync(file('gold.jsonl'), GOLD.map((line) => JSON.stringify(line)).join('\n') + '\n');
  writeFileSync(file('bad-gold.jsonl'), JSON.stringify(GOLD[0]) + '\n{"qid": "q2", "key": ["x"], "support": []}\n');
  writeFileSync(file('other-gold.jsonl'), JSON.stringify({ ...GOLD[0], qid: 'q7' }) + '\n');
  writeFileSync(file('qrels.txt'), 'q1 0 fast-sampling 1\n');
}, 300_000);

describe('paperbot eval --answers', () => {
  let expected: AnswerEvalReport;
  let text: ProcessResult;
  let json: ProcessResult;

  beforeAll(async () => {
    const { index } = await loadIndex(file('corpus.jsonl'));
    expected = await answerEvalCommand(index, file('queries.tsv'), file('gold.jsonl'));
    [text, json] = await Promise.all([paperbot(evalArgs('--answers', file('gold.jsonl'))), paperbot(['--json', ...evalArgs('--answers', file('gold.jsonl'))])]);
  }, 60_000);

  it('answers each question with gold and prints the table: a row per question, then the means', () => {
    expect(text.code, describeRun(text)).toBe(0);
    expect(text.stderr).toBe('');
    expect(text.stdout).toBe(formatAnswerReport(expected));
    const rows = text.stdout.trimEnd().split('\n').map((row) => row.split(/\s+/));
    expect(rows.map((row) => row[0])).toEqual(['qid', 'q1', 'q2', 'mean']);
    expect(rows[0]).toEqual(['qid', 'key-hit', 'key-precision', 'useful-precision', 'sentence-gain', 'papers-covered', 'sentences', 'chars']);
    for (const row of rows.slice(1)) for (const cell of row.slice(1, 6)) expect(cell).toMatch(/^[01]\.\d{3}$/);
    // Each question has one relevant paper, and every sentence of it is gold: quoting it is a key hit.
    expect(rows[1]![1]).toBe('1.000');
    expect(rows[2]![1]).toBe('1.000');
  });

  it('with --json prints {queries, mean, perQuery}', () => {
    expect(json.code, describeRun(json)).toBe(0);
    expect(json.stderr).toBe('');
    const report = JSON.parse(json.stdout) as AnswerEvalReport;
    expect(report).toEqual(expected);
    expect(report.queries).toBe(2);
    expect(Object.keys(report.mean)).toEqual(['keyHit', 'keyPrecision', 'usefulPrecision', 'sentenceGain', 'papersCovered']);
    expect(report.perQuery.map((score) => score.qid)).toEqual(['q1', 'q2']);
    expect(report.perQuery[0]).toMatchObject({ qid: 'q1', keyHit: 1 });
    expect(report.perQuery[0]!.sentences).toBeGreaterThan(0);
  });
});

describe('paperbot eval: its errors', () => {
  it('needs --qrels or --answers: exit 2, naming both options', async () => {
    const result = await paperbot(evalArgs());
    expect(result.code, describeRun(result)).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'error: eval needs exactly one of --qrels <file> (score the ranking) and --answers <file> (score the answers), got neither\n(add --help for usage)\n',
    );
  });

  it('refuses both --qrels and --answers: exit 2', async () => {
    const result = await paperbot(evalArgs('--qrels', file('qrels.txt'), '--answers', file('gold.jsonl')));
    expect(result.code, describeRun(result)).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      'error: eval needs exactly one of --qrels <file> (score the ranking) and --answers <file> (score the answers), got both',
    );
  });

  it('a bad gold line: exit 1, one line naming file:line: field: problem', async () => {
    const result = await paperbot(evalArgs('--answers', file('bad-gold.jsonl')));
    expect(result.code, describeRun(result)).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`paperbot: ${file('bad-gold.jsonl')}:2: docid: is required\n`);
  });

  it('a gold question missing from the queries file: exit 1, naming the gold line', async () => {
    const result = await paperbot(evalArgs('--answers', file('other-gold.jsonl')));
    expect(result.code, describeRun(result)).toBe(1);
    expect(result.stderr).toBe(`paperbot: ${file('other-gold.jsonl')}:1: query "q7" is not in ${file('queries.tsv')}\n`);
  });

  it('a missing gold file: exit 1, naming it', async () => {
    const result = await paperbot(evalArgs('--answers', file('nosuch.jsonl')));
    expect(result.code, describeRun(result)).toBe(1);
    expect(result.stderr).toBe(`paperbot: Cannot read answers file ${file('nosuch.jsonl')}: ENOENT\n`);
  });
});
