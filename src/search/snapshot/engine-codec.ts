import { Bm25Index, type Bm25IndexParams } from '../engine/bm25-index.js';
import { FieldPostings } from '../engine/field-postings.js';
import type { BinaryReader } from './binary-reader.js';
import type { BinaryWriter } from './binary-writer.js';
import { stringAt, type StringTableBuilder } from './string-table.js';

/**
 * Writes the engine's fields: per field its name, its stream names (BM25F parts) and term
 * dictionary (string ids), then its four typed arrays raw (see FieldPostings). The BM25 parameters are not stored here: they are
 * part of the ranking options in the snapshot's metadata, and derived state (length norms,
 * term → id maps, score bounds) is rebuilt on load.
 */
export function writeEngine(engine: Bm25Index, strings: StringTableBuilder, out: BinaryWriter): void {
  out.u32(engine.documentCount, 'document count');
  out.u32(engine.fieldNames.length, 'field count');
  for (const name of engine.fieldNames) {
    const field = engine.field(name);
    out.u32(strings.id(name), 'field name');
    out.array(strings.idsOf(field.streams), `field ${name} streams`);
    out.array(strings.idsOf(field.terms), `field ${name} terms`);
    out.array(field.offsets, `field ${name} offsets`);
    out.array(field.docs, `field ${name} docs`);
    out.array(field.freqs, `field ${name} freqs`);
    out.array(field.lengths, `field ${name} lengths`);
  }
}

/** Reads an engine written by {@link writeEngine}, scoring with `params`. */
export function readEngine(input: BinaryReader, strings: readonly string[], params: Bm25IndexParams): Bm25Index {
  const documentCount = input.u32('document count');
  const fieldCount = input.u32('field count');
  const fields: FieldPostings[] = [];
  for (let f = 0; f < fieldCount; f++) {
    const name = stringAt(strings, input.u32('field name'), input, 'field name');
    const streams = Array.from(input.array(Uint32Array, `field ${name} streams`), (id) => stringAt(strings, id, input, `field ${name} stream`));
    const termIds = input.array(Uint32Array, `field ${name} terms`);
    const terms = new Array<string>(termIds.length);
    for (let t = 0; t < termIds.length; t++) terms[t] = stringAt(strings, termIds[t]!, input, `field ${name} term`);
    try {
      fields.push(
        new FieldPostings({
          name,
          streams,
          terms,
          offsets: input.array(Uint32Array, `field ${name} offsets`),
          docs: input.array(Uint32Array, `field ${name} docs`),
          freqs: input.array(Uint16Array, `field ${name} freqs`),
          lengths: input.array(Float32Array, `field ${name} lengths`),
        }),
      );
    } catch (error) {
      if (error instanceof RangeError) input.fail(error.message);
      throw error;
    }
  }
  try {
    return new Bm25Index(documentCount, fields, params);
  } catch (error) {
    if (error instanceof RangeError) input.fail(error.message);
    throw error;
  }
}
