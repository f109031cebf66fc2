/**
 * Peer: wink-bm25-text-search (devDependency, pinned), the BM25 peer the shared benchmarks
 * compare ranking against (best simple peer on Cranfield, CACM and seeds-dev). It is here so the
 * bench measures paperbot's speed against a plain in-memory BM25 in the same run, on the same
 * corpus — issue 10's target is "at most a quarter of wink-bm25's time".
 */
import { createRequire } from 'node:module';
import type { Paper } from '../../src/corpus/paper.js';
import type { BenchSystem } from './system.js';

const require = createRequire(import.meta.url);

interface WinkBm25 {
  defineConfig(config: { fldWeights: Record<string, number> }): void;
  definePrepTasks(tasks: Array<(input: never) => unknown>): void;
  addDoc(doc: Record<string, string>, id: string): void;
  consolidate(): void;
  search(text: string, limit?: number): Array<[string, number]>;
}

/** Both packages are CommonJS without types. */
const createWinkBm25 = require('wink-bm25-text-search') as () => WinkBm25;
const nlp = require('wink-nlp-utils') as {
  string: Record<'lowerCase' | 'removeExtraSpaces' | 'tokenize0', (text: string) => never>;
  tokens: Record<'propagateNegations' | 'removeWords' | 'stem', (tokens: string[]) => never>;
};

/** wink-bm25 with the prep tasks of its README (lower case, tokens, negations, stop words out, stems), title and abstract fields. */
export function winkBm25System(): BenchSystem {
  const engine = createWinkBm25();
  return {
    name: 'wink-bm25',
    config: 'wink-bm25-text-search: fields title + abstract (weight 1 each), README prep tasks (stop words, stems)',
    build(papers: readonly Paper[]) {
      engine.defineConfig({ fldWeights: { title: 1, abstract: 1 } });
      engine.definePrepTasks([
        nlp.string.lowerCase,
        nlp.string.removeExtraSpaces,
        nlp.string.tokenize0,
        nlp.tokens.propagateNegations,
        nlp.tokens.removeWords,
        nlp.tokens.stem,
      ]);
      for (const paper of papers) engine.addDoc({ title: paper.title, abstract: paper.abstract }, paper.id);
      engine.consolidate();
    },
    search(question, limit) {
      return engine.search(question, limit);
    },
  };
}
