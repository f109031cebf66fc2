/**
 * Acronyms defined in the corpus's own text: "post-training quantization (PTQ)" says that PTQ
 * means post-training quantization, so a question that types "PTQ" can find a paper that only
 * writes the long form, and the other way round. The long form is found with the
 * Schwartz–Hearst algorithm (Schwartz & Hearst, PSB 2003): the acronym's letters are matched
 * right to left against the words before the parenthesis, the first letter at a word start.
 */

/** One "long form (SHORT)" definition found in a text. */
export interface AcronymDefinition {
  /** The acronym as a key: lowercased, a plural "s" dropped ("LLMs" → "llm"). */
  key: string;
  /** The acronym as written ("PTQ", "LLMs"). */
  short: string;
  /** The long form as written ("post-training quantization"). */
  long: string;
}

/** "(PTQ)", "(LLMs)", "(T2I)", "(DiFull)": one token with at least two capitals, nothing else inside. */
const PARENTHESISED = /\(([A-Za-z][A-Za-z0-9-]{1,11})\)/g;

/** Words before the parenthesis to consider: the acronym's length plus this many (S–H: min(|A|+5, 2|A|)). */
const EXTRA_WORDS = 5;

/** The acronym key of a short form: lowercase, without a plural "s" after a capital or digit ("DMs" → "dm"). */
export function acronymKey(short: string): string {
  return short.replace(/(?<=[A-Z0-9])s$/, '').toLowerCase();
}

/** Whether a token looks like an acronym: at least two capital letters (or a capital and a digit). */
export function looksLikeAcronym(word: string): boolean {
  const capitals = word.replace(/[^A-Z]/g, '').length;
  const digits = word.replace(/[^0-9]/g, '').length;
  return capitals >= 2 || (capitals >= 1 && digits >= 1 && word.length <= 5);
}

/** Every "long form (SHORT)" definition in a text, in order. */
export function findAcronymDefinitions(text: string): AcronymDefinition[] {
  const found: AcronymDefinition[] = [];
  for (const match of text.matchAll(PARENTHESISED)) {
    const short = match[1]!;
    if (!looksLikeAcronym(short)) continue;
    const letters = short.replace(/[^A-Za-z0-9]/g, '');
    // The text before "(", back to the last clause break: a long form never spans ", ; :" or a sentence end.
    const before = text.slice(0, match.index).replace(/\s+$/, '');
    const clause = before.slice(Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf(':'), before.lastIndexOf('. '), before.lastIndexOf('(')) + 1);
    const words = clause.trim().split(/\s+/).filter(Boolean);
    const window = words.slice(-Math.min(letters.length + EXTRA_WORDS, letters.length * 2)).join(' ');
    const long = bestLongForm(short, window);
    if (long && long.length > short.length && long.split(/\s+/).length <= letters.length + EXTRA_WORDS) {
      found.push({ key: acronymKey(short), short, long });
    }
  }
  return found;
}

/**
 * Schwartz–Hearst's best long form: each character of the short form, right to left, is found
 * in the candidate text right to left; the first must start a word. Undefined when they cannot
 * all be found.
 */
function bestLongForm(short: string, candidate: string): string | undefined {
  const s = short.replace(/(?<=[A-Z0-9])s$/, '').toLowerCase();
  const l = candidate.toLowerCase();
  let sIndex = s.length - 1;
  let lIndex = l.length - 1;
  while (sIndex >= 0) {
    const c = s[sIndex]!;
    if (!/[a-z0-9]/.test(c)) {
      sIndex--;
      continue;
    }
    while (lIndex >= 0 && (l[lIndex] !== c || (sIndex === 0 && lIndex > 0 && /[a-z0-9]/.test(l[lIndex - 1]!)))) lIndex--;
    if (lIndex < 0) return undefined;
    lIndex--;
    sIndex--;
  }
  const start = Math.max(l.lastIndexOf(' ', lIndex) + 1, 0);
  const long = candidate.slice(start).trim();
  return long || undefined;
}
