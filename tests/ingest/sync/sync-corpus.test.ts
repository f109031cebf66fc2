import { createHash } from 'node:crypto';
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIndex } from '../../../src/app/load-index.js';
import { loadCorpus } from '../../../src/corpus/index.js';
import { formatSyncReport, SYNC_FILES, syncCorpus, type SyncOptions, type SyncSource } from '../../../src/ingest/sync/index.js';
import { CorpusError, InvalidOptionError } from '../../../src/errors.js';
import type { Logger } from '../../../src/log/logger.js';
import { ManualClock } from '../../../src/time/clock.js';
import { DAILY_SEED, SEARCH_SEED, SEEDS_DIR, recordLine, tempCorpus } from '../../corpus/corpus-fixtures.js';
import { ATOM, arxivApi, FETCHED_AT, fixture, hfApi, JSON_TYPE, NOW, recordingSleep } from './sync-fixtures.js';

const CS_CV: SyncSource = { kind: 'arxiv', category: 'cs.CV', max: 4 };
const HF_DAY: SyncSource = { kind: 'hf-daily', date: '2025-01-10' };

const ARXIV_QUERY = { search_query: 'cat:cs.CV', start: '0', max_results: '4', sortBy: 'submittedDate', sortOrder: 'descending' };

/** Papers the corpus already has besides the seeds: one by the arXiv id, one by its arXiv page only. */
const EXISTING_RECORDS = [
  recordLine('Lantern (preprint title)', { id: '2407.01650' }),
  recordLine('Counting Livestock From the Air', { url: 'https://arxiv.org/abs/2407.00412v1' }),
].join('\n');

/** A corpus directory holding copies of both seed files and {@link EXISTING_RECORDS}. */
async function seededCorpus(): Promise<string> {
  const dir = await tempCorpus({ 'existing.jsonl': `${EXISTING_RECORDS}\n` });
  for (const seed of [DAILY_SEED, SEARCH_SEED]) await copyFile(join(SEEDS_DIR, seed), join(dir, seed));
  return dir;
}

function replyArxiv(body = fixture('arxiv-cs-cv.xml'), query: Record<string, string> = ARXIV_QUERY) {
  return arxivApi().get('/api/query').query(query).reply(200, body, ATOM);
}

function replyHf(body = fixture('hf-daily-2025-01-10.json'), date = '2025-01-10') {
  return hfApi().get('/api/daily_papers').query({ date }).reply(200, body, JSON_TYPE);
}

function options(dir: string, sources: SyncSource[], extra: Partial<SyncOptions> = {}): SyncOptions {
  const { sleep } = recordingSleep();
  return { dir, sources, clock: new ManualClock(NOW), sleep, ...extra };
}

