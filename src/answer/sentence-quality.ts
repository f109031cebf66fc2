/**
 * Lexical features of an abstract sentence, for ranking the sentences an answer may quote: is it
 * metadata, does it need the sentence before it, how much extraction debris does it carry, and
 * what does it do in the abstract. Pure and regex-based (no model), cheap enough to run on every
 * candidate sentence of every hit.
 */

import { mainClause } from './main-clause.js';

export { isMetadata } from '../nlp/metadata.js';
export { rhetoricalRole, roleCues, type RhetoricalRole, type RoleCue } from './rhetorical-role.js';

/** Subordinators: a pronoun after "Although diffusion models are strong, they…" may refer inside the sentence. */
const SUBORDINATOR = /^(?:while|although|though|since|because|if|whereas|when|once|as|unless|even though)\s+/i;
/** Nouns by which "this" refers to the paper itself: "This paper presents…", "In this work, we…". */
const SELF_REFERENCE = /^(?:paper|work|study|article|report|thesis|manuscript|monograph|book|letter|note|survey|overview|tutorial|chapter|abstract|submission|dissertation|review|proposal|talk)\b/i;
/** "It" as a dummy subject: "It is well known that…", "It remains unclear whether…", "It is challenging to…". */
const EXPLETIVE_IT =
  /^it\s+(?:is|was|remains|remained|becomes|became|has\s+been|had\s+been|seems|appears|turns\s+out|would\s+be|can\s+be|may\s+be|could\s+be|might\s+be)\s+(?!(?:a|an|the|this|our|its|their|not\s+(?:a|an|the))\b)(?:[\w-]+\s+){0,3}?(?:to|that|whether|how|if|why|what|for|when)\b/i;
/** Pronouns that stand for something named earlier. */
const PRONOUN_SUBJECT = /^(?:it|they|them|its|their|theirs|he|she|his|her)\b/i;
/** Demonstratives and "such" opening the clause: "This allows us…", "These results…", "Such models…". */
const DEMONSTRATIVE = /^(?:this|these|that|those|such)\b\s*([\w-]*)(?:\s+([\w-]*))?/i;
/** Definite noun phrases pointing back: "The proposed method…", "The resulting model…", "The two mechanisms…". */
const DEFINITE_BACK =
  /^(?:the|both|each|either|neither)\s+(?:(?:proposed|resulting|aforementioned|above|above-mentioned|former|latter|same|said|preceding|previous|obtained|derived|learned|trained|two|three|four|both|new)\b|(?:method|approach|framework|model|technique|algorithm|system|network|scheme|strategy|module|pipeline|procedure|solver|sampler|estimator|mechanism|architecture|formulation|objective|resulting)\s+(?!of\b|for\b|to\b|in\b|that\b|which\b)|of\s+(?:them|these|those|the)\b)/i;

/**
 * Whether the sentence depends on an antecedent it does not carry, so that quoted alone it reads
 * as a dangling reference.
 *
 * The rule looks at the subject of the main clause. It strips a leading list marker, sentence
 * connectives ("However,", "Moreover,", "To this end,", "Here,") and one framing phrase up to a
 * comma ("To address this limitation,", "In Stable Diffusion,"), then the sentence leans when
 * the clause opens with
 * - a pronoun: "it" (not the dummy "it" of "It is known that…"), "they", "its", "their" —
 *   "In Stable Diffusion, it severely limits…";
 * - "this/these/that/those/such", unless followed by a noun for the paper itself — "This allows
 *   us to…", "This approach…", "Such models…", but "This paper presents…" stands alone;
 * - a definite phrase pointing back: "The proposed method…", "The resulting model…", "The two
 *   mechanisms…", "Both of them…".
 * A subordinate clause ("Although X is fast, it…") may hold the antecedent itself, so there only
 * its own subject is checked. References inside a framing phrase ("To address this, we
 * propose…") or after the subject ("We call this measure…") are let pass: the claim stands.
 */
export function leansOnAntecedent(text: string): boolean {
  const clause = mainClause(text);
  const subordinate = SUBORDINATOR.exec(clause);
  return opensWithReference(subordinate ? clause.slice(subordinate[0].length) : clause);
}

