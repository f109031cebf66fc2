import { isNeverFinalAbbreviation, mayEndAtAbbreviation } from './abbreviations.js';
import { isUrlLike, startsKeywordList } from './metadata.js';

/** A whitespace-delimited token of the text, or part of one cut at a missing space ("operator.TimeGNN"). */
interface Token {
  /** Offset of the first character in the text. */
  start: number;
  /** Offset after the last character. */
  end: number;
  text: string;
  /** Whether this token was cut from the previous one at a sentence end that lacks its space. */
  glued: boolean;
}

/** Sentence-final punctuation, then closing quotes or brackets: "done.", "(see above.)", "\"yes!\"". */
const TERMINAL = /[.!?…]["'”’)\]]*$/;
/** Opening brackets and quotes before a word. */
const OPENING = /^[([{"'“‘]+/;
/** Closing brackets and quotes after a word. */
const CLOSING = /["'”’)\]}]+$/;
/** List markers: "(iii)", "(iii).", "ii)", "(b)", "2)", "1.". */
const ENUMERATOR = /^(?:\(?(?:\d{1,2}|[ivx]{1,4}|[a-h])\)\.?|(?:\d{1,2}|[ivx]{1,4})\.)$/;
/** Lower-case names that may open a sentence: "iPhone", "eDiff-I", "word2vec", "t-SNE". */
const NAME_LIKE = /^[a-z]+-?[A-Z0-9]/;
/** A sentence end whose space is missing: "…operator.TimeGNN shows…", "…editing.However, …". */
const GLUED_END = /([A-Za-z]*[a-z])[.!?](?=[A-Z][a-z])/g;
/** A glued period ends a sentence only after a word ending in three lower-case letters, not "Dr.Mo" or "nn.Module". */
const GLUED_WORD_END = /[a-z]{3}$/;
/** A blank line: a paragraph break always ends a sentence. */
const PARAGRAPH_BREAK = /\n[^\S\n]*\n/;

/**
 * Splits an abstract into sentences. Every returned sentence is an exact substring of the text
 * (trimmed, in order, nothing lost but whitespace), which is what lets answers quote abstracts
 * verbatim.
 *
 * A sentence ends at ".", "!", "?" or "…" (with any closing quotes or brackets) followed by
 * whitespace, unless what follows cannot start a sentence (a lower-case word other than a name
 * such as "iPhone", a bare number as in "Fig. 1"), or the period belongs to an abbreviation
 * ("Dr. Mo", "e.g. DDPM", "Song et al. propose", "U.S. Army"; see `abbreviations.ts`). A list
 * marker stays with its item ("1. We propose…"). A period inside a token never ends a sentence,
 * which keeps versions ("v1.5", "GPT-3.5"), decimals and URLs ("hf.co/Stable-X") whole — except
 * a period glued to a capitalised word ("…operator.TimeGNN shows…"), where a space was lost.
 *
 * Metadata is cut into pieces of its own, so that it can be told apart with `isMetadata`: a
 * keyword list ("Keywords: …", "Index Terms—…", "CCS Concepts: …") runs from its heading to the
 * end of its paragraph, and a URL starts a new piece after a sentence end and ends one before a
 * capitalised word ("… performance. https://github.com/x Keywords: …").
 *
 * Rule-based rather than wink-nlp's boundary detection, which needed these same repairs on top
 * and a tagger pass: the 231 seed abstracts take 10–25 ms instead of about 65 ms.
 *
 * @example
 * splitSentences('Dr. Mo beats Stable Diffusion v1.5, e.g. on FID. Code: https://github.com/x');
 * // ['Dr. Mo beats Stable Diffusion v1.5, e.g. on FID.', 'Code: https://github.com/x']
 */
export function splitSentences(text: string): string[] {
  const tokens = tokenize(text);
  const sentences: string[] = [];
  let first = 0;
  let inKeywordList = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (i === first) inKeywordList = opensKeywordList(text, token);
    const next = tokens[i + 1];
    const ends =
      !next ||
      (next.start - token.end > 1 && PARAGRAPH_BREAK.test(text.slice(token.end, next.start))) ||
      (!inKeywordList && (next.glued || opensKeywordList(text, next) || endsBetween(tokens, i, first)));
    if (ends) {
      sentences.push(text.slice(tokens[first]!.start, token.end));
      first = i + 1;
    }
  }
  return sentences;
}

/** Whether a sentence ends between token `i` and the next one, in a sentence begun at token `first`. */
function endsBetween(tokens: readonly Token[], i: number, first: number): boolean {
  const token = tokens[i]!.text;
  const next = tokens[i + 1]!.text;
  // A URL closing a sentence without a period, then a new one: "…/TrajectoryDiffuser Project page: …".
  if (isUrlLike(token) && /^[A-Z]/.test(next.replace(OPENING, ''))) return true;
  if (!TERMINAL.test(token)) return false;
  const word = token.replace(OPENING, '').replace(CLOSING, '');
  // A link after a sentence end starts a piece of its own, though it starts in lower case.
  if (isUrlLike(next)) return !(word.endsWith('.') && isNeverFinalAbbreviation(word.slice(0, -1)));
  // A list marker is part of its item: "follows: 1. We…", a sentence that would be only "2.".
  if (ENUMERATOR.test(token) && (i === first || /[:;]$/.test(tokens[i - 1]?.text ?? ''))) return false;
  // After a list marker, its item's first word decides: "quality. (iii). generalized, …" runs on.
  const listed = ENUMERATOR.test(next) && tokens[i + 2] ? tokens[i + 2]!.text : undefined;
  const opener = (listed ?? next).replace(OPENING, '');
  if (/^[a-z]/.test(opener) && !NAME_LIKE.test(opener)) return false;
  if (!listed && /^\d/.test(next) && !/^\d+[A-Za-z]/.test(next)) return false;
  return mayEndAtAbbreviation(word, opener);
}

/** Whether a keyword list ("Keywords: …") starts at the token. */
function opensKeywordList(text: string, token: Token): boolean {
  return /[A-Z]/.test(token.text[0]!) && startsKeywordList(text.slice(token.start, token.start + 64));
}

/** Whitespace-delimited tokens, with a token cut in two where a sentence end lost its space. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/\S+/g)) {
    const raw = match[0];
    const at = match.index;
    let from = 0;
    if (/[a-z][.!?][A-Z]/.test(raw) && !/[/@_]/.test(raw) && !isUrlLike(raw)) {
      for (const glued of raw.matchAll(GLUED_END)) {
        const word = glued[1]!;
        if (!GLUED_WORD_END.test(word) || isNeverFinalAbbreviation(word)) continue;
        const cut = glued.index + glued[0].length;
        tokens.push({ start: at + from, end: at + cut, text: raw.slice(from, cut), glued: from > 0 });
        from = cut;
      }
    }
    tokens.push({ start: at + from, end: at + raw.length, text: raw.slice(from), glued: from > 0 });
  }
  return tokens;
}
