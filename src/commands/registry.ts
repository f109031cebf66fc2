import { z } from 'zod';
import ask from './ask.js';
import digest from './digest.js';
import type { Command } from './command.js';
import help from './help.js';
import link from './link.js';
import more from './more.js';
import papers from './papers.js';
import search from './search.js';
import show from './show.js';
import similar from './similar.js';
import why from './why.js';

/** Every command, in the order help lists them. */
export const COMMANDS: readonly Command<any>[] = [ask, search, show, similar, why, link, more, papers, digest, help];

/** Other words users type for a command. */
export const COMMAND_ALIASES: Readonly<Record<string, string>> = { next: 'more', list: 'papers', '?': 'help', open: 'show', like: 'similar' };

/** What every command definition must satisfy (checked by the tests and at start-up). */
export const commandShape = z.object({
  name: z.string().regex(/^[a-z]{1,32}$/),
  summary: z.string().min(1).max(100),
  usage: z.string().min(1),
  // Option names may hold inner hyphens (`with-code`): Discord accepts them, and they read as CLI flags.
  options: z.array(z.object({ name: z.string().regex(/^[a-z](?:[a-z-]{0,30}[a-z])?$/), description: z.string().min(1).max(100) }).loose()).max(25),
  fromText: z.function(),
  execute: z.function(),
}).loose();

/** The command with this name or alias, if any. */
export function findCommand(name: string): Command<any> | undefined {
  const wanted = COMMAND_ALIASES[name] ?? name;
  return COMMANDS.find((command) => command.name === wanted);
}
