/**
 * Filters said in plain words ("diffusion with code since 2024, newest first"): parsed out of a
 * question so the rest is ranked as before. Pure: the clock comes in as `now`, author names
 * through a callback, so the parser is tested without a corpus or a real date.
 *
 * Conservative on purpose: a phrase is a filter only in a shape that cannot be a topic. A date
 * needs a year or a calendar word ("since the introduction of DDPM" is left alone); "with code"
 * must end a clause ("code generation with diffusion", "with code generation" are topics);
 * "by X" / "from X" needs X to be a known author ("by distillation", "from scratch" are left
 * alone); exclusions follow the rule in {@link EXCLUSION_RULE}.
 */

/** How a filtered list is ordered. */
export type FilterSort = 'relevance' | 'date' | 'upvotes';

/** Filters on a list of papers: plain data (it crosses to worker threads and into `--json`). */
export interface PaperFilters {
  /** Earliest publication date, ISO `YYYY-MM-DD`, inclusive. */
  since?: string;
  /** Latest publication date, ISO `YYYY-MM-DD`, inclusive. */
  until?: string;
  /** Only papers with a code link (GitHub). */
  withCode?: boolean;
  /** Only papers with one of these authors (names as typed; matched case-insensitively). */
  authors?: string[];
  /** Leave out papers holding any of these words (analyzed when applied). */
  exclude?: string[];
  /** Order of the list. Default `relevance`. */
  sort?: FilterSort;
}

/** What {@link parseFilters} found. */
export interface ParsedFilters {
  filters: PaperFilters;
  /** The question without the filter words: what is ranked. */
  rest: string;
  /** What was understood, for display ("since 2024-01-01", "with code", "newest first"). */
  understood: string[];
}

/** What {@link parseFilters} needs from outside. */
export interface FilterContext {
  /** Milliseconds since the epoch: relative dates ("this week") count back from here. */
  now: number;
  /** Whether a name is an author of some paper; without it, "by X" is never a filter. */
  isAuthor?: (name: string) => boolean;
  /**
   * The text is a topic (a digest's), not a question: "not X" may open it ("not video": every
   * paper but video ones). In a question a leading "not" is chat ("not sure, …"). Default false.
   */
  topic?: boolean;
}

/**
 * The exclusion rule, for the docs: "not X" / "without X" / "excluding X" / "except X" excludes
 * the single word X only when X ends the question or its clause (a comma, or another filter
 * follows). "not X" also needs no question verb before it ("why do models not converge" is a
 * question, not a filter), and "without X" is left alone when X is something a method does
 * without (labels, supervision, training, …: "training without labels" is a topic).
 */
export const EXCLUSION_RULE = 'not/without/excluding X: X one word ending the clause; not after a question verb; without + method word is a topic';

/** Words a method "does without": "without X" with these is a topic, not an exclusion. */
const METHOD_WORDS = new Set([
  'labels', 'label', 'labeled', 'labelled', 'supervision', 'annotations', 'annotation', 'training', 'retraining', 'finetuning',
  'fine-tuning', 'tuning', 'pretraining', 'data', 'paired', 'pairs', 'gradients', 'backpropagation', 'flicker', 'artifacts',
  'artefacts', 'forgetting', 'loss', 'replay', 'attention', 'tokenization', 'guidance', 'retrieval', 'labeling', 'labelling',
]);

/** Words that make "not" part of a question ("why does it not …", "is it not …"). */
const QUESTION_VERBS = /\b(?:do|does|did|is|are|was|were|can|could|should|would|will|has|have|had|may|might|must|why|how|when|whether)\b/i;

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6, jul: 7, july: 7,
  aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};
