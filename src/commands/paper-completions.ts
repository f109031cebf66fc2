import type { Paper } from '../corpus/paper.js';
import type { PaperIndex } from '../search/paper-index.js';

/** Longest typed text considered: completion runs on every keystroke and must stay fast. */
const MAX_TYPED = 200;

/**
 * Papers for a `paper` option while the user types (options marked `autocomplete: 'paper'`):
 * those whose id or title matches the text — exact id, then prefix, then substring, then every
 * word — then the index's ranked search hits; `newest` (the corpus newest first) when nothing
 * is typed. Papers whose id is longer than `maxIdLength` are skipped.
 */
export function paperCompletions(
  index: PaperIndex,
  newest: () => readonly Paper[],
  typed: string,
  limit: number,
  maxIdLength = Number.POSITIVE_INFINITY,
): Paper[] {
  const text = typed.replace(/\s+/g, ' ').trim().slice(0, MAX_TYPED).toLowerCase();
  const picked = new Map<string, Paper>();
  const add = (paper: Paper) => {
    if (picked.size < limit && paper.id.length <= maxIdLength) picked.set(paper.id, paper);
  };
  if (!text) {
    for (const paper of newest()) {
      if (picked.size >= limit) break;
      add(paper);
    }
    return [...picked.values()];
  }
  const words = text.split(' ').filter(Boolean);
  const tiers: Paper[][] = [[], [], [], []];
  for (const paper of index.all()) {
    const title = paper.title.toLowerCase();
    const id = paper.id.toLowerCase();
    if (id === text) tiers[0]!.push(paper);
    else if (title.startsWith(text) || id.startsWith(text)) tiers[1]!.push(paper);
    else if (title.includes(text) || id.includes(text)) tiers[2]!.push(paper);
    else if (words.length > 1 && words.every((word) => title.includes(word))) tiers[3]!.push(paper);
  }
  for (const tier of tiers) for (const paper of tier) add(paper);
  if (picked.size < limit) {
    for (const hit of index.search(text, { limit }).hits) add(hit.paper);
  }
  return [...picked.values()];
}
