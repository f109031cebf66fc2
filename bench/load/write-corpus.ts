import { createWriteStream } from 'node:fs';
import { rename, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import type { Paper } from '../../src/corpus/paper.js';

/**
 * Writes papers as a JSONL corpus file, one record a line, streamed. The file is written under a
 * dot-name (which the corpus watcher ignores) and renamed into place, so a watcher never loads
 * half a file. Resolves to its size in bytes.
 */
export async function writeCorpusFile(papers: Iterable<Paper>, path: string): Promise<number> {
  const partial = join(dirname(path), `.${basename(path)}.partial`);
  const out = createWriteStream(partial);
  for (const { id, title, abstract } of papers) {
    if (!out.write(`${JSON.stringify({ id, title, abstract })}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  await rename(partial, path);
  return (await stat(path)).size;
}
