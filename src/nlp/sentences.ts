import { taggerNlp } from './wink.js';

/** Abbreviations after which wink-nlp may wrongly end a sentence ("see Fig. 2", "Smith et al. show"). */
const ABBREVIATION_END = /\b(fig|figs|eq|eqs|sec|secs|tab|no|vs|cf|approx|al|resp|ref|refs|e\.g|i\.e)\.$/i;

/**
 * Splits a text into sentences with wink-nlp's sentence boundary detection, repaired where it
 * cuts inside a sentence: a "sentence" that follows the previous one with no space ("v1." +
 * "5 with 50 steps", "hf." + "co/…"), starts in lower case or with a digit, or follows an
 * abbreviation ("Fig."), is joined back. Every returned sentence is an exact substring of the
 * text (trimmed), which is what lets answers quote abstracts verbatim.
 */
export function splitSentences(text: string): string[] {
  const doc = taggerNlp().readDoc(text);
  const spans: Array<{ start: number; end: number }> = [];
  let from = 0;
  for (const sentence of doc.sentences().out() as string[]) {
    const candidate = sentence.trim();
    if (!candidate) continue;
    const located = locate(text, candidate, from);
    if (!located) continue;
    from = located.end;
    const previous = spans[spans.length - 1];
    if (previous && continuesPrevious(text, previous, located)) previous.end = located.end;
    else spans.push(located);
  }
  return spans.map(({ start, end }) => text.slice(start, end).trim()).filter(Boolean);
}

function continuesPrevious(text: string, previous: { start: number; end: number }, next: { start: number; end: number }): boolean {
  if (next.start === previous.end) return true;
  const first = text[next.start] ?? '';
  if (/[a-z0-9]/.test(first)) return true;
  return ABBREVIATION_END.test(text.slice(previous.start, previous.end));
}

/** Finds a sentence in the text from `from` on: exactly, else allowing any whitespace between its words. */
function locate(text: string, candidate: string, from: number): { start: number; end: number } | undefined {
  const at = text.indexOf(candidate, from);
  if (at >= 0) return { start: at, end: at + candidate.length };
  const pattern = candidate
    .split(/\s+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s*');
  const match = new RegExp(pattern, 'g');
  match.lastIndex = from;
  const found = match.exec(text);
  return found ? { start: found.index, end: found.index + found[0].length } : undefined;
}
