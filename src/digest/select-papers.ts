import { sourceRef } from '../answer/answer.js';
import type { Paper } from '../corpus/paper.js';
import { analyzeTerms } from '../nlp/analyzer.js';
import { splitSentences } from '../nlp/sentences.js';
import type { PaperIndex } from '../search/paper-index.js';
import { shorten } from '../commands/snippet.js';
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

/**
 * Picks a digest's papers: those not yet posted to the channel, ranked by relevance to the
 * topic when there is one (papers that do not match the topic are left out), then newest and
 * most upvoted.
 */
export function selectDigestPapers(index: PaperIndex, posted: ReadonlySet<string>, count: number, topic?: string): Paper[] {
  if (count <= 0) return [];
  if (topic) {
    return index
      .search(topic, { limit: TOPIC_CANDIDATES })
      .hits.map((hit) => hit.paper)
      .filter((paper) => !posted.has(paper.id))
      .slice(0, count);
  }
  return [...index.all()]
    .filter((paper) => !posted.has(paper.id))
    .sort(newerFirst)
    .slice(0, count);
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
