import { createHash } from 'node:crypto';
import { ALIGNMENT } from './binary-writer.js';
import { BinaryReader } from './binary-reader.js';
import { SnapshotError } from './snapshot-error.js';

/**
 * The container of an index snapshot (layout in docs/dev/search-engine.md, "Snapshot format"):
 *
 * - a fixed 96-byte header: magic `PBIX`, format version, header length, section count,
 *   payload length, the content key it was built for, and a SHA-256 checksum;
 * - a section table, 24 bytes per section: a 4-letter tag, its offset and length;
 * - the sections, each starting at a multiple of 8 bytes.
 *
 * All numbers are little-endian. The checksum covers every byte of the file but its own 32, so
 * a flipped bit anywhere (header, table or payload) is detected before anything is decoded.
 */

/** The first four bytes of every snapshot. */
export const SNAPSHOT_MAGIC = 'PBIX';

/**
 * Version of the container and of every section's layout. Bumped on any change to either; a
 * snapshot of another version is never read (it is rebuilt), so no migration code exists.
 */
export const SNAPSHOT_FORMAT_VERSION = 3;

/** Bytes of the fixed header. */
export const HEADER_BYTES = 96;
/** Bytes of one section table entry. */
export const SECTION_ENTRY_BYTES = 24;
/** Bytes of the content key and of the checksum (SHA-256). */
export const KEY_BYTES = 32;

const CHECKSUM_AT = 56;

/** One section to write: a 4-letter ASCII tag and its bytes. */
export interface SnapshotSection {
  tag: string;
  bytes: Buffer;
}

/**
 * The snapshot file's bytes, as buffers to write in order (the sections are not copied into one
 * buffer: at 100k papers that would be another 100+ MB). `key` is the content key (64 hex digits).
 */
export function encodeSnapshot(key: string, sections: readonly SnapshotSection[]): Buffer[] {
  const keyBytes = keyToBytes(key);
  const tableEnd = HEADER_BYTES + SECTION_ENTRY_BYTES * sections.length;
  const headerLength = roundUp(tableEnd);
  const header = Buffer.alloc(headerLength);
  const parts: Buffer[] = [header];
  let offset = headerLength;
  sections.forEach((section, i) => {
    if (!/^[A-Z]{4}$/.test(section.tag)) throw new RangeError(`snapshot: section tag "${section.tag}" must be 4 capital letters`);
    const entry = HEADER_BYTES + i * SECTION_ENTRY_BYTES;
    header.write(section.tag, entry, 'ascii');
    header.writeBigUInt64LE(BigInt(offset), entry + 8);
    header.writeBigUInt64LE(BigInt(section.bytes.length), entry + 16);
    parts.push(section.bytes);
    offset += section.bytes.length;
    const pad = roundUp(offset) - offset;
    if (pad > 0) parts.push(Buffer.alloc(pad));
    offset += pad;
  });
  header.write(SNAPSHOT_MAGIC, 0, 'ascii');
  header.writeUInt32LE(SNAPSHOT_FORMAT_VERSION, 4);
  header.writeUInt32LE(headerLength, 8);
  header.writeUInt32LE(sections.length, 12);
  header.writeBigUInt64LE(BigInt(offset - headerLength), 16);
  keyBytes.copy(header, 24);
  checksum(parts).copy(header, CHECKSUM_AT);
  return parts;
}

/** What the header of a snapshot says (see {@link readSnapshotHeader}). */
export interface SnapshotHeader {
  version: number;
  /** The content key it was built for (64 hex digits). */
  key: string;
  headerLength: number;
  sectionCount: number;
  payloadLength: number;
}

/**
 * The header of a snapshot, checked for magic, version and length; throws a
 * {@link SnapshotError} saying which. The checksum is not verified here ({@link decodeSnapshot} does).
 */
