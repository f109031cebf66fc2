import { describe, expect, it } from 'vitest';
import { Paperbot } from '../../src/app/paperbot.js';
import { defaultCorpusPath } from '../../src/config/package-root.js';
import { CorpusError, ErrorCode } from '../../src/errors.js';
import type { PaperIndex } from '../../src/search/paper-index.js';
import { defaultWorkerCount } from '../../src/workers/index-thread.js';
import { WorkerIndexPool } from '../../src/workers/worker-index-pool.js';
import { EXAMPLE_QUESTION, seedIndex } from '../helpers/seed-index.js';
import { fakeThreads, until } from './fake-threads.js';

/**
 * The pool's bookkeeping — dispatch, a thread dying with requests in flight, timeouts, restarts,
 * shutting down — over fake threads that run the worker's own serving code in this thread, so
 * every step is in the test's hands. tests/workers/worker-index-pool.test.ts runs real threads.
 */
function setup(options: { threads?: number; requestTimeoutMs?: number } = {}) {
  const fake = fakeThreads(() => seedIndex());
  const pool = new WorkerIndexPool({ threads: options.threads ?? 1, spawn: fake.spawn, respawnDelayMs: 0, requestTimeoutMs: options.requestTimeoutMs ?? 60_000 });
  return { ...fake, pool };
}

describe('defaultWorkerCount', () => {
  it('leaves a core to the main thread, with one thread at least and four at most', () => {
    expect([1, 2, 3, 4, 8, 64].map((cores) => defaultWorkerCount(cores))).toEqual([1, 1, 2, 3, 4, 4]);
  });
});

describe('IndexWorkers over fake threads', () => {
  it('loads the corpus in one thread, then the others, and spreads requests over the least busy', async () => {
    const t = setup({ threads: 2 });
    const { index, corpus } = await t.pool.load(defaultCorpusPath());
    expect(t.threads.map((thread) => thread.corpusPath)).toEqual([defaultCorpusPath(), defaultCorpusPath()]);
    expect(corpus.paperCount).toBe((await seedIndex()).index.size);
    expect(index.size).toBe(corpus.paperCount);
    t.threads[0]!.hold = true;
    t.threads[1]!.hold = true;
    const asked = [index.get('x'), index.get('y'), index.get('z')];
    await until(() => t.threads[0]!.held.length + t.threads[1]!.held.length === 3, 'three requests are held');
    expect([t.threads[0]!.held.length, t.threads[1]!.held.length].sort()).toEqual([1, 2]);
    await t.pool.close();
    await Promise.allSettled(asked);
  });

  it('fails the requests in flight on a thread that dies with IndexUnavailable (an error result), then answers from a new thread', async () => {
    const t = setup();
    const { index } = await t.pool.load(defaultCorpusPath());
    const bot = new Paperbot(index);
    t.threads[0]!.hold = true;
    const asked = bot.runText(EXAMPLE_QUESTION, 'k');
    await until(() => t.threads[0]!.held.length === 1, 'the question is in flight');
    t.threads[0]!.crash();
    const failed = await asked;
    expect(failed).toMatchObject({ kind: 'error', code: ErrorCode.IndexUnavailable });
    expect(failed.kind === 'error' && failed.message).toBe('The search worker stopped before it answered (it is restarting); please ask again.');

    const again = await bot.runText(EXAMPLE_QUESTION, 'k');
    expect(again.kind).toBe('answer');
    expect(t.threads).toHaveLength(2);
    expect(t.threads[1]!.alive).toBe(true);
    await t.pool.close();
  });

  it('queues requests while no thread is ready, and answers them once one is', async () => {
    const t = setup();
    const { index } = await t.pool.load(defaultCorpusPath());
    t.threads[0]!.crash();
    await until(() => t.threads.length === 2, 'a new thread is starting');
    // The new thread is loading: the request waits for it instead of failing.
    expect((await index.get('nope'))).toBeUndefined();
    await t.pool.close();
  });

  it('fails a request not answered in time, and restarts the thread it waited on', async () => {
    const t = setup({ requestTimeoutMs: 50 });
    const { index } = await t.pool.load(defaultCorpusPath());
    t.threads[0]!.hold = true;
    await expect(index.answer(EXAMPLE_QUESTION)).rejects.toMatchObject({ code: ErrorCode.IndexUnavailable, message: 'The search index did not answer within 0.05 s; please ask again.' });
    expect(t.threads[0]!.alive).toBe(false);
    await until(() => t.threads.length === 2, 'a new thread is started');
    await t.pool.close();
  });

  it('passes a corpus error from the thread on, with its code, and keeps no thread', async () => {
    const t = setup();
    const failing = fakeThreads(async () => {
      throw new CorpusError(ErrorCode.CorpusEmpty, 'Corpus "/nowhere" does not exist.');
    });
    const pool = new WorkerIndexPool({ threads: 2, spawn: failing.spawn });
    await expect(pool.load('/nowhere')).rejects.toMatchObject({ code: ErrorCode.CorpusEmpty, message: 'Corpus "/nowhere" does not exist.' });
    expect(failing.threads.map((thread) => thread.alive)).toEqual([false]);
    await t.pool.close();
  });

  it('turns an unexpected failure in a thread into an unknown error: logged with its stack, a generic message to the user', async () => {
    const seeds = await seedIndex();
    const broken = Object.create(seeds.index, {
      search: {
        value: () => {
          throw new Error('internal detail: index file /secret/path corrupt');
        },
      },
    }) as PaperIndex;
    const failing = fakeThreads(async () => ({ ...seeds, index: broken }));
    const pool = new WorkerIndexPool({ threads: 1, spawn: failing.spawn });
    const { index } = await pool.load(defaultCorpusPath());
    const logged: Array<{ message: string; err: unknown }> = [];
    const logger = { debug() {}, info() {}, warn() {}, error: (meta: { err?: unknown }, message: string) => void logged.push({ message, err: meta.err }) };
    const result = await new Paperbot(index, { logger }).runText('search diffusion', 'k');
    expect(result).toEqual({ kind: 'error', code: ErrorCode.Unknown, message: 'Something went wrong while answering. Please try again.' });
    expect(logged).toHaveLength(1);
    expect(String((logged[0]!.err as Error).stack)).toContain('internal detail: index file /secret/path corrupt');
    expect(String((logged[0]!.err as Error).stack)).toContain('(in a worker thread)');
    await pool.close();
  });

  it('closes: requests in flight fail, every thread ends, and later requests fail at once', async () => {
    const t = setup({ threads: 2 });
    const { index } = await t.pool.load(defaultCorpusPath());
    t.threads.forEach((thread) => (thread.hold = true));
    const asked = index.search('diffusion', { offset: 0, limit: 5 });
    await until(() => t.threads.some((thread) => thread.held.length === 1), 'the search is in flight');
    await t.pool.close();
    await expect(asked).rejects.toMatchObject({ code: ErrorCode.IndexUnavailable });
    expect(t.threads.map((thread) => thread.alive)).toEqual([false, false]);
    await expect(index.get('x')).rejects.toMatchObject({ code: ErrorCode.IndexUnavailable });
    await expect(t.pool.load(defaultCorpusPath())).rejects.toMatchObject({ code: ErrorCode.IndexUnavailable });
  });
});
