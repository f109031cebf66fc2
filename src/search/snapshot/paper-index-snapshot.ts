import type { LoadedCorpus } from '../../corpus/load-corpus.js';
import { engineParams, PaperIndex } from '../paper-index.js';
import { resolveRankingOptions, type RankingOptions } from '../ranking-options.js';
import { BinaryWriter } from './binary-writer.js';
import { readDocTerms, writeDocTerms } from './doc-terms-codec.js';
import { readEngine, writeEngine } from './engine-codec.js';
import { readPapers, writePapers } from './papers-codec.js';
import { SnapshotError } from './snapshot-error.js';
import { decodeSnapshot, encodeSnapshot } from './snapshot-format.js';
import { readStringTable, StringTableBuilder } from './string-table.js';
import { readVocabulary, writeVocabulary } from './vocabulary-codec.js';

/** What loading the corpus said, kept so a restart from a snapshot reports the same lines (file:line issues). */
export type CorpusSummary = Omit<LoadedCorpus, 'papers'>;

/** The snapshot's metadata section (JSON: small, and read once). */
interface SnapshotMeta {
  paperIndexVersion: number;
  options: RankingOptions;
  papers: number;
  corpus: CorpusSummary | null;
}

/** A decoded snapshot. */
export interface IndexSnapshot {
  index: PaperIndex;
  /** The corpus as loaded when the snapshot was made (papers from the index), when it was stored. */
  corpus?: LoadedCorpus;
  /** The content key the snapshot was built for. */
  key: string;
}

/**
 * A {@link PaperIndex} as a binary snapshot (see snapshot-format.ts): sections META (JSON:
 * versions, ranking options, the corpus summary), STRS (every string once), PAPR (papers),
 * TERM (each paper's analysed terms as string ids), VOCB (the corpus vocabulary) and ENGN (the
 * BM25 engine's arrays, raw). Returns the file's bytes as buffers to write in order.
 */
export function encodeIndexSnapshot(index: PaperIndex, key: string, corpus?: CorpusSummary): Buffer[] {
  const parts = index.parts();
  const strings = new StringTableBuilder();
  const section = (write: (out: BinaryWriter) => void): Buffer => {
    const out = new BinaryWriter();
    write(out);
    return out.finish();
  };
  const meta: SnapshotMeta = {
    paperIndexVersion: PaperIndex.SERIAL_VERSION,
    options: parts.options,
    papers: parts.papers.length,
    corpus: corpus ? { files: corpus.files, issues: corpus.issues, skipped: corpus.skipped, merged: corpus.merged } : null,
  };
  const papers = section((out) => writePapers(parts.papers, strings, out));
  const terms = section((out) => writeDocTerms(parts.terms, strings, out));
  const vocabulary = section((out) => writeVocabulary(parts.vocabulary, strings, out));
  const engine = section((out) => writeEngine(parts.engine, strings, out));
  return encodeSnapshot(key, [
    { tag: 'META', bytes: section((out) => out.text(JSON.stringify(meta), 'metadata')) },
    // Written last (every other section adds to it), read first.
    { tag: 'STRS', bytes: section((out) => strings.write(out)) },
    { tag: 'PAPR', bytes: papers },
    { tag: 'TERM', bytes: terms },
    { tag: 'VOCB', bytes: vocabulary },
    { tag: 'ENGN', bytes: engine },
  ]);
}

/**
 * Reads a snapshot written by {@link encodeIndexSnapshot}. Throws a {@link SnapshotError} when
 * it is truncated, corrupt (checksum), of another format or PaperIndex version, or (with
 * `expectedKey`) built for other content.
 */
export function decodeIndexSnapshot(bytes: Buffer, expectedKey?: string): IndexSnapshot {
  const snapshot = decodeSnapshot(bytes, expectedKey);
  const metaSection = snapshot.section('META');
  let meta: SnapshotMeta;
  try {
    meta = JSON.parse(metaSection.text('metadata')) as SnapshotMeta;
  } catch (error) {
    throw new SnapshotError('corrupt', `section META is not JSON: ${(error as Error).message}`);
  }
  if (meta.paperIndexVersion !== PaperIndex.SERIAL_VERSION) {
    throw new SnapshotError('version', `PaperIndex version ${meta.paperIndexVersion}, this build reads version ${PaperIndex.SERIAL_VERSION}`);
  }
  const options = resolveRankingOptions(meta.options);
  const read = <T>(tag: string, decode: (input: ReturnType<typeof snapshot.section>) => T): T => {
    const input = snapshot.section(tag);
    const value = decode(input);
    input.expectEnd();
    return value;
  };
  const strings = read('STRS', readStringTable);
  const papers = read('PAPR', (input) => readPapers(input, strings));
  const terms = read('TERM', (input) => readDocTerms(input, strings));
  const vocabulary = read('VOCB', (input) => readVocabulary(input, strings));
  const engine = read('ENGN', (input) => readEngine(input, strings, engineParams(options)));
  if (papers.length !== meta.papers) throw new SnapshotError('corrupt', `${papers.length} papers, the metadata says ${meta.papers}`);
  let index: PaperIndex;
  try {
    index = PaperIndex.fromParts({ options, papers, terms, vocabulary, engine });
  } catch (error) {
    throw new SnapshotError('corrupt', (error as Error).message);
  }
  const result: IndexSnapshot = { index, key: snapshot.header.key };
  if (meta.corpus) {
    const { issues, skipped, merged, files } = meta.corpus;
    // In the loader's order of fields, so JSON output of a loaded corpus is the same.
    result.corpus = { papers: [...papers], issues, skipped, merged, files };
  }
  return result;
}
