import type { APIApplicationCommandOptionChoice } from 'discord.js';
import type { IndexService } from '../../src/app/index-service.js';
import type { Paper } from '../../src/corpus/paper.js';
import { DISCORD_LIMITS } from './discord-limits.js';
import { defuseMentions, oneLine, truncate } from './markdown.js';

/**
 * Choices for a `paper` option while the user types: the index's completions (papers whose id
 * or title matches the text, then ranked hits; the newest when nothing is typed — see
 * `paperCompletions`). At most 25, each named by its title (≤ 100 characters, plain text:
 * choice names are not markdown) with the paper id as value; ids over 100 characters, which
 * would make Discord reject the whole response, are skipped.
 */
export async function paperChoices(index: IndexService, typed: string, limit: number = DISCORD_LIMITS.autocompleteChoices): Promise<APIApplicationCommandOptionChoice<string>[]> {
  const max = Math.min(limit, DISCORD_LIMITS.autocompleteChoices);
  const papers = await index.completePapers(oneLine(typed), { limit: max, maxIdLength: DISCORD_LIMITS.choiceValue });
  return papers.slice(0, max).map(choice);
}

function choice(paper: Paper): APIApplicationCommandOptionChoice<string> {
  const name = truncate(defuseMentions(oneLine(paper.title)), DISCORD_LIMITS.choiceName) || paper.id.slice(0, DISCORD_LIMITS.choiceName);
  return { name, value: paper.id };
}