const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
/** A calendar date with a year: "2024", "March 2024", "2024-03", "2024-03-15". */
const DATE = `(?:${MONTH}\\s+)?(?:19|20)\\d\\d(?:-\\d\\d(?:-\\d\\d)?)?`;
const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12 };
const NUMBER = `(?:\\d{1,3}|${Object.keys(NUMBER_WORDS).join('|')})`;
/** What may follow a clause-ending filter ("with code", "not video"): the end, punctuation, or another filter. */
const CLAUSE_END = '(?=\\s*$|\\s*[,.;:?!)]|\\s+(?:and|or|but|since|from|by|in|before|after|until|during|over|within|this|last|past|not|without|excluding|except|sorted|newest|latest|most|only|please|that|which|published)\\b)';

/** A span of a calendar date: its first and last day. */
export interface DateSpan {
  first: string;
  last: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number): string => `${y}-${pad(m)}-${pad(d)}`;
const daysIn = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The span a date names ("2024", "2024-03", "2024-03-15", "March 2024"): its first and last day; undefined when it is no date. */
export function dateSpan(text: string): DateSpan | undefined {
  const m = new RegExp(`^(?:(${MONTH})\\s+)?((?:19|20)\\d\\d)(?:-(\\d\\d)(?:-(\\d\\d))?)?$`, 'i').exec(text.trim());
  if (!m) return undefined;
  const year = Number(m[2]);
  const month = m[1] ? MONTHS[m[1].toLowerCase()] : m[3] ? Number(m[3]) : undefined;
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  if (m[4] && month !== undefined) {
    const day = Number(m[4]);
    if (day < 1 || day > daysIn(year, month)) return undefined;
    return { first: iso(year, month, day), last: iso(year, month, day) };
  }
  if (month !== undefined) return { first: iso(year, month, 1), last: iso(year, month, daysIn(year, month)) };
  return { first: iso(year, 1, 1), last: iso(year, 12, 31) };
}

