import { sourceRef } from '../answer/answer.js';
import type { Paper } from '../corpus/paper.js';
import { analyze, analyzeTerms } from '../nlp/analyzer.js';
import { splitSentences } from '../nlp/sentences.js';
import { hasFilters, type PaperFilters } from '../query/filters.js';
import { applyFilters, type FilteredPapers, type FilterTerms } from '../search/apply-filters.js';
import type { PaperIndex } from '../search/paper-index.js';
import { shorten } from '../commands/snippet.js';
import { buildProfile, describeProfile, hasFeedback, rerankByProfile, type ChannelFeedback, type ProfileSummary } from './channel-profile.js';
import type { DigestItem } from './digest-types.js';

/** Longest gist, in characters. */
export const MAX_GIST_CHARS = 300;

/** Papers a topic search considers for a digest (all that match, in practice). */
const TOPIC_CANDIDATES = 1_000;

/** A sentence that states what the paper does ("We propose …", "This paper introduces …"). */
const CONTRIBUTION = /\b(we|this (paper|work))\b[^.]*\b(propose|present|introduce|develop|show|study|design|demonstrate)/i;

/** Newest first: full ISO date, then upvotes; corpus order breaks ties (stable). */
function newerFirst(a: Paper, b: Paper): number {
  return (b.published ?? '').localeCompare(a.published ?? '') || (b.upvotes ?? 0) - (a.upvotes ?? 0);
}

/** A digest topic's filters said in words (see `parseFilters`), and how excluded words are matched. */
export interface TopicFilter {
  filters: PaperFilters;
  /** The topic without its filter words: what is ranked ('' when the topic was only filters). */
  rest: string;
  terms: FilterTerms;
}

/**
 * Picks a digest's papers: those not yet posted to the channel, ranked by relevance to the
 * topic when there is one (papers that do not match the topic are left out), else newest and
 * most upvoted; with a topic's filters (`filter`), only the papers they keep, ranked by the
 * topic's other words (or newest first when it had none), in the order they ask for ("most
 * upvoted"); then, when the channel has voted, re-ranked by its profile (see
 * {@link rerankByProfile}). Posted papers are left out before the profile re-ranks, so a paper
 * is never sent to a channel twice whatever its votes say.
 */
export function selectDigestPapers(
  index: PaperIndex,
  posted: ReadonlySet<string>,
  count: number,
  topic?: string,
  feedback?: ChannelFeedback,
  filter?: TopicFilter,
): Paper[] {
  if (count <= 0) return [];
  const candidates = topicCandidates(index, topic, filter).papers.filter((paper) => !posted.has(paper.id));
  if (!hasFeedback(feedback)) return candidates.slice(0, count);
  return rerankByProfile(candidates, buildProfile(feedback, index), index).slice(0, count);
}

/**
 * Every paper a topic lets into a digest, best first, and what the corpus could not tell about
 * its filters ("dates known for 25 of 231 papers; 3 match"): the topic's matches (or, without
 * topic words, the corpus newest first), filtered and sorted as its filters say.
 */
export function topicCandidates(index: PaperIndex, topic?: string, filter?: TopicFilter): FilteredPapers {
  const filtered = filter && hasFilters(filter.filters) ? filter : undefined;
  const words = filtered ? filtered.rest : topic;
  // A filter may leave out any number of the best matches: then the whole ranking is filtered.
  const ranked = words
    ? index.search(words, { limit: filtered ? Math.max(index.size, 1) : TOPIC_CANDIDATES }).hits.map((hit) => hit.paper)
    : [...index.all()].sort(newerFirst);
  return filtered ? applyFilters(ranked, filtered.filters, filtered.terms) : { papers: ranked, notes: [] };
}

/** A channel's profile as words: its strongest liked and disliked terms (`digest why`). */
export function summarizeProfile(index: PaperIndex, feedback: ChannelFeedback, limit?: number): ProfileSummary {
  const profile = buildProfile(feedback, index);
  // The surface word each term is most often written as in the voted papers.
  const counts = new Map<string, Map<string, number>>();
  for (const id of [...feedback.liked, ...feedback.disliked]) {
    const paper = index.get(id);
    if (!paper) continue;
    for (const { term, word } of analyze(`${paper.title}. ${paper.abstract}`)) {
      const forms = counts.get(term) ?? new Map<string, number>();
      forms.set(word, (forms.get(word) ?? 0) + 1);
      counts.set(term, forms);
    }
  }
  const wordOf = (term: string) => {
    const forms = [...(counts.get(term) ?? [])].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return forms[0]?.[0] ?? term;
  };
  return describeProfile(profile, feedback, wordOf, limit);
}

/**
 * The gist of a paper: the first sentence stating its contribution, else (with a topic) the
 * sentence sharing most words with the topic, else the first sentence; shortened.
 */
export function gistOf(paper: Paper, topic?: string): string {
  const sentences = splitSentences(paper.abstract);
  let gist = sentences.find((sentence) => CONTRIBUTION.test(sentence));
  if (!gist && topic) {
    const terms = new Set(analyzeTerms(topic));
    let best = 0;
    for (const sentence of sentences) {
      const shared = analyzeTerms(sentence).filter((term) => terms.has(term)).length;
      if (shared > best) {
        best = shared;
        gist = sentence;
      }
    }
  }
  return shorten(gist ?? sentences[0] ?? paper.abstract, MAX_GIST_CHARS);
}

/** Digest entries for papers, numbered from 1. */
export function digestItems(papers: readonly Paper[], topic?: string): DigestItem[] {
  return papers.map((paper, i) => ({ ...sourceRef(i + 1, paper), gist: gistOf(paper, topic) }));
}
