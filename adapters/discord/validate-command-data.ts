import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { SLASH_COMMAND_NAME } from './slash-command-data.js';

/**
 * Checks command data against Discord's rules before it is sent: Discord answers a bad payload
 * with one terse 400, while this lists every problem by path (`/paper search limit: …`).
 */

/** Discord's limits for application commands (documented under "Application Commands"). */
export const COMMAND_LIMITS = {
  name: 32,
  description: 100,
  options: 25,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  maxLength: 6000,
  /** Names, descriptions and choice names and values of the command and all its options together. */
  combined: 4000,
} as const;

/** An option of any level, loosely typed: validation must also catch what the types would allow. */
interface LooseOption {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  options?: LooseOption[];
  choices?: Array<{ name: string; value: string | number }>;
  autocomplete?: boolean;
  min_value?: number;
  max_value?: number;
  min_length?: number;
  max_length?: number;
}

const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

/** Every way `data` breaks Discord's rules for a chat-input command; empty when it is valid. */
export function commandDataProblems(data: RESTPostAPIChatInputApplicationCommandsJSONBody): string[] {
  const problems: string[] = [];
  const root = data as unknown as LooseOption;
  checkNamed(root, `/${String(root.name)}`, problems);
  let combined = 0;
  const count = (option: LooseOption) => {
    combined += (option.name?.length ?? 0) + (option.description?.length ?? 0);
    for (const choice of option.choices ?? []) combined += choice.name.length + String(choice.value).length;
    for (const child of option.options ?? []) count(child);
  };
  count(root);
  if (combined > COMMAND_LIMITS.combined) {
    problems.push(`/${root.name}: names, descriptions and choices total ${combined} characters (max ${COMMAND_LIMITS.combined})`);
  }
  return problems;
}

function checkNamed(option: LooseOption, path: string, problems: string[]): void {
  if (typeof option.name !== 'string' || !NAME.test(option.name) || option.name !== option.name.toLowerCase()) {
    problems.push(`${path}: name must be 1-${COMMAND_LIMITS.name} lowercase letters, digits, "-" or "_"`);
  }
  const description = option.description ?? '';
  if (description.length < 1 || description.length > COMMAND_LIMITS.description) {
    problems.push(`${path}: description is ${description.length} characters (must be 1-${COMMAND_LIMITS.description})`);
  }
  const children = option.options ?? [];
  if (children.length > COMMAND_LIMITS.options) problems.push(`${path}: ${children.length} options (max ${COMMAND_LIMITS.options})`);
  const names = children.map((child) => child.name);
  for (const name of new Set(names)) {
    if (names.filter((n) => n === name).length > 1) problems.push(`${path}: option "${name}" is defined twice`);
  }
  const subcommands = children.filter((child) => isGroupOrSubcommand(child.type));
  if (subcommands.length > 0 && subcommands.length < children.length) {
    problems.push(`${path}: subcommands cannot be mixed with other options`);
  }
  let optionalSeen = false;
  for (const child of children) {
    const childPath = `${path} ${child.name}`;
    checkNamed(child, childPath, problems);
    if (isGroupOrSubcommand(child.type)) continue;
    if (child.required) {
      if (optionalSeen) problems.push(`${childPath}: required options must come before optional ones`);
    } else {
      optionalSeen = true;
    }
    checkValues(child, childPath, problems);
  }
}

function isGroupOrSubcommand(type: number): boolean {
  return type === ApplicationCommandOptionType.Subcommand || type === ApplicationCommandOptionType.SubcommandGroup;
}

function checkValues(option: LooseOption, path: string, problems: string[]): void {
  const choices = option.choices ?? [];
  if (choices.length > COMMAND_LIMITS.choices) problems.push(`${path}: ${choices.length} choices (max ${COMMAND_LIMITS.choices})`);
  if (choices.length > 0 && option.autocomplete) problems.push(`${path}: autocomplete cannot be combined with choices`);
  for (const choice of choices) {
    if (choice.name.length < 1 || choice.name.length > COMMAND_LIMITS.choiceName) {
      problems.push(`${path}: choice "${choice.name.slice(0, 20)}" name must be 1-${COMMAND_LIMITS.choiceName} characters`);
    }
    if (typeof choice.value === 'string' && choice.value.length > COMMAND_LIMITS.choiceValue) {
      problems.push(`${path}: choice "${choice.name.slice(0, 20)}" value is longer than ${COMMAND_LIMITS.choiceValue} characters`);
    }
  }
  const numeric = option.type === ApplicationCommandOptionType.Integer || option.type === ApplicationCommandOptionType.Number;
  if (!numeric && (option.min_value !== undefined || option.max_value !== undefined)) {
    problems.push(`${path}: min_value/max_value only apply to number options`);
  }
  if (option.min_value !== undefined && option.max_value !== undefined && option.min_value > option.max_value) {
    problems.push(`${path}: min_value ${option.min_value} is above max_value ${option.max_value}`);
  }
  for (const key of ['min_length', 'max_length'] as const) {
    const value = option[key];
    if (value === undefined) continue;
    if (option.type !== ApplicationCommandOptionType.String) problems.push(`${path}: ${key} only applies to string options`);
    if (!Number.isInteger(value) || value < (key === 'min_length' ? 0 : 1) || value > COMMAND_LIMITS.maxLength) {
      problems.push(`${path}: ${key} must be a whole number up to ${COMMAND_LIMITS.maxLength}`);
    }
  }
}

/** The command data failed validation: nothing was sent to Discord. */
export class SlashCommandDataError extends Error {
  constructor(readonly problems: string[]) {
    super(`The /${SLASH_COMMAND_NAME} command does not fit Discord's limits:\n  ${problems.join('\n  ')}`);
    this.name = 'SlashCommandDataError';
  }
}

/** Throws a {@link SlashCommandDataError} listing every problem, if there is any. */
export function assertValidCommandData(data: RESTPostAPIChatInputApplicationCommandsJSONBody): void {
  const problems = commandDataProblems(data);
  if (problems.length > 0) throw new SlashCommandDataError(problems);
}
