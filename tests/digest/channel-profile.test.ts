import { describe, expect, it } from 'vitest';
import {
  buildProfile,
  describeProfile,
  DISLIKED_WEIGHT,
  feedbackFromVotes,
  LIKED_WEIGHT,
  profileSimilarity,
  rerankByProfile,
  termVector,
  type ProfileTerms,
} from '../../src/digest/channel-profile.js';

/** Papers as analyzed terms; every term has idf 1 so vectors are plain term counts, normalised. */
const DOCS: Record<string, string[]> = {
  v1: ['video', 'frame'],
  v2: ['video', 'motion'],
  r1: ['robot', 'grasp'],
  r2: ['robot', 'policy'],
  n1: ['2024', 'video'],
};
const index: ProfileTerms = {
  termsOf: (id) => (DOCS[id] ? { title: [], abstract: DOCS[id]! } : undefined),
  idf: () => 1,
};

describe('feedbackFromVotes', () => {
  it('nets each paper’s votes: more 👍 is liked, more 👎 disliked, a tie neither', () => {
    const votes = [
      { paperId: 'a', vote: 1 as const },
      { paperId: 'a', vote: 1 as const },
      { paperId: 'a', vote: -1 as const },
      { paperId: 'b', vote: -1 as const },
      { paperId: 'c', vote: 1 as const },
      { paperId: 'c', vote: -1 as const },
    ];
    expect(feedbackFromVotes(votes)).toEqual({ liked: ['a'], disliked: ['b'] });
  });
});

describe('the Rocchio profile', () => {
  it('is β·mean(liked) − γ·mean(disliked) of unit tf·idf vectors', () => {
    const profile = buildProfile({ liked: ['v1', 'v2'], disliked: ['r1'] }, index);
    const half = 1 / Math.SQRT2;
    expect(profile.get('video')).toBeCloseTo(LIKED_WEIGHT * half);
    expect(profile.get('frame')).toBeCloseTo((LIKED_WEIGHT * half) / 2);
    expect(profile.get('robot')).toBeCloseTo(-DISLIKED_WEIGHT * half);
    expect(profile.has('policy')).toBe(false);
  });

  it('leaves numbers out of paper vectors, and skips voted papers no longer in the corpus', () => {
    expect([...termVector(index.termsOf('n1')!, () => 1).keys()]).toEqual(['video']);
    expect(buildProfile({ liked: ['gone'], disliked: [] }, index).size).toBe(0);
  });

  it('scores papers like the liked ones up and like the disliked ones down', () => {
    const profile = buildProfile({ liked: ['v1'], disliked: ['r1'] }, index);
    const similarity = (id: string) => profileSimilarity(profile, termVector(index.termsOf(id)!, () => 1));
    expect(similarity('v2')).toBeGreaterThan(0);
    expect(similarity('r2')).toBeLessThan(0);
  });
});

describe('rerankByProfile', () => {
  const candidates = ['r2', 'r1', 'v2', 'v1'].map((id) => ({ id }));

  it('keeps the base order without a profile', () => {
    expect(rerankByProfile(candidates, new Map(), index).map((p) => p.id)).toEqual(['r2', 'r1', 'v2', 'v1']);
  });

  it('moves papers like the liked ones ahead of the base order', () => {
    const profile = buildProfile({ liked: ['v1'], disliked: ['r1'] }, index);
    expect(rerankByProfile(candidates, profile, index).map((p) => p.id)).toEqual(['v1', 'v2', 'r2', 'r1']);
  });

  it('with λ = 0 is the base order whatever the votes', () => {
    const profile = buildProfile({ liked: ['v1'], disliked: [] }, index);
    expect(rerankByProfile(candidates, profile, index, 0).map((p) => p.id)).toEqual(['r2', 'r1', 'v2', 'v1']);
  });
});

describe('describeProfile', () => {
  it('lists the strongest liked terms, then the most disliked, as words', () => {
    const feedback = { liked: ['v1', 'v2'], disliked: ['r1'] };
    const summary = describeProfile(buildProfile(feedback, index), feedback, (term) => `${term}s`, 2);
    expect(summary).toEqual({ liked: ['videos', 'frames'], disliked: ['grasps', 'robots'] /* equal weights: alphabetical */, likedPapers: 2, dislikedPapers: 1 });
  });
});
