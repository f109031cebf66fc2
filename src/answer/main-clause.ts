/**
 * The main clause of a sentence: where its subject starts, once a list marker, sentence
 * connectives ("However,", "To this end,") and one framing phrase ("To address this limitation,",
 * "Under an 8-GPU setup,") are stripped. Whether a sentence leans on an antecedent, and whether it
 * is a claim about the paper's own method, is read from the subject there.
 */

/** List markers opening a sentence: "(2) ", "ii) ". */
const LEADING_ENUMERATOR = /^\(?(?:\d{1,2}|[ivx]{1,4}|[a-h])\)\.?\s+/i;
/**
 * Sentence connectives, stripped before looking at the main clause: they link to the previous
 * sentence but do not make the clause after them unreadable ("However, we show…" reads fine).
 */
const CONNECTIVE =
  /^(?:however|moreover|furthermore|in addition|additionally|besides|also|thus|hence|therefore|consequently|as a result|as such|then|next|finally|first(?:ly)?|second(?:ly)?|third(?:ly)?|lastly|specifically|in particular|particularly|notably|importantly|more importantly|interestingly|more interestingly|surprisingly|remarkably|crucially|overall|in summary|in conclusion|in short|in practice|in contrast|by contrast|on the other hand|instead|similarly|likewise|meanwhile|nevertheless|nonetheless|still|yet|accordingly|for example|for instance|in other words|here|together|further|empirically|theoretically|experimentally|concretely|intuitively|in turn|more specifically|more precisely|to this end|to that end|in this way|in doing so|by doing so|to do so)(?:\s*,\s*|\s+)/i;
/**
 * A framing phrase up to a comma, stripped too: a prepositional or participial phrase of at most
 * {@link MAX_FRAME_WORDS} words ("To address this limitation, …", "Building on this insight, …",
 * "Under an 8-GPU setup, …"). What it refers to does not matter; the clause after it does.
 */
const FRAME = /^((?:to|in|on|for|with|without|under|at|by|from|through|via|within|across|beyond|unlike|despite|after|before|during|upon|using|given|compared|based|building|leveraging|inspired|motivated|following|guided|drawing|starting|taking|exploiting|combining|[a-z]+ing|[a-z]+ed)\b[^,;:]*?),\s+/i;
/** Longest framing phrase that is stripped; a longer one is a clause of its own. */
const MAX_FRAME_WORDS = 20;

/** The sentence from the start of its main clause: without list marker, connectives and one framing phrase. */
export function mainClause(text: string): string {
  const clause = stripConnectives(text.trim().replace(LEADING_ENUMERATOR, ''));
  const frame = FRAME.exec(clause);
  return frame && frame[1]!.split(/\s+/).length <= MAX_FRAME_WORDS ? stripConnectives(clause.slice(frame[0].length)) : clause;
}

function stripConnectives(clause: string): string {
  for (let connective = CONNECTIVE.exec(clause); connective && connective[0].length < clause.length; connective = CONNECTIVE.exec(clause)) {
    clause = clause.slice(connective[0].length);
  }
  return clause;
}
