/**
 * How the bench saves and restores a paperbot index — the one place to change when the engine's
 * versioned binary snapshot replaces `toJSON` / `loadJSON` (issue 10, "Snapshots").
 */
import { createWriteStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { PaperIndex, type SerializedPaperIndex } from '../../src/search/paper-index.js';

/** What the snapshot is, for the report. */
export const SNAPSHOT_FORMAT = 'PaperIndex.toJSON() → JSON file → PaperIndex.loadJSON()';

/**
 * Writes `index.toJSON()` to `path`, one top-level field at a time: a 100k-paper index does not
 * fit in one JavaScript string. Resolves to the file's size in bytes.
 */
export async function savePaperIndexSnapshot(index: PaperIndex, path: string): Promise<number> {
  const json = index.toJSON() as unknown as Record<string, unknown>;
  const out = createWriteStream(path);
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let first = true;
  for (const [key, value] of Object.entries(json)) {
    await write(`${first ? '{' : ','}${JSON.stringify(key)}:${JSON.stringify(value)}`);
    first = false;
  }
  await write('}');
  out.end();
  await once(out, 'finish');
  return (await stat(path)).size;
}

/** Reads a snapshot written by {@link savePaperIndexSnapshot}: what a restart would do. */
export async function loadPaperIndexSnapshot(path: string): Promise<PaperIndex> {
  return PaperIndex.loadJSON(JSON.parse(await readFile(path, 'utf8')) as SerializedPaperIndex);
}
