import { describe, expect, it } from 'vitest';
import { buildSlashCommandData, slashUsage } from '../../../adapters/discord/slash-command-data.js';
import { assertValidCommandData, commandDataProblems, COMMAND_LIMITS, SlashCommandDataError } from '../../../adapters/discord/validate-command-data.js';
import { COMMANDS, findCommand } from '../../../src/commands/registry.js';

const data = buildSlashCommandData();
type Sub = { type: number; name: string; description: string; options: Array<Record<string, any>> };
const subcommands = data.options as unknown as Sub[];
const sub = (name: string) => subcommands.find((s) => s.name === name)!;

/** The Discord-only option that makes a reply ephemeral. */
const PRIVATE = { type: 5, name: 'private', description: 'Only you see the reply (default: everyone in the channel)', required: false };

/** A deep copy to break on purpose. */
const copy = (): any => structuredClone(data);

describe('the /paper command data', () => {
  it('is one chat-input command with a subcommand per registry command, described by its summary', () => {
    expect(data).toMatchObject({ type: 1, name: 'paper', contexts: [0, 1], integration_types: [0] });
    expect(subcommands.map((s) => s.name)).toEqual(COMMANDS.map((c) => c.name));
    for (const s of subcommands) {
      expect(s.type).toBe(1);
      expect(s.description).toBe(findCommand(s.name)!.summary);
    }
  });

  it('maps each option from its OptionSpec: type, required, ranges, lengths, autocomplete', () => {
    expect(sub('ask').options).toEqual([{ type: 3, name: 'question', description: 'Your question, in your own words', required: true, max_length: 500 }, PRIVATE]);
    expect(sub('search').options).toEqual([
      { type: 3, name: 'query', description: 'What to look for; filters in words work too ("diffusion with code since 2024")', required: true, max_length: 500 },
      { type: 4, name: 'limit', description: 'How many papers to list (1-50, default 10)', required: false, min_value: 1, max_value: 50 },
      { type: 3, name: 'since', description: 'Only papers published on or after this date (2024, 2024-03, 2024-03-15)', required: false, max_length: 10 },
      { type: 3, name: 'until', description: 'Only papers published on or before this date (2024, 2024-03, 2024-03-15)', required: false, max_length: 10 },
      { type: 5, name: 'with-code', description: 'Only papers that link to code (GitHub)', required: false },
      {
        type: 3,
        name: 'sort',
        description: 'Order: relevance (default), date (newest first) or upvotes',
        required: false,
        choices: ['relevance', 'date', 'upvotes'].map((value) => ({ name: value, value })),
      },
      PRIVATE,
    ]);
    expect(sub('show').options).toEqual([{ type: 3, name: 'paper', description: 'A paper id, or its number in the last result', required: true, autocomplete: true }, PRIVATE]);
    expect(sub('similar').options.map((o) => [o.name, o.autocomplete ?? false, o.required])).toEqual([
      ['paper', true, true],
      ['limit', false, false],
      ['private', false, false],
    ]);
    expect(sub('more').options).toEqual([PRIVATE]);
    expect(sub('papers').options.find((o) => o.name === 'offset')).toMatchObject({ type: 4, min_value: 0, required: false });
  });

  it('offers a last, optional `private` boolean on every command that answers (not help, always private, nor digest, about the channel)', () => {
    for (const s of subcommands) {
      const last = s.options.at(-1);
      if (s.name === 'help' || s.name === 'digest') expect(s.options.map((o) => o.name)).not.toContain('private');
      else expect(last).toEqual(PRIVATE);
    }
  });

  it("offers help's command option as choices of the command names", () => {
    const [command] = sub('help').options;
    expect(command).toMatchObject({ name: 'command', type: 3, required: false });
    expect(command!.choices).toEqual(COMMANDS.map((c) => ({ name: c.name, value: c.name })));
    expect(command!.autocomplete).toBeUndefined();
  });

  it("fits every Discord limit, including the 4000 characters of the command's text together", () => {
    expect(commandDataProblems(data)).toEqual([]);
    expect(() => assertValidCommandData(data)).not.toThrow();
    let combined = 0;
    const count = (o: any): void => {
      combined += o.name.length + o.description.length;
      for (const c of o.choices ?? []) combined += c.name.length + String(c.value).length;
      for (const child of o.options ?? []) count(child);
    };
    count(data);
    expect(combined).toBeLessThanOrEqual(COMMAND_LIMITS.combined);
    const names = (o: any): string[] => [o.name, ...(o.options ?? []).flatMap(names)];
    for (const name of names(data)) expect(name).toMatch(/^[a-z0-9_-]{1,32}$/);
  });

  it('puts required options before optional ones whatever the registry order', () => {
    const spec = { ...findCommand('search')!, options: [...findCommand('search')!.options].reverse() };
    const built = buildSlashCommandData([spec]);
    expect((built.options as unknown as Sub[])[0]!.options.map((o) => o.name)).toEqual(['query', 'sort', 'with-code', 'until', 'since', 'limit', 'private']);
    expect(commandDataProblems(built)).toEqual([]);
  });
});

