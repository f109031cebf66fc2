import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorpusError, ErrorCode } from '../../src/errors.js';
import { derivePaperId, formatCorpusIssue, loadCorpus } from '../../src/corpus/index.js';
import { abstractAbout, recordLine, tempCorpus } from './corpus-fixtures.js';

async function loadError(path: string): Promise<CorpusError> {
  const error: unknown = await loadCorpus(path).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(CorpusError);
  return error as CorpusError;
}

const searchPage = (...titles: string[]): string =>
  ['Get trending papers in your email inbox!', ...titles.flatMap((title) => [title, abstractAbout(title)])].join('\n');

describe('loadCorpus', () => {
  it('loads a single .jsonl file, naming it as given', async () => {
    const dir = await tempCorpus({ 'papers.jsonl': `${recordLine('A Paper', { id: 'a' })}\n` });
    const path = join(dir, 'papers.jsonl');
    const corpus = await loadCorpus(path);
    expect(corpus).toEqual({
      papers: [{ id: 'a', title: 'A Paper', abstract: abstractAbout('A Paper'), links: [], sources: [{ file: path, line: 1 }] }],
      issues: [],
      files: [path],
      skipped: 0,
      merged: 0,
    });
  });

  it('loads a .json array of records', async () => {
    const dir = await tempCorpus({ 'papers.json': `[\n${recordLine('One')},\n${recordLine('Two', { authors: ['Ada'] })}\n]` });
    const corpus = await loadCorpus(join(dir, 'papers.json'));
    expect(corpus.papers.map((paper) => [paper.id, paper.authors])).toEqual([
      [derivePaperId('One'), undefined],
      [derivePaperId('Two'), ['Ada']],
    ]);
  });

  it('loads a directory: corpus files by name, other files and subdirectories ignored, bad parts reported', async () => {
    const dir = await tempCorpus({
      'b-records.jsonl': [recordLine('Good One'), '{not json', JSON.stringify({ abstract: 'No title here.' }), recordLine('Good Two', { authors: 'Ada' })].join('\n'),
      'a-listing.txt': searchPage('Listed Paper'),
      'c-broken.json': '[{"title": "x",',
      'd-empty.txt': '',
      'README.md': '# not a corpus file',
      'nested/more.jsonl': recordLine('Nested Paper'),
    });
    const corpus = await loadCorpus(dir);
    expect(corpus.files).toEqual(['a-listing.txt', 'b-records.jsonl', 'c-broken.json', 'd-empty.txt']);
    expect(corpus.papers.map((paper) => paper.title)).toEqual(['Listed Paper', 'Good One']);
    expect(corpus.issues.map(formatCorpusIssue)).toEqual([
      expect.stringMatching(/^b-records\.jsonl:2: not valid JSON: Expected property name or '\}'/u),
      'b-records.jsonl:3: title: is required',
      'b-records.jsonl:4: authors: must be a list of author names or a number of authors, got "Ada"',
      expect.stringMatching(/^c-broken\.json(:\d+)?: not valid JSON: /u),
      'd-empty.txt: empty file',
    ]);
    expect(corpus.skipped).toBe(3);
  });

  it('reports an unreadable file among several and loads the others', async () => {
    const dir = await tempCorpus({ 'good.jsonl': recordLine('Good') });
    await symlink(join(dir, 'gone.jsonl'), join(dir, 'dangling.jsonl'));
    const corpus = await loadCorpus(dir);
    expect(corpus.papers.map((paper) => paper.title)).toEqual(['Good']);
    expect(corpus.issues).toEqual([{ file: 'dangling.jsonl', message: 'cannot read file: no such file or directory (ENOENT)' }]);
  });

  it.skipIf(process.getuid?.() === 0)('throws CorpusInvalid for a single file it cannot read', async () => {
    const dir = await tempCorpus({ 'locked.jsonl': recordLine('Locked') });
    const path = join(dir, 'locked.jsonl');
    await chmod(path, 0o000);
    const error = await loadError(path);
    expect(error.code).toBe(ErrorCode.CorpusInvalid);
    expect(error.message).toBe(`Cannot read corpus file "${path}": permission denied (EACCES).`);
  });

  it('merges duplicates across files: first text wins, metadata filled in, links united, all sources kept', async () => {
    const title = 'Video-Infinity: Distributed Long Video Generation';
    const dir = await tempCorpus({
      '1-daily.txt': ['Daily Papers', '', title, '', abstractAbout('video https://github.com/a/vi.'), '', '  • 4 authors', '·', 'Jun 23 2'].join('\n'),
      '2-records.jsonl': [
        recordLine('Other Paper'),
        JSON.stringify({ id: 2406.1626, title: 'VIDEO-INFINITY — distributed long video generation', abstract: 'Shorter.', published: '2024-06-23', url: 'https://arxiv.org/abs/2406.16260' }),
      ].join('\n'),
    });
    const corpus = await loadCorpus(dir);
    expect(corpus.merged).toBe(1);
    expect(corpus.papers).toHaveLength(2);
    expect(corpus.papers[0]).toEqual({
      id: '2406.1626',
      // An own id shaped as an arXiv id is kept as the paper's arXiv id too.
      arxivId: '2406.1626',
      title,
      abstract: abstractAbout('video https://github.com/a/vi.'),
      authorCount: 4,
      published: '2024-06-23',
      upvotes: 2,
      url: 'https://arxiv.org/abs/2406.16260',
      links: [
        { kind: 'github', url: 'https://github.com/a/vi' },
        { kind: 'paper', url: 'https://arxiv.org/abs/2406.16260' },
      ],
      sources: [
        { file: '1-daily.txt', line: 3 },
        { file: '2-records.jsonl', line: 2 },
      ],
    });
  });

  it('reports an own id used by two different papers and derives one for the second', async () => {
    const dir = await tempCorpus({ 'p.jsonl': [recordLine('First', { id: 'x' }), recordLine('Second', { id: 'x' })].join('\n') });
    const corpus = await loadCorpus(dir);
    expect(corpus.papers.map((paper) => paper.id)).toEqual(['x', derivePaperId('Second')]);
    expect(corpus.issues).toEqual([
      { file: 'p.jsonl', line: 2, field: 'id', message: `"x" is already the id of "First" (p.jsonl:1); using the derived id "${derivePaperId('Second')}"` },
    ]);
  });

  it('throws CorpusEmpty for a missing path', async () => {
    const error = await loadError('/no/such/corpus');
    expect(error.code).toBe(ErrorCode.CorpusEmpty);
    expect(error.message).toBe('Corpus path "/no/such/corpus" does not exist.');
  });

  it('throws CorpusEmpty for a directory without corpus files', async () => {
    const dir = await tempCorpus({ 'notes.md': 'hello' });
    await mkdir(join(dir, 'sub.json'));
    const error = await loadError(dir);
    expect(error.code).toBe(ErrorCode.CorpusEmpty);
    expect(error.message).toBe(`No corpus files (*.txt, *.jsonl, *.json) in "${dir}".`);
  });

  it('throws CorpusEmpty, naming the first issue, when no file holds a paper', async () => {
    const dir = await tempCorpus({ 'empty.jsonl': '\n\n', 'bad.jsonl': JSON.stringify({ title: 'T' }) });
    const error = await loadError(dir);
    expect(error.code).toBe(ErrorCode.CorpusEmpty);
    expect(error.message).toBe(`No papers in corpus "${dir}" (2 issues; first: bad.jsonl:1: abstract: is required).`);

    const empty = join(dir, 'empty.jsonl');
    expect((await loadError(empty)).message).toBe(`No papers in corpus "${empty}" (1 issue; first: ${empty}: empty file).`);
  });

  it('throws CorpusInvalid for a file that is not a corpus file type', async () => {
    const dir = await tempCorpus({ 'papers.csv': 'title,abstract' });
    const path = join(dir, 'papers.csv');
    const error = await loadError(path);
    expect(error.code).toBe(ErrorCode.CorpusInvalid);
    expect(error.message).toBe(`Cannot load "${path}": a corpus file must be one of *.txt, *.jsonl, *.json.`);
  });

  it('takes corpus file extensions in any case', async () => {
    const dir = await tempCorpus({ 'PAPERS.JSONL': recordLine('Upper') });
    expect((await loadCorpus(dir)).files).toEqual(['PAPERS.JSONL']);
  });

  it("keeps a paper's id when other files are added before it", async () => {
    const dir = await tempCorpus({ 'a.jsonl': recordLine('A') });
    const before = await loadCorpus(dir);
    await writeFile(join(dir, '0.jsonl'), recordLine('Zero'));
    const after = await loadCorpus(dir);
    expect(after.papers.find((paper) => paper.title === 'A')!.id).toBe(before.papers[0]!.id);
  });
});
