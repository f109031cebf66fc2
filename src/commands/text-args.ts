import { InvalidOptionError } from '../errors.js';

/**
 * Parses the text after a command word ("diffusion sampling --limit 5") into the words and the
 * `--name value` (or `--name=value`) options. Only `--` followed by a letter starts an option:
 * "-fast" or "-1" are words of the query, as people type them.
 *
 * @throws InvalidOptionError naming an unknown option, or an option without its value.
 */
export function parseTextArgs(
  text: string,
  optionNames: readonly string[],
  /** Options that take no value (`--quiet`); they parse as "true". */
  flagNames: readonly string[] = [],
): { rest: string; words: string[]; options: Record<string, string> } {
  const tokens = text.trim() ? text.trim().split(/\s+/) : [];
  const words: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const option = /^--([a-z][a-z-]*)(?:=(.*))?$/i.exec(token);
    if (!option) {
      words.push(token);
      continue;
    }
    const name = option[1]!.toLowerCase();
    if (flagNames.includes(name)) {
      // "--quiet", "--quiet=false", or "--quiet false".
      const next = tokens[i + 1]?.toLowerCase();
      if (option[2] === undefined && (next === 'true' || next === 'false')) {
        options[name] = next;
        i++;
      } else {
        options[name] = option[2] ?? 'true';
      }
      continue;
    }
    if (!optionNames.includes(name)) {
      const known = [...optionNames, ...flagNames].map((n) => `--${n}`).join(', ') || 'none';
      throw new InvalidOptionError(`Unknown option ${token.split('=')[0]} (options: ${known})`);
    }
    const value = option[2] ?? tokens[++i];
    if (value === undefined) throw new InvalidOptionError(`Option --${name} needs a value`);
    options[name] = value;
  }
  return { rest: words.join(' '), words, options };
}
