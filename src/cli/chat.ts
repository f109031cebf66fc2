import { createInterface } from 'node:readline';
import { MAX_QUESTION_CHARS } from '../commands/limits.js';
import { runText } from '../commands/run-command.js';
import type { CommandResult, ErrorResult } from '../commands/results.js';
import { ErrorCode } from '../errors.js';
import { renderText, wrap } from '../render/text.js';
import type { PaperIndex } from '../search/paper-index.js';
import type { Session } from '../session/session.js';
import { println, printJson, textWidth, type CliIo } from './io.js';

const QUIT_WORDS = new Set(['quit', 'exit', ':q', 'bye']);
const CLEAR_WORDS = new Set(['clear', 'cls']);
/** Clear the screen and the scrollback, cursor home (written raw: println would strip it). */
const CLEAR_SCREEN = '\x1b[H\x1b[2J\x1b[3J';
/** How much of an over-long line a piped chat echoes. */
const ECHO_CHARS = 60;

/** How the chat talks. */
export interface ChatOptions {
  /** Lines said before the first prompt on a terminal (what was loaded). Default none. */
  greeting?: string[];
  /**
   * One JSON value per line of input, on one line each (JSON lines): the answer for a question,
   * else the command's result — what `paperbot --json ask|search|…` prints. No greeting, prompt
   * or echo. Default false.
   */
  json?: boolean;
}

/**
 * The console chat: one question or command per line, answered with sources. On a terminal it
 * shows a prompt and a greeting; fed from a pipe it answers each line and returns at end of
 * input, so `echo "…" | paperbot chat` works in scripts. "clear" clears a terminal's screen;
 * a line longer than any question is refused, not echoed.
 */
export async function runChat(index: PaperIndex, io: CliIo, options: ChatOptions = {}): Promise<void> {
  const json = Boolean(options.json);
  const interactive = Boolean(io.stdin.isTTY);
  const prompting = interactive && !json;
  const lines = createInterface({ input: io.stdin, output: prompting ? io.stdout : undefined, terminal: prompting });
  const session: Session = {};
  const say = (result: CommandResult) => {
    if (json) return printJson(io.stdout, result.kind === 'answer' ? result.answer : result, 0);
    println(io.stdout, renderText(result, { width: textWidth(io.stdout) }));
    println(io.stdout);
  };
  if (prompting) {
    const width = textWidth(io.stdout);
    for (const line of options.greeting ?? []) println(io.stdout, wrap(line, width));
    println(io.stdout, wrap(`Ask about the ${index.size} papers in your own words, or type "help". "clear" clears the screen; "quit" or Ctrl-D leaves.`, width));
    lines.setPrompt('paperbot> ');
    lines.prompt();
  }
  for await (const line of lines) {
    const text = line.trim();
    const word = text.toLowerCase();
    if (QUIT_WORDS.has(word)) break;
    if (CLEAR_WORDS.has(word)) {
      // Only a terminal has a screen; in a pipe or a file the sequence would be garbage.
      if (io.stdout.isTTY && !json) io.stdout.write(CLEAR_SCREEN);
    } else if (text.length > MAX_QUESTION_CHARS) {
      if (!interactive && !json) println(io.stdout, `> ${text.slice(0, ECHO_CHARS)}…`);
      say(tooLong(text.length));
    } else if (text) {
      if (!interactive && !json) println(io.stdout, `> ${text}`);
      say(await runText(text, { index, session }));
    }
    if (prompting) lines.prompt();
  }
  lines.close();
}

/** The answer to a pasted page: its length and the limit, never the text itself. */
function tooLong(length: number): ErrorResult {
  return {
    kind: 'error',
    code: ErrorCode.InvalidOption,
    message: `That line is ${length} characters long; questions and commands are limited to ${MAX_QUESTION_CHARS}.`,
    hint: 'Ask about one topic at a time, in a sentence or two.',
  };
}