/** Whether a clause opens with a reference to something outside it (see {@link leansOnAntecedent}). */
function opensWithReference(clause: string): boolean {
  if (PRONOUN_SUBJECT.test(clause)) return !EXPLETIVE_IT.test(clause);
  const demonstrative = DEMONSTRATIVE.exec(clause);
  if (demonstrative) {
    const [, first = '', second = ''] = demonstrative;
    // "That is, …" and "such as" do not refer back; "this paper" refers to the paper itself.
    if (/^that$/i.test(clause.split(/\s/)[0]!) && /^is,?$/i.test(first)) return true;
    if (/^such$/i.test(clause.split(/\s/)[0]!) && /^as$/i.test(first)) return false;
    return !SELF_REFERENCE.test(first) && !SELF_REFERENCE.test(second);
  }
  return DEFINITE_BACK.test(clause);
}

/**
 * LaTeX command names left as words when the backslash was lost: "rightarrow", "mathcal", "textbf";
 * "left" and "right" only glued to a bracket, as English has those words.
 */
const LATEX_WORD =
  /\\?\b(?:rightarrow|leftarrow|Rightarrow|Leftarrow|leftrightarrow|mapsto|mathcal|mathbf|mathrm|mathbb|mathit|mathsf|mathscr|textbf|textit|texttt|textrm|textsc|emph|boldsymbol|varepsilon|varphi|vartheta|frac|dfrac|sqrt|cdot|cdots|ldots|infty|leq|geq|neq|propto|operatorname|widetilde|widehat|overline|textsuperscript|textsubscript|eqref|citep|citet)(?=[\s{(_^\d]|$)|\b(?:left|right)[({[|]/g;
/** "times" glued to a number, the residue of "\times": "512times512", "2.3times", "times 50", "64 times 64". */
const GLUED_TIMES = /\dtimes(?![a-z])|\btimes\s*\d/g;
/** TeX and markup characters that prose does not use. */
const MARKUP_CHAR = /[\\$^{}]/g;
/** Subscripts written TeX-style: "z_i", "ell_2". */
const SUBSCRIPT = /[A-Za-z]_[\w{]/g;
/** Broken encodings: the replacement character, UTF-8 read as Latin-1 ("Ã©", "â€™"), control characters. */
const BROKEN_UNICODE = /\uFFFD|Ã[\u0080-\u00BF]|â€|Â[\u00A0-\u00BF]|[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
/** Runs of four or more symbols ("}_{", "|=-|"), but not an ellipsis or dashes. */
const SYMBOL_RUN = /(?![.\-–—…]{4})[^\w\s.,;:'"()“”‘’\-–—…]{2}[^\w\s]{2,}/g;
/** Tokens longer than this (other than URLs) are glued words or formula residue. */
const MAX_TOKEN_CHARS = 30;

/** How much each kind of debris weighs, one occurrence; occurrences combine as independent evidence. */
const DEBRIS_WEIGHTS = { latexWord: 0.35, gluedTimes: 0.35, markup: 0.2, subscript: 0.15, brokenUnicode: 0.5, symbolRun: 0.3, longToken: 0.25 } as const;

/**
 * How much extraction debris the sentence carries, from 0 (clean prose) towards 1: LaTeX command
 * names left as words ("rightarrow", "mathcal"), "times" glued to numbers ("512times512",
 * "2.3times"), TeX characters (\\, $, ^, {, }), TeX subscripts ("z_i"), broken unicode, runs of
 * symbols and overlong tokens. Each occurrence counts as independent evidence, so the score is
 * 1 − Π(1 − weight): one "^" gives 0.2, three give about 0.5, and it never reaches 1 exactly.
 */
export function debris(text: string): number {
  const counts = {
    latexWord: count(text, LATEX_WORD),
    gluedTimes: count(text, GLUED_TIMES),
    markup: count(text, MARKUP_CHAR),
    subscript: count(text, SUBSCRIPT),
    brokenUnicode: count(text, BROKEN_UNICODE),
    symbolRun: count(text, SYMBOL_RUN),
    longToken: text.split(/\s+/).filter((token) => token.length > MAX_TOKEN_CHARS && !/^\(?(?:[a-z]+:\/\/|www\.)/i.test(token)).length,
  };
  let clean = 1;
  for (const kind of Object.keys(counts) as Array<keyof typeof counts>) clean *= (1 - DEBRIS_WEIGHTS[kind]) ** counts[kind];
  return 1 - clean;
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}
