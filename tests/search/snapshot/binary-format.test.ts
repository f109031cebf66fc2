import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors.js';
import { BinaryReader } from '../../../src/search/snapshot/binary-reader.js';
import { ALIGNMENT, BinaryWriter } from '../../../src/search/snapshot/binary-writer.js';
import { SnapshotError } from '../../../src/search/snapshot/snapshot-error.js';
import {
  decodeSnapshot,
  encodeSnapshot,
  HEADER_BYTES,
  readSnapshotHeader,
  SECTION_ENTRY_BYTES,
  SNAPSHOT_FORMAT_VERSION,
} from '../../../src/search/snapshot/snapshot-format.js';
import { readStringTable, StringTableBuilder } from '../../../src/search/snapshot/string-table.js';

const KEY = 'ab'.repeat(32);
const OTHER_KEY = 'cd'.repeat(32);

/** The error `fn` throws (fails the test if it throws none). */
function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, none was thrown');
}

function readerOver(bytes: Buffer, section = 'TEST'): BinaryReader {
  return new BinaryReader(bytes, 0, bytes.length, section);
}

describe('BinaryWriter and BinaryReader', () => {
  it('round-trip numbers, text and every array type, each array starting on an 8-byte boundary', () => {
    const out = new BinaryWriter();
    out.u32(7);
    out.f64(-0.1);
    out.text('naïve — ünïcode', 'text');
    const arrays = {
      u8: Uint8Array.from([1, 2, 255]),
      u16: Uint16Array.from([0, 65535, 3]),
      u32: Uint32Array.from([0xffffffff, 0, 42]),
      f32: Float32Array.from([1.5, -2.25, Math.fround(0.1)]),
      f64: Float64Array.from([Math.PI, -0, Number.MAX_VALUE]),
      empty: new Uint32Array(0),
    };
    const starts: number[] = [];
    for (const [name, array] of Object.entries(arrays)) {
      out.array(array, name);
      starts.push(out.length);
    }
    const bytes = out.finish();
    expect(starts.every((end) => end % ALIGNMENT === 0)).toBe(true);

    const input = readerOver(bytes);
    expect(input.u32('n')).toBe(7);
    expect(input.f64('x')).toBe(-0.1);
    expect(input.text('text')).toBe('naïve — ünïcode');
    expect(input.array(Uint8Array, 'u8')).toEqual(arrays.u8);
    expect(input.array(Uint16Array, 'u16')).toEqual(arrays.u16);
    expect(input.array(Uint32Array, 'u32')).toEqual(arrays.u32);
    expect(input.array(Float32Array, 'f32')).toEqual(arrays.f32);
    const f64 = input.array(Float64Array, 'f64');
    expect(Object.is(f64[1], -0)).toBe(true);
    expect(f64).toEqual(arrays.f64);
    expect(input.array(Uint32Array, 'empty')).toEqual(new Uint32Array(0));
    input.expectEnd();
  });

  it('copies arrays out of the snapshot bytes (the index never pins the file buffer)', () => {
    const out = new BinaryWriter();
    out.array(Uint32Array.from([1, 2, 3]), 'a');
    const bytes = out.finish();
    const array = readerOver(bytes).array(Uint32Array, 'a');
    bytes.fill(0);
    expect([...array]).toEqual([1, 2, 3]);
    expect(array.buffer).not.toBe(bytes.buffer);
  });

  it('refuses to read past its section, naming the section and what was read', () => {
    const out = new BinaryWriter();
    out.array(Uint32Array.from([1, 2, 3]), 'a');
    const bytes = out.finish();
    const error = caught(() => new BinaryReader(bytes, 0, 12, 'ENGN').array(Uint32Array, 'field text docs'));
    expect(error).toBeInstanceOf(SnapshotError);
    expect(error).toMatchObject({ problem: 'corrupt', code: ErrorCode.SnapshotInvalid });
    expect((error as Error).message).toMatch(/^index snapshot corrupt: section ENGN: field text docs runs past the section's end/);
  });

  it('refuses a value that does not fit in 32 bits, naming it', () => {
    expect(() => new BinaryWriter().u32(2 ** 32, 'paper count')).toThrow('snapshot: paper count 4294967296 does not fit in 32 bits');
  });
});

describe('the string table', () => {
  function roundTrip(strings: readonly string[]): { ids: number[]; back: string[] } {
    const table = new StringTableBuilder();
    const ids = strings.map((s) => table.id(s));
    const out = new BinaryWriter();
    table.write(out);
    const input = readerOver(out.finish(), 'STRS');
    const back = readStringTable(input);
    input.expectEnd();
    return { ids, back };
  }

  it('stores each string once and gives ids in first-seen order', () => {
    const { ids, back } = roundTrip(['b', 'a', 'b', '', 'a']);
    expect(ids).toEqual([0, 1, 0, 2, 1]);
    expect(back).toEqual(['b', 'a', '']);
  });

  it('round-trips any text across chunk boundaries: ASCII, accents, CJK, emoji (surrogate pairs), lone surrogates', () => {
    const samples = ['plain', 'Schrödinger–Newton', '拡散モデル', 'emoji 🚀 and 🤗', 'lone \ud800 high', 'lone \udc00 low', '\udbff', '', 'a'.repeat(5000)];
    const strings = Array.from({ length: 1000 }, (_, i) => `${samples[i % samples.length]} #${i}`);
    strings.push('\ud83d'); // half of an emoji, alone at the very end
    const { back } = roundTrip(strings);
    expect(back).toEqual(strings);
    expect(back[1000]).toBe('\ud83d');
  });

  it('reads an empty table', () => {
    expect(roundTrip([]).back).toEqual([]);
  });
});

describe('the snapshot container (header, section table, checksum)', () => {
  const sections = () => [
    { tag: 'ONEX', bytes: Buffer.from('first section') },
    { tag: 'TWOX', bytes: Buffer.from([1, 2, 3]) },
  ];
  const file = () => Buffer.concat(encodeSnapshot(KEY, sections()));

  it('writes the magic, version, key and sections at 8-byte boundaries, and reads them back', () => {
    const bytes = file();
    expect(bytes.toString('ascii', 0, 4)).toBe('PBIX');
    expect(bytes.readUInt32LE(4)).toBe(SNAPSHOT_FORMAT_VERSION);
    expect(readSnapshotHeader(bytes)).toEqual({
      version: SNAPSHOT_FORMAT_VERSION,
      key: KEY,
      headerLength: HEADER_BYTES + 2 * SECTION_ENTRY_BYTES,
      sectionCount: 2,
      payloadLength: 16 + 8,
    });
    const snapshot = decodeSnapshot(bytes, KEY);
    expect(snapshot.section('ONEX').raw(13, 'text').toString()).toBe('first section');
    expect([...snapshot.section('TWOX').raw(3, 'bytes')]).toEqual([1, 2, 3]);
    for (let i = 0; i < 2; i++) expect(Number(bytes.readBigUInt64LE(HEADER_BYTES + i * SECTION_ENTRY_BYTES + 8)) % 8).toBe(0);
  });

  it('detects a flipped bit anywhere in the file: header, section table or payload', () => {
    const good = file();
    for (let at = 0; at < good.length; at++) {
      const bad = Buffer.from(good);
      bad[at]! ^= 0x10;
      const error = caught(() => decodeSnapshot(bad, KEY));
      expect(error, `byte ${at}`).toBeInstanceOf(SnapshotError);
    }
  });

  it('says which problem: corrupt payload, truncated, another version, not a snapshot, another key', () => {
    const good = file();
    const flipped = Buffer.from(good);
    flipped[good.length - 9]! ^= 1;
    expect(caught(() => decodeSnapshot(flipped, KEY))).toMatchObject({ problem: 'corrupt', message: 'index snapshot corrupt: checksum mismatch (the file was damaged after it was written)' });
    for (const length of [0, 3, 50, HEADER_BYTES, good.length - 1]) {
      expect(caught(() => decodeSnapshot(good.subarray(0, length), KEY)), `length ${length}`).toMatchObject({ problem: 'truncated' });
    }
    const older = Buffer.from(good);
    older.writeUInt32LE(SNAPSHOT_FORMAT_VERSION - 1, 4);
    expect(caught(() => decodeSnapshot(older, KEY))).toMatchObject({
      problem: 'version',
      code: ErrorCode.IndexVersionMismatch,
      message: `index snapshot of another version: format version ${SNAPSHOT_FORMAT_VERSION - 1}, this build reads version ${SNAPSHOT_FORMAT_VERSION}`,
    });
    expect(caught(() => decodeSnapshot(Buffer.from('{"version":3}'), KEY))).toMatchObject({ problem: 'not-a-snapshot' });
    expect(caught(() => decodeSnapshot(good, OTHER_KEY))).toMatchObject({ problem: 'key' });
    expect(caught(() => decodeSnapshot(Buffer.concat([good, Buffer.alloc(8)]), KEY))).toMatchObject({ problem: 'corrupt' });
  });

  it('names a missing section', () => {
    expect(() => decodeSnapshot(file(), KEY).section('ENGN')).toThrow('index snapshot corrupt: no section ENGN');
  });
});
