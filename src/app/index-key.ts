import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CorpusFileContent } from '../corpus/load-corpus.js';
import { PaperIndex } from '../search/paper-index.js';
import { resolveRankingOptions, type RankingOptions } from '../search/ranking-options.js';
import { SNAPSHOT_FORMAT_VERSION } from '../search/snapshot/snapshot-format.js';
import { packageRoot } from '../config/package-root.js';

/**
 * The content key of an index: SHA-256 over everything the index is a function of, so that a
 * snapshot is reused exactly when rebuilding would give the same index:
 *
 * - the corpus files' names (as sources and issues name them) and bytes, in the loader's order;
 * - the snapshot format version and `PaperIndex.SERIAL_VERSION`;
 * - the ranking options, defaults filled in;
 * - paperbot's package version, and a fingerprint of the code that reads, analyses and indexes
 *   papers (src/corpus, nlp, query, search), so an edited analyzer never meets an old snapshot
 *   even when nobody remembered to bump a version.
 *
 * No parsing: the bytes are hashed as read (SHA-256 runs at over 1 GB/s).
 */
export async function indexKey(files: readonly CorpusFileContent[], ranking: Partial<RankingOptions> = {}): Promise<string> {
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify({
      format: SNAPSHOT_FORMAT_VERSION,
      paperIndex: PaperIndex.SERIAL_VERSION,
      ranking: resolveRankingOptions(ranking),
      package: packageVersion(),
      code: await codeFingerprint(),
      files: files.length,
    }),
  );
  for (const file of files) {
    // Name and length first, so no two file lists hash the same bytes in a row.
    hash.update(`\u0000${file.name}\u0000`);
    if (file.bytes === undefined) hash.update(`unreadable:${file.unreadable ?? ''}`);
    else hash.update(`${file.bytes.length}\u0000`).update(file.bytes);
  }
  return hash.digest('hex');
}

let version: string | undefined;

function packageVersion(): string {
  version ??= String((JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: unknown }).version ?? '');
  return version;
}

/** Folders (next to this module's own) whose code decides what an index holds. */
const INDEXING_CODE = ['corpus', 'nlp', 'query', 'search'];

let fingerprint: Promise<string> | undefined;

/** SHA-256 of the indexing code's files (the .ts in src/, or the .js in dist/src/), once per process. */
function codeFingerprint(): Promise<string> {
  fingerprint ??= (async () => {
    const root = dirname(dirname(fileURLToPath(import.meta.url)));
    const hash = createHash('sha256');
    for (const folder of INDEXING_CODE) {
      const names = (await readdir(join(root, folder), { recursive: true }).catch(() => [] as string[]))
        .filter((name) => /\.(js|ts)$/.test(name) && !name.endsWith('.d.ts'))
        .sort();
      for (const name of names) hash.update(`\u0000${folder}/${name}\u0000`).update(await readFile(join(root, folder, name)));
    }
    return hash.digest('hex');
  })();
  return fingerprint;
}
