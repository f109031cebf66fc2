import { EventEmitter } from 'node:events';
import { PassThrough, Writable } from 'node:stream';
import { createInterface } from 'node:readline';
import { describe, expect, it, vi } from 'vitest';
import { hasInput } from '../../src/cli/await-input.js';
import { exitQuietlyOnBrokenPipe, println, printJson, textWidth } from '../../src/cli/io.js';
import { closestName } from '../../src/cli/suggest.js';

function capture(): Writable & { text: string } {
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      stream.text += chunk.toString();
      callback();
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}

describe('println and printJson: the output boundary', () => {
  it('println strips escape sequences and control characters, keeping tabs and newlines', () => {
    const out = capture();
    println(out, 'paperbot: channel "\x1b[2JC1\x07" is not\ta slack channel id\nnext');
    expect(out.text).toBe('paperbot: channel "C1" is not\ta slack channel id\nnext\n');
  });

  it('printJson writes indented JSON, or one line with indent 0, with DEL and C1 escaped', () => {
    const out = capture();
    printJson(out, { a: '\x9b2J' });
    printJson(out, { b: 1 }, 0);
    expect(out.text).toBe('{\n  "a": "\\u009b2J"\n}\n{"b":1}\n');
  });
});

describe('textWidth', () => {
  it('is the columns of a terminal, and 100 for anything else', () => {
    expect(textWidth(Object.assign(capture(), { isTTY: true, columns: 63 }))).toBe(63);
    expect(textWidth(Object.assign(capture(), { isTTY: true, columns: 0 }))).toBe(100);
    expect(textWidth(Object.assign(capture(), { columns: 63 }))).toBe(100);
    expect(textWidth(capture())).toBe(100);
  });
});

describe('exitQuietlyOnBrokenPipe', () => {
  it('exits 0 when the reader of the stream has gone (EPIPE)', () => {
    const stream = new EventEmitter() as unknown as NodeJS.WritableStream;
    const exit = vi.fn();
    exitQuietlyOnBrokenPipe(stream, exit);
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('leaves any other write error unhandled (it is a real failure)', () => {
    const stream = new EventEmitter() as unknown as NodeJS.WritableStream;
    const exit = vi.fn();
    exitQuietlyOnBrokenPipe(stream, exit);
    expect(() => stream.emit('error', Object.assign(new Error('no space'), { code: 'ENOSPC' }))).toThrow('no space');
    expect(exit).not.toHaveBeenCalled();
  });
});

describe('hasInput', () => {
  it('is false for a stream that ends with nothing in it (stdin from /dev/null)', async () => {
    const stdin = new PassThrough();
    stdin.end();
    expect(await hasInput(stdin)).toBe(false);
  });

  it('is true at the first chunk, and leaves every line for the reader that follows', async () => {
    const stdin = new PassThrough();
    const result = hasInput(stdin);
    stdin.write('first question?\n');
    expect(await result).toBe(true);
    stdin.end('second\n');
    const lines: string[] = [];
    for await (const line of createInterface({ input: stdin })) lines.push(line);
    expect(lines).toEqual(['first question?', 'second']);
  });

  it('is false when the stream fails before any input', async () => {
    const stdin = new PassThrough();
    const result = hasInput(stdin);
    stdin.destroy(new Error('EBADF'));
    expect(await result).toBe(false);
  });
});

describe('closestName', () => {
  const names = ['chat', 'ask', 'search', 'show', 'similar', 'more', 'papers', 'rank', 'eval', 'digest', 'sync', 'help'];

  it('finds the command a typo meant: a swap, a missing or an extra letter', () => {
    expect(closestName('serach', names)).toBe('search');
    expect(closestName('papres', names)).toBe('papers');
    expect(closestName('simlar', names)).toBe('similar');
    expect(closestName('SEARCH', names)).toBe('search');
    expect(closestName('digests', names)).toBe('digest');
  });

  it('suggests nothing for a word unlike every command', () => {
    expect(closestName('frobnicate', names)).toBeUndefined();
    expect(closestName('xy', names)).toBeUndefined();
  });
});