export function readSnapshotHeader(bytes: Buffer): SnapshotHeader {
  if (bytes.length < 8 || bytes.toString('ascii', 0, 4) !== SNAPSHOT_MAGIC) {
    throw new SnapshotError(bytes.length < 4 ? 'truncated' : 'not-a-snapshot', `the file does not start with "${SNAPSHOT_MAGIC}"`);
  }
  const version = bytes.readUInt32LE(4);
  if (version !== SNAPSHOT_FORMAT_VERSION) {
    throw new SnapshotError('version', `format version ${version}, this build reads version ${SNAPSHOT_FORMAT_VERSION}`);
  }
  if (bytes.length < HEADER_BYTES) throw new SnapshotError('truncated', `${bytes.length} bytes, shorter than the ${HEADER_BYTES}-byte header`);
  const headerLength = bytes.readUInt32LE(8);
  const sectionCount = bytes.readUInt32LE(12);
  const payloadLength = Number(bytes.readBigUInt64LE(16));
  if (headerLength !== roundUp(HEADER_BYTES + SECTION_ENTRY_BYTES * sectionCount)) {
    throw new SnapshotError('corrupt', `header length ${headerLength} does not fit ${sectionCount} sections`);
  }
  if (bytes.length < headerLength + payloadLength) {
    throw new SnapshotError('truncated', `${bytes.length} bytes, the header announces ${headerLength + payloadLength}`);
  }
  if (bytes.length > headerLength + payloadLength) {
    throw new SnapshotError('corrupt', `${bytes.length} bytes, the header announces ${headerLength + payloadLength}`);
  }
  return { version, key: bytes.toString('hex', 24, 24 + KEY_BYTES), headerLength, sectionCount, payloadLength };
}

/** A snapshot whose header, checksum and section table are sound: its sections, to read. */
export interface DecodedSnapshot {
  header: SnapshotHeader;
  /** A reader over the section with this tag; throws a {@link SnapshotError} when it is missing. */
  section(tag: string): BinaryReader;
}

/**
 * Checks a snapshot's header, length and checksum (and, with `expectedKey`, that it was built
 * for that content key), then its section table. Throws a {@link SnapshotError} naming the
 * problem; nothing of a snapshot that fails is ever decoded.
 */
export function decodeSnapshot(bytes: Buffer, expectedKey?: string): DecodedSnapshot {
  const header = readSnapshotHeader(bytes);
  if (expectedKey !== undefined && header.key !== expectedKey) {
    throw new SnapshotError('key', `built for content key ${header.key.slice(0, 12)}…, expected ${expectedKey.slice(0, 12)}…`);
  }
  const stored = bytes.subarray(CHECKSUM_AT, CHECKSUM_AT + KEY_BYTES);
  const actual = checksum([bytes]);
  if (!actual.equals(stored)) throw new SnapshotError('corrupt', 'checksum mismatch (the file was damaged after it was written)');
  const sections = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < header.sectionCount; i++) {
    const entry = HEADER_BYTES + i * SECTION_ENTRY_BYTES;
    const tag = bytes.toString('ascii', entry, entry + 4);
    const offset = Number(bytes.readBigUInt64LE(entry + 8));
    const length = Number(bytes.readBigUInt64LE(entry + 16));
    if (offset < header.headerLength || offset % ALIGNMENT !== 0 || offset + length > bytes.length) {
      throw new SnapshotError('corrupt', `section ${tag} at ${offset} (+${length}) lies outside the payload or is misaligned`);
    }
    sections.set(tag, { offset, length });
  }
  return {
    header,
    section(tag) {
      const place = sections.get(tag);
      if (!place) throw new SnapshotError('corrupt', `no section ${tag}`);
      return new BinaryReader(bytes, place.offset, place.offset + place.length, tag);
    },
  };
}

/** SHA-256 of the parts' bytes, the checksum field (bytes 56–87 of the first part) skipped. */
function checksum(parts: readonly Buffer[]): Buffer {
  const hash = createHash('sha256');
  parts.forEach((part, i) => {
    if (i === 0) {
      hash.update(part.subarray(0, CHECKSUM_AT));
      hash.update(part.subarray(CHECKSUM_AT + KEY_BYTES));
    } else {
      hash.update(part);
    }
  });
  return hash.digest();
}

function keyToBytes(key: string): Buffer {
  if (!/^[0-9a-f]{64}$/.test(key)) throw new RangeError(`snapshot: content key must be 64 lowercase hex digits, got "${key}"`);
  return Buffer.from(key, 'hex');
}

function roundUp(n: number): number {
  return Math.ceil(n / ALIGNMENT) * ALIGNMENT;
}
