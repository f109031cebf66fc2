import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Command, OptionSpec } from '../../src/commands/command.js';
import { COMMANDS } from '../../src/commands/registry.js';

/** The one slash command; every paperbot command is a subcommand of it (`/paper ask …`). */
export const SLASH_COMMAND_NAME = 'paper';
export const SLASH_COMMAND_DESCRIPTION = 'Ask about research papers: answers quoted from abstracts, cited [n]';

/**
 * A Discord-only option (not in the core's registry): `private:true` makes the reply visible to
 * the caller only (an ephemeral message). Replies are public by default on Discord, where a
 * channel reading along is the point; Slack's convention differs.
 */
export const PRIVATE_OPTION_NAME = 'private';
const PRIVATE_OPTION: APIApplicationCommandBasicOption = {
  type: ApplicationCommandOptionType.Boolean,
  name: PRIVATE_OPTION_NAME,
  description: 'Only you see the reply (default: everyone in the channel)',
  required: false,
};
/** Commands whose replies are only ever seen by the caller already (help) or are about the channel (digest). */
const WITHOUT_PRIVATE_OPTION: ReadonlySet<string> = new Set(['help', 'digest']);

/**
 * Options whose values are a fixed list Discord can offer as choices, keyed `command.option`.
 * The core's OptionSpec has no `choices` yet, so the one such option (help's command name) is
 * described here, from the registry itself.
 */
const CHOICES: Record<string, (commands: readonly Command<any>[]) => Array<{ name: string; value: string }>> = {
  'help.command': (commands) => commands.map((c) => ({ name: c.name, value: c.name })),
};

/**
 * The `/paper` command as Discord's API takes it, generated from the command registry so each
 * command and option is defined once (in src/commands). Usable in guilds and in DMs with the bot.
 */
export function buildSlashCommandData(commands: readonly Command<any>[] = COMMANDS): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    name: SLASH_COMMAND_NAME,
    description: SLASH_COMMAND_DESCRIPTION,
    integration_types: [ApplicationIntegrationType.GuildInstall],
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    options: commands.map((command) => subcommand(command, commands)),
  };
}

function subcommand(command: Command<any>, commands: readonly Command<any>[]): APIApplicationCommandSubcommandOption {
  // Discord requires required options before optional ones; keep the registry's order otherwise.
  const ordered = [...command.options].sort((a, b) => Number(b.required) - Number(a.required));
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: command.name,
    description: command.summary,
    options: [
      ...ordered.map((option) =>
        basicOption(option, CHOICES[`${command.name}.${option.name}`]?.(commands) ?? option.choices?.map((value) => ({ name: value, value }))),
      ),
      ...(WITHOUT_PRIVATE_OPTION.has(command.name) || command.options.some((option) => option.name === PRIVATE_OPTION_NAME) ? [] : [PRIVATE_OPTION]),
    ],
  };
}

function basicOption(option: OptionSpec, choices?: Array<{ name: string; value: string }>): APIApplicationCommandBasicOption {
  const base = { name: option.name, description: option.description, required: option.required };
  if (option.type === 'boolean') return { ...base, type: ApplicationCommandOptionType.Boolean };
  if (option.type === 'integer') {
    return {
      ...base,
      type: ApplicationCommandOptionType.Integer,
      ...(option.min !== undefined ? { min_value: option.min } : {}),
      ...(option.max !== undefined ? { max_value: option.max } : {}),
    };
  }
  return {
    ...base,
    type: ApplicationCommandOptionType.String,
    ...(option.maxLength !== undefined ? { max_length: option.maxLength } : {}),
    ...(choices ? { choices } : option.autocomplete ? { autocomplete: true } : {}),
  };
}

/** How a command is typed in Discord: `/paper search query:<text> [limit:<1-50>]`. */
export function slashUsage(command: Command<any>): string {
  const parts = [...command.options]
    .sort((a, b) => Number(b.required) - Number(a.required))
    .map((option) => {
      const value =
        option.type === 'boolean'
          ? '<true|false>'
          : option.choices
            ? `<${option.choices.join('|')}>`
            : option.type === 'integer'
          ? option.min !== undefined && option.max !== undefined
            ? `<${option.min}-${option.max}>`
            : '<number>'
          : option.autocomplete === 'paper'
            ? '<paper>'
            : '<text>';
      return option.required ? `${option.name}:${value}` : `[${option.name}:${value}]`;
    });
  return [`/${SLASH_COMMAND_NAME} ${command.name}`, ...parts].join(' ');
}