async function jsonLines(path: string): Promise<Array<Record<string, unknown>>> {
  return (await readFile(path, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('syncCorpus', () => {
  it('appends the new papers of arXiv and HF daily, skipping those already in the corpus or fetched earlier in the sync', async () => {
    const dir = await seededCorpus();
    const arxiv = replyArxiv();
    const hf = replyHf();
    const report = await syncCorpus(options(dir, [CS_CV, HF_DAY]));
    arxiv.done();
    hf.done();

    expect(report.sources.map(({ label, fetched, added, duplicates, malformed, error }) => ({ label, fetched, added, duplicates, malformed, error }))).toEqual([
      // Tidal Gaussians is new; Lantern has the id of a corpus record, the sheep counter its arXiv page, Video-Infinity a seed's title.
      { label: 'arXiv cat:cs.CV (newest 4)', fetched: 4, added: 1, duplicates: 3, malformed: 0, error: undefined },
      // QuillBench is new; Decentralized Diffusion Models is a seed, Tidal Gaussians came from arXiv just before.
      { label: 'HF daily 2025-01-10', fetched: 3, added: 1, duplicates: 2, malformed: 0, error: undefined },
    ]);
    expect(report).toMatchObject({ fetched: 7, added: 2, duplicates: 5, malformed: 0, ok: true, dryRun: false, issues: [] });
    expect(report.sources[0]!.totalResults).toBe(152331);
    expect(report.written).toEqual([
      { file: 'sync-arxiv.jsonl', added: 1 },
      { file: 'sync-hf-daily.jsonl', added: 1 },
    ]);

    expect(await jsonLines(join(dir, SYNC_FILES.arxiv))).toEqual([
      {
        id: '2407.01873',
        title: 'Tidal Gaussians: Refraction-Aware Splatting for Underwater Scene Reconstruction',
        abstract: expect.stringMatching(/^Underwater scenes defeat radiance field methods/u),
        authors: ['Maren Lindqvist', 'Tomás Echeverría', 'Yuki Hoshino'],
        published: '2024-07-01',
        url: 'https://arxiv.org/abs/2407.01873',
        source: 'arxiv',
        fetchedAt: FETCHED_AT,
      },
    ]);
    expect(await jsonLines(join(dir, SYNC_FILES['hf-daily']))).toEqual([
      expect.objectContaining({ id: '2501.05711', url: 'https://huggingface.co/papers/2501.05711', upvotes: 31, source: 'hf-daily' }),
    ]);
  });

  it('writes JSONL that loads cleanly with loadCorpus, and the new papers show up in search', async () => {
    const dir = await seededCorpus();
    const before = await loadCorpus(dir);
    replyArxiv();
    replyHf();
    await syncCorpus(options(dir, [CS_CV, HF_DAY]));

    const after = await loadCorpus(dir);
    expect(after.files).toEqual([DAILY_SEED, SEARCH_SEED, 'existing.jsonl', 'sync-arxiv.jsonl', 'sync-hf-daily.jsonl']);
    expect(after.issues).toEqual(before.issues);
    expect(after.papers).toHaveLength(before.papers.length + 2);
    expect(after.merged).toBe(before.merged);
    const tidal = after.papers.find((paper) => paper.id === '2407.01873')!;
    expect(tidal.sources).toEqual([{ file: 'sync-arxiv.jsonl', line: 1 }]);
    expect(tidal.links.map((link) => link.kind)).toEqual(['paper', 'github']);

    const { index } = await loadIndex(dir);
    expect(index.search('underwater scene reconstruction with refraction').hits[0]?.paper.id).toBe('2407.01873');
    expect(index.search('facts consistent across long manuscripts benchmark').hits[0]?.paper.id).toBe('2501.05711');
  });

  it('adds nothing on a second sync right after the first', async () => {
    const dir = await seededCorpus();
    replyArxiv();
    replyHf();
    await syncCorpus(options(dir, [CS_CV, HF_DAY]));
    const files = await Promise.all(Object.values(SYNC_FILES).map((file) => readFile(join(dir, file), 'utf8')));

    replyArxiv();
    replyHf();
    const second = await syncCorpus(options(dir, [CS_CV, HF_DAY]));
    expect(second).toMatchObject({ fetched: 7, added: 0, duplicates: 7, written: [], ok: true });
    expect(await Promise.all(Object.values(SYNC_FILES).map((file) => readFile(join(dir, file), 'utf8')))).toEqual(files);
    expect(formatSyncReport(second)).toContain('Nothing new to write.');
  });

  it('never rewrites the seed files, and leaves other files alone', async () => {
    const dir = await seededCorpus();
    const digests = () => Promise.all([DAILY_SEED, SEARCH_SEED, 'existing.jsonl'].map(async (file) => createHash('sha256').update(await readFile(join(dir, file))).digest('hex')));
    const before = await digests();
    replyArxiv();
    replyHf();
    await syncCorpus(options(dir, [CS_CV, HF_DAY]));
    expect(await digests()).toEqual(before);
    expect((await readdir(dir)).sort()).toEqual([DAILY_SEED, SEARCH_SEED, 'existing.jsonl', 'sync-arxiv.jsonl', 'sync-hf-daily.jsonl']);
  });

  it('appends to an existing sync file, starting a new line when its last one is unterminated', async () => {
    const dir = await tempCorpus({ 'sync-hf-daily.jsonl': recordLine('Hand Added Paper', { id: '2501.00001' }) });
    replyHf();
    const report = await syncCorpus(options(dir, [HF_DAY]));
    expect(report.added).toBe(3);
    const lines = await jsonLines(join(dir, 'sync-hf-daily.jsonl'));
    expect(lines.map((line) => line.id)).toEqual(['2501.00001', '2501.05450', '2501.05711', '2407.01873']);
    const corpus = await loadCorpus(dir);
    expect(corpus.issues).toEqual([]);
    expect(corpus.papers).toHaveLength(4);
  });

  it('syncs into an empty directory (no corpus yet)', async () => {
    const dir = await tempCorpus();
    replyArxiv();
    const report = await syncCorpus(options(dir, [CS_CV]));
    expect(report).toMatchObject({ existing: 0, added: 4, duplicates: 0 });
    expect((await loadCorpus(dir)).papers.map((paper) => paper.id)).toEqual(['2407.01873', '2407.01650', '2407.00412', '2406.16260']);
  });

  it('counts and reports malformed entries, and still adds the good ones', async () => {
    const dir = await tempCorpus();
    arxivApi()
      .get('/api/query')
      .query({ ...ARXIV_QUERY, search_query: 'all:mirage' })
      .reply(200, fixture('arxiv-malformed-entries.xml'), ATOM);
    hfApi().get('/api/daily_papers').query({ date: '2025-01-11' }).reply(200, fixture('hf-daily-malformed.json'), JSON_TYPE);
    const report = await syncCorpus(options(dir, [{ kind: 'arxiv', query: 'all:mirage', max: 4 }, { kind: 'hf-daily', date: '2025-01-11' }]));
    expect(report.sources.map(({ fetched, added, malformed }) => ({ fetched, added, malformed }))).toEqual([
      { fetched: 4, added: 1, malformed: 3 },
      { fetched: 6, added: 2, malformed: 4 },
    ]);
    expect(report).toMatchObject({ fetched: 10, added: 3, malformed: 7, ok: true });
    expect(report.issues).toHaveLength(7);
    const text = formatSyncReport(report);
    expect(text).toContain('Synced 2 sources into');
    expect(text).toContain('10 fetched, 3 new, 0 duplicates, 7 malformed skipped.');
    expect(text).toContain('  arXiv "all:mirage" (newest 4), entry 1 (http://arxiv.org/abs/2407.02001v1): title: is missing or empty');
    expect(text).toContain('  HF daily 2025-01-11, entry 3 (not-an-arxiv-id): paper.id: must be an arXiv id such as 2406.16260');
    expect((await loadCorpus(dir)).issues).toEqual([]);
  });

  it('reports a source that fails (broken XML) and still writes the others', async () => {
    const dir = await seededCorpus();
    replyArxiv(fixture('arxiv-broken.xml'));
    replyHf();
    const report = await syncCorpus(options(dir, [CS_CV, HF_DAY]));
    expect(report.ok).toBe(false);
    expect(report.sources[0]!.error).toMatch(/^arXiv API: the response is not well-formed XML \(line \d+, column \d+: .*\) \(https:\/\/export\.arxiv\.org\/api\/query\?/u);
    expect(report.written).toEqual([{ file: 'sync-hf-daily.jsonl', added: 2 }]);
    expect(formatSyncReport(report)).toMatch(/1 source failed\.\n {2}arXiv cat:cs\.CV \(newest 4\): FAILED: arXiv API: the response is not well-formed XML/u);
  });

  it("reports the arXiv API's error feed and an HF body that is not an array", async () => {
    const dir = await tempCorpus();
    replyArxiv(fixture('arxiv-api-error.xml'));
    replyHf(fixture('hf-daily-not-array.json'));
    const report = await syncCorpus(options(dir, [CS_CV, HF_DAY]));
    expect(report.sources.map((source) => source.error)).toEqual([
      expect.stringMatching(/^arXiv API: the API reports an error: max_results must be non-negative \(https:/u),
      expect.stringMatching(/^Hugging Face daily papers API: expected a JSON array of daily papers, got an object: "Invalid date: 2025-13-45" \(https:/u),
    ]);
    expect(report.written).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('retries a 500 and a 429 (after its Retry-After), then syncs', async () => {
    const dir = await tempCorpus();
    arxivApi().get('/api/query').query(ARXIV_QUERY).reply(500, 'oops');
    replyArxiv();
    hfApi().get('/api/daily_papers').query({ date: '2025-01-10' }).reply(429, 'slow down', { 'Retry-After': '5' });
    replyHf();
    const { sleep, waits } = recordingSleep();
    const report = await syncCorpus(options(dir, [CS_CV, HF_DAY], { sleep }));
    expect(report).toMatchObject({ ok: true, added: 6 });
    expect(waits).toEqual([1000, 5000]);
  });

  it('reports a source that stays down, naming the service and the status', async () => {
    const dir = await tempCorpus();
    hfApi().get('/api/daily_papers').times(3).reply(503, 'Service Unavailable');
    const report = await syncCorpus(options(dir, [{ kind: 'hf-daily' }], { retries: 2 }));
    expect(report.sources[0]!.error).toBe(
      'Hugging Face daily papers API: HTTP 503 Service Unavailable for https://huggingface.co/api/daily_papers: Service Unavailable (gave up after 3 attempts)',
    );
    expect(formatSyncReport(report)).toContain('HF daily (latest): FAILED: Hugging Face daily papers API: HTTP 503');
  });

  it('reports a timeout', async () => {
    const dir = await tempCorpus();
    hfApi().get('/api/daily_papers').times(2).delay(5_000).reply(200, '[]');
    const report = await syncCorpus(options(dir, [{ kind: 'hf-daily' }], { retries: 1, timeoutMs: 50 }));
    expect(report.sources[0]!.error).toBe(
      'Hugging Face daily papers API: no response within 50 ms from https://huggingface.co/api/daily_papers (gave up after 2 attempts)',
    );
  });

  it('waits 3 s between two arXiv calls, as arXiv asks', async () => {
    const dir = await tempCorpus();
    replyArxiv();
    replyArxiv(fixture('arxiv-empty.xml'), { ...ARXIV_QUERY, search_query: 'all:zzyzzyva' });
    const { sleep, waits } = recordingSleep();
    await syncCorpus(options(dir, [CS_CV, { kind: 'arxiv', query: 'zzyzzyva', max: 4 }], { sleep }));
    expect(waits).toEqual([3000]);
  });

  it('uses configured API base URLs (ARXIV_API_URL, HF_API_URL)', async () => {
    const dir = await tempCorpus();
    const { default: nock } = await import('nock');
    const arxiv = nock('http://arxiv.mirror.test').get('/query').query(ARXIV_QUERY).reply(200, fixture('arxiv-empty.xml'), ATOM);
    const hf = nock('http://hf.mirror.test').get('/api/daily_papers').reply(200, '[]', JSON_TYPE);
    const report = await syncCorpus(
      options(dir, [CS_CV, { kind: 'hf-daily' }], { arxivApiUrl: 'http://arxiv.mirror.test/query', hfApiUrl: 'http://hf.mirror.test/api' }),
    );
    arxiv.done();
    hf.done();
    expect(report.ok).toBe(true);
  });

  it('fetches but writes nothing on a dry run', async () => {
    const dir = await tempCorpus();
    replyArxiv();
    const report = await syncCorpus(options(dir, [CS_CV], { dryRun: true }));
    expect(report).toMatchObject({ added: 4, written: [], dryRun: true });
    expect(await readdir(dir)).toEqual([]);
    expect(formatSyncReport(report)).toMatch(/^Dry run: would sync 1 source into .*\nNothing written \(dry run\)\.$/su);
  });

  it('checks every source before fetching anything', async () => {
    const dir = await tempCorpus();
    // No interceptor: a request would fail the test with a disallowed connection.
    await expect(syncCorpus(options(dir, [HF_DAY, { kind: 'arxiv', category: 'not a category', max: 5 }]))).rejects.toThrow(InvalidOptionError);
    await expect(syncCorpus(options(dir, [{ kind: 'hf-daily', date: '2025-13-01' }]))).rejects.toThrow(/is not a date/u);
  });

  it('refuses a directory that does not exist, or a file', async () => {
    const dir = await tempCorpus({ 'one.jsonl': recordLine('One') });
    await expect(syncCorpus(options(join(dir, 'missing'), [HF_DAY]))).rejects.toThrow(CorpusError);
    await expect(syncCorpus(options(join(dir, 'missing'), [HF_DAY]))).rejects.toThrow(/does not exist/u);
    await expect(syncCorpus(options(join(dir, 'one.jsonl'), [HF_DAY]))).rejects.toThrow(/this is a file/u);
  });

  it('logs what it skipped and what it did', async () => {
    const dir = await tempCorpus();
    const logged: string[] = [];
    const logger: Logger = {
      debug: () => {},
      info: (_meta, message) => void logged.push(`info ${message}`),
      warn: (_meta, message) => void logged.push(`warn ${message}`),
      error: (_meta, message) => void logged.push(`error ${message}`),
    };
    hfApi().get('/api/daily_papers').query({ date: '2025-01-11' }).reply(200, fixture('hf-daily-malformed.json'), JSON_TYPE);
    await syncCorpus(options(dir, [{ kind: 'hf-daily', date: '2025-01-11' }], { logger }));
    expect(logged).toContain('warn sync: skipped HF daily 2025-01-11, entry 2 (2501.06003): paper.summary: is required');
    expect(logged.at(-1)).toBe('info sync done');
  });

  it('keeps the issues of a corpus that had some before (the sync does not fix or add to them)', async () => {
    const dir = await tempCorpus({ 'mixed.jsonl': `${recordLine('Fine Paper')}\n{broken\n` });
    replyHf();
    await syncCorpus(options(dir, [HF_DAY]));
    const corpus = await loadCorpus(dir);
    expect(corpus.issues.map((issue) => issue.file)).toEqual(['mixed.jsonl']);
    expect(corpus.papers).toHaveLength(4);
  });

  it('keeps a hand-made sync file line intact when the file ends without a newline and nothing is new', async () => {
    const line = recordLine('Decentralized Diffusion Models', { id: '2501.05450' });
    const dir = await tempCorpus({ 'sync-hf-daily.jsonl': line });
    await writeFile(join(dir, 'other.jsonl'), `${recordLine('QuillBench: Do Language Models Keep Their Facts Straight Across 200 Pages?')}\n`);
    const body = JSON.stringify(JSON.parse(fixture('hf-daily-2025-01-10.json')).slice(0, 2));
    replyHf(body);
    const report = await syncCorpus(options(dir, [HF_DAY]));
    expect(report).toMatchObject({ added: 0, duplicates: 2 });
    expect(await readFile(join(dir, 'sync-hf-daily.jsonl'), 'utf8')).toBe(line);
  });
});
