import { taggerNlp } from './wink.js';

/**
 * Splits a text into sentences with wink-nlp's sentence boundary detection. Every returned
 * sentence is an exact substring of the text (trimmed), which is what lets answers quote
 * abstracts verbatim; a sentence wink-nlp reconstructed differently is located by a
 * whitespace-tolerant search instead, and dropped if not found.
 */
export function splitSentences(text: string): string[] {
  const doc = taggerNlp().readDoc(text);
  const sentences: string[] = [];
  let from = 0;
  const raw = doc.sentences().out() as string[];
  for (const sentence of raw) {
    const candidate = sentence.trim();
    if (!candidate) continue;
    const at = text.indexOf(candidate, from);
    if (at >= 0) {
      sentences.push(candidate);
      from = at + candidate.length;
      continue;
    }
    const located = locateLoosely(text, candidate, from);
    if (located) {
      sentences.push(located.text);
      from = located.end;
    }
  }
  return sentences;
}

/** Finds `candidate` in `text` allowing any run of whitespace where the candidate has one. */
function locateLoosely(text: string, candidate: string, from: number): { text: string; end: number } | undefined {
  const pattern = candidate
    .split(/\s+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s*');
  const match = new RegExp(pattern, 'g');
  match.lastIndex = from;
  const found = match.exec(text);
  return found ? { text: found[0], end: found.index + found[0].length } : undefined;
}
