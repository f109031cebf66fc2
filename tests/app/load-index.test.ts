import { cp, mkdtemp, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { beforeEach, describe, expect, it } from 'vitest';
import { indexKey } from '../../src/app/index-key.js';
import { describeCorpus, loadIndex, openIndex, type LoadedIndex } from '../../src/app/load-index.js';
import { readCorpusFiles } from '../../src/corpus/index.js';
import { CorpusError } from '../../src/errors.js';
import type { Logger } from '../../src/log/logger.js';
import { decodeIndexSnapshot } from '../../src/search/snapshot/paper-index-snapshot.js';
import { abstractAbout, recordLine, tempCorpus } from '../corpus/corpus-fixtures.js';

interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
}

/** A logger that keeps what it is told. */
function recordingLogger(): Logger & { lines: LogLine[]; warnings(): string[] } {
  const lines: LogLine[] = [];
  const record = (level: LogLine['level']) => (_meta: Record<string, unknown>, message: string) => void lines.push({ level, message });
  return {
    lines,
    warnings: () => lines.filter((line) => line.level === 'warn').map((line) => line.message),
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
}

const TITLES = ['Fast Sampling of Diffusion Models', 'Understanding Label Smoothing', 'A Penalty Method for Bilevel Optimization', 'Contrastive Speech Pretraining'];
const QUESTIONS = ['which papers speed up diffusion sampling?', 'label smoothing', 'bilevel optimization penalty'];

/** A corpus directory: a JSONL file with the papers and a malformed line (an issue with file:line), and a second file. */
function corpusFiles(titles = TITLES): Record<string, string> {
  return {
    'a.jsonl': [recordLine(titles[0]!, { published: '2024-06-23', upvotes: 3 }), '{"title": broken', ...titles.slice(1, -1).map((t) => recordLine(t))].join('\n') + '\n',
    'b.jsonl': recordLine(titles.at(-1)!, { authors: ['Ada Lovelace'] }) + '\n',
  };
}

/** What a loaded index answers, as plain data. */
function answers(loaded: LoadedIndex) {
  return QUESTIONS.map((q) => loaded.index.search(q));
}

let cacheDir: string;
beforeEach(async () => {
  cacheDir = join(await mkdtemp(join(tmpdir(), 'paperbot-load-index-')), 'snapshots');
});

const snapshotFiles = async (): Promise<string[]> => (await readdir(cacheDir).catch(() => [])).filter((name) => name.endsWith('.pbix'));

describe('loadIndex with a snapshot cache', () => {
  it('builds and saves on the first load; the second load is the snapshot, identical, with the same corpus report', async () => {
    const corpus = await tempCorpus(corpusFiles());
    const logger = recordingLogger();
    const built = await loadIndex(corpus, { cacheDir, logger });
    expect(await snapshotFiles()).toHaveLength(1);
    expect(logger.lines.map((l) => l.message)).toEqual(['no index snapshot for this corpus; building the index', 'index snapshot saved']);

    const again = recordingLogger();
    const restored = await loadIndex(corpus, { cacheDir, logger: again });
    expect(again.lines.map((l) => l.message)).toEqual(['index loaded from its snapshot']);
    expect(restored.corpus).toStrictEqual(built.corpus);
    expect(describeCorpus(restored.corpus, corpus)).toEqual(describeCorpus(built.corpus, corpus));
    expect(describeCorpus(restored.corpus, corpus)[2]).toMatch(/^ {2}a\.jsonl:2: /);
    expect(answers(restored)).toStrictEqual(answers(built));
  });

  for (const [damage, spoil, why] of [
    ['a damaged byte', (bytes: Buffer) => ((bytes[bytes.length - 100]! ^= 4), bytes), 'index snapshot corrupt: checksum mismatch (the file was damaged after it was written)'],
    ['a truncated file', (bytes: Buffer) => bytes.subarray(0, bytes.length >> 1), 'index snapshot truncated: '],
    ['an old format version', (bytes: Buffer) => (bytes.writeUInt32LE(bytes.readUInt32LE(4) - 1, 4), bytes), 'index snapshot of another version: format version '],
    ['an empty file', () => Buffer.alloc(0), 'index snapshot truncated: '],
  ] as const) {
    it(`never trusts a snapshot with ${damage}: rebuilds with a warning saying why, and replaces it`, async () => {
      const corpus = await tempCorpus(corpusFiles());
      const built = await loadIndex(corpus, { cacheDir });
      const [file] = await snapshotFiles();
      const path = join(cacheDir, file!);
      await writeFile(path, spoil(await readFile(path)));

      const logger = recordingLogger();
      const rebuilt = await loadIndex(corpus, { cacheDir, logger });
      expect(logger.warnings()).toHaveLength(1);
      expect(logger.warnings()[0]).toContain(why);
      expect(logger.warnings()[0]).toMatch(/; not trusted, rebuilding the index$/);
      expect(answers(rebuilt)).toStrictEqual(answers(built));
      // The rebuild saved a sound snapshot in its place.
      expect(decodeIndexSnapshot(await readFile(path)).index.size).toBe(TITLES.length);
      const next = recordingLogger();
      await loadIndex(corpus, { cacheDir, logger: next });
      expect(next.lines.map((l) => l.message)).toEqual(['index loaded from its snapshot']);
    });
  }

  it('still loads when the cache directory cannot be written, with a warning', async () => {
    const corpus = await tempCorpus(corpusFiles());
    const notADirectory = join(corpus, 'a.jsonl');
    const logger = recordingLogger();
    const loaded = await loadIndex(corpus, { cacheDir: join(notADirectory, 'snapshots'), logger });
    expect(loaded.index.size).toBe(TITLES.length);
    expect(logger.warnings()).toHaveLength(1);
    expect(logger.warnings()[0]).toMatch(/^cannot save the index snapshot \(.*(ENOTDIR|EEXIST).*\); the index is not cached$/);
  });

  it('with cacheDir false, neither reads nor writes a snapshot', async () => {
    const corpus = await tempCorpus(corpusFiles());
    const loaded = await loadIndex(corpus, { cacheDir: false });
    expect(loaded.index.size).toBe(TITLES.length);
    expect(await readdir(cacheDir).catch(() => 'no directory')).toBe('no directory');
  });

  it('accepts ranking options as its second argument (the former signature)', async () => {
    const corpus = await tempCorpus(corpusFiles());
    expect((await loadIndex(corpus, { feedback: false })).index.options.feedback).toBe(false);
    expect((await loadIndex(corpus, { ranking: { titleWeight: 3 }, cacheDir })).index.options.titleWeight).toBe(3);
  });

  it('keeps a snapshot per ranking: other options are another key, each loaded with its own options', async () => {
    const corpus = await tempCorpus(corpusFiles());
    await loadIndex(corpus, { cacheDir });
    const off = await loadIndex(corpus, { cacheDir, ranking: { feedback: false } });
    expect(await snapshotFiles()).toHaveLength(2);
    const again = await loadIndex(corpus, { cacheDir, ranking: { feedback: false } });
    expect(again.index.options).toStrictEqual(off.index.options);
  });

  it('several loads at once in one process over a cold cache all succeed and leave one sound snapshot', async () => {
    const corpus = await tempCorpus(corpusFiles());
    const loads = await Promise.all([1, 2, 3].map(() => loadIndex(corpus, { cacheDir })));
    for (const loaded of loads) expect(answers(loaded)).toStrictEqual(answers(loads[0]!));
    const files = await readdir(cacheDir);
    expect(files.filter((name) => name.endsWith('.pbix'))).toHaveLength(1);
    expect(files.filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('worker threads loading one corpus at once', () => {
  it('each gets the index, and the cache holds one sound snapshot', async () => {
    const corpus = await tempCorpus(corpusFiles());
    const module = fileURLToPath(new URL('../../dist/src/app/load-index.js', import.meta.url));
    const run = () =>
      new Promise<number>((resolve, reject) => {
        const worker = new Worker(
          `const { workerData, parentPort } = require('node:worker_threads');
           import(workerData.module).then(({ loadIndex }) => loadIndex(workerData.corpus, { cacheDir: workerData.cacheDir }))
             .then((loaded) => parentPort.postMessage(loaded.index.size), (error) => parentPort.postMessage(String(error)));`,
          { eval: true, workerData: { module, corpus, cacheDir } },
        );
        worker.once('message', (size: number | string) => (typeof size === 'number' ? resolve(size) : reject(new Error(size))));
        worker.once('error', reject);
      });
    expect(await Promise.all([run(), run(), run()])).toEqual([4, 4, 4]);
    const files = await readdir(cacheDir);
    const snapshots = files.filter((name) => name.endsWith('.pbix'));
    expect(snapshots).toHaveLength(1);
    expect(files.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(decodeIndexSnapshot(await readFile(join(cacheDir, snapshots[0]!))).index.size).toBe(4);
  }, 60_000);
});

describe('indexKey: the content key', () => {
  const keyOf = async (dir: string, ranking = {}) => indexKey(await readCorpusFiles(dir), ranking);

  it('is the same for the same bytes under the same names, wherever the directory is', async () => {
    const a = await tempCorpus(corpusFiles());
    const b = await tempCorpus(corpusFiles());
    expect(await keyOf(a)).toBe(await keyOf(b));
    expect(await keyOf(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with a file\'s bytes, a file\'s name, a file added, and the ranking options', async () => {
    const dir = await tempCorpus(corpusFiles());
    const base = await keyOf(dir);
    const keys = new Set([base]);
    await writeFile(join(dir, 'b.jsonl'), recordLine('Another Paper Entirely') + '\n');
    keys.add(await keyOf(dir));
    await rename(join(dir, 'b.jsonl'), join(dir, 'c.jsonl'));
    keys.add(await keyOf(dir));
    await writeFile(join(dir, 'd.txt'), abstractAbout('extra'));
    keys.add(await keyOf(dir));
    keys.add(await keyOf(dir, { feedback: false }));
    keys.add(await keyOf(dir, { bm25: { k: 1.3 } }));
    expect(keys.size).toBe(6);
    // Defaults spelt out are the defaults.
    expect(await keyOf(dir, { titleWeight: 2 })).toBe(await keyOf(dir));
  });
});

describe('openIndex: serve the previous snapshot while a changed corpus is rebuilt', () => {
  it('is loadIndex for an unchanged corpus (not stale, nothing to rebuild)', async () => {
    const corpus = await tempCorpus(corpusFiles());
    const first = await openIndex(corpus, { cacheDir });
    expect(first.stale).toBe(false);
    expect(first.rebuilt).toBeUndefined();
    const second = await openIndex(corpus, { cacheDir });
    expect(second).toMatchObject({ stale: false });
    expect(answers(second)).toStrictEqual(answers(first));
  });

  it('serves the previous index at once when the corpus changed, and rebuilds the current one', async () => {
    const corpus = await tempCorpus(corpusFiles());
    const before = await openIndex(corpus, { cacheDir });
    await writeFile(join(corpus, 'c.jsonl'), recordLine('Sparse Mixture of Experts Routing') + '\n');

    const logger = recordingLogger();
    const opened = await openIndex(corpus, { cacheDir, logger });
    expect(opened.stale).toBe(true);
    expect(opened.index.size).toBe(TITLES.length);
    expect(answers(opened)).toStrictEqual(answers(before));
    expect(logger.lines.map((l) => l.message)).toContain('corpus changed since its last snapshot: serving that snapshot while the index is rebuilt');

    const current = await opened.rebuilt!;
    expect(current.index.size).toBe(TITLES.length + 1);
    expect(current.index.search('mixture of experts routing').hits[0]?.paper.title).toBe('Sparse Mixture of Experts Routing');
    // The rebuilt index was saved: the next start is a plain hit.
    const next = await openIndex(corpus, { cacheDir });
    expect(next).toMatchObject({ stale: false });
    expect(next.index.size).toBe(TITLES.length + 1);
  });

  it('keeps serving the previous index when the changed corpus no longer loads: rebuilt rejects, a warning says so', async () => {
    const corpus = await tempCorpus({ 'a.jsonl': recordLine(TITLES[0]!) + '\n' });
    await openIndex(corpus, { cacheDir });
    await writeFile(join(corpus, 'a.jsonl'), '{"title": broken\n');
    const logger = recordingLogger();
    const opened = await openIndex(corpus, { cacheDir, logger });
    expect(opened.stale).toBe(true);
    await expect(opened.rebuilt).rejects.toBeInstanceOf(CorpusError);
    expect(logger.warnings()).toEqual(['index rebuild failed; the previous index stays in use']);
  });

  it('builds at once (not stale) when there is no previous snapshot of this path, or it cannot be trusted', async () => {
    const corpus = await tempCorpus(corpusFiles());
    const elsewhere = await tempCorpus(corpusFiles(['Something Else Entirely', 'And Another']));
    await openIndex(elsewhere, { cacheDir });
    expect(await openIndex(corpus, { cacheDir })).toMatchObject({ stale: false });

    await cp(join(elsewhere, 'a.jsonl'), join(corpus, 'a.jsonl'));
    for (const file of await snapshotFiles()) await writeFile(join(cacheDir, file), 'PBIX garbage');
    const logger = recordingLogger();
    const opened = await openIndex(corpus, { cacheDir, logger });
    expect(opened.stale).toBe(false);
    expect(logger.warnings().some((w) => w.includes('not trusted'))).toBe(true);
  });
});
