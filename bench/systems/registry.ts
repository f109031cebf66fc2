import { flexsearchSystem } from './flexsearch.js';
import { paperbotSystem } from './paperbot.js';
import type { BenchSystem } from './system.js';
import { winkBm25System } from './wink-bm25.js';

/** The systems the scale report measures, by name, in the order it runs them. */
export const SYSTEMS: Record<string, () => BenchSystem> = {
  paperbot: paperbotSystem,
  'wink-bm25': winkBm25System,
  flexsearch: flexsearchSystem,
};
