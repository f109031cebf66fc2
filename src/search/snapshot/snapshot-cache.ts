import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { threadId } from 'node:worker_threads';

/** Snapshots kept by default; the least recently used beyond this are deleted. */
export const DEFAULT_MAX_SNAPSHOTS = 8;

/** File name ending of a snapshot. */
const SNAPSHOT_EXTENSION = '.pbix';
/** A temp file older than this is a crashed writer's, and pruned. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * Where index snapshots go: `$PAPERBOT_CACHE_DIR`, else `$XDG_CACHE_HOME/paperbot/snapshots`,
 * else `~/.cache/paperbot/snapshots` (empty values count as unset).
 */
export function defaultSnapshotDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PAPERBOT_CACHE_DIR) return env.PAPERBOT_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'paperbot', 'snapshots');
}

/** Options of a {@link SnapshotCache}. */
export interface SnapshotCacheOptions {
  /** Snapshots kept; the least recently used beyond this are deleted after each save. Default {@link DEFAULT_MAX_SNAPSHOTS}. */
  maxSnapshots?: number;
}

/**
 * A directory of index snapshots, one file per content key (`<key>.pbix`), plus, per corpus
 * path, a small pointer to the key last loaded or saved for it (`latest-<hash of path>.json`),
 * so a changed corpus can be served from its previous snapshot while it is rebuilt.
 *
 * Files are written to a temp file and renamed into place, so a reader (another process, or a
 * worker thread loading at the same time) sees a whole snapshot or none, and two writers of the
 * same key both leave a whole one. This class only moves bytes: whether a snapshot can be
 * trusted is decided by decoding it (checksum, versions, key).
 */
export class SnapshotCache {
  readonly dir: string;
  private readonly maxSnapshots: number;

  constructor(dir: string, options: SnapshotCacheOptions = {}) {
    this.dir = dir;
    this.maxSnapshots = Math.max(1, options.maxSnapshots ?? DEFAULT_MAX_SNAPSHOTS);
  }

  /** The file of a key's snapshot. */
  pathOf(key: string): string {
    return join(this.dir, `${key}${SNAPSHOT_EXTENSION}`);
  }

  /** A key's snapshot bytes, or undefined when there is none. Other read errors throw. */
  async read(key: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  /** Saves a key's snapshot atomically (temp file, then rename), then prunes. Throws when the directory is not writable. */
  async write(key: string, parts: readonly Buffer[]): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await this.writeAtomically(this.pathOf(key), parts);
    await this.prune();
  }

  /** Marks a snapshot as just used (its modification time), so pruning keeps it; best effort. */
  async touch(key: string): Promise<void> {
    const now = new Date();
    await utimes(this.pathOf(key), now, now).catch(() => undefined);
  }

  /** Deletes a key's snapshot (one that could not be trusted); best effort. */
  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true }).catch(() => undefined);
  }

  /** The key last loaded or saved for a corpus path, if any. */
  async latest(corpusPath: string): Promise<string | undefined> {
    try {
      const pointer = JSON.parse(await readFile(this.pointerOf(corpusPath), 'utf8')) as { path?: unknown; key?: unknown };
      return pointer.path === resolve(corpusPath) && typeof pointer.key === 'string' && /^[0-9a-f]{64}$/.test(pointer.key) ? pointer.key : undefined;
    } catch {
      return undefined;
    }
  }

  /** Records the key last loaded or saved for a corpus path. Throws when the directory is not writable. */
  async setLatest(corpusPath: string, key: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await this.writeAtomically(this.pointerOf(corpusPath), [Buffer.from(JSON.stringify({ path: resolve(corpusPath), key }))]);
  }

  /**
   * Keeps the {@link SnapshotCacheOptions.maxSnapshots} most recently used snapshots and
   * deletes the rest, with pointers to deleted snapshots and crashed writers' temp files.
   */
  async prune(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const entries = await Promise.all(
      names.map(async (name) => ({ name, mtime: await stat(join(this.dir, name)).then((s) => s.mtimeMs, () => undefined) })),
    );
    const snapshots = entries.filter((e) => e.name.endsWith(SNAPSHOT_EXTENSION) && e.mtime !== undefined).sort((a, b) => b.mtime! - a.mtime!);
    const doomed = snapshots.slice(this.maxSnapshots).map((e) => e.name);
    const kept = new Set(snapshots.slice(0, this.maxSnapshots).map((e) => e.name.slice(0, -SNAPSHOT_EXTENSION.length)));
    for (const entry of entries) {
      if (entry.name.endsWith('.tmp') && entry.mtime !== undefined && Date.now() - entry.mtime > STALE_TEMP_MS) doomed.push(entry.name);
      if (entry.name.startsWith('latest-') && entry.name.endsWith('.json')) {
        const key = await readFile(join(this.dir, entry.name), 'utf8').then((text) => (JSON.parse(text) as { key?: string }).key, () => undefined);
        if (key === undefined || !kept.has(key)) doomed.push(entry.name);
      }
    }
    await Promise.all(doomed.map((name) => rm(join(this.dir, name), { force: true }).catch(() => undefined)));
  }

  private pointerOf(corpusPath: string): string {
    const hash = createHash('sha256').update(resolve(corpusPath)).digest('hex').slice(0, 16);
    return join(this.dir, `latest-${hash}.json`);
  }

  private async writeAtomically(path: string, parts: readonly Buffer[]): Promise<void> {
    // Unique per process and thread, so concurrent writers never share a temp file.
    const temp = `${path}.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temp, parts, { flag: 'wx' });
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
  }
}

/** No such file, or a path through something that is not a directory (no cache there either). */
function isMissing(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
