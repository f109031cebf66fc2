import { endianness } from 'node:os';

/** The typed arrays the engine keeps its state in. */
export type EngineArray = Uint32Array | Uint16Array | Float32Array;
type EngineArrayType = { new (length: number): EngineArray; readonly BYTES_PER_ELEMENT: number; readonly name: string };

const bigEndian = endianness() === 'BE';

/** The bytes of a typed array as base64, little-endian whatever the host (the serialised form is portable). */
export function encodeTypedArray(array: EngineArray): string {
  const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  if (!bigEndian || array.BYTES_PER_ELEMENT === 1) return bytes.toString('base64');
  const copy = Buffer.from(bytes);
  (array.BYTES_PER_ELEMENT === 2 ? copy.swap16() : copy.swap32());
  return copy.toString('base64');
}

/**
 * Reads back an array written by {@link encodeTypedArray}; throws when the byte count is not a
 * whole number of elements, naming what was being read.
 */
export function decodeTypedArray<T extends EngineArray>(type: { new (length: number): T } & EngineArrayType, base64: string, what: string): T {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length % type.BYTES_PER_ELEMENT !== 0) {
    throw new RangeError(`${what}: ${bytes.length} bytes is not a whole number of ${type.name} elements`);
  }
  if (bigEndian) (type.BYTES_PER_ELEMENT === 2 ? bytes.swap16() : type.BYTES_PER_ELEMENT === 4 ? bytes.swap32() : bytes);
  // Copy into a fresh, aligned buffer (the decoded Buffer may sit at any offset of a shared pool).
  const array = new type(bytes.length / type.BYTES_PER_ELEMENT);
  new Uint8Array(array.buffer).set(bytes);
  return array;
}