describe('validating command data', () => {
  it('rejects names that are not 1-32 lowercase characters', () => {
    const bad = copy();
    bad.options[0].name = 'Ask';
    bad.options[1].options[0].name = 'q'.repeat(33);
    expect(commandDataProblems(bad)).toEqual([
      '/paper Ask: name must be 1-32 lowercase letters, digits, "-" or "_"',
      `/paper search ${'q'.repeat(33)}: name must be 1-32 lowercase letters, digits, "-" or "_"`,
    ]);
  });

  it('rejects empty and over-long descriptions', () => {
    const bad = copy();
    bad.description = '';
    bad.options[0].options[0].description = 'd'.repeat(101);
    expect(commandDataProblems(bad)).toEqual([
      '/paper: description is 0 characters (must be 1-100)',
      '/paper ask question: description is 101 characters (must be 1-100)',
    ]);
  });

  it('rejects more than 25 subcommands or options, and duplicate names', () => {
    const bad = copy();
    bad.options = Array.from({ length: 26 }, (_, i) => ({ type: 1, name: `c${i}`, description: 'x', options: [] }));
    bad.options[1].name = 'c0';
    const problems = commandDataProblems(bad);
    expect(problems).toContain('/paper: 26 options (max 25)');
    expect(problems).toContain('/paper: option "c0" is defined twice');
  });

  it('rejects a required option after an optional one, and subcommands mixed with options', () => {
    const bad = copy();
    bad.options[1].options.reverse();
    bad.options.push({ type: 3, name: 'loose', description: 'x' });
    const problems = commandDataProblems(bad);
    expect(problems).toContain('/paper search query: required options must come before optional ones');
    expect(problems).toContain('/paper: subcommands cannot be mixed with other options');
  });

  it('rejects too many or too long choices, and choices with autocomplete', () => {
    const bad = copy();
    const help = bad.options.find((o: any) => o.name === 'help');
    help.options[0].choices = Array.from({ length: 26 }, (_, i) => ({ name: `n${i}`, value: `v${i}` }));
    help.options[0].choices[0] = { name: 'n'.repeat(101), value: 'v'.repeat(101) };
    help.options[0].autocomplete = true;
    const problems = commandDataProblems(bad);
    expect(problems).toContain('/paper help command: 26 choices (max 25)');
    expect(problems).toContain('/paper help command: autocomplete cannot be combined with choices');
    expect(problems).toContain(`/paper help command: choice "${'n'.repeat(20)}" name must be 1-100 characters`);
    expect(problems).toContain(`/paper help command: choice "${'n'.repeat(20)}" value is longer than 100 characters`);
  });

  it('rejects inverted ranges, ranges on text, and lengths on numbers', () => {
    const bad = copy();
    const search = bad.options.find((o: any) => o.name === 'search');
    search.options[1].min_value = 60;
    search.options[0].min_value = 1;
    search.options[1].max_length = 10;
    search.options[0].max_length = 7000;
    expect(commandDataProblems(bad)).toEqual([
      '/paper search query: min_value/max_value only apply to number options',
      '/paper search query: max_length must be a whole number up to 6000',
      '/paper search limit: min_value 60 is above max_value 50',
      '/paper search limit: max_length only applies to string options',
    ]);
  });

  it('rejects a command whose text exceeds 4000 characters in all', () => {
    const bad = copy();
    bad.options = Array.from({ length: 25 }, (_, i) => ({ type: 1, name: `c${i}`, description: 'd'.repeat(100), options: [{ type: 3, name: 'o', description: 'e'.repeat(100) }] }));
    expect(commandDataProblems(bad).join('\n')).toMatch(/^\/paper: names, descriptions and choices total \d+ characters \(max 4000\)$/);
  });

  it('throws one error listing every problem', () => {
    const bad = copy();
    bad.name = 'Paper';
    bad.description = 'x'.repeat(101);
    expect(() => assertValidCommandData(bad)).toThrow(SlashCommandDataError);
    try {
      assertValidCommandData(bad);
    } catch (error) {
      expect((error as SlashCommandDataError).problems).toHaveLength(2);
      expect((error as Error).message).toContain("does not fit Discord's limits");
    }
  });
});

describe('slash usage', () => {
  it('writes each command as it is typed in Discord', () => {
    expect(slashUsage(findCommand('ask')!)).toBe('/paper ask question:<text>');
    expect(slashUsage(findCommand('search')!)).toBe('/paper search query:<text> [limit:<1-50>] [since:<text>] [until:<text>] [with-code:<true|false>] [sort:<relevance|date|upvotes>]');
    expect(slashUsage(findCommand('show')!)).toBe('/paper show paper:<paper>');
    expect(slashUsage(findCommand('papers')!)).toBe('/paper papers [limit:<1-50>] [offset:<number>]');
    expect(slashUsage(findCommand('more')!)).toBe('/paper more');
  });
});
