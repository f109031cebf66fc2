import type { Paper } from '../../src/corpus/paper.js';

/**
 * One search system under the bench: built over the same synthetic papers and asked the same
 * questions as the others, each in a child process of its own so that its RSS is its own.
 */
export interface BenchSystem {
  /** Name in the table and the JSON figures. */
  readonly name: string;
  /** One line on how it is configured, printed under the table. */
  readonly config: string;
  /** Indexes the papers (timed as "build"). */
  build(papers: readonly Paper[]): void | Promise<void>;
  /** The top `limit` papers for a question (timed as "search"). */
  search(question: string, limit: number): unknown;
  /** A full answer, where the system gives one (timed as "answer"). */
  answer?(question: string): unknown;
  /** Saving and restoring the built index, where the system has a snapshot. */
  snapshot?: SnapshotSupport;
}

/** What a system's snapshot offers the bench: save the built index, and restore one in a fresh process. */
export interface SnapshotSupport {
  /** What the snapshot is, for the table ("PaperIndex.toJSON / loadJSON"). */
  readonly format: string;
  /** Saves the built index to `path`; resolves to its size in bytes. */
  save(path: string): Promise<number>;
  /** Restores the index saved at `path` into this (fresh) system, ready to answer. */
  load(path: string): Promise<void>;
}
