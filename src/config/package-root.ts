import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The directory of paperbot's own package.json, found by walking up from this file, so the
 * bundled `seeds/` are found from `src/` (tests) and `dist/src/` (the built binary) alike,
 * whatever the working directory.
 */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'paperbot') {
      root = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('paperbot: cannot find its package.json above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/** The corpus paperbot ships with. */
export function defaultCorpusPath(): string {
  return join(packageRoot(), 'seeds');
}

/** paperbot's version, from its package.json (`paperbot --version`). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
