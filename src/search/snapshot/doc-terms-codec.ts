import type { DocTerms } from '../feedback.js';
import type { BinaryReader } from './binary-reader.js';
import type { BinaryWriter } from './binary-writer.js';
import { stringAt, type StringTableBuilder } from './string-table.js';

/**
 * Writes each paper's analysed terms as string-table ids: one flat Uint32Array of ids, and
 * per paper two ends (title, then abstract) into it. A term is stored once however many papers
 * use it; a paper costs 4 bytes per term.
 */
export function writeDocTerms(terms: readonly DocTerms[], strings: StringTableBuilder, out: BinaryWriter): void {
  const ends = new Uint32Array(terms.length * 2);
  let total = 0;
  for (const doc of terms) total += doc.title.length + doc.abstract.length;
  const ids = new Uint32Array(total);
  let at = 0;
  terms.forEach((doc, i) => {
    for (const term of doc.title) ids[at++] = strings.id(term);
    ends[2 * i] = at;
    for (const term of doc.abstract) ids[at++] = strings.id(term);
    ends[2 * i + 1] = at;
  });
  out.array(ends, 'term ends');
  out.array(ids, 'term ids');
}

/** Reads terms written by {@link writeDocTerms}: one {@link DocTerms} per paper. */
export function readDocTerms(input: BinaryReader, strings: readonly string[]): DocTerms[] {
  const ends = input.array(Uint32Array, 'term ends');
  const ids = input.array(Uint32Array, 'term ids');
  if (ends.length % 2 !== 0) input.fail(`${ends.length} term ends is not two per paper`);
  const terms = new Array<DocTerms>(ends.length / 2);
  const slice = (from: number, to: number): string[] => {
    if (to < from || to > ids.length) input.fail(`term ids ${from}–${to} out of range (${ids.length})`);
    const list = new Array<string>(to - from);
    for (let j = from; j < to; j++) list[j - from] = stringAt(strings, ids[j]!, input, 'term');
    return list;
  };
  let start = 0;
  for (let i = 0; i < terms.length; i++) {
    const titleEnd = ends[2 * i]!;
    const end = ends[2 * i + 1]!;
    terms[i] = { title: slice(start, titleEnd), abstract: slice(titleEnd, end) };
    start = end;
  }
  return terms;
}
