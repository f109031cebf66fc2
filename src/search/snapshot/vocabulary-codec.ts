import { CorpusVocabulary } from '../../query/corpus-vocabulary.js';
import type { BinaryReader } from './binary-reader.js';
import type { BinaryWriter } from './binary-writer.js';
import { stringAt, type StringTableBuilder } from './string-table.js';

/** Writes a vocabulary's tables (terms, words, phrases with their paper counts; acronyms), in their iteration order. */
export function writeVocabulary(vocabulary: CorpusVocabulary, strings: StringTableBuilder, out: BinaryWriter): void {
  const parts = vocabulary.parts();
  out.f64(parts.size);
  for (const [table, what] of [
    [parts.terms, 'terms'],
    [parts.words, 'words'],
    [parts.phrases, 'phrases'],
  ] as const) {
    const keys = new Uint32Array(table.size);
    const counts = new Uint32Array(table.size);
    let i = 0;
    for (const [key, count] of table) {
      keys[i] = strings.id(key);
      counts[i++] = count;
    }
    out.array(keys, `vocabulary ${what}`);
    out.array(counts, `vocabulary ${what} counts`);
  }
  out.array(Uint32Array.from(parts.acronyms.keys(), (key) => strings.id(key)), 'acronyms');
  out.array(Uint32Array.from(parts.acronyms.values(), (long) => strings.id(long)), 'acronym long forms');
}

/** Reads a vocabulary written by {@link writeVocabulary}. */
export function readVocabulary(input: BinaryReader, strings: readonly string[]): CorpusVocabulary {
  const size = input.f64('vocabulary size');
  const table = (what: string): Map<string, number> => {
    const keys = input.array(Uint32Array, `vocabulary ${what}`);
    const counts = input.array(Uint32Array, `vocabulary ${what} counts`);
    if (keys.length !== counts.length) input.fail(`${keys.length} vocabulary ${what} with ${counts.length} counts`);
    const map = new Map<string, number>();
    for (let i = 0; i < keys.length; i++) map.set(stringAt(strings, keys[i]!, input, what), counts[i]!);
    return map;
  };
  const terms = table('terms');
  const words = table('words');
  const phrases = table('phrases');
  const keys = input.array(Uint32Array, 'acronyms');
  const longs = input.array(Uint32Array, 'acronym long forms');
  if (keys.length !== longs.length) input.fail(`${keys.length} acronyms with ${longs.length} long forms`);
  const acronyms = new Map<string, string>();
  for (let i = 0; i < keys.length; i++) acronyms.set(stringAt(strings, keys[i]!, input, 'acronym'), stringAt(strings, longs[i]!, input, 'long form'));
  return CorpusVocabulary.fromParts({ terms, words, phrases, acronyms, size });
}
