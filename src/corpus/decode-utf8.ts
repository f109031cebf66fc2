import { isUtf8 } from 'node:buffer';

/** A line of a corpus file that is not valid UTF-8. */
export interface InvalidUtf8Line {
  /** 1-based line. */
  line: number;
  /** 0-based offset of the first invalid byte in the file. */
  fileOffset: number;
  /** 0-based offset of the first invalid byte in its line. */
  lineOffset: number;
}

/** Lines of a file that were not valid UTF-8, by line. */
export type InvalidLines = ReadonlyMap<number, InvalidUtf8Line>;

/** A corpus file's text, and its lines that were not valid UTF-8 (keyed by line). */
export interface DecodedCorpusFile {
  /**
   * The text, each invalid line decoded with U+FFFD for its bad bytes so that line numbers and
   * the other lines stay as they were; parsers skip the invalid lines (see {@link invalidUtf8Message}).
   */
  text: string;
  invalid: InvalidLines;
}

const NEWLINE = 0x0a;

/**
 * Decodes a corpus file's bytes as UTF-8, finding the lines that are not valid UTF-8 instead of
 * silently replacing their bytes (which `Buffer.toString` does): a file in Latin-1 or with a
 * corrupt line should be reported, and its other lines still load.
 */
export function decodeCorpusFile(bytes: Uint8Array): DecodedCorpusFile {
  // The whole-file check is native and fast; only a file that fails it is walked line by line.
  if (isUtf8(bytes)) return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), invalid: new Map() };
  const invalid = new Map<number, InvalidUtf8Line>();
  const lines: string[] = [];
  const lossy = new TextDecoder('utf-8');
  let start = 0;
  let line = 1;
  while (start <= bytes.length) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end === -1) end = bytes.length;
    const lineBytes = bytes.subarray(start, end);
    if (!isUtf8(lineBytes)) {
      const lineOffset = firstInvalidByte(lineBytes);
      invalid.set(line, { line, lineOffset, fileOffset: start + lineOffset });
    }
    lines.push(lossy.decode(lineBytes));
    start = end + 1;
    line += 1;
  }
  return { text: lines.join('\n'), invalid };
}

/** How an invalid line is named in an issue, e.g. `not valid UTF-8 (byte 12 of the line, byte 4,031 of the file)`. */
export function invalidUtf8Message(bad: InvalidUtf8Line): string {
  return `not valid UTF-8 (byte ${bad.lineOffset + 1} of the line, byte ${bad.fileOffset + 1} of the file)`;
}

/**
 * 0-based offset of the first byte that does not belong to a well-formed UTF-8 sequence
 * (overlong forms, surrogates and code points past U+10FFFF included), or the length when all are valid.
 */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    let length: number;
    let min = 0x80;
    let max = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) min = 0xa0; // overlong
      if (lead === 0xed) max = 0x9f; // surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) min = 0x90; // overlong
      if (lead === 0xf4) max = 0x8f; // past U+10FFFF
    } else return i;
    for (let k = 1; k < length; k++) {
      const byte = bytes[i + k];
      if (byte === undefined) return i;
      const low = k === 1 ? min : 0x80;
      const high = k === 1 ? max : 0xbf;
      if (byte < low || byte > high) return i;
    }
    i += length;
  }
  return bytes.length;
}
