/**
 * What a channel likes, learnt from its 👍/👎 votes on digest papers, as in Rocchio relevance
 * feedback: a term-weight vector pulled towards the papers it liked and pushed away from the
 * ones it disliked. Pure: the index's analyzed terms and idf come in as functions, so this runs
 * wherever the index is (this thread or a worker) and tests need no store.
 */
import type { DocTerms } from '../search/feedback.js';
import type { Vote } from '../store/store.js';

/** Weight of the liked papers' mean vector (Rocchio β). Default 0.75. */
export const LIKED_WEIGHT = 0.75;
/**
 * Weight of the disliked papers' mean vector (Rocchio γ). Default 0.25: smaller than β, as in
 * Rocchio's usual setting, because a 👎 says less about what a channel wants than a 👍 does.
 */
export const DISLIKED_WEIGHT = 0.25;
/**
 * How much the profile counts against the base order (λ): a candidate's score is its base score
 * (1 for the first candidate, falling linearly to 0 for the last) plus λ × its cosine similarity
 * to the profile. Default 3: cosine similarities of abstracts are small (0.1–0.3 for papers on
 * one subject), so with λ = 1 the profile moved papers too little to follow a channel's taste in
 * the learning simulation (tests/digest/digest-learning.test.ts); without votes the order is the
 * base order exactly, whatever λ.
 */
export const PROFILE_WEIGHT = 3;
/** Candidates re-ranked by the profile, the best of the base order (bounds the work on a large corpus). Default 1,000. */
export const PROFILE_CANDIDATES = 1_000;

/** A channel's votes reduced to papers: net positive → liked, net negative → disliked. Plain data (crosses to workers). */
export interface ChannelFeedback {
  liked: string[];
  disliked: string[];
}

/** Term → weight: positive for terms of liked papers, negative for disliked ones. */
export type ChannelProfile = Map<string, number>;

/** What the index gives the profile. */
export interface ProfileTerms {
  termsOf(id: string): DocTerms | undefined;
  idf(term: string): number;
}

/** Sums each paper's votes: a paper most voters liked is liked, and so on; a tie counts as neither. */
export function feedbackFromVotes(votes: readonly Pick<Vote, 'paperId' | 'vote'>[]): ChannelFeedback {
  const net = new Map<string, number>();
  for (const { paperId, vote } of votes) net.set(paperId, (net.get(paperId) ?? 0) + vote);
  const feedback: ChannelFeedback = { liked: [], disliked: [] };
  for (const [id, sum] of net) {
    if (sum > 0) feedback.liked.push(id);
    else if (sum < 0) feedback.disliked.push(id);
  }
  return feedback;
}

export function hasFeedback(feedback: ChannelFeedback | undefined): feedback is ChannelFeedback {
  return feedback !== undefined && feedback.liked.length + feedback.disliked.length > 0;
}

/**
 * A paper as a unit-length tf·idf vector over its analyzed terms; the title counts twice (it is
 * what the paper is about, in few words), numbers are left out (years and sizes say little).
 */
export function termVector(doc: DocTerms, idf: (term: string) => number): Map<string, number> {
  const vector = new Map<string, number>();
  for (const term of [...doc.title, ...doc.title, ...doc.abstract]) {
    if (!/^\d+$/.test(term)) vector.set(term, (vector.get(term) ?? 0) + 1);
  }
  let norm = 0;
  for (const [term, tf] of vector) {
    const weight = tf * idf(term);
    vector.set(term, weight);
    norm += weight * weight;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [term, weight] of vector) vector.set(term, weight / norm);
  return vector;
}

/** β·mean(liked vectors) − γ·mean(disliked vectors); papers not in the corpus any more are skipped. */
export function buildProfile(feedback: ChannelFeedback, index: ProfileTerms): ChannelProfile {
  const profile: ChannelProfile = new Map();
  const add = (ids: readonly string[], weight: number) => {
    const docs = ids.map((id) => index.termsOf(id)).filter((doc) => doc !== undefined);
    for (const doc of docs) {
      for (const [term, value] of termVector(doc, (t) => index.idf(t))) {
        profile.set(term, (profile.get(term) ?? 0) + (weight * value) / docs.length);
      }
    }
  };
  add(feedback.liked, LIKED_WEIGHT);
  add(feedback.disliked, -DISLIKED_WEIGHT);
  return profile;
}

/** Cosine similarity of a paper's vector and the profile (negative when it is like the disliked papers). */
export function profileSimilarity(profile: ChannelProfile, vector: ReadonlyMap<string, number>): number {
  let norm = 0;
  for (const weight of profile.values()) norm += weight * weight;
  if (norm === 0) return 0;
  let dot = 0;
  for (const [term, value] of vector) dot += value * (profile.get(term) ?? 0);
  return dot / Math.sqrt(norm);
}

/**
 * Re-ranks candidates given in their base order (topic relevance, or newest first) by base
 * score + λ·similarity to the profile. Only the first {@link PROFILE_CANDIDATES} are considered;
 * the sort is stable, so equal scores keep the base order. Without a profile, the base order.
 */
export function rerankByProfile<P extends { id: string }>(
  candidates: readonly P[],
  profile: ChannelProfile,
  index: ProfileTerms,
  lambda = PROFILE_WEIGHT,
): P[] {
  if (profile.size === 0) return [...candidates];
  const pool = candidates.slice(0, PROFILE_CANDIDATES);
  const n = pool.length;
  const scored = pool.map((paper, rank) => {
    const doc = index.termsOf(paper.id);
    const similarity = doc ? profileSimilarity(profile, termVector(doc, (t) => index.idf(t))) : 0;
    return { paper, score: (n > 1 ? 1 - rank / (n - 1) : 1) + lambda * similarity };
  });
  return scored.sort((a, b) => b.score - a.score).map((entry) => entry.paper);
}

/** The profile's strongest terms each way, as words (see {@link describeProfile}). */
export interface ProfileSummary {
  liked: string[];
  disliked: string[];
  /** How many papers the channel liked and disliked. */
  likedPapers: number;
  dislikedPapers: number;
}

/**
 * The `limit` terms weighted most up and most down, each shown as the surface word the voted
 * papers use most for it (`words(term)`), since a stem such as "diffus" is not a word users know.
 */
export function describeProfile(
  profile: ChannelProfile,
  feedback: ChannelFeedback,
  words: (term: string) => string,
  limit = 8,
): ProfileSummary {
  // Strongest first each way; equal weights in alphabetical order, so the answer is stable.
  const strongest = (sign: 1 | -1) =>
    [...profile]
      .filter(([, weight]) => weight * sign > 0)
      .sort((a, b) => sign * (b[1] - a[1]) || (a[0] < b[0] ? -1 : 1))
      .slice(0, limit);
  const liked = strongest(1);
  const disliked = strongest(-1);
  return {
    liked: liked.map(([term]) => words(term)),
    disliked: disliked.map(([term]) => words(term)),
    likedPapers: feedback.liked.length,
    dislikedPapers: feedback.disliked.length,
  };
}
