import { z } from 'zod';
import { UnknownCommandError } from '../errors.js';
import { defineCommand } from './command.js';
import { findCommand } from './registry.js';
import { parseTextArgs } from './text-args.js';

/** `help [COMMAND]`: what paperbot can do. */
export default defineCommand({
  name: 'help',
  summary: 'Show the commands and how to use them',
  usage: 'help [COMMAND]',
  options: [{ name: 'command', description: 'A command to explain', type: 'string', required: false, rest: true }],
  schema: z.object({ command: z.string().trim().toLowerCase().max(50).optional() }),
  fromText: (text) => ({ command: parseTextArgs(text, []).rest || undefined }),
  execute({ command }, { commands }) {
    const wanted = command ? findCommand(command) : undefined;
    const chosen = command ? (wanted ? [wanted] : []) : commands;
    if (command && chosen.length === 0) throw new UnknownCommandError(command, commands.map((c) => c.name));
    return {
      kind: 'help',
      commands: chosen.map((c) => ({ name: c.name, usage: c.usage, summary: c.summary })),
      notes: command
        ? chosen[0]!.options.map((o) => `${o.name}: ${o.description}${o.required ? '' : ' (optional)'}`)
        : [
            'Ask in your own words, e.g. "which papers speed up diffusion sampling?" — a line that is not a command is a question.',
            'Every sentence of an answer is quoted from a paper\'s abstract and cited [n]; "show 2" opens source 2.',
            'Follow up on the last result: "only 2024", "only with code", "not video", "what about video?", "more like 2", "why 1?".',
          ],
    };
  },
});
