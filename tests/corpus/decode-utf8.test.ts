import { describe, expect, it } from 'vitest';
import { decodeCorpusFile, firstInvalidByte, invalidUtf8Message } from '../../src/corpus/decode-utf8.js';

const bytes = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));

describe('decodeCorpusFile', () => {
  it('decodes valid UTF-8 with no invalid line', () => {
    expect(decodeCorpusFile(Buffer.from('café\nnaïve 😀\n'))).toEqual({ text: 'café\nnaïve 😀\n', invalid: new Map() });
  });

  it('finds each invalid line with the offset of its first bad byte, in the line and in the file, keeping line numbers', () => {
    const file = bytes('ok\r\n', 'caf', [0xe9], '\n', 'fine\n', [0xc3], '\n');
    const { text, invalid } = decodeCorpusFile(file);
    expect(text.split('\n')).toEqual(['ok\r', 'caf\uFFFD', 'fine', '\uFFFD', '']);
    expect([...invalid.values()]).toEqual([
      { line: 2, lineOffset: 3, fileOffset: 7 },
      { line: 4, lineOffset: 0, fileOffset: 14 },
    ]);
    expect(invalidUtf8Message(invalid.get(2)!)).toBe('not valid UTF-8 (byte 4 of the line, byte 8 of the file)');
  });
});

describe('firstInvalidByte', () => {
  it('is the length for valid text', () => {
    expect(firstInvalidByte(Buffer.from('aé€😀'))).toBe(10);
  });

  it('finds stray continuation bytes, truncated sequences, overlong forms and surrogates', () => {
    expect(firstInvalidByte(bytes('ab', [0x80]))).toBe(2);
    expect(firstInvalidByte(bytes('a', [0xe2, 0x82]))).toBe(1);
    expect(firstInvalidByte(bytes([0xc0, 0xaf]))).toBe(0);
    expect(firstInvalidByte(bytes('x', [0xed, 0xa0, 0x80]))).toBe(1);
    expect(firstInvalidByte(bytes([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
  });
});
