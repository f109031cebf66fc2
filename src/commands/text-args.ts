import { parseArgs } from 'node:util';
import { InvalidOptionError } from '../errors.js';

/**
 * Parses the text after a command word ("diffusion sampling --limit 5") into the rest text and
 * `--name value` options, with node's own argument parser. Unknown options are an error that
 * names them.
 */
export function parseTextArgs(text: string, optionNames: readonly string[]): { rest: string; options: Record<string, string> } {
  const args = text.trim() ? text.trim().split(/\s+/) : [];
  try {
    const { values, positionals } = parseArgs({
      args,
      options: Object.fromEntries(optionNames.map((name) => [name, { type: 'string' as const }])),
      allowPositionals: true,
      strict: true,
    });
    return { rest: positionals.join(' '), options: values as Record<string, string> };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown) {
      const known = optionNames.map((name) => `--${name}`).join(', ') || 'none';
      throw new InvalidOptionError(`Unknown option ${unknown[1]} (options: ${known})`);
    }
    throw new InvalidOptionError(message.replace(/\.$/, ''));
  }
}
