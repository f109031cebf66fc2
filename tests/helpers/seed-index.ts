import { loadIndex, type LoadedIndex } from '../../src/app/load-index.js';
import { defaultCorpusPath } from '../../src/config/package-root.js';

let loading: Promise<LoadedIndex> | undefined;

/**
 * The bundled seed corpus, indexed. Loaded at most once per test file (each file is its own
 * module graph in vitest), so call it from `beforeAll`.
 */
export function seedIndex(): Promise<LoadedIndex> {
  loading ??= loadIndex(defaultCorpusPath());
  return loading;
}

/** The question the README and help use as their example. */
export const EXAMPLE_QUESTION = 'which papers speed up diffusion sampling?';
