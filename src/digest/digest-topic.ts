import type { IndexService } from '../app/index-service.js';
import { parseFilters } from '../query/filters.js';
import { filtersLine } from '../render/format-answer.js';

/**
 * How a digest topic was read: a topic may say filters in plain words ("diffusion with code",
 * "video since 2024", "with code" alone, "not video"), parsed as search parses them
 * (src/query/filters.ts), except that a topic may open with "not X".
 */
export interface TopicReading {
  /** The topic without its filter words: what papers are ranked by ('' when it was only filters). */
  words: string;
  /** The filters understood, as short phrases ("with code", "since 2024-01-01"). */
  filters: string[];
  /** What the corpus cannot tell: "dates known for 25 of 231 papers; 3 match". */
  notes: string[];
  /** Papers of the corpus the topic lets in (sent already or not). */
  matching: number;
}

/**
 * Reads a topic against the corpus (author names checked against it, relative dates counting
 * back from `now`): undefined when there is no topic or it says no filter, so a plain topic is
 * shown as before.
 */
export async function readTopic(index: IndexService, topic: string | undefined, now: number): Promise<TopicReading | undefined> {
  return topic?.trim() ? index.digestTopic(topic, now) : undefined;
}

/**
 * The reading as one line: "topic: diffusion · filters: with code". A topic that was only
 * filters lists the newest papers that pass, and says so ("any topic · filters: with code ·
 * newest first"); a topic no paper passes says that too.
 */
export function describeTopicReading(reading: TopicReading): string {
  const sorted = reading.filters.some((phrase) => phrase === 'newest first' || phrase === 'most upvoted first');
  const filters = reading.words || sorted ? reading.filters : [...reading.filters, 'newest first'];
  const notes = reading.matching === 0 ? [...reading.notes, 'no paper in the corpus passes them yet'] : reading.notes;
  return `${reading.words ? `topic: ${reading.words}` : 'any topic'} · ${filtersLine({ understood: filters, notes })}`;
}

/**
 * A topic's words without its filters, with no corpus at hand (author names stay in): what a
 * digest's gists are picked by. Dates are cut out whatever `now` is.
 */
export function topicWords(topic: string | undefined): string | undefined {
  if (!topic) return undefined;
  return parseFilters(topic, { now: 0, topic: true }).rest || undefined;
}
