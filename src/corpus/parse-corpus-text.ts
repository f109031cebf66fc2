import { assembleCorpus, type AssembledCorpus } from './assemble-corpus.js';
import { detectLayout, type Layout } from './detect-layout.js';
import type { ParsedFile } from './paper-draft.js';
import { invalidUtf8Message, type InvalidLines } from './decode-utf8.js';
import { parseListing } from './parse-listing.js';

/** Papers of one text corpus file, with the layout they were read in. */
export interface ParsedCorpusText extends AssembledCorpus {
  layout: Layout;
}

/** Parses the text of one `.txt` corpus file (layout detected from its content); no I/O, never throws. */
export function parseCorpusText(text: string, file: string): ParsedCorpusText {
  const { layout, ...parsed } = parseTextFile(text, file);
  return { layout, ...assembleCorpus([parsed]) };
}

/** Parses a `.txt` corpus file into drafts, for {@link parseCorpusText} and the loader; `invalid` lines are skipped (see `parseListing`). */
export function parseTextFile(text: string, file: string, invalid?: InvalidLines): ParsedFile & { layout: Layout } {
  const layout = detectLayout(text);
  if (layout === 'unknown') {
    const message =
      text.trim() === ''
        ? 'empty file'
        : 'not a known paper listing: no abstract (a line of 30 or more words) in it';
    // Name the invalid lines too: a listing in another encoding may be why no abstract was found.
    const undecodable = [...(invalid?.values() ?? [])].map((bad) => ({ file, line: bad.line, message: invalidUtf8Message(bad) }));
    return { layout, papers: [], issues: [...undecodable, { file, message }], skipped: 0 };
  }
  return { layout, ...parseListing(text, file, invalid) };
}