const dayAfter = (date: string): string => shiftDays(date, 1);
const dayBefore = (date: string): string => shiftDays(date, -1);
function shiftDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The day `count` units before `now` (calendar months and years, clamped to the month's end). */
function unitsBefore(now: number, unit: string, count: number): string {
  const d = new Date(now);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  if (unit === 'day') return shiftDays(iso(y, m, day), -count);
  if (unit === 'week') return shiftDays(iso(y, m, day), -7 * count);
  const months = unit === 'year' ? 12 * count : count;
  const total = y * 12 + (m - 1) - months;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  return iso(ty, tm, Math.min(day, daysIn(ty, tm)));
}

/** The first day of the current calendar unit ("this week" starts on Monday). */
function startOfThis(now: number, unit: string): string {
  const d = new Date(now);
  const today = iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  if (unit === 'day') return today;
  if (unit === 'week') return shiftDays(today, -((d.getUTCDay() + 6) % 7));
  if (unit === 'month') return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return iso(d.getUTCFullYear(), 1, 1);
}

/** One rule: a pattern, and what a match means (undefined: leave the words alone). */
interface Rule {
  pattern: RegExp;
  apply(match: RegExpExecArray, filters: PaperFilters, context: FilterContext, before: string): boolean;
}

function setDates(filters: PaperFilters, since: string | undefined, until: string | undefined): boolean {
  if (since) filters.since = filters.since && filters.since > since ? filters.since : since;
  if (until) filters.until = filters.until && filters.until < until ? filters.until : until;
  return true;
}

function addTo(list: string[] | undefined, value: string): string[] {
  const out = list ?? [];
  if (!out.some((v) => v.toLowerCase() === value.toLowerCase())) out.push(value);
  return out;
}

const RULES: Rule[] = [
  // "from 2022 to 2023", "between March 2023 and June 2024"
  {
    pattern: new RegExp(`\\b(?:published\\s+)?(?:from|between)\\s+(${DATE})\\s+(?:to|and|until|till|through)\\s+(${DATE})\\b`, 'gi'),
    apply(m, filters) {
      const a = dateSpan(m[1]!);
      const b = dateSpan(m[2]!);
      return !!a && !!b && setDates(filters, a.first, b.last);
    },
  },
  // "since 2024", "after March 2024", "before 2023", "in 2023", "until 2024-06"
  {
    pattern: new RegExp(`\\b(?:published\\s+)?(since|from|after|before|until|till|in|during)\\s+(${DATE})\\b(?:\\s+(?:on(?:wards?)?|and\\s+later))?`, 'gi'),
    apply(m, filters) {
      const span = dateSpan(m[2]!);
      if (!span) return false;
      switch (m[1]!.toLowerCase()) {
        case 'since':
        case 'from':
          return setDates(filters, span.first, undefined);
        case 'after':
          return setDates(filters, dayAfter(span.last), undefined);
        case 'before':
          return setDates(filters, undefined, dayBefore(span.first));
        case 'until':
        case 'till':
          return setDates(filters, undefined, span.last);
        default:
          return setDates(filters, span.first, span.last);
      }
    },
  },
  // "from the last 2 years", "past week", "since last month", "in the past three months"
  {
    pattern: new RegExp(`\\b(?:(?:from|in|during|over|within|since|of)\\s+)?(?:the\\s+)?(?:last|past|previous)\\s+(${NUMBER}\\s+)?(day|week|month|year)s?\\b`, 'gi'),
    apply(m, filters, { now }) {
      const n = m[1] ? m[1].trim().toLowerCase() : '1';
      const count = NUMBER_WORDS[n] ?? Number(n);
      if (!Number.isInteger(count) || count < 1 || count > 100) return false;
      return setDates(filters, unitsBefore(now, m[2]!.toLowerCase(), count), undefined);
    },
  },
  // "this week", "this month", "this year", "today"
  {
    pattern: /\b(?:(?:from|in|during|of)\s+)?(?:this\s+(week|month|year)|(today))\b/gi,
    apply(m, filters, { now }) {
      return setDates(filters, startOfThis(now, m[1] ? m[1].toLowerCase() : 'day'), undefined);
    },
  },
  // "with code", "that have a GitHub repo", "with a repo", "has code", "with code available"
  {
    pattern: new RegExp(
      `(?:,\\s*)?\\b(?:(?:that|which|who)\\s+)?(?:with|has|have|having)\\s+(?:(?:a|an|some|public|open|released|available)\\s+)*(?:github\\s+(?:code|repo|repository|link)|code|repo|repository|implementation|source\\s+code)(?:\\s+(?:available|released|on\\s+github))?${CLAUSE_END}`,
      'gi',
    ),
    apply(_m, filters) {
      filters.withCode = true;
      return true;
    },
  },
  // "most upvoted", "popular", "by upvotes"
  {
    pattern: /(?:,\s*)?\b(?:sorted\s+by\s+upvotes|by\s+upvotes|most\s+upvoted|most\s+popular|top\s+voted|highest\s+voted|most\s+liked|upvoted|popular)\b/gi,
    apply(_m, filters) {
      filters.sort = 'upvotes';
      return true;
    },
  },
  // "newest first", "most recent", "latest", "newest", "recent"
  {
    pattern: /(?:,\s*)?\b(?:sorted\s+by\s+date|by\s+date|newest\s+first|latest\s+first|most\s+recent|latest|newest|recent)\b/gi,
    apply(_m, filters) {
      filters.sort = 'date';
      return true;
    },
  },
  // "by Song", "from Yang Song" (known authors only)
  {
    pattern: /\b(?:by|from)\s+([A-Za-z][\w'’.-]*(?:\s+[A-Za-z][\w'’.-]*){0,2})/g,
    apply(m, filters, { isAuthor }, _before) {
      if (!isAuthor) return false;
      // Longest known name first: "by Yang Song on diffusion" takes "Yang Song".
      const words = m[1]!.split(/\s+/);
      for (let n = words.length; n >= 1; n--) {
        const name = words.slice(0, n).join(' ');
        if (/^(?:the|a|an|this|that|these|those|scratch|way|date)$/i.test(words[0]!)) return false;
        if (isAuthor(name)) {
          filters.authors = addTo(filters.authors, name);
          m[0] = m[0].slice(0, m[0].indexOf(words[0]!)) + name;
          return true;
        }
      }
      return false;
    },
  },
  // "not video", "without distillation", "excluding GANs"
  {
    pattern: new RegExp(`(?:,\\s*)?\\b(?:(?:but|and)\\s+)?(not|without|excluding|except)\\s+([a-z][\\w-]*)${CLAUSE_END}`, 'gi'),
    apply(m, filters, context, before) {
      const word = m[2]!;
      const kind = m[1]!.toLowerCase();
      if (kind === 'not') {
        // Only the clause before "not" counts: "why do models not converge" is a question.
        const clause = before.split(/[,;:]/).pop() ?? '';
        if (QUESTION_VERBS.test(clause) || (!clause.trim() && !context.topic)) return false;
      }
      if (kind === 'without' && METHOD_WORDS.has(word.toLowerCase())) return false;
      if (/^(?:the|a|an|only|just|all|any|more|much|so|very|yet|even|too)$/i.test(word)) return false;
      filters.exclude = addTo(filters.exclude, word.toLowerCase());
      return true;
    },
  },
];

