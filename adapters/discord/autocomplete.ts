import type { APIApplicationCommandOptionChoice } from 'discord.js';
import { byRecency } from '../../src/commands/papers.js';
import type { Paper } from '../../src/corpus/paper.js';
import type { PaperIndex } from '../../src/search/paper-index.js';
import { DISCORD_LIMITS } from './discord-limits.js';
import { defuseMentions, oneLine, truncate } from './markdown.js';

/** Longest typed text considered: autocomplete runs on every keystroke and must stay fast. */
const MAX_TYPED = 200;

/**
 * Choices for a `paper` option while the user types: papers whose id or title matches the text
 * (exact id, then prefix, then substring, then every word), then the index's ranked search hits;
 * the newest papers when nothing is typed. At most 25, each named by its title (≤ 100 characters,
 * plain text: choice names are not markdown) with the paper id as value.
 */
export function paperChoices(index: PaperIndex, typed: string, limit: number = DISCORD_LIMITS.autocompleteChoices): APIApplicationCommandOptionChoice<string>[] {
  const max = Math.min(limit, DISCORD_LIMITS.autocompleteChoices);
  const text = oneLine(typed).slice(0, MAX_TYPED).toLowerCase();
  const picked = new Map<string, Paper>();
  const add = (paper: Paper) => {
    // A value over 100 characters would make Discord reject the whole response.
    if (picked.size < max && paper.id.length <= DISCORD_LIMITS.choiceValue) picked.set(paper.id, paper);
  };
  if (!text) {
    for (const paper of byRecency(index.all())) {
      if (picked.size >= max) break;
      add(paper);
    }
    return [...picked.values()].map(choice);
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
  if (picked.size < max) {
    for (const hit of index.search(text, { limit: max }).hits) add(hit.paper);
  }
  return [...picked.values()].slice(0, max).map(choice);
}

function choice(paper: Paper): APIApplicationCommandOptionChoice<string> {
  const name = truncate(defuseMentions(oneLine(paper.title)), DISCORD_LIMITS.choiceName) || paper.id.slice(0, DISCORD_LIMITS.choiceName);
  return { name, value: paper.id };
}
