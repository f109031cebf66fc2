import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCorpusIssue, loadCorpus } from '../../src/corpus/index.js';
import { MAX_ABSTRACT_CHARS, MAX_JSON_DEPTH, MAX_RECORD_BYTES, MAX_TITLE_CHARS } from '../../src/corpus/record-limits.js';
import { abstractAbout, longAbstract, recordLine, tempCorpus } from './corpus-fixtures.js';

const searchPage = (...papers: [string, string][]): string =>
  ['Get trending papers in your email inbox!', ...papers.flat()].join('\n');

const issues = (corpus: { issues: Parameters<typeof formatCorpusIssue>[0][] }): string[] => corpus.issues.map(formatCorpusIssue);

describe('loadCorpus limits: one oversized record never stops the corpus', () => {
  it('clips a 0.9 MB abstract at a sentence end, reports it, and loads the other files', async () => {
    const huge = longAbstract(900_000);
    const dir = await tempCorpus({
      'a-good.jsonl': `${recordLine('Good Paper')}\n`,
      'b-huge.jsonl': `${recordLine('Before')}\n${JSON.stringify({ title: 'Huge Paper', abstract: huge })}\n${recordLine('After')}\n`,
    });
    const corpus = await loadCorpus(dir);
    expect(corpus.papers.map((paper) => paper.title)).toEqual(['Good Paper', 'Before', 'Huge Paper', 'After']);
    const clipped = corpus.papers[2]!.abstract;
    expect(clipped.length).toBeLessThanOrEqual(MAX_ABSTRACT_CHARS);
    expect(clipped.length).toBeGreaterThan(MAX_ABSTRACT_CHARS - 100);
    expect(huge.startsWith(clipped)).toBe(true);
    expect(clipped).toMatch(/benchmarks\.$/u);
    expect(issues(corpus)).toEqual([
      `b-huge.jsonl:2: abstract: ${huge.length} characters, over the limit of ${MAX_ABSTRACT_CHARS}; clipped to ${clipped.length} characters`,
    ]);
    expect(corpus.skipped).toBe(0);
  });

  it('skips a JSONL line nested 10,000 brackets deep, and loads the rest of it and the other files', async () => {
    const deep = `{"title": "Deep", "abstract": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const dir = await tempCorpus({
      'a-good.jsonl': `${recordLine('Good Paper')}\n`,
      'b-deep.jsonl': `${recordLine('Before')}\n${deep}\n${recordLine('After')}\n`,
    });
    const corpus = await loadCorpus(dir);
    expect(corpus.papers.map((paper) => paper.title)).toEqual(['Good Paper', 'Before', 'After']);
    expect(issues(corpus)).toEqual([`b-deep.jsonl:2: nested 10001 levels deep, over the limit of ${MAX_JSON_DEPTH}; skipped`]);
    expect(corpus.skipped).toBe(1);
  });

  it('names a value nested just under the depth limit without recursing through it', async () => {
    const nested = `${'['.repeat(MAX_JSON_DEPTH - 1)}1${']'.repeat(MAX_JSON_DEPTH - 1)}`;
    const dir = await tempCorpus({ 'a.jsonl': `{"title": "Nested", "abstract": ${nested}}\n${recordLine('Good Paper')}\n` });
    const corpus = await loadCorpus(dir);
    expect(corpus.papers.map((paper) => paper.title)).toEqual(['Good Paper']);
    expect(issues(corpus)).toEqual(['a.jsonl:1: abstract: must be a string, got a list holding a list']);
  });

  it('skips a record of a .json array nested too deep, by its index, and loads the others', async () => {
    const deep = `{"title": "Deep", "x": ${'{"a":'.repeat(40)}1${'}'.repeat(40)}}`;
    const dir = await tempCorpus({ 'papers.json': `[\n${recordLine('One')},\n${deep},\n${recordLine('Three')}\n]` });
    const corpus = await loadCorpus(dir);
    expect(corpus.papers.map((paper) => paper.title)).toEqual(['One', 'Three']);
    expect(issues(corpus)).toEqual([`papers.json:3: [1]: nested 41 levels deep, over the limit of ${MAX_JSON_DEPTH}; skipped`]);
  });

  it('skips a record over the size limit unparsed, in .jsonl and .json', async () => {
    const big = JSON.stringify({ title: 'Big', abstract: longAbstract(MAX_RECORD_BYTES + 10) });
    const bytes = Buffer.byteLength(big);
    const dir = await tempCorpus({
      'a.jsonl': `${big}\n${recordLine('Line Two')}\n`,
      'b.json': `[${recordLine('First')},\n${big}]`,
    });
    const corpus = await loadCorpus(dir);
    expect(corpus.papers.map((paper) => paper.title)).toEqual(['Line Two', 'First']);
    expect(issues(corpus)).toEqual([
      `a.jsonl:1: record of ${bytes} bytes, over the limit of ${MAX_RECORD_BYTES}; skipped`,
      `b.json:2: [1]: record of ${bytes} bytes, over the limit of ${MAX_RECORD_BYTES}; skipped`,
    ]);
    expect(corpus.skipped).toBe(2);
  });

  it('clips a title over its length limit at a word, and reports it', async () => {
    const title = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
    const dir = await tempCorpus({ 'a.jsonl': `${JSON.stringify({ title, abstract: abstractAbout('long titles') })}\n` });
    const corpus = await loadCorpus(dir);
    const clipped = corpus.papers[0]!.title;
    expect(clipped.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
    expect(clipped).toMatch(/^word0 word1 .* word\d+…$/u);
    expect(title.startsWith(clipped.slice(0, -1))).toBe(true);
    expect(issues(corpus)).toEqual([`a.jsonl:1: title: ${title.length} characters, over the limit of ${MAX_TITLE_CHARS}; clipped`]);
  });

  it('clips a 0.9 MB abstract line of a text listing, and skips a line over the size limit with its paper', async () => {
    const huge = longAbstract(900_000);
    const tooBig = longAbstract(MAX_RECORD_BYTES + 10);
    const dir = await tempCorpus({
      'listing.txt': searchPage(['Huge Listed Paper', huge], ['Too Big Paper', tooBig], ['Normal Paper', abstractAbout('normal papers')]),
    });
    const corpus = await loadCorpus(dir);
    expect(corpus.papers.map((paper) => paper.title)).toEqual(['Huge Listed Paper', 'Normal Paper']);
    expect(corpus.papers[0]!.abstract.length).toBeLessThanOrEqual(MAX_ABSTRACT_CHARS);
    expect(issues(corpus)).toEqual([
      `listing.txt:3: abstract: ${huge.length} characters, over the limit of ${MAX_ABSTRACT_CHARS}; clipped to ${corpus.papers[0]!.abstract.length} characters`,
      `listing.txt:5: line of ${Buffer.byteLength(tooBig)} bytes, over the limit of ${MAX_RECORD_BYTES}; skipped`,
    ]);
    expect(corpus.skipped).toBe(1);
  });
});

describe('loadCorpus: invalid UTF-8 is reported, not replaced', () => {
  it('skips a .jsonl line that is not valid UTF-8, naming its line and byte, and loads the others', async () => {
    const bad = Buffer.concat([Buffer.from('{"title": "Caf'), Buffer.from([0xe9]), Buffer.from(`", "abstract": "${abstractAbout('cafes')}"}`)]);
    const first = Buffer.from(`${recordLine('First')}\n`);
    const dir = await tempCorpus();
    await writeFile(join(dir, 'a.jsonl'), Buffer.concat([first, bad, Buffer.from(`\n${recordLine('Third')}\n`)]));
    await writeFile(join(dir, 'b.jsonl'), `${recordLine('Other File')}\n`);
    const corpus = await loadCorpus(dir);
    expect(corpus.papers.map((paper) => paper.title)).toEqual(['First', 'Third', 'Other File']);
    expect(issues(corpus)).toEqual([`a.jsonl:2: not valid UTF-8 (byte 15 of the line, byte ${first.length + 15} of the file); skipped`]);
    expect(corpus.skipped).toBe(1);
  });

  it('skips the paper of a .txt listing line that is not valid UTF-8, and loads the others', async () => {
    const page = searchPage(['First Paper', abstractAbout('first things')], ['Latin Paper', `${abstractAbout('latin')} Caf\u0000`], ['Third Paper', abstractAbout('third things')]);
    // The NUL placeholder becomes a lone Latin-1 "é" byte: valid in Latin-1, not in UTF-8.
    const bytes = Buffer.from(page);
    bytes[bytes.indexOf(0)] = 0xe9;
    const dir = await tempCorpus();
    await writeFile(join(dir, 'listing.txt'), bytes);
    const corpus = await loadCorpus(dir);
    expect(corpus.papers.map((paper) => paper.title)).toEqual(['First Paper', 'Third Paper']);
    const lineStart = page.split('\n').slice(0, 4).join('\n').length + 1;
    const lineOffset = bytes.indexOf(0xe9) - lineStart;
    expect(issues(corpus)).toEqual([`listing.txt:5: not valid UTF-8 (byte ${lineOffset + 1} of the line, byte ${lineStart + lineOffset + 1} of the file); skipped`]);
    expect(corpus.skipped).toBe(1);
  });

  it('skips the record of a .json array whose line is not valid UTF-8', async () => {
    const text = `[\n${recordLine('One')},\n${recordLine('TwQo')},\n${recordLine('Three')}\n]`;
    const bytes = Buffer.from(text);
    bytes[bytes.indexOf('Q')] = 0xff; // never valid in UTF-8
    const dir = await tempCorpus();
    await writeFile(join(dir, 'papers.json'), bytes);
    const corpus = await loadCorpus(dir);
    expect(corpus.papers.map((paper) => paper.title)).toEqual(['One', 'Three']);
    expect(issues(corpus)).toEqual([expect.stringMatching(/^papers\.json:3: \[1\]: not valid UTF-8 \(byte 13 of the line, byte \d+ of the file\); skipped$/u)]);
  });
});

