import type { Paper, PaperLink, PaperSource } from '../../corpus/paper.js';
import type { BinaryReader } from './binary-reader.js';
import type { BinaryWriter } from './binary-writer.js';
import { stringAt, type StringTableBuilder } from './string-table.js';

/** A paper's optional fields, one bit each in its flags byte (bit i = OPTIONAL[i] present). */
const OPTIONAL = ['authors', 'authorCount', 'published', 'dateText', 'upvotes', 'url', 'arxivId'] as const;
const KNOWN_FIELDS = new Set<string>(['id', 'title', 'abstract', 'links', 'sources', ...OPTIONAL]);

/**
 * Writes papers column by column: string ids for the text fields, a flags byte per paper for
 * the optional ones, float64 for the numbers, and offsets + flat columns for authors, links and
 * sources. A paper with a field this layout does not know (or of another type) is refused
 * rather than stored without it.
 */
export function writePapers(papers: readonly Paper[], strings: StringTableBuilder, out: BinaryWriter): void {
  const n = papers.length;
  const flags = new Uint8Array(n);
  const ids = new Uint32Array(n);
  const titles = new Uint32Array(n);
  const abstracts = new Uint32Array(n);
  const published = new Uint32Array(n);
  const dateTexts = new Uint32Array(n);
  const urls = new Uint32Array(n);
  const arxivIds = new Uint32Array(n);
  const authorCounts = new Float64Array(n);
  const upvotes = new Float64Array(n);
  const authorEnds = new Uint32Array(n);
  const linkEnds = new Uint32Array(n);
  const sourceEnds = new Uint32Array(n);
  const authors: number[] = [];
  const linkKinds: number[] = [];
  const linkUrls: number[] = [];
  const sourceFiles: number[] = [];
  const sourceLines: number[] = [];
  papers.forEach((paper, i) => {
    checkFields(paper);
    let bits = 0;
    OPTIONAL.forEach((field, bit) => {
      if (paper[field] !== undefined) bits |= 1 << bit;
    });
    flags[i] = bits;
    ids[i] = strings.id(paper.id);
    titles[i] = strings.id(paper.title);
    abstracts[i] = strings.id(paper.abstract);
    if (paper.published !== undefined) published[i] = strings.id(paper.published);
    if (paper.dateText !== undefined) dateTexts[i] = strings.id(paper.dateText);
    if (paper.url !== undefined) urls[i] = strings.id(paper.url);
    if (paper.arxivId !== undefined) arxivIds[i] = strings.id(paper.arxivId);
    authorCounts[i] = paper.authorCount ?? 0;
    upvotes[i] = paper.upvotes ?? 0;
    for (const author of paper.authors ?? []) authors.push(strings.id(author));
    authorEnds[i] = authors.length;
    for (const link of paper.links) {
      linkKinds.push(strings.id(link.kind));
      linkUrls.push(strings.id(link.url));
    }
    linkEnds[i] = linkKinds.length;
    for (const source of paper.sources) {
      sourceFiles.push(strings.id(source.file));
      sourceLines.push(source.line);
    }
    sourceEnds[i] = sourceFiles.length;
  });
  out.array(flags, 'paper flags');
  for (const [column, what] of [
    [ids, 'ids'],
    [titles, 'titles'],
    [abstracts, 'abstracts'],
    [published, 'published'],
    [dateTexts, 'date texts'],
    [urls, 'urls'],
    [arxivIds, 'arxiv ids'],
    [authorEnds, 'author ends'],
    [linkEnds, 'link ends'],
    [sourceEnds, 'source ends'],
    [Uint32Array.from(authors), 'authors'],
    [Uint32Array.from(linkKinds), 'link kinds'],
    [Uint32Array.from(linkUrls), 'link urls'],
    [Uint32Array.from(sourceFiles), 'source files'],
  ] as const) {
    out.array(column, `paper ${what}`);
  }
  out.array(authorCounts, 'paper author counts');
  out.array(upvotes, 'paper upvotes');
  out.array(Float64Array.from(sourceLines), 'paper source lines');
}

