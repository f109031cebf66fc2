import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalIndexService } from '../../src/app/local-index-service.js';
import { Paperbot } from '../../src/app/paperbot.js';
import { defaultCorpusPath, packageRoot } from '../../src/config/package-root.js';
import { summarizeCorpus } from '../../src/corpus/corpus-summary.js';
import { ErrorCode } from '../../src/errors.js';
import { watchCorpus, type WatchDirectory } from '../../src/ingest/watch-corpus.js';
import { spawnWorkerThread, type IndexThread, type SpawnThread } from '../../src/workers/index-thread.js';
import { WorkerIndexPool, type PooledCorpus } from '../../src/workers/worker-index-pool.js';
import { recordLine, tempCorpus } from '../corpus/corpus-fixtures.js';
import { EXAMPLE_QUESTION, seedIndex } from '../helpers/seed-index.js';
import { manualTimers } from '../helpers/manual-timers.js';

/**
 * The pool with real worker threads, running the built worker (`dist/src/workers/index-worker.js`;
 * the global setup builds dist/ first).
 */

/** Real threads, kept at hand so a test can end one as a crash would. */
function recordedThreads() {
  const threads: IndexThread[] = [];
  const spawn: SpawnThread = (init, events) => {
    const thread = spawnWorkerThread(init, events);
    threads.push(thread);
    return thread;
  };
  return { spawn, threads };
}

describe('WorkerIndexPool on the seed corpus, two threads', () => {
  let pool: WorkerIndexPool;
  let pooled: PooledCorpus;
  let local: LocalIndexService;
  beforeAll(async () => {
    pool = new WorkerIndexPool({ threads: 2 });
    pooled = await pool.load(defaultCorpusPath());
    local = new LocalIndexService((await seedIndex()).index);
  }, 60_000);
  afterAll(() => pool.close());

  it('reports the corpus as loadIndex loads it, without its papers', async () => {
    expect(pooled.corpus).toEqual(summarizeCorpus((await seedIndex()).corpus));
    expect(pooled.index.size).toBe(local.size);
    expect(pooled.index.readyThreads).toBe(2);
  });

  it('answers every request exactly as the index in this thread does', async () => {
    const questions = [EXAMPLE_QUESTION, 'what is classifier-free guidance?', 'difusion smapling', 'zzzzqx wwwwqy', 'how do LLMs handle long context?'];
    for (const question of questions) {
      expect(await pooled.index.answer(question), question).toEqual(await local.answer(question));
      for (const page of [{ offset: 0, limit: 10 }, { offset: 10, limit: 5 }]) {
        expect(await pooled.index.search(question, page), question).toEqual(await local.search(question, page));
      }
    }
    const ids = (await local.recent({ offset: 0, limit: 3 })).papers.map(({ paper }) => paper.id);
    for (const id of ids) expect(await pooled.index.similar(id, { offset: 0, limit: 10 })).toEqual(await local.similar(id, { offset: 0, limit: 10 }));
    expect(await pooled.index.recent({ offset: 5, limit: 20 })).toEqual(await local.recent({ offset: 5, limit: 20 }));
    expect(await pooled.index.get(ids[0]!)).toEqual(await local.get(ids[0]!));
    expect(await pooled.index.getMany([ids[1]!, 'nope'])).toEqual(await local.getMany([ids[1]!, 'nope']));
    expect(await pooled.index.digestPapers([ids[0]!], 5, 'diffusion')).toEqual(await local.digestPapers([ids[0]!], 5, 'diffusion'));
    // A channel's votes cross to the worker too (with and without a topic).
    const feedback = { liked: [ids[1]!], disliked: [ids[2]!] };
    expect(await pooled.index.digestPapers([ids[0]!], 5, undefined, feedback)).toEqual(await local.digestPapers([ids[0]!], 5, undefined, feedback));
    expect(await pooled.index.digestPapers([], 5, 'diffusion', feedback)).toEqual(await local.digestPapers([], 5, 'diffusion', feedback));
    expect(await pooled.index.digestProfile(feedback, 5)).toEqual(await local.digestProfile(feedback, 5));
    expect(await pooled.index.completePapers('parallel sampling', { limit: 25, maxIdLength: 100 })).toEqual(await local.completePapers('parallel sampling', { limit: 25, maxIdLength: 100 }));
    // Follow-ups' needs: filters parsed with the corpus's authors, explanations, filtered answers and similar lists.
    const now = Date.UTC(2026, 11, 2);
    expect(await pooled.index.understandFilters('diffusion with code since 2024', now)).toEqual(await local.understandFilters('diffusion with code since 2024', now));
    expect(await pooled.index.explain(ids[0]!, { query: EXAMPLE_QUESTION, filters: { withCode: true } })).toEqual(await local.explain(ids[0]!, { query: EXAMPLE_QUESTION, filters: { withCode: true } }));
    expect(await pooled.index.explain(ids[1]!, { like: ids[0]! })).toEqual(await local.explain(ids[1]!, { like: ids[0]! }));
    expect(await pooled.index.answer(EXAMPLE_QUESTION, { now, filters: { since: '2024-01-01' } })).toEqual(await local.answer(EXAMPLE_QUESTION, { now, filters: { since: '2024-01-01' } }));
    expect(await pooled.index.similar(ids[0]!, { offset: 0, limit: 5, filters: { withCode: true } })).toEqual(await local.similar(ids[0]!, { offset: 0, limit: 5, filters: { withCode: true } }));
    // The seed corpus has no arXiv ids: a pasted link is "not in the corpus" through the pool too.
    expect(await pooled.index.findArxiv('2301.12345')).toBeUndefined();
    const link = 'https://arxiv.org/abs/2301.12345v2';
    expect(await new Paperbot(pooled.index).runText(link, 'k')).toEqual(await new Paperbot(local).runText(link, 'k'));
  });

  it('passes coded errors on: an unknown paper is the same error result as in this thread', async () => {
    await expect(pooled.index.similar('no-such-paper', { offset: 0, limit: 5 })).rejects.toMatchObject({ code: ErrorCode.UnknownPaper });
    const bot = new Paperbot(pooled.index);
    expect(await bot.runText('similar no-such-paper', 'k')).toEqual(await new Paperbot(local).runText('similar no-such-paper', 'k'));
  });

  it('pages with "more" and numbers across pages as in this thread', async () => {
    const viaPool = new Paperbot(pooled.index);
    const inThread = new Paperbot(local);
    for (const line of ['search diffusion sampling --limit 3', 'more', 'show 5', 'similar 2', 'more', 'papers', EXAMPLE_QUESTION, 'more']) {
      expect(await viaPool.runText(line, 'k'), line).toEqual(await inThread.runText(line, 'k'));
    }
  });
});

