/** Where the CLI reads and writes; the real process streams, or buffers in tests. */
export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export const processIo = (): CliIo => ({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });

export function println(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(text + '\n');
}
