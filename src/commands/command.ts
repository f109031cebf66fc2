import type { z } from 'zod';
import type { Logger } from '../log/logger.js';
import type { IndexService } from '../app/index-service.js';
import type { Session } from '../session/session.js';
import type { PaperbotStore, Platform } from '../store/store.js';
import type { CommandResult } from './results.js';

/** An option as front-ends offer it: a CLI flag, a Discord option, a line of help. */
export interface OptionSpec {
  name: string;
  /** One line, at most 100 characters (Discord's limit). */
  description: string;
  type: 'string' | 'integer' | 'boolean';
  required: boolean;
  /** Takes the rest of the text in chat and slash-command text ("ask which papers …"). */
  rest?: boolean;
  min?: number;
  max?: number;
  /** Longest accepted text (string options). */
  maxLength?: number;
  /** The only values accepted, for front-ends to offer as choices. */
  choices?: readonly string[];
  /** Front-ends may offer paper titles as completions. */
  autocomplete?: 'paper';
}

/** What a command runs against. */
export interface CommandContext {
  /** The corpus, for this whole command (a reload meanwhile does not change it). */
  index: IndexService;
  /** The conversation's memory; commands update it (the runner saves it afterwards). */
  session: Session;
  /** Every command (for help). */
  commands: readonly Command<any>[];
  /** Where unexpected failures are reported (users only see a generic message). Default: none. */
  logger?: Logger;
  /** The store, for commands that keep state (digest). Absent in the one-shot CLI. */
  store?: PaperbotStore;
  /** The chat channel the command came from (digest subscriptions are per channel). */
  conversation?: Conversation;
  /** The time, in ms since the epoch. Default: the system clock. */
  now?: () => number;
  /**
   * Most papers a list command (`papers`) returns at once. Default 50 (MAX_PAGE_SIZE), what a
   * chat message holds; the one-shot CLI, which prints to a terminal or a file, allows 1,000.
   */
  maxListLimit?: number;
}

/** Where a chat command was typed. */
export interface Conversation {
  platform: Platform;
  channel: string;
}

/**
 * A command, defined once and served by the CLI, the console chat, Slack and Discord:
 * its options schema validates input from every front-end, and it returns data.
 */
export interface Command<Input = unknown> {
  /** Lowercase word, as typed: `ask`, `search`, … */
  name: string;
  /** One line for help texts, at most 100 characters. */
  summary: string;
  /** How to call it in chat: `search QUERY [--limit N]`. */
  usage: string;
  options: OptionSpec[];
  /** Validates and normalises input (zod); its messages name the option. */
  schema: z.ZodType<Input>;
  /** Turns the text after the command word (chat, `/paper …`) into raw input for `schema`. */
  fromText(text: string): Record<string, unknown>;
  execute(input: Input, context: CommandContext): CommandResult | Promise<CommandResult>;
}

/** Defines a command with its input type inferred from the schema. */
export function defineCommand<Schema extends z.ZodType>(command: Command<z.output<Schema>> & { schema: Schema }): Command<z.output<Schema>> {
  return command;
}
