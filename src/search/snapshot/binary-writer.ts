import { endianness } from 'node:os';

/** The typed arrays a snapshot stores raw. */
export type RawArray = Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array;

/** Every array starts at a multiple of this many bytes (of its section, and sections of the file). */
export const ALIGNMENT = 8;

const bigEndian = endianness() === 'BE';

/**
 * Builds one section of a snapshot: little-endian numbers and raw typed arrays, each array
 * preceded by its element count and padded to {@link ALIGNMENT}, so that a reader can copy
 * (or view) it in one step. Bytes go into growing chunks; {@link finish} joins them once.
 */
export class BinaryWriter {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;

  /** Bytes written so far. */
  get length(): number {
    return this.size;
  }

  /** An unsigned 32-bit integer; throws a RangeError naming `what` when `value` does not fit. */
  u32(value: number, what = 'value'): void {
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new RangeError(`snapshot: ${what} ${value} does not fit in 32 bits`);
    const bytes = Buffer.allocUnsafe(4);
    bytes.writeUInt32LE(value, 0);
    this.push(bytes);
  }

  /** A 64-bit float (any number, exactly). */
  f64(value: number): void {
    const bytes = Buffer.allocUnsafe(8);
    bytes.writeDoubleLE(value, 0);
    this.push(bytes);
  }

  /** Zero bytes up to the next multiple of {@link ALIGNMENT}. */
  align(): void {
    const pad = (ALIGNMENT - (this.size % ALIGNMENT)) % ALIGNMENT;
    if (pad > 0) this.push(new Uint8Array(pad));
  }

  /** Raw bytes as they are (no count, no padding). */
  bytes(bytes: Uint8Array): void {
    this.push(bytes);
  }

  /** An array: its element count (u32), padding, then its elements little-endian. */
  array(array: RawArray, what: string): void {
    this.u32(array.length, `${what} length`);
    this.align();
    const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
    if (bigEndian && array.BYTES_PER_ELEMENT > 1) {
      const copy = Buffer.from(bytes);
      if (array.BYTES_PER_ELEMENT === 2) copy.swap16();
      else if (array.BYTES_PER_ELEMENT === 4) copy.swap32();
      else copy.swap64();
      this.push(copy);
    } else {
      // Copied: the caller's array may change after this call (growable builders reuse theirs).
      this.push(Buffer.from(bytes));
    }
    this.align();
  }

  /** UTF-8 text with its byte length (u32) in front, padded. */
  text(text: string, what: string): void {
    const bytes = Buffer.from(text, 'utf8');
    this.u32(bytes.length, `${what} length`);
    this.push(bytes);
    this.align();
  }

  /** The section's bytes, in one buffer. */
  finish(): Buffer {
    return Buffer.concat(this.chunks, this.size);
  }

  private push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.size += bytes.length;
  }
}