describe('loadCorpus: a text file in another encoding', () => {
  it('names its invalid lines as well as saying it is no listing', async () => {
    const dir = await tempCorpus();
    await writeFile(join(dir, 'latin1.txt'), Buffer.from('Caf\u00e9 notes\n', 'latin1'));
    await writeFile(join(dir, 'good.jsonl'), `${recordLine('Good Paper')}\n`);
    const corpus = await loadCorpus(dir);
    expect(corpus.papers.map((paper) => paper.title)).toEqual(['Good Paper']);
    expect(issues(corpus)).toEqual([
      'latin1.txt:1: not valid UTF-8 (byte 4 of the line, byte 4 of the file)',
      'latin1.txt: not a known paper listing: no abstract (a line of 30 or more words) in it',
    ]);
  });
});

describe('loadCorpus: an invalid title line of a .txt listing', () => {
  it('is reported, and its abstract is skipped as one without a title', async () => {
    const page = searchPage(['First Paper', abstractAbout('first things')], ['Caf\u0000 Paper', abstractAbout('cafes')], ['Third Paper', abstractAbout('third things')]);
    const bytes = Buffer.from(page);
    bytes[bytes.indexOf(0)] = 0xe9;
    const dir = await tempCorpus();
    await writeFile(join(dir, 'listing.txt'), bytes);
    const corpus = await loadCorpus(dir);
    expect(corpus.papers.map((paper) => paper.title)).toEqual(['First Paper', 'Third Paper']);
    expect(issues(corpus)).toEqual([
      expect.stringMatching(/^listing\.txt:4: not valid UTF-8 \(byte 4 of the line, byte \d+ of the file\); skipped$/u),
      'listing.txt:5: abstract without a title line before it; skipped',
    ]);
  });
});
