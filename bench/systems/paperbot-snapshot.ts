/**
 * How the bench saves and restores a paperbot index: the versioned binary snapshot
 * (src/search/snapshot/), written and read as `loadIndex`'s snapshot cache does, minus the
 * corpus hashing (the bench's corpus lives in memory, not in files).
 */
import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import type { PaperIndex } from '../../src/search/paper-index.js';
import { decodeIndexSnapshot, encodeIndexSnapshot } from '../../src/search/snapshot/paper-index-snapshot.js';

/** What the snapshot is, for the report. */
export const SNAPSHOT_FORMAT = 'binary PBIX snapshot: encodeIndexSnapshot → file → decodeIndexSnapshot (checksum verified)';

/** The content key the bench's snapshots carry (any 64 hex digits do: nothing else is cached under it). */
const BENCH_KEY = createHash('sha256').update('paperbot bench snapshot').digest('hex');

/** Encodes `index` and writes it to `path`. Resolves to the file's size in bytes. */
export async function savePaperIndexSnapshot(index: PaperIndex, path: string): Promise<number> {
  await writeFile(path, encodeIndexSnapshot(index, BENCH_KEY));
  return (await stat(path)).size;
}

/** Reads a snapshot written by {@link savePaperIndexSnapshot}: what a restart does. */
export async function loadPaperIndexSnapshot(path: string): Promise<PaperIndex> {
  return decodeIndexSnapshot(await readFile(path), BENCH_KEY).index;
}
