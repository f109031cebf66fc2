import { mkdtemp, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultSnapshotDir, SnapshotCache } from '../../../src/search/snapshot/snapshot-cache.js';

const key = (n: number) => n.toString(16).padStart(64, '0');

let dir: string;
beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'paperbot-snapshot-cache-')), 'snapshots');
});

describe('defaultSnapshotDir', () => {
  it('is $PAPERBOT_CACHE_DIR, else $XDG_CACHE_HOME/paperbot/snapshots, else ~/.cache/paperbot/snapshots (empty = unset)', () => {
    expect(defaultSnapshotDir({ PAPERBOT_CACHE_DIR: '/srv/cache', XDG_CACHE_HOME: '/x' })).toBe('/srv/cache');
    expect(defaultSnapshotDir({ PAPERBOT_CACHE_DIR: '', XDG_CACHE_HOME: '/x' })).toBe('/x/paperbot/snapshots');
    expect(defaultSnapshotDir({ XDG_CACHE_HOME: '' })).toBe(join(homedir(), '.cache', 'paperbot', 'snapshots'));
  });
});

describe('SnapshotCache', () => {
  it('writes a snapshot under its key (creating the directory) and reads it back; none is undefined', async () => {
    const cache = new SnapshotCache(dir);
    expect(await cache.read(key(1))).toBeUndefined();
    await cache.write(key(1), [Buffer.from('PBIX'), Buffer.from(' rest')]);
    expect((await cache.read(key(1)))?.toString()).toBe('PBIX rest');
    expect(cache.pathOf(key(1))).toBe(join(dir, `${key(1)}.pbix`));
  });

  it('concurrent saves of one key leave one whole snapshot, never a mix, and no temp files', async () => {
    const cache = new SnapshotCache(dir);
    const versions = Array.from({ length: 6 }, (_, i) => Buffer.alloc(2 ** 20 + i * 4096, i + 1));
    await Promise.all(versions.map((bytes) => cache.write(key(7), [bytes.subarray(0, 1000), bytes.subarray(1000)])));
    const stored = (await cache.read(key(7)))!;
    expect(versions.some((bytes) => bytes.equals(stored))).toBe(true);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps the most recently used snapshots, deleting the oldest beyond its limit', async () => {
    const cache = new SnapshotCache(dir, { maxSnapshots: 3 });
    for (let n = 1; n <= 3; n++) {
      await cache.write(key(n), [Buffer.from(`snapshot ${n}`)]);
      await utimes(cache.pathOf(key(n)), n, n); // 1970: snapshot 1 is the oldest
    }
    await cache.touch(key(1)); // used now: the newest
    await cache.write(key(4), [Buffer.from('snapshot 4')]);
    const left = (await readdir(dir)).filter((name) => name.endsWith('.pbix')).sort();
    expect(left).toEqual([`${key(1)}.pbix`, `${key(3)}.pbix`, `${key(4)}.pbix`]);
  });

  it('prunes a crashed writer\'s old temp file but not a fresh one', async () => {
    const cache = new SnapshotCache(dir);
    await cache.write(key(1), [Buffer.from('x')]);
    await writeFile(join(dir, 'old.tmp'), 'half');
    await utimes(join(dir, 'old.tmp'), 1, 1);
    await writeFile(join(dir, 'fresh.tmp'), 'half');
    await cache.prune();
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual(['fresh.tmp']);
  });

  it('remembers the latest key per corpus path, and forgets it when its snapshot is pruned', async () => {
    const cache = new SnapshotCache(dir, { maxSnapshots: 1 });
    expect(await cache.latest('corpus-a')).toBeUndefined();
    await cache.write(key(1), [Buffer.from('a')]);
    await cache.setLatest('corpus-a', key(1));
    await cache.setLatest('./corpus-b/', key(2));
    expect(await cache.latest('./corpus-a')).toBe(key(1));
    expect(await cache.latest('corpus-b')).toBe(key(2));
    await utimes(cache.pathOf(key(1)), 1, 1);
    await cache.write(key(3), [Buffer.from('c')]);
    expect(await cache.latest('corpus-a')).toBeUndefined();
  });

  it('ignores a damaged pointer', async () => {
    const cache = new SnapshotCache(dir);
    await cache.setLatest('corpus', key(1));
    const [pointer] = (await readdir(dir)).filter((name) => name.startsWith('latest-'));
    await writeFile(join(dir, pointer!), '{"path": 1');
    expect(await cache.latest('corpus')).toBeUndefined();
    await writeFile(join(dir, pointer!), JSON.stringify({ path: '/elsewhere', key: key(1) }));
    expect(await cache.latest('corpus')).toBeUndefined();
    expect(JSON.parse(await readFile(join(dir, pointer!), 'utf8'))).toEqual({ path: '/elsewhere', key: key(1) });
  });

  it('fails to write into a directory that cannot be created', async () => {
    const file = join(dir, '..', 'a-file');
    await writeFile(file, 'not a directory');
    await expect(new SnapshotCache(join(file, 'snapshots')).write(key(1), [Buffer.from('x')])).rejects.toThrow(/ENOTDIR|EEXIST/);
  });
});
