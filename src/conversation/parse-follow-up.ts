/**
 * Follow-ups: short lines that only make sense against the conversation's last result ("only
 * 2024", "more like 2", "what about video?", "show 3", "why 1?"). Pure: this module only reads
 * the shape of the line; what it refers to is resolved by the command layer
 * (src/commands/follow-up.ts), against the session.
 *
 * Conservative like the filter parser: a line is a follow-up only in a shape that a fresh
 * question would not take. "what about video?" is one; "what about diffusion models makes them
 * slow?" is not (a topic is at most {@link MAX_TOPIC_WORDS} words).
 */

import { hasFilters, parseFilters } from '../query/filters.js';

/** A follow-up, as typed; paper numbers are still the numbers users saw. */
export type FollowUp =
  /** Narrow (or re-sort) the last result: `filters` is text the filter parser reads ("in 2024", "with code"). */
  | { kind: 'refine'; filters: string }
  /** The papers most like paper `paper` of the last result. */
  | { kind: 'like'; paper: string }
  /** The last question again with its topic changed to `topic`. */
  | { kind: 'topic'; topic: string }
  /** Paper `paper` of the last result in full. */
  | { kind: 'show'; paper: string }
  /** Why paper `paper` is in the last result: the matched words and the sentence that matched. */
  | { kind: 'why'; paper: string }
  /** The last result again without any filter ("any date", "drop the filters"). */
  | { kind: 'unfilter' };

/** Longest topic of a "what about X?" follow-up, in words; longer lines are questions of their own. */
export const MAX_TOPIC_WORDS = 5;

/** A paper as users point at it: "2", "[2]", "#2", "paper 2", "number 2", "the 2nd", "the second one". */
const PAPER = String.raw`(?:(?:paper|number|no\.?|source|result|item)\s+|#)?\[?(\d{1,3}|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,3}(?:st|nd|rd|th))\]?(?:\s+(?:one|paper))?`;
const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10 };

/** Polite or chatty openers that change nothing ("ok, only 2024", "and show 3", "now why 2?"). */
const OPENER = /^(?:(?:ok(?:ay)?|so|and|now|then|hm+|hmm+|thanks|great|cool|please|pls)\b[\s,!.]*)+/i;

const PATTERNS: Array<{ pattern: RegExp; make(m: RegExpExecArray): FollowUp | undefined }> = [
  // "any date", "all years", "drop the filters", "without filters", "no filters", "all of them"
  {
    pattern: /^(?:(?:at\s+)?any\s+(?:date|time|year)|all\s+(?:dates|years|of\s+them|papers)|(?:drop|remove|clear|reset)\s+(?:the\s+|all\s+)?filters?|without\s+(?:the\s+|any\s+)?filters?|no\s+filters?|unfiltered)$/i,
    make: () => ({ kind: 'unfilter' }),
  },
  // "why 1", "why is 2 there", "why did you pick [3]", "why paper 2 and not 3" is a question (not matched)
  {
    pattern: new RegExp(String.raw`^why\s+(?:(?:is|was|did\s+you\s+(?:pick|choose|cite|list|include|show)|do\s+you\s+(?:cite|list|show))\s+)?(?:the\s+)?${PAPER}(?:\s+(?:there|here|listed|included|cited|relevant|picked|chosen|in\s+there|a\s+match|matching|on\s+the\s+list))?$`, 'i'),
    make: (m) => ({ kind: 'why', paper: paperNumber(m[1]!) }),
  },
  // "more like 2", "similar to [2]", "papers like the second one", "others like 3", "like 2"
  {
    pattern: new RegExp(String.raw`^(?:(?:show\s+(?:me\s+)?|find\s+(?:me\s+)?|give\s+me\s+)?(?:more|papers|others?|anything|something|ones)\s+)?(?:like|similar\s+to)\s+(?:the\s+)?${PAPER}$`, 'i'),
    make: (m) => ({ kind: 'like', paper: paperNumber(m[1]!) }),
  },
  // "show 3", "open [3]", "tell me more about 3", "details of the third one", "expand 2"
  {
    pattern: new RegExp(String.raw`^(?:show(?:\s+me)?|open|expand|details\s+(?:of|on|for)|more\s+(?:on|about)|tell\s+me\s+(?:more\s+)?about|what\s+is|what's)\s+(?:the\s+)?${PAPER}$`, 'i'),
    make: (m) => ({ kind: 'show', paper: paperNumber(m[1]!) }),
  },
  // "only 2024", "just the ones with code", "only those since March 2024", "only papers by Song"
  {
    pattern: /^(?:but\s+)?(?:only|just)\s+(?:(?:the\s+)?(?:ones|those|papers|results|ones?)\s+(?:that\s+(?:are|were|have)\s+|which\s+(?:are|were|have)\s+|published\s+)?)?(.+)$/i,
    make: (m) => ({ kind: 'refine', filters: asFilterText(m[1]!) }),
  },
  // "not video", "but without distillation", "excluding GANs": an exclusion alone narrows the last result
  {
    pattern: /^(?:but\s+)?((?:not|without|excluding|except)\s+[a-z][\w-]*)$/i,
    make: (m) => ({ kind: 'refine', filters: m[1]! }),
  },
  // "what about video?", "how about for 3D", "and for audio?" (the opener "and" is dropped: "for audio?"), "same for speech"
  {
    pattern: /^(?:(?:what|how)\s+about|same\s+(?:for|with|about|on)|and\s+(?:for|with|about|on)|for)\s+(.+)$/i,
    make: (m) => {
      const topic = m[1]!.replace(/^(?:for|in|on|with\s+(?=\w+$)|about)\s+/i, '').trim();
      const words = topic.split(/\s+/);
      if (!topic || words.length > MAX_TOPIC_WORDS) return undefined;
      return { kind: 'topic', topic };
    },
  },
];

