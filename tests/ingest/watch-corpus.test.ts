import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIndex, type LoadedIndex } from '../../src/app/load-index.js';
import { Paperbot } from '../../src/app/paperbot.js';
import type { CorpusIssue } from '../../src/corpus/corpus-issue.js';
import { isCorpusFileName, watchCorpus, type WatchCorpusOptions, type WatchDirectory } from '../../src/ingest/watch-corpus.js';
import { manualTimers } from '../helpers/manual-timers.js';
import { CorpusError, ErrorCode, type PaperbotError } from '../../src/errors.js';
import type { Logger } from '../../src/log/logger.js';
import { recordLine, tempCorpus } from '../corpus/corpus-fixtures.js';

/** A directory watch the test fires by hand. */
function fakeWatch() {
  const state: { dir?: string; onChange?: (name: string | undefined) => void; onError?: (error: Error) => void; closed: boolean } = { closed: false };
  const watch: WatchDirectory = (dir, onChange, onError) => {
    Object.assign(state, { dir, onChange, onError });
    return { close: () => void (state.closed = true) };
  };
  return { watch, state, emit: (name: string | undefined) => state.onChange!(name) };
}

/** Debounce timers fired by hand; exactly one debounce is ever pending. */
function debounceTimers() {
  const base = manualTimers();
  return {
    ...base,
    fire() {
      expect(base.pending.size).toBe(1);
      base.fire();
    },
  };
}

function recordingLogger() {
  const lines: string[] = [];
  const logger: Logger = {
    debug: () => {},
    info: (_meta, message) => void lines.push(`info ${message}`),
    warn: (_meta, message) => void lines.push(`warn ${message}`),
    error: (_meta, message) => void lines.push(`error ${message}`),
  };
  return { logger, lines };
}

/** A load that waits until the test opens the gate, counting loads in progress. */
function gatedLoad() {
  let open: () => void = () => {};
  let gate = new Promise<void>((resolve) => (open = resolve));
  const stats = { calls: 0, active: 0, maxActive: 0 };
  const load = async (path: string): Promise<LoadedIndex> => {
    stats.calls += 1;
    stats.active += 1;
    stats.maxActive = Math.max(stats.maxActive, stats.active);
    try {
      await gate;
      return await loadIndex(path);
    } finally {
      stats.active -= 1;
    }
  };
  return {
    load,
    stats,
    open: () => open(),
    close: () => (gate = new Promise<void>((resolve) => (open = resolve))),
  };
}

const A = recordLine('Zebra Stripes Confuse Biting Flies', { id: 'zebra' });
const B = recordLine('Penguin Huddles Share Heat Fairly', { id: 'penguin' });

/** A corpus with paper A, a bot serving it, and a watcher with fake watch and timers. */
async function setup(files: Record<string, string> = { 'a.jsonl': `${A}\n` }, extra: Partial<WatchCorpusOptions<LoadedIndex>> = {}) {
  const dir = await tempCorpus(files);
  const initial = await loadIndex(dir);
  const bot = new Paperbot(initial.index);
  const fake = fakeWatch();
  const clock = debounceTimers();
  const { logger, lines } = recordingLogger();
  const reloads: LoadedIndex[] = [];
  const errors: Array<{ error: PaperbotError; issues: readonly CorpusIssue[] }> = [];
  const watcher = watchCorpus(dir, {
    load: loadIndex,
    onReload: (loaded) => {
      reloads.push(loaded);
      bot.replaceIndex(loaded.index);
    },
    onError: (error, issues) => void errors.push({ error, issues }),
    logger,
    initial: initial.corpus,
    watch: fake.watch,
    timers: clock.timers,
    ...extra,
  });
  return { dir, initial, bot, watcher, ...fake, ...clock, lines, reloads, errors };
}

const ids = (loaded: LoadedIndex | undefined) => loaded?.corpus.papers.map((paper) => paper.id);

