import { describe, expect, it } from 'vitest';
import { mergeDuplicates } from '../../src/corpus/merge-duplicates.js';
import type { PaperDraft } from '../../src/corpus/paper-draft.js';

function draft(title: string, line: number, extra: Partial<PaperDraft> = {}): PaperDraft {
  return { title, abstract: `Abstract of ${title} at ${line}.`, links: [], sources: [{ file: 'f', line }], ...extra };
}

describe('mergeDuplicates', () => {
  it('keeps distinct titles apart, in order', () => {
    expect(mergeDuplicates([draft('A', 1), draft('B', 2)])).toEqual({ papers: [draft('A', 1), draft('B', 2)], merged: 0 });
  });

  it('merges same normalised titles into the first: its text stays, missing metadata is filled in', () => {
    const { papers, merged } = mergeDuplicates([
      draft('Video-Infinity: Distributed Long Video Generation', 1, { dateText: 'Jun 23', upvotes: 2, links: [{ kind: 'github', url: 'https://github.com/a/b' }] }),
      draft('B', 2),
      draft('video infinity distributed long video generation', 3, {
        ownId: 'vi',
        authorCount: 4,
        published: '2024-06-23',
        upvotes: 9,
        url: 'https://arxiv.org/abs/2406.16260',
        links: [
          { kind: 'paper', url: 'https://arxiv.org/abs/2406.16260' },
          { kind: 'github', url: 'https://github.com/a/b' },
        ],
      }),
    ]);
    expect(merged).toBe(1);
    expect(papers).toEqual([
      {
        title: 'Video-Infinity: Distributed Long Video Generation',
        abstract: 'Abstract of Video-Infinity: Distributed Long Video Generation at 1.',
        ownId: 'vi',
        authorCount: 4,
        published: '2024-06-23',
        upvotes: 2,
        url: 'https://arxiv.org/abs/2406.16260',
        links: [
          { kind: 'github', url: 'https://github.com/a/b' },
          { kind: 'paper', url: 'https://arxiv.org/abs/2406.16260' },
        ],
        sources: [
          { file: 'f', line: 1 },
          { file: 'f', line: 3 },
        ],
      },
      draft('B', 2),
    ]);
  });

  it('keeps the first own id and the first date text', () => {
    const { papers } = mergeDuplicates([draft('A', 1, { ownId: 'a1' }), draft('a', 2, { dateText: 'Jul 31' }), draft('A.', 3, { dateText: 'Aug 1' })]);
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({ ownId: 'a1', dateText: 'Jul 31' });
  });

  it('never merges records whose own ids differ (different papers sharing a title)', () => {
    const { papers, merged } = mergeDuplicates([draft('A', 1, { ownId: 'a1' }), draft('a', 2, { ownId: 'a2' }), draft('A.', 3)]);
    expect(merged).toBe(1);
    expect(papers.map((p) => p.ownId)).toEqual(['a1', 'a2']);
    expect(papers[0]!.sources.map((s) => s.line)).toEqual([1, 3]);
  });

  it('does not change its input', () => {
    const first = draft('A', 1);
    mergeDuplicates([first, draft('A', 2, { upvotes: 1 })]);
    expect(first).toEqual(draft('A', 1));
  });
});