describe('WorkerIndexPool: a thread that dies', () => {
  it('is started again on the same corpus, and the bot answers again', async () => {
    const recorded = recordedThreads();
    const pool = new WorkerIndexPool({ threads: 1, spawn: recorded.spawn, respawnDelayMs: 0 });
    try {
      const { index } = await pool.load(defaultCorpusPath());
      const bot = new Paperbot(index);
      expect((await bot.runText(EXAMPLE_QUESTION, 'k')).kind).toBe('answer');
      await recorded.threads[0]!.terminate();
      // Whether the question meets the dead thread or waits for the new one, it is answered or fails with "ask again".
      const during = await bot.runText(EXAMPLE_QUESTION, 'k');
      expect(['answer', ErrorCode.IndexUnavailable]).toContain(during.kind === 'error' ? during.code : during.kind);
      expect((await bot.runText(EXAMPLE_QUESTION, 'k')).kind).toBe('answer');
      expect(recorded.threads).toHaveLength(2);
    } finally {
      await pool.close();
    }
  }, 60_000);
});

describe('WorkerIndexPool behind the corpus watcher', () => {
  const A = recordLine('Zebra Stripes Confuse Biting Flies', { id: 'zebra' });
  const B = recordLine('Penguin Huddles Share Heat Fairly', { id: 'penguin' });

  it('loads a changed corpus in new threads, swaps it in whole, ends the old threads; a bad file keeps the old corpus', async () => {
    const dir = await tempCorpus({ 'a.jsonl': `${A}\n` });
    const recorded = recordedThreads();
    const pool = new WorkerIndexPool({ threads: 1, spawn: recorded.spawn });
    const watch: { onChange?: (name: string | undefined) => void } = {};
    const fakeWatch: WatchDirectory = (_dir, onChange) => {
      watch.onChange = onChange;
      return { close() {} };
    };
    const clock = manualTimers();
    const discarded: PooledCorpus[] = [];
    try {
      const first = await pool.load(dir);
      const bot = new Paperbot(first.index);
      const watcher = watchCorpus(dir, {
        load: (path) => pool.load(path),
        initial: first.corpus,
        onReload: (next) => bot.replaceIndex(next.index),
        onDiscard: (next) => {
          discarded.push(next);
          next.index.release();
        },
        watch: fakeWatch,
        timers: clock.timers,
      });

      await writeFile(join(dir, 'b.jsonl'), `${B}\n`);
      watch.onChange!('b.jsonl');
      const reloaded = await watcher.flush();
      expect(reloaded?.kind).toBe('reloaded');
      expect(bot.index).not.toBe(first.index);
      expect(bot.index.size).toBe(2);
      expect((await bot.index.get('penguin'))?.title).toBe('Penguin Huddles Share Heat Fairly');
      // No command held the old corpus: its thread was ended at the swap.
      expect(first.index.readyThreads).toBe(0);
      await expect(first.index.get('zebra')).rejects.toMatchObject({ code: ErrorCode.IndexUnavailable });

      const served = bot.index;
      await writeFile(join(dir, 'c.jsonl'), '{ not json');
      watch.onChange!('c.jsonl');
      const refused = await watcher.flush();
      expect(refused?.kind).toBe('refused');
      expect(bot.index).toBe(served);
      expect(await bot.index.get('penguin')).toBeDefined();
      expect(discarded).toHaveLength(1);
      expect(discarded[0]!.index.readyThreads).toBe(0);
      await watcher.close();
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('lets a command that started on the old corpus finish on it, and ends the old threads after it', async () => {
    const dir = await tempCorpus({ 'a.jsonl': `${A}\n` });
    const pool = new WorkerIndexPool({ threads: 1 });
    try {
      const first = await pool.load(dir);
      const bot = new Paperbot(first.index);
      let resume: () => void = () => {};
      const reloaded = new Promise<void>((resolve) => (resume = resolve));
      const inFlight = bot.withIndex(async (index) => {
        await reloaded;
        // The corpus was swapped while this ran: the one it started with still answers.
        return { size: index.size, zebra: await index.get('zebra') };
      });
      await writeFile(join(dir, 'b.jsonl'), `${B}\n`);
      const second = await pool.load(dir);
      bot.replaceIndex(second.index);
      expect(bot.index.size).toBe(2);
      expect(first.index.readyThreads).toBe(1);
      resume();
      expect(await inFlight).toMatchObject({ size: 1, zebra: { id: 'zebra' } });
      expect(first.index.readyThreads).toBe(0);
      expect(await bot.index.get('penguin')).toBeDefined();
    } finally {
      await pool.close();
    }
  }, 60_000);
});

describe('WorkerIndexPool.close', () => {
  it('leaves no thread behind: a process that closes its pool exits by itself', async () => {
    const script = `
      const { WorkerIndexPool } = await import(${JSON.stringify(join(packageRoot(), 'dist/src/workers/worker-index-pool.js'))});
      const pool = new WorkerIndexPool({ threads: 2 });
      const { index } = await pool.load(${JSON.stringify(defaultCorpusPath())});
      const answer = await index.answer(${JSON.stringify(EXAMPLE_QUESTION)});
      console.log(answer.sources.length > 0 ? 'answered' : 'no answer');
      await pool.close();
    `;
    const file = join(await tempCorpus(), 'close-pool.mjs');
    await writeFile(file, script);
    const { stdout } = await promisify(execFile)(process.execPath, [file], { timeout: 60_000 });
    expect(stdout.trim()).toBe('answered');
  }, 70_000);
});