/**
 * Reads a line as a follow-up, or returns undefined (then it is a command or a question).
 * Trailing punctuation and chatty openers are ignored; a line over 120 characters never is one.
 *
 * @example
 * parseFollowUp('only 2024')          // → { kind: 'refine', filters: 'in 2024' }
 * parseFollowUp('more like 2')        // → { kind: 'like', paper: '2' }
 * parseFollowUp('what about video?')  // → { kind: 'topic', topic: 'video' }
 * parseFollowUp('why 1?')             // → { kind: 'why', paper: '1' }
 */
export function parseFollowUp(text: string): FollowUp | undefined {
  if (text.length > 120) return undefined;
  const line = text.trim().replace(OPENER, '').replace(/[\s?!.]+$/, '').replace(/\s+/g, ' ').trim();
  if (!line) return undefined;
  for (const { pattern, make } of PATTERNS) {
    const m = pattern.exec(line);
    if (m) return make(m);
  }
  return undefined;
}

/** "2", "[2]", "2nd", "second" → "2". */
function paperNumber(typed: string): string {
  const word = typed.toLowerCase();
  if (ORDINALS[word] !== undefined) return String(ORDINALS[word]);
  return String(Number(word.replace(/(?:st|nd|rd|th)$/, '')));
}

/**
 * Filter words as a follow-up says them, for the filter parser. After "only" (or alone, "what
 * about 2023?"): a bare date ("2024", "March 2024") means within it; "2024 ones" too;
 * "not X" / "without X" alone exclude X. The rest is left for the filter parser as typed.
 */
export function asFilterText(text: string): string {
  const bare = text.replace(/\s+(?:ones|papers|results|please)$/i, '').trim();
  if (/^(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\s+)?(?:19|20)\d\d(?:-\d\d(?:-\d\d)?)?$/i.test(bare)) return `in ${bare}`;
  return bare;
}

/** Commands that refer to the last result by number, or continue it, said alone: "more", "3", "why 2", "similar [1]". */
const NUMBERED_COMMAND = /^(?:more|next|\[?\d{1,3}\]?|(?:show|open|why|similar|like)\s+\[?\d{1,3}\]?)$/i;

/**
 * Whether a line reads as a follow-up or a numbered command, from its shape alone: what a
 * front-end that sees every message of a thread (Slack thread replies without a mention) answers,
 * leaving people's own conversation in the thread alone. "nice paper!" is not; "only 2024",
 * "what about video?", "show 3", "why 1?", "more" are.
 */
export function readsAsFollowUp(text: string): boolean {
  const line = text.trim().replace(OPENER, '').replace(/[\s?!.]+$/, '').trim();
  if (parseFollowUp(text) !== undefined || NUMBERED_COMMAND.test(line)) return true;
  // A line of filters alone ("with code", "since 2024", "newest first"); the date is irrelevant to the shape.
  if (!line || line.length > 120) return false;
  const filters = parseFilters(line, { now: 0 });
  return !filters.rest && hasFilters(filters.filters);
}