/** Reads papers written by {@link writePapers}, each with its fields in the loader's order (so JSON output is the same). */
export function readPapers(input: BinaryReader, strings: readonly string[]): Paper[] {
  const flags = input.array(Uint8Array, 'paper flags');
  const column = (what: string) => input.array(Uint32Array, `paper ${what}`);
  const ids = column('ids');
  const titles = column('titles');
  const abstracts = column('abstracts');
  const published = column('published');
  const dateTexts = column('date texts');
  const urls = column('urls');
  const arxivIds = column('arxiv ids');
  const authorEnds = column('author ends');
  const linkEnds = column('link ends');
  const sourceEnds = column('source ends');
  const authors = column('authors');
  const linkKinds = column('link kinds');
  const linkUrls = column('link urls');
  const sourceFiles = column('source files');
  const authorCounts = input.array(Float64Array, 'paper author counts');
  const upvotes = input.array(Float64Array, 'paper upvotes');
  const sourceLines = input.array(Float64Array, 'paper source lines');
  const n = flags.length;
  for (const [array, what] of [
    [ids, 'ids'],
    [titles, 'titles'],
    [abstracts, 'abstracts'],
    [published, 'published'],
    [dateTexts, 'date texts'],
    [urls, 'urls'],
    [arxivIds, 'arxiv ids'],
    [authorEnds, 'author ends'],
    [linkEnds, 'link ends'],
    [sourceEnds, 'source ends'],
    [authorCounts, 'author counts'],
    [upvotes, 'upvotes'],
  ] as const) {
    if (array.length !== n) input.fail(`${array.length} paper ${what} for ${n} papers`);
  }
  if (linkUrls.length !== linkKinds.length || sourceLines.length !== sourceFiles.length) input.fail('link or source columns disagree in length');
  const text = (id: number, what: string) => stringAt(strings, id, input, what);
  const papers = new Array<Paper>(n);
  let author = 0;
  let link = 0;
  let source = 0;
  for (let i = 0; i < n; i++) {
    const bits = flags[i]!;
    const has = (field: (typeof OPTIONAL)[number]) => (bits & (1 << OPTIONAL.indexOf(field))) !== 0;
    const authorEnd = authorEnds[i]!;
    const linkEnd = linkEnds[i]!;
    const sourceEnd = sourceEnds[i]!;
    if (authorEnd < author || authorEnd > authors.length || linkEnd < link || linkEnd > linkKinds.length || sourceEnd < source || sourceEnd > sourceFiles.length) {
      input.fail(`paper ${i}: author, link or source offsets out of order`);
    }
    // Fields in assemble-corpus's order, absent ones left out (not set to undefined).
    const paper: Partial<Paper> = { id: text(ids[i]!, 'paper id'), title: text(titles[i]!, 'paper title'), abstract: text(abstracts[i]!, 'paper abstract') };
    if (has('authors')) {
      const list: string[] = [];
      for (; author < authorEnd; author++) list.push(text(authors[author]!, 'author'));
      paper.authors = list;
    }
    author = authorEnd;
    if (has('authorCount')) paper.authorCount = authorCounts[i]!;
    if (has('published')) paper.published = text(published[i]!, 'published');
    if (has('dateText')) paper.dateText = text(dateTexts[i]!, 'date text');
    if (has('upvotes')) paper.upvotes = upvotes[i]!;
    if (has('arxivId')) paper.arxivId = text(arxivIds[i]!, 'arxiv id');
    if (has('url')) paper.url = text(urls[i]!, 'url');
    const links: PaperLink[] = [];
    for (; link < linkEnd; link++) links.push({ kind: text(linkKinds[link]!, 'link kind') as PaperLink['kind'], url: text(linkUrls[link]!, 'link url') });
    const sources: PaperSource[] = [];
    for (; source < sourceEnd; source++) sources.push({ file: text(sourceFiles[source]!, 'source file'), line: sourceLines[source]! });
    paper.links = links;
    paper.sources = sources;
    papers[i] = paper as Paper;
  }
  return papers;
}

/** Throws when a paper has a field the layout cannot store, naming the paper and the field. */
function checkFields(paper: Paper): void {
  const where = `snapshot: paper "${paper.id}"`;
  for (const key of Object.keys(paper)) {
    if (!KNOWN_FIELDS.has(key)) throw new TypeError(`${where} has a field "${key}" that snapshots do not store`);
  }
  for (const field of ['id', 'title', 'abstract', 'published', 'dateText', 'url', 'arxivId'] as const) {
    const value = paper[field];
    if (value !== undefined && typeof value !== 'string') throw new TypeError(`${where}: ${field} must be a string`);
  }
  for (const field of ['authorCount', 'upvotes'] as const) {
    const value = paper[field];
    if (value !== undefined && typeof value !== 'number') throw new TypeError(`${where}: ${field} must be a number`);
  }
  if (paper.authors !== undefined && !paper.authors.every((a) => typeof a === 'string')) throw new TypeError(`${where}: authors must be strings`);
  for (const link of paper.links) {
    if (Object.keys(link).length !== 2 || typeof link.kind !== 'string' || typeof link.url !== 'string') throw new TypeError(`${where}: a link must be exactly { kind, url }`);
  }
  for (const source of paper.sources) {
    if (Object.keys(source).length !== 2 || typeof source.file !== 'string' || typeof source.line !== 'number') {
      throw new TypeError(`${where}: a source must be exactly { file, line }`);
    }
  }
}
