import type { AnalyzedToken } from '../analyzer.js';

/**
 * Analyzed texts as a worker thread sends them: one `Uint32Array` (transferred, not copied) and
 * only the strings the receiver has not seen yet. Posting `AnalyzedToken` objects instead would
 * structured-clone every token and every string of 100k abstracts, costing the main thread about
 * what the analysis saved.
 *
 * Layout of `data`, text after text: the token count, then per token four numbers — term id,
 * word id, compound id + 1 (0: not part of a compound), flags (1: breakBefore, 2: gapBefore).
 * Ids index the sender's string table, which grows by `strings` with every batch.
 */
export interface TokenBatch {
  strings: string[];
  data: Uint32Array;
}

const FIELDS_PER_TOKEN = 4;
const BREAK_BEFORE = 1;
const GAP_BEFORE = 2;

/** The sending side: remembers which strings it has sent. */
export class TokenBatchEncoder {
  private readonly ids = new Map<string, number>();

  encode(texts: ReadonlyArray<readonly AnalyzedToken[]>): TokenBatch {
    const strings: string[] = [];
    const id = (value: string): number => {
      let known = this.ids.get(value);
      if (known === undefined) {
        known = this.ids.size;
        this.ids.set(value, known);
        strings.push(value);
      }
      return known;
    };
    let length = 0;
    for (const tokens of texts) length += 1 + tokens.length * FIELDS_PER_TOKEN;
    const data = new Uint32Array(length);
    let at = 0;
    for (const tokens of texts) {
      data[at++] = tokens.length;
      for (const token of tokens) {
        data[at++] = id(token.term);
        data[at++] = id(token.word);
        data[at++] = token.compound === undefined ? 0 : id(token.compound) + 1;
        data[at++] = (token.breakBefore ? BREAK_BEFORE : 0) | (token.gapBefore ? GAP_BEFORE : 0);
      }
    }
    return { strings, data };
  }
}

/** The receiving side of one encoder: decodes its batches, in the order they were encoded. */
export class TokenBatchDecoder {
  private readonly table: string[] = [];

  decode(batch: TokenBatch): AnalyzedToken[][] {
    for (const value of batch.strings) this.table.push(value);
    const texts: AnalyzedToken[][] = [];
    const { data } = batch;
    let at = 0;
    while (at < data.length) {
      const count = data[at++]!;
      const tokens: AnalyzedToken[] = new Array(count);
      for (let i = 0; i < count; i++) {
        const term = this.table[data[at]!]!;
        const word = this.table[data[at + 1]!]!;
        const compound = data[at + 2]!;
        const flags = data[at + 3]!;
        at += FIELDS_PER_TOKEN;
        const token: AnalyzedToken = { term, word, breakBefore: (flags & BREAK_BEFORE) !== 0 };
        if (flags & GAP_BEFORE) token.gapBefore = true;
        if (compound > 0) token.compound = this.table[compound - 1]!;
        tokens[i] = token;
      }
      texts.push(tokens);
    }
    return texts;
  }
}
