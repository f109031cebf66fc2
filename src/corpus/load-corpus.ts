import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { CorpusError, ErrorCode } from '../errors.js';
import { assembleCorpus } from './assemble-corpus.js';
import { formatCorpusIssue, type CorpusIssue } from './corpus-issue.js';
import { decodeCorpusFile, type InvalidLines } from './decode-utf8.js';
import type { Paper } from './paper.js';
import type { ParsedFile } from './paper-draft.js';
import { parseTextFile } from './parse-corpus-text.js';
import { parseJsonArray, parseJsonl } from './parse-json-records.js';

/** What {@link loadCorpus} read. */
export interface LoadedCorpus {
  /** Every paper, duplicates merged, in order of first appearance. */
  papers: Paper[];
  /** Problems that did not stop loading: bad lines, invalid records, unreadable files. */
  issues: CorpusIssue[];
  /** Corpus files read, as named in sources and issues (relative to the directory, when one was given). */
  files: string[];
  /** Records not loaded because they were invalid. */
  skipped: number;
  /** Duplicates merged into an earlier paper. */
  merged: number;
}

/** File extensions a corpus is read from, with their parsers (each skips the lines in `invalid`). */
const PARSERS: Record<string, (text: string, file: string, invalid: InvalidLines) => ParsedFile> = {
  '.txt': parseTextFile,
  '.jsonl': parseJsonl,
  '.json': parseJsonArray,
};

const KNOWN_EXTENSIONS = '*.txt, *.jsonl, *.json';

/**
 * Loads the corpus at `path`: one corpus file, or every `*.txt`, `*.jsonl` and `*.json` file
 * directly in a directory (by name; other files ignored). Bad records and unreadable files among
 * several become issues; a missing path, an unreadable single file or a corpus without any paper
 * throws a {@link CorpusError}.
 */
export async function loadCorpus(path: string): Promise<LoadedCorpus> {
  return parseCorpusFiles(await readCorpusFiles(path), path);
}

/** One corpus file as read by {@link readCorpusFiles}: its bytes, or why it could not be read. */
export interface CorpusFileContent {
  /** How sources and issues name it (relative to the directory, when one was given). */
  name: string;
  /** Path on disk. */
  path: string;
  extension: string;
  /** The file's bytes; undefined when it could not be read (then `unreadable` says why). */
  bytes?: Buffer;
  unreadable?: string;
}

/**
 * Reads the corpus files at `path` (see {@link loadCorpus}), sorted by name, without parsing
 * them: the bytes are what the index snapshot cache keys on. Throws a {@link CorpusError} for a
 * missing path, a directory without corpus files, or an unreadable single file.
 */
export async function readCorpusFiles(path: string): Promise<CorpusFileContent[]> {
  const files = await corpusFiles(path);
  const read: CorpusFileContent[] = [];
  for (const file of files) {
    try {
      read.push({ ...file, bytes: await readFile(file.path) });
    } catch (error) {
      if (files.length === 1) {
        throw new CorpusError(ErrorCode.CorpusInvalid, `Cannot read corpus file "${file.path}": ${reason(error)}.`, { cause: error });
      }
      read.push({ ...file, unreadable: reason(error) });
    }
  }
  return read;
}

/**
 * Parses files read by {@link readCorpusFiles}; throws a {@link CorpusError} when no paper loads.
 * Each file is parsed on its own: whatever goes wrong in one (see `record-limits.ts` for the
 * limits that keep one record from taking the rest down) is an issue, and the others still load.
 */
export function parseCorpusFiles(files: readonly CorpusFileContent[], path: string): LoadedCorpus {
  const parsed: ParsedFile[] = [];
  for (const file of files) {
    if (file.bytes === undefined) {
      parsed.push({ papers: [], skipped: 0, issues: [{ file: file.name, message: `cannot read file: ${file.unreadable ?? 'unknown error'}` }] });
      continue;
    }
    parsed.push(parseFile(file.bytes, file.name, file.extension));
  }
  const corpus = assembleCorpus(parsed);
  if (corpus.papers.length === 0) {
    const first = corpus.issues[0];
    const detail = first === undefined ? '' : ` (${count(corpus.issues.length, 'issue')}; first: ${formatCorpusIssue(first)})`;
    throw new CorpusError(ErrorCode.CorpusEmpty, `No papers in corpus "${path}"${detail}.`);
  }
  return { ...corpus, files: files.map((file) => file.name) };
}

interface CorpusFile {
  path: string;
  /** How sources and issues name it. */
  name: string;
  extension: string;
}

/** The corpus files at `path`, sorted by name; throws when there are none. */
async function corpusFiles(path: string): Promise<CorpusFile[]> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      throw new CorpusError(ErrorCode.CorpusEmpty, `Corpus path "${path}" does not exist.`, { cause: error });
    }
    throw new CorpusError(ErrorCode.CorpusInvalid, `Cannot read corpus path "${path}": ${reason(error)}.`, { cause: error });
  }

  if (!isDirectory) {
    const extension = extname(path).toLowerCase();
    if (PARSERS[extension] === undefined) {
      throw new CorpusError(ErrorCode.CorpusInvalid, `Cannot load "${path}": a corpus file must be one of ${KNOWN_EXTENSIONS}.`);
    }
    return [{ path, name: path, extension }];
  }

  let names: string[];
  try {
    const entries = await readdir(path, { withFileTypes: true });
    names = entries
      // Dotfiles are editors' locks and swap files (".#x.jsonl"), never corpus files.
      .filter((entry) => !entry.name.startsWith('.') && (entry.isFile() || entry.isSymbolicLink()) && PARSERS[extname(entry.name).toLowerCase()] !== undefined)
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    throw new CorpusError(ErrorCode.CorpusInvalid, `Cannot read corpus directory "${path}": ${reason(error)}.`, { cause: error });
  }
  if (names.length === 0) {
    throw new CorpusError(ErrorCode.CorpusEmpty, `No corpus files (${KNOWN_EXTENSIONS}) in "${path}".`);
  }
  return names.map((name) => ({ path: join(path, name), name, extension: extname(name).toLowerCase() }));
}

/** One file's papers and issues; never throws. */
function parseFile(bytes: Buffer, name: string, extension: string): ParsedFile {
  try {
    // Invalid UTF-8 is found and reported line by line, not silently replaced by U+FFFD.
    const { text, invalid } = decodeCorpusFile(bytes);
    return text.trim() === '' ? emptyFile(name) : PARSERS[extension]!(text, name, invalid);
  } catch (error) {
    // A last guard: the limits should make this unreachable, but one file must never stop the rest.
    return { papers: [], skipped: 0, issues: [{ file: name, message: `cannot parse file: ${reason(error)}; skipped` }] };
  }
}

function emptyFile(file: string): ParsedFile {
  return { papers: [], skipped: 0, issues: [{ file, message: 'empty file' }] };
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/** `EACCES: permission denied` → `permission denied (EACCES)`, or the message as is. */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = errorCode(error);
  const match = /^[A-Z]+: ([^,]+)/u.exec(message);
  return match !== null && code !== undefined ? `${match[1]} (${code})` : message;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