describe('watchCorpus (fake watch and timers)', () => {
  it('watches the directory and loads an added file after the quiet time, swapping in the new index', async () => {
    const t = await setup();
    expect(t.state.dir).toBe(t.dir);
    await writeFile(join(t.dir, 'b.jsonl'), `${B}\n`);
    t.emit('b.jsonl');
    expect([...t.pending.values()].map((timer) => timer.ms)).toEqual([500]);
    expect(t.reloads).toHaveLength(0);
    t.fire();
    const outcome = await t.watcher.flush();
    expect(outcome?.kind).toBe('reloaded');
    expect(ids(t.reloads[0])).toEqual(['zebra', 'penguin']);
    expect((await t.bot.index.get('penguin'))?.title).toBe('Penguin Huddles Share Heat Fairly');
    expect((await t.bot.index.search('penguin huddles', { offset: 0, limit: 10 })).papers[0]?.paper.id).toBe('penguin');
    expect(t.lines).toContain('info corpus reloaded: 2 papers from 2 files');
    await t.watcher.close();
  });

  it('debounces a burst of events into one reload', async () => {
    const gate = gatedLoad();
    gate.open();
    const t = await setup(undefined, { load: gate.load, debounceMs: 200 });
    await writeFile(join(t.dir, 'b.jsonl'), `${B}\n`);
    for (let i = 0; i < 5; i++) t.emit('b.jsonl');
    t.emit('a.jsonl');
    expect(t.pending.size).toBe(1);
    expect([...t.pending.values()][0]!.ms).toBe(200);
    t.fire();
    await t.watcher.flush();
    expect(gate.stats.calls).toBe(1);
    expect(t.reloads).toHaveLength(1);
    await t.watcher.close();
  });

  it('flush() reloads at once, without waiting for the quiet time', async () => {
    const t = await setup();
    await writeFile(join(t.dir, 'b.jsonl'), `${B}\n`);
    t.emit('b.jsonl');
    const outcome = await t.watcher.flush();
    expect(outcome?.kind).toBe('reloaded');
    expect(t.pending.size).toBe(0);
    expect(await t.watcher.flush()).toBeUndefined();
    await t.watcher.close();
  });

  it('picks up a changed file', async () => {
    const t = await setup();
    await writeFile(join(t.dir, 'a.jsonl'), `${recordLine('Zebra Stripes Deter Horseflies', { id: 'zebra' })}\n`);
    t.emit('a.jsonl');
    await t.watcher.flush();
    expect((await t.bot.index.get('zebra'))?.title).toBe('Zebra Stripes Deter Horseflies');
    await t.watcher.close();
  });

  it('drops the papers of a removed file', async () => {
    const t = await setup({ 'a.jsonl': `${A}\n`, 'b.jsonl': `${B}\n` });
    await rm(join(t.dir, 'b.jsonl'));
    t.emit('b.jsonl');
    await t.watcher.flush();
    expect(ids(t.reloads[0])).toEqual(['zebra']);
    expect(await t.bot.index.get('penguin')).toBeUndefined();
    await t.watcher.close();
  });

  it('keeps the old corpus when a new file is bad, reporting it with file:line; reloads once it is fixed', async () => {
    const t = await setup();
    const served = t.bot.index;
    await writeFile(join(t.dir, 'c.json'), '[\n  {"title": "Broken",\n');
    t.emit('c.json');
    const outcome = await t.watcher.flush();
    expect(outcome?.kind).toBe('refused');
    expect(t.reloads).toHaveLength(0);
    expect(t.bot.index).toBe(served);
    expect(t.errors).toHaveLength(1);
    const { error, issues } = t.errors[0]!;
    expect(error).toBeInstanceOf(CorpusError);
    expect(error.code).toBe(ErrorCode.CorpusInvalid);
    expect(error.message).toMatch(/^Corpus ".*" not reloaded: "c\.json" yields no paper \(c\.json:\d+: not valid JSON: .*\); still serving the previous corpus\.$/u);
    expect(issues).toEqual([expect.objectContaining({ file: 'c.json', line: expect.any(Number), message: expect.stringMatching(/^not valid JSON/u) })]);
    expect(t.lines.some((line) => /^warn c\.json:\d+: not valid JSON/u.test(line))).toBe(true);

    await writeFile(join(t.dir, 'c.json'), `[${B}]`);
    t.emit('c.json');
    expect((await t.watcher.flush())?.kind).toBe('reloaded');
    expect(await t.bot.index.get('penguin')).toBeDefined();
    await t.watcher.close();
  });

  it('hands a loaded corpus it will not serve to onDiscard: a refused reload, and one that finishes after close', async () => {
    const discarded: LoadedIndex[] = [];
    const gate = gatedLoad();
    const t = await setup(undefined, { load: gate.load, onDiscard: (loaded) => void discarded.push(loaded) });
    gate.open();
    await writeFile(join(t.dir, 'c.json'), '[\n  {"title": "Broken",\n');
    t.emit('c.json');
    expect((await t.watcher.flush())?.kind).toBe('refused');
    expect(discarded.map((loaded) => loaded.corpus.files)).toEqual([['a.jsonl', 'c.json']]);

    await writeFile(join(t.dir, 'c.json'), `[${B}]`);
    gate.close();
    t.emit('c.json');
    t.fire();
    expect(gate.stats.active).toBe(1);
    const closing = t.watcher.close();
    gate.open();
    await closing;
    expect(t.reloads).toHaveLength(0);
    expect(discarded.map(ids)).toEqual([['zebra'], ['zebra', 'penguin']]);
  });

  it('keeps the old corpus when a file that loaded before now fails to parse', async () => {
    const t = await setup({ 'a.jsonl': `${A}\n`, 'b.json': `[${B}]` });
    const served = t.bot.index;
    await writeFile(join(t.dir, 'b.json'), `[${B}`);
    t.emit('b.json');
    expect((await t.watcher.flush())?.kind).toBe('refused');
    expect(t.bot.index).toBe(served);
    expect(t.errors[0]!.error.message).toContain('"b.json" yields no paper');
    await t.watcher.close();
  });

  it('keeps the old corpus when nothing loads any more (every file removed or invalid)', async () => {
    const t = await setup();
    const served = t.bot.index;
    await writeFile(join(t.dir, 'a.jsonl'), '{not json\n');
    t.emit('a.jsonl');
    expect((await t.watcher.flush())?.kind).toBe('refused');
    expect(t.errors[0]!.error).toBeInstanceOf(CorpusError);
    expect(t.errors[0]!.error.code).toBe(ErrorCode.CorpusEmpty);
    expect(t.errors[0]!.error.message).toMatch(/^No papers in corpus ".*" \(1 issue; first: a\.jsonl:1: not valid JSON/u);

    await rm(join(t.dir, 'a.jsonl'));
    t.emit('a.jsonl');
    expect((await t.watcher.flush())?.kind).toBe('refused');
    expect(t.errors[1]!.error.message).toMatch(/^No corpus files/u);
    expect(t.bot.index).toBe(served);
    expect(await t.bot.index.get('zebra')).toBeDefined();
    await t.watcher.close();
  });

  it('still reloads when only some records of a file are skipped, logging them', async () => {
    const t = await setup();
    await writeFile(join(t.dir, 'b.jsonl'), [B, '{oops', JSON.stringify({ title: 'No Abstract' })].join('\n'));
    t.emit('b.jsonl');
    expect((await t.watcher.flush())?.kind).toBe('reloaded');
    expect(await t.bot.index.get('penguin')).toBeDefined();
    expect(t.errors).toEqual([]);
    expect(t.lines).toEqual(
      expect.arrayContaining([expect.stringMatching(/^warn b\.jsonl:2: not valid JSON/u), 'warn b.jsonl:3: abstract: is required']),
    );
    await t.watcher.close();
  });

  it('ignores editor and temp files and other extensions', async () => {
    const t = await setup();
    for (const name of ['.a.jsonl.swp', 'a.jsonl~', '#a.txt#', '.#a.txt', '.hidden.jsonl', 'notes.md', '4913', 'a.jsonl.tmp', '~$a.txt']) t.emit(name);
    expect(t.pending.size).toBe(0);
    // Some platforms give no file name: reload to be safe.
    t.emit(undefined);
    expect(t.pending.size).toBe(1);
    await t.watcher.close();
  });

  it('is not blocked by a file that already yielded no paper when the watch started', async () => {
    const t = await setup({ 'a.jsonl': `${A}\n`, 'empty.txt': '' });
    await writeFile(join(t.dir, 'b.jsonl'), `${B}\n`);
    t.emit('b.jsonl');
    expect((await t.watcher.flush())?.kind).toBe('reloaded');
    await t.watcher.close();
  });

  it('keeps answering from the old index while the new one loads; questions after the swap use the new one', async () => {
    const gate = gatedLoad();
    const t = await setup(undefined, { load: gate.load });
    const served = t.bot.index;
    await writeFile(join(t.dir, 'b.jsonl'), `${B}\n`);
    t.emit('b.jsonl');
    t.fire();
    const reloading = t.watcher.flush();
    expect(gate.stats.active).toBe(1);

    // Mid-reload: the old index answers, whole.
    const during = await t.bot.runText('search penguin huddles', 'user-1');
    expect(during).toMatchObject({ kind: 'list', total: 0 });
    expect(await t.bot.runText('search zebra stripes', 'user-1')).toMatchObject({ kind: 'list', total: 1 });
    expect(t.bot.index).toBe(served);

    gate.open();
    await reloading;
    expect(t.bot.index).not.toBe(served);
    expect(await t.bot.runText('search penguin huddles', 'user-1')).toMatchObject({ kind: 'list', total: 1 });
    // A result given before the swap is not changed by it.
    expect(during).toMatchObject({ kind: 'list', total: 0 });
    await t.watcher.close();
  });

  it('never overlaps reloads: a change during one causes one more after it, with the latest files', async () => {
    const gate = gatedLoad();
    const t = await setup(undefined, { load: gate.load });
    await writeFile(join(t.dir, 'b.jsonl'), `${B}\n`);
    t.emit('b.jsonl');
    t.fire();
    await writeFile(join(t.dir, 'c.jsonl'), `${recordLine('Octopus Arms Taste What They Touch', { id: 'octopus' })}\n`);
    t.emit('c.jsonl');
    t.fire();
    expect(gate.stats.active).toBe(1);
    gate.open();
    await t.watcher.flush();
    expect(gate.stats).toMatchObject({ calls: 2, maxActive: 1 });
    expect(t.reloads.map(ids)).toEqual([
      ['zebra', 'penguin', 'octopus'],
      ['zebra', 'penguin', 'octopus'],
    ]);
    await t.watcher.close();
  });

  it('reload() reloads unchanged files on demand', async () => {
    const t = await setup();
    expect((await t.watcher.reload())?.kind).toBe('reloaded');
    expect(t.reloads).toHaveLength(1);
    await t.watcher.close();
    expect(await t.watcher.reload()).toBeUndefined();
  });

  it('close() stops watching; a reload in progress is not applied', async () => {
    const gate = gatedLoad();
    const t = await setup(undefined, { load: gate.load });
    const served = t.bot.index;
    await writeFile(join(t.dir, 'b.jsonl'), `${B}\n`);
    t.emit('b.jsonl');
    t.fire();
    const closing = t.watcher.close();
    expect(t.state.closed).toBe(true);
    gate.open();
    await closing;
    expect(t.reloads).toHaveLength(0);
    expect(t.bot.index).toBe(served);
    t.emit('b.jsonl');
    expect(t.pending.size).toBe(0);
    expect(await t.watcher.flush()).toBeUndefined();
  });

  it('close() cancels a pending debounce', async () => {
    const t = await setup();
    t.emit('a.jsonl');
    expect(t.pending.size).toBe(1);
    await t.watcher.close();
    expect(t.pending.size).toBe(0);
    expect(t.reloads).toHaveLength(0);
  });

  it('survives an onReload that throws: logged, reported, and the next change still reloads', async () => {
    let fail = true;
    const t = await setup(undefined, {
      onReload: () => {
        if (fail) throw new Error('swap exploded');
      },
    });
    t.emit('a.jsonl');
    expect((await t.watcher.flush())?.kind).toBe('refused');
    expect(t.lines).toContain('error corpus reloaded, but swapping it in failed: swap exploded');
    expect(t.errors.map((e) => e.error.message)).toEqual(['swap exploded']);
    fail = false;
    t.emit('a.jsonl');
    expect((await t.watcher.flush())?.kind).toBe('reloaded');
    await t.watcher.close();
  });

  it('reports a failing watch', async () => {
    const t = await setup();
    t.state.onError!(Object.assign(new Error('EMFILE: too many open files, watch'), { code: 'EMFILE' }));
    expect(t.errors[0]!.error.message).toMatch(/^Watching corpus ".*" failed: EMFILE: too many open files, watch; changes are no longer picked up\.$/u);
    await t.watcher.close();
  });

  it('watches a single corpus file through its directory, reacting to that file only', async () => {
    const dir = await tempCorpus({ 'a.jsonl': `${A}\n` });
    const fake = fakeWatch();
    const clock = debounceTimers();
    const reloads: LoadedIndex[] = [];
    const watcher = watchCorpus(join(dir, 'a.jsonl'), { load: loadIndex, onReload: (loaded) => void reloads.push(loaded), watch: fake.watch, timers: clock.timers });
    expect(fake.state.dir).toBe(dir);
    fake.emit('b.jsonl');
    expect(clock.pending.size).toBe(0);
    await writeFile(join(dir, 'a.jsonl'), `${A}\n${B}\n`);
    fake.emit('a.jsonl');
    await watcher.flush();
    expect(ids(reloads[0])).toEqual(['zebra', 'penguin']);
    await watcher.close();
  });
});

describe('isCorpusFileName', () => {
  it('accepts the loader’s extensions, in any case, and refuses editor and temp files', () => {
    expect(['a.txt', 'b.jsonl', 'c.json', 'D.JSONL', 'sync-arxiv.jsonl'].map(isCorpusFileName)).toEqual([true, true, true, true, true]);
    expect(['.a.txt.swp', 'a.txt.swp', 'a.txt~', '#a.txt#', '.#a.txt', '.hidden.json', 'a.md', 'a', 'a.jsonl.tmp'].map(isCorpusFileName)).toEqual(
      Array(9).fill(false),
    );
  });
});

describe('watchCorpus (real fs.watch)', () => {
  /** Reloads as they come, awaited one by one. */
  function reloadQueue() {
    const seen: LoadedIndex[] = [];
    const waiting: Array<(loaded: LoadedIndex) => void> = [];
    return {
      onReload(loaded: LoadedIndex) {
        const waiter = waiting.shift();
        if (waiter) waiter(loaded);
        else seen.push(loaded);
      },
      next(): Promise<LoadedIndex> {
        const ready = seen.shift();
        return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
      },
    };
  }

  it('reloads when a file is written, and when an editor saves through a temp file and a rename', { timeout: 30_000 }, async () => {
    const dir = await tempCorpus({ 'a.jsonl': `${A}\n` });
    const initial = await loadIndex(dir);
    const bot = new Paperbot(initial.index);
    const queue = reloadQueue();
    const errors: string[] = [];
    const watcher = watchCorpus(dir, {
      load: loadIndex,
      onReload: (loaded) => {
        bot.replaceIndex(loaded.index);
        queue.onReload(loaded);
      },
      onError: (error) => void errors.push(error.message),
      initial: initial.corpus,
      debounceMs: 100,
    });
    try {
      // Wait for the reload that has the new paper (a write can show up as more than one burst).
      const reloadWith = async (id: string): Promise<LoadedIndex> => {
        for (;;) {
          const loaded = await queue.next();
          if (loaded.index.get(id)) return loaded;
        }
      };

      const withPenguin = reloadWith('penguin');
      await writeFile(join(dir, 'b.jsonl'), `${B}\n`);
      expect(ids(await withPenguin)).toEqual(['zebra', 'penguin']);
      expect(await bot.index.get('penguin')).toBeDefined();

      const withOctopus = reloadWith('octopus');
      await writeFile(join(dir, '.c.jsonl.swp'), `${recordLine('Octopus Arms Taste What They Touch', { id: 'octopus' })}\n`);
      await rename(join(dir, '.c.jsonl.swp'), join(dir, 'c.jsonl'));
      // (A reload that caught a file half-written would be refused and retried on its next event: not asserted.)
      expect(ids(await withOctopus), errors.join('\n')).toEqual(['zebra', 'penguin', 'octopus']);
    } finally {
      await watcher.close();
    }
  });
});
