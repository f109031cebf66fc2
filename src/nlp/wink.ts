import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** The wink-nlp instance type, as the rest of the code sees it. */
export type Nlp = ReturnType<typeof winkNLP>;

let tokenizer: Nlp | undefined;
let tagger: Nlp | undefined;

/**
 * A wink-nlp instance with an empty pipeline: tokens, stems and stop-word flags only.
 * Indexing uses it because sentence splitting and POS tagging would double the indexing time.
 */
export function tokenizerNlp(): Nlp {
  tokenizer ??= winkNLP(model, []);
  return tokenizer;
}

/**
 * A wink-nlp instance with sentence boundaries and POS tags, for questions (keyword phrases)
 * and for splitting abstracts into sentences. Created on first use.
 */
export function taggerNlp(): Nlp {
  tagger ??= winkNLP(model, ['sbd', 'pos']);
  return tagger;
}

type StemFn = (word: string) => string;

/** The model's Porter2 stemmer, for words wink-nlp did not split (parts of hyphenated compounds). */
export const stem: StemFn = (model as unknown as { addons: { stem: StemFn } }).addons.stem;
