import { endianness } from 'node:os';
import { ALIGNMENT, type RawArray } from './binary-writer.js';
import { SnapshotError } from './snapshot-error.js';

type RawArrayType<T extends RawArray> = { new (length: number): T; readonly BYTES_PER_ELEMENT: number };

const bigEndian = endianness() === 'BE';

/**
 * Reads what a {@link BinaryWriter} wrote, in the same order, from one section of a snapshot.
 * Every read is bounds-checked: running past the section throws a {@link SnapshotError} naming
 * the section and what was being read (the checksum catches damage first; this catches a
 * reader and writer that disagree).
 */
export class BinaryReader {
  private pos: number;

  /** Reads `bytes[start, end)`, the section called `section` in errors. */
  constructor(
    private readonly bytes: Buffer,
    private readonly start: number,
    private readonly end: number,
    private readonly section: string,
  ) {
    this.pos = start;
  }

  /** Whether every byte of the section has been read (padding aside). */
  get done(): boolean {
    return this.pos >= this.end;
  }

  u32(what: string): number {
    this.need(4, what);
    const value = this.bytes.readUInt32LE(this.pos);
    this.pos += 4;
    return value;
  }

  f64(what: string): number {
    this.need(8, what);
    const value = this.bytes.readDoubleLE(this.pos);
    this.pos += 8;
    return value;
  }

  align(): void {
    this.pos = this.start + Math.ceil((this.pos - this.start) / ALIGNMENT) * ALIGNMENT;
  }

  /** Raw bytes (a view into the snapshot, not a copy). */
  raw(length: number, what: string): Buffer {
    this.need(length, what);
    const view = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return view;
  }

  /**
   * An array written by {@link BinaryWriter.array}, copied into a fresh typed array: the index
   * then holds only its own arrays, and the file's buffer (strings, papers) can be freed.
   */
  array<T extends RawArray>(type: RawArrayType<T>, what: string): T {
    const count = this.u32(`${what} length`);
    this.align();
    const byteLength = count * type.BYTES_PER_ELEMENT;
    const source = this.raw(byteLength, what);
    const array = new type(count);
    const target = new Uint8Array(array.buffer, array.byteOffset, byteLength);
    target.set(source);
    if (bigEndian && type.BYTES_PER_ELEMENT > 1) {
      const swap = Buffer.from(target.buffer, target.byteOffset, byteLength);
      if (type.BYTES_PER_ELEMENT === 2) swap.swap16();
      else if (type.BYTES_PER_ELEMENT === 4) swap.swap32();
      else swap.swap64();
    }
    this.align();
    return array;
  }

  /** Text written by {@link BinaryWriter.text}. */
  text(what: string): string {
    const length = this.u32(`${what} length`);
    const text = this.raw(length, what).toString('utf8');
    this.align();
    return text;
  }

  /** Throws unless the section was read exactly to its end (a reader/writer mismatch otherwise). */
  expectEnd(): void {
    this.align();
    if (this.pos !== this.end) this.fail(`${this.end - this.pos} bytes left unread`);
  }

  /** A {@link SnapshotError} about this section. */
  fail(message: string): never {
    throw new SnapshotError('corrupt', `section ${this.section}: ${message}`);
  }

  private need(length: number, what: string): void {
    if (this.pos + length > this.end) this.fail(`${what} runs past the section's end (${length} bytes at ${this.pos - this.start} of ${this.end - this.start})`);
  }
}