/** Words left dangling at the edges once filters are cut out. */
const DANGLING = /^(?:\s|,|;|and\b|or\b|but\b|that\b|which\b|only\b|please\b|published\b)+|(?:\s|,|;|and\b|or\b|but\b|that\b|which\b|only\b|please\b|published\b|first\b)+$/gi;

/**
 * Parses filters out of a question. The question without them is `rest`; when no words are left
 * (the question was only filters), `rest` is empty.
 */
export function parseFilters(question: string, context: FilterContext): ParsedFilters {
  const filters: PaperFilters = {};
  let text = question;
  for (const rule of RULES) {
    let out = '';
    let last = 0;
    rule.pattern.lastIndex = 0;
    for (let m = rule.pattern.exec(text); m; m = rule.pattern.exec(text)) {
      const start = m.index;
      const before = out + text.slice(last, start);
      if (rule.apply(m, filters, context, before)) {
        // The rule may narrow what it took (an author's name, not the words after it).
        out = before + ' ';
        last = start + m[0].length;
        rule.pattern.lastIndex = last;
      } else {
        rule.pattern.lastIndex = start + 1;
      }
    }
    text = out + text.slice(last);
  }
  const rest = text.replace(/\s+/g, ' ').replace(/\s+([,.;?!])/g, '$1').replace(/,(?=[,.?!]|$)/g, '').trim().replace(DANGLING, '').trim();
  return { filters, rest, understood: describeFilters(filters) };
}

/** The filters as short phrases, in a fixed order: dates, code, authors, exclusions, order. */
export function describeFilters(filters: PaperFilters): string[] {
  const out: string[] = [];
  if (filters.since && filters.until) out.push(filters.since === filters.until ? `on ${filters.since}` : `from ${filters.since} to ${filters.until}`);
  else if (filters.since) out.push(`since ${filters.since}`);
  else if (filters.until) out.push(`until ${filters.until}`);
  if (filters.withCode) out.push('with code');
  for (const author of filters.authors ?? []) out.push(`by ${author}`);
  for (const word of filters.exclude ?? []) out.push(`not "${word}"`);
  if (filters.sort === 'date') out.push('newest first');
  if (filters.sort === 'upvotes') out.push('most upvoted first');
  return out;
}

/** Whether any filter is set (a `relevance` sort alone is none). */
export function hasFilters(filters: PaperFilters): boolean {
  return !!(filters.since || filters.until || filters.withCode || filters.authors?.length || filters.exclude?.length || (filters.sort && filters.sort !== 'relevance'));
}
