import type { z } from 'zod';
import { ErrorCode, InvalidOptionError, PaperbotError, UnknownCommandError, asCodedError } from '../errors.js';
import { indexService, type IndexSource } from '../app/local-index-service.js';
import { isPaperLink } from '../corpus/arxiv-link.js';
import type { Logger } from '../log/logger.js';
import type { Command, CommandContext } from './command.js';
import { parseTextArgs } from './text-args.js';
import { COMMANDS, findCommand } from './registry.js';
import type { CommandResult, ErrorResult } from './results.js';

/** What a command runs against, as callers give it: the index may be a `PaperIndex`, served in this thread. */
export type RunContext = Omit<CommandContext, 'commands' | 'index'> & { index: IndexSource };

/** Runs a command by name with raw input (from a CLI, a Discord option set, …); never throws for user errors. */
export async function runCommand(name: string, rawInput: unknown, context: RunContext): Promise<CommandResult> {
  const full: CommandContext = { ...context, index: indexService(context.index), commands: COMMANDS };
  try {
    const command = findCommand(name);
    if (!command) throw new UnknownCommandError(name, COMMANDS.map((c) => c.name));
    const parsed = command.schema.safeParse(rawInput);
    if (!parsed.success) throw new InvalidOptionError(describeIssues(parsed.error));
    return await command.execute(parsed.data, full);
  } catch (error) {
    return errorResult(error, name, context.logger);
  }
}

/**
 * Runs a line of chat or slash-command text: "search diffusion --limit 5", "show 2", "more";
 * any line that does not start with a command word is a question for `ask`.
 */
export async function runText(text: string, context: RunContext): Promise<CommandResult> {
  const trimmed = text.trim();
  if (!trimmed) return runCommand('help', {}, context);
  // "2" or "[2]" alone opens that paper of the last result.
  if (/^\[?\d{1,4}\]?$/.test(trimmed)) return runCommand('show', { paper: trimmed }, context);
  // A paper link pasted alone ("https://arxiv.org/abs/2301.12345") is a link preview request.
  if (isPaperLink(trimmed)) return runCommand('link', { url: trimmed }, context);
  const [word = ''] = trimmed.split(/\s+/);
  const command = findCommand(word.toLowerCase());
  const rest = trimmed.slice(word.length);
  if (!command || readsAsQuestion(command, rest)) return runCommand('ask', { question: trimmed }, context);
  let input: Record<string, unknown>;
  try {
    input = command.fromText(rest);
  } catch (error) {
    return errorResult(error, command.name, context.logger);
  }
  return runCommand(command.name, input, context);
}

/**
 * Whether a line that starts with a command word is really a question ("show me papers on X",
 * "papers about diffusion?", "similar work to DDIM"): commands that take one word (a paper, a
 * command name) count only with at most one word, and commands that take none (or a number)
 * only with none.
 */
function readsAsQuestion(command: Command<any>, rest: string): boolean {
  let words: string[];
  try {
    const valued = command.options.filter((o) => !o.rest && o.type !== 'boolean').map((o) => o.name);
    const flags = command.options.filter((o) => o.type === 'boolean').map((o) => o.name);
    words = parseTextArgs(rest, valued, flags).words;
  } catch {
    // Unknown options: a command with a typo, not a question; its own parser reports it.
    return false;
  }
  // A command whose first word is one of fixed choices ("digest subscribe …") needs one of them.
  const choice = command.options.find((o) => o.required && o.choices);
  if (choice) return !choice.choices!.includes((words[0] ?? '').toLowerCase());
  const takesText = command.options.some((o) => o.rest);
  if (!takesText) return words.length > 0 && !(words.length === 1 && /^\d+$/.test(words[0]!));
  const oneWord = command.options.some((o) => o.rest && (o.autocomplete === 'paper' || o.name === 'command'));
  return oneWord && words.length > 1;
}

function errorResult(error: unknown, commandName: string, logger?: Logger): ErrorResult {
  const coded = asCodedError(error);
  if (coded.code === ErrorCode.Unknown) {
    // Not the user's doing: log it in full, and keep internals out of the chat.
    logger?.error({ command: commandName, err: error }, 'command failed');
    return { kind: 'error', code: coded.code, message: 'Something went wrong while answering. Please try again.' };
  }
  const result: ErrorResult = { kind: 'error', code: coded.code, message: coded.message };
  const hint = hintFor(coded, commandName);
  if (hint) result.hint = hint;
  return result;
}

function hintFor(error: PaperbotError, commandName: string): string | undefined {
  const command = findCommand(commandName);
  switch (error.code) {
    case ErrorCode.InvalidOption:
      return command ? `Usage: ${command.usage}` : undefined;
    case ErrorCode.UnknownPaper:
      return 'Paper numbers refer to the last list or answer; "search" or "papers" shows ids.';
    case ErrorCode.UnknownCommand:
      return 'Type "help" for the commands, or just ask a question.';
    default:
      return undefined;
  }
}

/** One sentence per problem, each naming the option. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.join('.');
      return field && !issue.message.startsWith(field) ? `${field}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
