/**
 * Limits on what one corpus record may hold, so that one oversized or hostile record is skipped
 * or clipped (and reported) instead of stopping the whole corpus, and so that the index and the
 * answers never see a field far beyond any real paper's. Real abstracts stay under ~4,000
 * characters (arXiv allows 1,920) and titles under ~250; the limits leave a wide margin.
 */

/**
 * Bytes (UTF-8) of one record: a `.jsonl` line, an element of a `.json` array, or one line of a
 * text listing. A record over it is skipped unread. Default 1 MiB (1,048,576 bytes).
 */
export const MAX_RECORD_BYTES = 1_048_576;

/**
 * Nesting depth of one JSON record (the record object is depth 1, its `authors` list 2). A
 * record nested deeper is skipped before it is parsed or validated. Default 32.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Characters of an abstract (after whitespace is collapsed). A longer one is clipped at the
 * last sentence end before the limit (at a word when no sentence ends in its second half).
 * Default 20,000.
 */
export const MAX_ABSTRACT_CHARS = 20_000;

/** Characters of a title. A longer one is clipped at a word, with `…`. Default 500. */
export const MAX_TITLE_CHARS = 500;

/** Author names of a record. Names past it are dropped. Default 5,000 (large collaborations list ~3,000). */
export const MAX_AUTHORS = 5_000;

/** Characters of one author name. A longer name is clipped at a word, with `…`. Default 200. */
export const MAX_AUTHOR_NAME_CHARS = 200;

/** Characters of a record's own `id`. A longer id is dropped (the id is then derived from the title). Default 200. */
export const MAX_ID_CHARS = 200;

/** Characters of a record's `url`. A longer URL is dropped. Default 2,048. */
export const MAX_URL_CHARS = 2_048;

/** Fields of a record that have a length limit. */
export interface LimitedFields {
  title: string;
  abstract: string;
  id?: string | null | undefined;
  authors?: string[] | number | null | undefined;
  url?: string | null | undefined;
}

/** A field that was over its limit, and what was done about it. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The record with every field within its limit ({@link MAX_TITLE_CHARS} etc.), and a problem
 * per field that was clipped or dropped. The record given is not changed.
 */
export function limitFields<T extends LimitedFields>(record: T): { record: T; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const limited: T = { ...record };
  if (record.title.length > MAX_TITLE_CHARS) {
    limited.title = clipAtWord(record.title, MAX_TITLE_CHARS);
    problems.push({ field: 'title', message: `${chars(record.title.length)}, over the limit of ${MAX_TITLE_CHARS}; clipped` });
  }
  if (record.abstract.length > MAX_ABSTRACT_CHARS) {
    limited.abstract = clipAtSentence(record.abstract, MAX_ABSTRACT_CHARS);
    problems.push({
      field: 'abstract',
      message: `${chars(record.abstract.length)}, over the limit of ${MAX_ABSTRACT_CHARS}; clipped to ${chars(limited.abstract.length)}`,
    });
  }
  if (typeof record.id === 'string' && record.id.length > MAX_ID_CHARS) {
    delete limited.id;
    problems.push({ field: 'id', message: `${chars(record.id.length)}, over the limit of ${MAX_ID_CHARS}; ignored, the id is derived from the title` });
  }
  if (typeof record.url === 'string' && record.url.length > MAX_URL_CHARS) {
    delete limited.url;
    problems.push({ field: 'url', message: `${chars(record.url.length)}, over the limit of ${MAX_URL_CHARS}; ignored` });
  }
  if (Array.isArray(record.authors)) limited.authors = limitAuthors(record.authors, problems);
  return { record: limited, problems };
}

function limitAuthors(authors: readonly string[], problems: FieldProblem[]): string[] {
  const kept = authors.slice(0, MAX_AUTHORS);
  if (authors.length > MAX_AUTHORS) {
    problems.push({ field: 'authors', message: `${authors.length} names, over the limit of ${MAX_AUTHORS}; the rest dropped` });
  }
  return kept.map((name, index) => {
    if (name.length <= MAX_AUTHOR_NAME_CHARS) return name;
    problems.push({ field: `authors.${index}`, message: `${chars(name.length)}, over the limit of ${MAX_AUTHOR_NAME_CHARS}; clipped` });
    return clipAtWord(name, MAX_AUTHOR_NAME_CHARS);
  });
}

/**
 * `text` cut to at most `max` characters after its last sentence end (`.`, `!` or `?` before a
 * space) in that span; at a word with `…` when no sentence ends in the span's second half, as
 * a clipped abstract should still read as whole sentences where it can.
 */
export function clipAtSentence(text: string, max: number): string {
  if (text.length <= max) return text;
  const span = text.slice(0, max + 1);
  let end = -1;
  for (let i = span.length - 2; i >= max / 2; i--) {
    const char = span[i];
    if ((char === '.' || char === '!' || char === '?') && /\s/u.test(span[i + 1]!)) {
      end = i + 1;
      break;
    }
  }
  return end > 0 ? text.slice(0, end) : clipAtWord(text, max);
}

/** `text` cut to at most `max` characters (the `…` included) at a space when there is one in its second half. */
export function clipAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const span = text.slice(0, max);
  const space = span.lastIndexOf(' ');
  let cut = space >= max / 2 ? span.slice(0, space) : span.slice(0, max - 1);
  // Never leave half of a surrogate pair (an emoji, a rare CJK character) at the cut.
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

function chars(n: number): string {
  return `${n} characters`;
}
