import { createInterface } from 'node:readline';
import { runText } from '../commands/run-command.js';
import { renderText } from '../render/text.js';
import type { PaperIndex } from '../search/paper-index.js';
import type { Session } from '../session/session.js';
import { println, type CliIo } from './io.js';

const QUIT_WORDS = new Set(['quit', 'exit', ':q', 'bye']);

/**
 * The console chat: one question or command per line, answered with sources. On a terminal it
 * shows a prompt and a greeting; fed from a pipe it answers each line and returns at end of
 * input, so `echo "…" | paperbot chat` works in scripts.
 */
export async function runChat(index: PaperIndex, io: CliIo, greeting: string[] = []): Promise<void> {
  const interactive = Boolean(io.stdin.isTTY);
  const lines = createInterface({ input: io.stdin, output: interactive ? io.stdout : undefined, terminal: interactive });
  const session: Session = {};
  if (interactive) {
    for (const line of greeting) println(io.stdout, line);
    println(io.stdout, `Ask about the ${index.size} papers in your own words, or type "help". "quit" or Ctrl-D leaves.`);
    lines.setPrompt('paperbot> ');
    lines.prompt();
  }
  for await (const line of lines) {
    const text = line.trim();
    if (QUIT_WORDS.has(text.toLowerCase())) break;
    if (text) {
      if (!interactive) println(io.stdout, `> ${text}`);
      println(io.stdout, renderText(await runText(text, { index, session })));
      println(io.stdout);
    }
    if (interactive) lines.prompt();
  }
  lines.close();
}
