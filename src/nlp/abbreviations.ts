/**
 * Abbreviations that end in a period, and whether a sentence may end at them. Kept apart from
 * the splitter because the lists are data: extend them here when a corpus shows a new one.
 */

/**
 * Abbreviations that never end a sentence in an abstract: they always announce something
 * ("Dr. Mo", "e.g. DDPM", "vs. GANs", "Fig. S2", "Eq. (3)"). Lower case, without the final period.
 * "No." is left out: as "number" it precedes a digit, where the splitter never splits anyway,
 * and as the answer "No." it does end a sentence.
 */
const NEVER_FINAL = new Set([
  // Titles.
  'dr', 'prof', 'mr', 'mrs', 'ms', 'st',
  // Latin and reference abbreviations.
  'e.g', 'eg', 'i.e', 'ie', 'vs', 'cf', 'viz', 'approx', 'incl', 'ca',
  'fig', 'figs', 'eq', 'eqs', 'sec', 'secs', 'tab', 'tabs', 'ref', 'refs', 'ch', 'chap', 'appx',
  'thm', 'lem', 'prop', 'def', 'alg', 'algo', 'vol', 'pp',
]);

/**
 * Abbreviations that may end a sentence as well as run on: "Song et al. propose…" against
 * "…proposed by Song et al. This work…", "…super-resolution, etc. Such models…".
 */
const MAYBE_FINAL = new Set(['etc', 'al', 'resp', 'inc', 'ltd', 'corp', 'co', 'jr', 'sr', 'ph.d']);

/** Initials: "U.S.", "J.", "w.r.t." — letters each followed by a period. */
const INITIALS = /^(?:[A-Za-z]\.)+$/;

/**
 * Words that open a sentence after an ambiguous abbreviation or initial, so that "etc. Such
 * models…" and "…by Ho et al. We…" split while "Ho et al. DDPM…" and "J. Smith" do not. A
 * closed list of function words and common abstract openers: a capitalised content word after
 * "et al." is more often a name or a method than a new sentence.
 */
const SENTENCE_OPENERS = new Set([
  'a', 'an', 'the', 'this', 'these', 'that', 'those', 'such', 'some', 'many', 'most', 'each', 'every', 'both', 'all', 'any', 'one', 'no',
  'we', 'our', 'it', 'its', 'they', 'their', 'he', 'she', 'his', 'her', 'there', 'here',
  'in', 'on', 'for', 'to', 'with', 'by', 'as', 'at', 'from', 'of', 'under', 'unlike', 'despite', 'through', 'beyond', 'compared', 'based', 'using', 'given',
  'however', 'moreover', 'furthermore', 'additionally', 'also', 'further', 'finally', 'then', 'thus', 'hence', 'therefore', 'consequently',
  'instead', 'nevertheless', 'nonetheless', 'meanwhile', 'besides', 'specifically', 'notably', 'importantly', 'interestingly', 'overall', 'recently', 'first', 'second', 'third', 'lastly',
  'while', 'when', 'although', 'though', 'since', 'because', 'if', 'whereas', 'after', 'before',
  'experiments', 'experimental', 'extensive', 'results', 'empirically', 'existing', 'recent', 'previous', 'prior', 'current', 'code', 'project',
]);

/**
 * Whether a sentence may end at `word` (a token ending in a period, stripped of brackets and
 * quotes) when `nextWord` follows. False only for known abbreviations and initials; for the
 * ambiguous ones, true when `nextWord` is a usual sentence opener.
 */
export function mayEndAtAbbreviation(word: string, nextWord: string): boolean {
  if (!word.endsWith('.')) return true;
  const bare = word.slice(0, -1).toLowerCase();
  if (NEVER_FINAL.has(bare)) return false;
  if (MAYBE_FINAL.has(bare) || INITIALS.test(word)) return SENTENCE_OPENERS.has(nextWord.toLowerCase().replace(/[^a-z]/g, ''));
  return true;
}

/** Whether `word` (without its final period) is an abbreviation that never ends a sentence. */
export function isNeverFinalAbbreviation(word: string): boolean {
  return NEVER_FINAL.has(word.toLowerCase());
}
