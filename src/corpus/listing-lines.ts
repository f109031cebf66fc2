import { parseListingDate, type ListingDate } from './listing-date.js';

/**
 * Page chrome of the HF paper-listing pages: whole lines that are never a title.
 * Any other unattached short line is chrome too; these are listed so that one standing right
 * before an abstract is not taken for its title, and so one glued to a title can be cut off.
 */
export const CHROME_PHRASES: readonly string[] = [
  'Get trending papers in your email inbox once a day!',
  'Get trending papers in your email inbox!',
  'Subscribe',
  'Daily Papers',
  'byAK and the research community',
  'new',
];

/** Fewest words of an abstract; the longest seed title has 19 words, the shortest abstract 67. */
const MIN_ABSTRACT_WORDS = 30;
/** Characters that make a line an abstract whatever its word count (e.g. text without spaces). */
const MIN_ABSTRACT_CHARS = 300;

/** `• 4 authors` (the bullet may be missing, `author` singular). */
const AUTHORS_LINE = /^(?:[•·*-]\s*)?(\d+)\s+authors?$/iu;
/** The lone `·` between the authors and the date line. */
const SEPARATOR_LINE = /^[·•|-]$/u;

/** One line of a listing page, by what it can be. */
export type ListingLine =
  | { kind: 'blank' }
  | { kind: 'chrome' }
  | { kind: 'abstract'; text: string }
  | { kind: 'authors'; count: number }
  | { kind: 'separator' }
  | { kind: 'date'; date: ListingDate }
  /** A short line: a title if an abstract follows, chrome otherwise. */
  | { kind: 'text'; text: string };

/** Classifies one line of a listing page. */
export function classifyLine(raw: string): ListingLine {
  const text = raw.replace(/\s+/gu, ' ').trim();
  if (text === '') return { kind: 'blank' };
  if (isAbstractLine(text)) return { kind: 'abstract', text };
  if (CHROME_PHRASES.some((phrase) => phrase.toLowerCase() === text.toLowerCase())) return { kind: 'chrome' };
  const authors = AUTHORS_LINE.exec(text);
  if (authors !== null) return { kind: 'authors', count: Number(authors[1]) };
  if (SEPARATOR_LINE.test(text)) return { kind: 'separator' };
  const date = parseListingDate(text);
  if (date !== undefined) return { kind: 'date', date };
  return { kind: 'text', text };
}

/** An abstract is a long prose line; titles are short. */
export function isAbstractLine(line: string): boolean {
  const text = line.trim();
  return text.length >= MIN_ABSTRACT_CHARS || text.split(/\s+/u).length >= MIN_ABSTRACT_WORDS;
}

/**
 * Cuts a chrome phrase glued to the start of a title by the text export:
 * `SubscribeBetter Understanding …` → `Better Understanding …`. Only when a capital or digit
 * follows with no space, so "Subscriber Models" or "Subscribe Now" stay; `new` is too short
 * to tell from a title's own start and is never cut.
 */
export function stripGluedChrome(title: string): string {
  for (const phrase of CHROME_PHRASES) {
    if (phrase.length < 4 || !title.startsWith(phrase)) continue;
    const rest = title.slice(phrase.length);
    if (/^[\p{Lu}\p{N}]/u.test(rest)) return rest.trim();
  }
  return title;
}
