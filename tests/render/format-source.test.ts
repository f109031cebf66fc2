import { describe, expect, it } from 'vitest';
import { formatDate, primaryLink, sourceFacts } from '../../src/render/format-source.js';
import { source } from '../helpers/sources.js';

describe('formatDate', () => {
  it('formats an ISO date as "Mon D, YYYY"', () => {
    expect(formatDate({ published: '2024-06-23' })).toBe('Jun 23, 2024');
    expect(formatDate({ published: '2023-01-05' })).toBe('Jan 5, 2023');
    expect(formatDate({ published: '2022-12-31' })).toBe('Dec 31, 2022');
  });

  it('prefers the ISO date to the printed date text', () => {
    expect(formatDate({ published: '2024-06-23', dateText: 'Jun 23' })).toBe('Jun 23, 2024');
  });

  it('keeps the printed date text when there is no ISO date', () => {
    expect(formatDate({ dateText: 'Jul 31' })).toBe('Jul 31');
  });

  it('returns a partial date as given, and undefined when nothing is known', () => {
    expect(formatDate({ published: '2024-06' })).toBe('2024-06');
    expect(formatDate({})).toBeUndefined();
  });
});

describe('sourceFacts', () => {
  it('lists date, authors and upvotes, in that order', () => {
    expect(sourceFacts(source(1, 'a', 'A', { published: '2024-06-23', authors: ['X'], upvotes: 2 }))).toEqual(['Jun 23, 2024', 'X', '2 upvotes']);
  });

  it('names up to three authors, else the first "et al."', () => {
    expect(sourceFacts(source(1, 'a', 'A', { authors: ['X', 'Y', 'Z'] }))).toEqual(['X, Y, Z']);
    expect(sourceFacts(source(1, 'a', 'A', { authors: ['X', 'Y', 'Z', 'W'] }))).toEqual(['X et al.']);
  });

  it('counts authors when only their number is known, in singular and plural', () => {
    expect(sourceFacts(source(1, 'a', 'A', { authorCount: 1 }))).toEqual(['1 author']);
    expect(sourceFacts(source(1, 'a', 'A', { authorCount: 4 }))).toEqual(['4 authors']);
    expect(sourceFacts(source(1, 'a', 'A', { authors: [], authorCount: 2 }))).toEqual(['2 authors']);
  });

  it('says "upvote" for one and "upvotes" otherwise, including zero', () => {
    expect(sourceFacts(source(1, 'a', 'A', { upvotes: 1 }))).toEqual(['1 upvote']);
    expect(sourceFacts(source(1, 'a', 'A', { upvotes: 0 }))).toEqual(['0 upvotes']);
  });

  it('uses the printed date text, and is empty when nothing is known', () => {
    expect(sourceFacts(source(1, 'a', 'A', { dateText: 'Jul 31' }))).toEqual(['Jul 31']);
    expect(sourceFacts(source(1, 'a', 'A'))).toEqual([]);
  });
});

describe('primaryLink', () => {
  it('is the paper page, else the code, else the first link, else undefined', () => {
    const project = { kind: 'project' as const, url: 'https://p.example' };
    const github = { kind: 'github' as const, url: 'https://github.com/x/y' };
    const paper = { kind: 'paper' as const, url: 'https://arxiv.org/abs/1' };
    expect(primaryLink(source(1, 'a', 'A', { links: [project, github, paper] }))).toBe(paper.url);
    expect(primaryLink(source(1, 'a', 'A', { links: [project, github] }))).toBe(github.url);
    expect(primaryLink(source(1, 'a', 'A', { links: [project] }))).toBe(project.url);
    expect(primaryLink(source(1, 'a', 'A'))).toBeUndefined();
  });
});
