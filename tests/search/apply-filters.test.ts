import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/corpus/paper.js';
import { applyFilters, hasAuthor, type FilterTerms } from '../../src/search/apply-filters.js';

const paper = (id: string, extra: Partial<Paper> = {}): Paper => ({ id, title: id, abstract: '', links: [], sources: [], ...extra });
// Terms: a paper "holds" its id's words; analysis lowercases and drops a plural "s".
const terms: FilterTerms = { analyze: (word) => [word.toLowerCase().replace(/s$/, '')], holds: (p, term) => p.id.split('-').includes(term) };
const ids = (papers: Paper[]) => papers.map((p) => p.id);

const ranked = [
  paper('a-video', { published: '2023-05-01', upvotes: 3 }),
  paper('b', { published: '2024-02-01', links: [{ kind: 'github', url: 'https://github.com/b/b' }] }),
  paper('c', { upvotes: 10, authors: ['Yang Song'] }),
  paper('d', { published: '2024-01-01', upvotes: 1, links: [{ kind: 'project', url: 'https://d.io' }] }),
];

describe('applyFilters', () => {
  it('keeps the rank order and every paper without filters', () => {
    expect(ids(applyFilters(ranked, {}, terms).papers)).toEqual(['a-video', 'b', 'c', 'd']);
  });

  it('keeps dates in range (inclusive), leaves undated papers out and counts them', () => {
    expect(applyFilters(ranked, { since: '2024-01-01' }, terms)).toEqual({ papers: [ranked[1], ranked[3]], notes: ['dates known for 3 of 4 papers; 2 match'] });
    expect(ids(applyFilters(ranked, { until: '2024-01-01' }, terms).papers)).toEqual(['a-video', 'd']);
  });

  it('says nothing about dates when every candidate has one', () => {
    expect(applyFilters([ranked[0]!, ranked[1]!], { since: '2024-01-01' }, terms).notes).toEqual([]);
  });

  it('takes "with code" as a GitHub link, not a project page', () => {
    expect(ids(applyFilters(ranked, { withCode: true }, terms).papers)).toEqual(['b']);
  });

  it('leaves out papers holding an excluded word in any analyzed form', () => {
    expect(ids(applyFilters(ranked, { exclude: ['Videos'] }, terms).papers)).toEqual(['b', 'c', 'd']);
  });

  it('sorts newest first or most upvoted first, papers without the field last in rank order', () => {
    expect(ids(applyFilters(ranked, { sort: 'date' }, terms).papers)).toEqual(['b', 'd', 'a-video', 'c']);
    const byVotes = applyFilters(ranked, { sort: 'upvotes' }, terms);
    expect(ids(byVotes.papers)).toEqual(['c', 'a-video', 'd', 'b']);
    expect(byVotes.notes).toEqual(['upvotes known for 3 of 4 papers']);
  });

  it('matches authors by full or last name, and counts papers without author names', () => {
    expect(applyFilters(ranked, { authors: ['song'] }, terms)).toEqual({ papers: [ranked[2]], notes: ['authors known for 1 of 4 papers; 1 match'] });
    expect(hasAuthor(ranked[2]!, 'Yang Song')).toBe(true);
    expect(hasAuthor(ranked[2]!, 'ang Song')).toBe(false);
  });
});
