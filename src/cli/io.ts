import { TEXT_WIDTH } from '../render/text.js';
import { terminalSafe, terminalSafeJson } from '../render/terminal-safe.js';

/** An output stream, and what Node knows of the terminal behind it (nothing for a pipe or a file). */
export type CliOutput = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/** Where the CLI reads and writes; the real process streams, or buffers in tests. */
export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: CliOutput;
  stderr: CliOutput;
}

export const processIo = (): CliIo => ({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });

/**
 * Writes text and a newline. Everything the CLI prints for people goes through here (or
 * {@link print}), so no control character or escape sequence from the corpus, a user's
 * argument or an error message reaches the terminal (see render/terminal-safe.ts).
 */
export function println(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(terminalSafe(text) + '\n');
}

/** Writes text as is, but terminal-safe: output that brings its own newlines (TREC runs, help). */
export function print(stream: NodeJS.WritableStream, text: string): void {
  stream.write(terminalSafe(text));
}

/** Writes a value as JSON and a newline; `indent` 2 by default, 0 for one line (JSON lines). */
export function printJson(stream: NodeJS.WritableStream, value: unknown, indent = 2): void {
  stream.write(terminalSafeJson(value, indent || undefined) + '\n');
}

/** The width to wrap text at: the terminal's columns, or {@link TEXT_WIDTH} when not a terminal. */
export function textWidth(stream: CliOutput): number {
  return stream.isTTY && stream.columns && stream.columns > 0 ? stream.columns : TEXT_WIDTH;
}

/**
 * Ends the process quietly (exit 0) when the reader of `stream` goes away: `paperbot chat |
 * head -1` closes the pipe after one line, and the next write fails with EPIPE. Without this
 * Node reports an unhandled 'error' event with a stack trace. Other write errors are left alone.
 */
export function exitQuietlyOnBrokenPipe(stream: NodeJS.WritableStream, exit: (code: number) => void = (code) => process.exit(code)): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') exit(0);
    else throw error;
  });
}
