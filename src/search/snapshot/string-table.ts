import type { BinaryReader } from './binary-reader.js';
import type { BinaryWriter } from './binary-writer.js';

/** Strings per chunk decoded at once (see {@link readStringTable}). */
const CHUNK = 256;

/**
 * Every string of a snapshot, each stored once (terms, words, titles, abstracts, file names …):
 * the other sections refer to strings by id. Ids are given in first-seen order.
 */
export class StringTableBuilder {
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [];

  /** The id of a string, adding it when new. */
  id(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(text);
      this.ids.set(text, id);
    }
    return id;
  }

  /** Ids of several strings, as a Uint32Array. */
  idsOf(texts: readonly string[]): Uint32Array {
    const ids = new Uint32Array(texts.length);
    for (let i = 0; i < texts.length; i++) ids[i] = this.id(texts[i]!);
    return ids;
  }

  /**
   * Writes the table: the string count, each string's end in UTF-16 code units (cumulative),
   * each chunk's end in bytes, the ids stored escaped, then the UTF-8 bytes. A reader decodes a
   * chunk of {@link CHUNK} strings in one call and slices the strings out of it, instead of
   * decoding a million small byte ranges one by one.
   *
   * A string that is not well-formed UTF-16 (a lone surrogate, which JSON input can hold) would
   * not survive UTF-8; it is stored as its JSON literal and listed, and parsed back on reading.
   */
  write(out: BinaryWriter): void {
    const count = this.strings.length;
    const charEnds = new Uint32Array(count);
    const chunkEnds = new Uint32Array(Math.ceil(count / CHUNK));
    const escaped: number[] = [];
    // One UTF-8 encoding per chunk, not per string: the strings of a chunk joined.
    const chunks: string[] = [];
    let chars = 0;
    let bytes = 0;
    for (let first = 0; first < count; first += CHUNK) {
      const last = Math.min(first + CHUNK, count);
      const stored = this.strings.slice(first, last);
      for (let i = first; i < last; i++) {
        let text = stored[i - first]!;
        if (!isWellFormed(text)) {
          text = JSON.stringify(text);
          stored[i - first] = text;
          escaped.push(i);
        }
        chars += text.length;
        charEnds[i] = chars;
      }
      const chunk = stored.join('');
      chunks.push(chunk);
      bytes += Buffer.byteLength(chunk, 'utf8');
      if (chars > 0xffffffff || bytes > 0xffffffff) throw new RangeError('snapshot: the string table outgrows 4 GiB');
      chunkEnds[first / CHUNK] = bytes;
    }
    const utf8 = Buffer.allocUnsafe(bytes);
    let at = 0;
    for (const chunk of chunks) at += utf8.write(chunk, at, 'utf8');
    out.array(charEnds, 'string ends');
    out.array(chunkEnds, 'string chunk ends');
    out.array(Uint32Array.from(escaped), 'escaped strings');
    out.array(utf8, 'string bytes');
  }
}

/** Reads a table written by {@link StringTableBuilder.write}: the strings, by id. */
export function readStringTable(input: BinaryReader): string[] {
  const charEnds = input.array(Uint32Array, 'string ends');
  const chunkEnds = input.array(Uint32Array, 'string chunk ends');
  const escaped = input.array(Uint32Array, 'escaped strings');
  const count = charEnds.length;
  if (chunkEnds.length !== Math.ceil(count / CHUNK)) input.fail(`${chunkEnds.length} string chunks for ${count} strings`);
  // The bytes are read in place (a view), decoded chunk by chunk below.
  const byteCount = input.u32('string bytes length');
  input.align();
  const utf8 = input.raw(byteCount, 'string bytes');
  input.align();
  const strings = new Array<string>(count);
  let byteStart = 0;
  for (let c = 0; c < chunkEnds.length; c++) {
    const first = c * CHUNK;
    const last = Math.min(first + CHUNK, count);
    const byteEnd = chunkEnds[c]!;
    if (byteEnd < byteStart || byteEnd > byteCount) input.fail(`string chunk ${c} ends at byte ${byteEnd}, outside ${byteStart}–${byteCount}`);
    const text = utf8.toString('utf8', byteStart, byteEnd);
    const base = first === 0 ? 0 : charEnds[first - 1]!;
    if (text.length !== charEnds[last - 1]! - base) input.fail(`string chunk ${c} decodes to ${text.length} characters, expected ${charEnds[last - 1]! - base}`);
    let start = 0;
    for (let i = first; i < last; i++) {
      const end = charEnds[i]! - base;
      strings[i] = text.slice(start, end);
      start = end;
    }
    byteStart = byteEnd;
  }
  for (const id of escaped) {
    if (id >= count) input.fail(`escaped string id ${id} out of range`);
    strings[id] = JSON.parse(strings[id]!) as string;
  }
  return strings;
}

/** The string with this id; a corrupt id fails naming `what`. */
export function stringAt(strings: readonly string[], id: number, input: BinaryReader, what: string): string {
  const text = strings[id];
  if (text === undefined) input.fail(`${what}: string id ${id} out of range (${strings.length} strings)`);
  return text;
}

/** String.prototype.isWellFormed (Node 20; not yet in the TypeScript lib this project targets). */
function isWellFormed(text: string): boolean {
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}
