import { describe, expect, it, vi } from 'vitest';
import { formatCorpusIssue, loadCorpus } from '../../src/corpus/index.js';
import { abstractAbout, tempCorpus } from './corpus-fixtures.js';

// A parser that still overflows on some input the limits did not foresee.
vi.mock('../../src/corpus/parse-json-records.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/corpus/parse-json-records.js')>()),
  parseJsonl: () => {
    throw new RangeError('Maximum call stack size exceeded');
  },
}));

describe('loadCorpus: one file that fails to parse', () => {
  it('is one issue, and the other files still load', async () => {
    const listing = ['Get trending papers in your email inbox!', 'Listed Paper', abstractAbout('listed papers')].join('\n');
    const dir = await tempCorpus({ 'a-bad.jsonl': '{"title": "x"}\n', 'b-good.txt': listing });
    const corpus = await loadCorpus(dir);
    expect(corpus.papers.map((paper) => paper.title)).toEqual(['Listed Paper']);
    expect(corpus.issues.map(formatCorpusIssue)).toEqual(['a-bad.jsonl: cannot parse file: Maximum call stack size exceeded; skipped']);
  });
});
