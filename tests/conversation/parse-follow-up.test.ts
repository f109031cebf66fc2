import { describe, expect, it } from 'vitest';
import { parseFollowUp, readsAsFollowUp, type FollowUp } from '../../src/conversation/parse-follow-up.js';

/** Each phrasing, and what it must be read as (undefined: not a follow-up; asked as a question or run as a command). */
const TABLE: Array<[string, FollowUp | undefined]> = [
  // Narrowing the last result
  ['only 2024', { kind: 'refine', filters: 'in 2024' }],
  ['only March 2024', { kind: 'refine', filters: 'in March 2024' }],
  ['only 2024 ones', { kind: 'refine', filters: 'in 2024' }],
  ['ok, only 2024 please', { kind: 'refine', filters: 'in 2024' }],
  ['just the ones with code', { kind: 'refine', filters: 'with code' }],
  ['only those since 2023', { kind: 'refine', filters: 'since 2023' }],
  ['only papers by Song', { kind: 'refine', filters: 'by Song' }],
  ['only the ones that have a GitHub repo', { kind: 'refine', filters: 'a GitHub repo' }],
  ['not video', { kind: 'refine', filters: 'not video' }],
  ['but without distillation', { kind: 'refine', filters: 'without distillation' }],
  ['excluding GANs', { kind: 'refine', filters: 'excluding GANs' }],
  // More like a paper
  ['more like 2', { kind: 'like', paper: '2' }],
  ['more like [2]', { kind: 'like', paper: '2' }],
  ['similar to 3', { kind: 'like', paper: '3' }],
  ['papers like the second one', { kind: 'like', paper: '2' }],
  ['show me more like #4', { kind: 'like', paper: '4' }],
  ['like 2', { kind: 'like', paper: '2' }],
  // Changing the topic
  ['what about video?', { kind: 'topic', topic: 'video' }],
  ['how about for 3D?', { kind: 'topic', topic: '3D' }],
  ['and for audio?', { kind: 'topic', topic: 'audio' }],
  ['same for speech', { kind: 'topic', topic: 'speech' }],
  ['what about point clouds', { kind: 'topic', topic: 'point clouds' }],
  ['what about 2023?', { kind: 'topic', topic: '2023' }],
  // Opening a paper
  ['show 3', { kind: 'show', paper: '3' }],
  ['open [3]', { kind: 'show', paper: '3' }],
  ['tell me more about 3', { kind: 'show', paper: '3' }],
  ['details of the third one', { kind: 'show', paper: '3' }],
  ['what is 2?', { kind: 'show', paper: '2' }],
  // Why a paper is there
  ['why 1?', { kind: 'why', paper: '1' }],
  ['why [1]', { kind: 'why', paper: '1' }],
  ['why is 2 there?', { kind: 'why', paper: '2' }],
  ['why did you pick 3?', { kind: 'why', paper: '3' }],
  ['why paper 4', { kind: 'why', paper: '4' }],
  ['and why the 2nd one?', { kind: 'why', paper: '2' }],
  // Dropping the filters
  ['any date', { kind: 'unfilter' }],
  ['drop the filters', { kind: 'unfilter' }],
  ['without filters', { kind: 'unfilter' }],
  // Left alone: questions of their own
  ['why do diffusion models need many sampling steps?', undefined],
  ['what about diffusion models makes sampling slow and expensive?', undefined],
  ['which papers speed up diffusion sampling?', undefined],
  ['show me papers on video generation', undefined],
  ['more', undefined],
  ['papers like DDIM', undefined],
  ['only', undefined],
  ['what is classifier-free guidance?', undefined],
];

describe('parseFollowUp', () => {
  it.each(TABLE)('%j', (text, expected) => {
    expect(parseFollowUp(text)).toEqual(expected);
  });

  it('has at least 40 phrasings in its table, with some it must leave alone', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(40);
    expect(TABLE.filter(([, expected]) => expected === undefined).length).toBeGreaterThanOrEqual(8);
  });

  it('never reads a long line as a follow-up', () => {
    expect(parseFollowUp(`what about ${'video '.repeat(30)}`)).toBeUndefined();
  });
});

describe('readsAsFollowUp (what a thread reply without a mention must look like to be answered)', () => {
  it.each(['only 2024', 'what about video?', 'more like 2', 'show 3', 'why 1?', 'more', '3', '[2]', 'similar 2', 'ok, next', 'with code', 'since 2024', 'newest first', 'any date'])('answers %j', (text) => {
    expect(readsAsFollowUp(text)).toBe(true);
  });
  it.each(['nice paper!', 'I read this one last week', 'thanks', 'which papers speed up diffusion sampling?', 'show me the code', 'why?', 'code please', 'the latest one looks cool'])('leaves %j to the people in the thread', (text) => {
    expect(readsAsFollowUp(text)).toBe(false);
  });
});
