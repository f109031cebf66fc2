import { describe, expect, it } from 'vitest';
import { acronymKey, findAcronymDefinitions, looksLikeAcronym } from '../../src/query/acronym-definitions.js';

describe('findAcronymDefinitions', () => {
  it('finds "long form (ACR)": the words before the parenthesis whose initials spell the acronym', () => {
    expect(findAcronymDefinitions('We study post-training quantization (PTQ) of diffusion models.')).toEqual([
      { key: 'ptq', short: 'PTQ', long: 'post-training quantization' },
    ]);
  });

  it('takes a plural acronym as its singular key and keeps the long form as written', () => {
    expect(findAcronymDefinitions('Recent large language models (LLMs) write code.')).toEqual([
      { key: 'llm', short: 'LLMs', long: 'large language models' },
    ]);
  });

  it('keeps the long form’s capitals and counts a hyphenated word’s second part as a word start', () => {
    expect(findAcronymDefinitions('We sample with Classifier-Free Guidance (CFG) at scale 7.')).toEqual([
      { key: 'cfg', short: 'CFG', long: 'Classifier-Free Guidance' },
    ]);
  });

  it('matches letters inside words too, as long as the first letter starts a word ("Time Sharing System")', () => {
    expect(findAcronymDefinitions('The Time Sharing System (TSS) was an early operating system.')).toEqual([
      { key: 'tss', short: 'TSS', long: 'Time Sharing System' },
    ]);
  });

  it('finds every definition of a text, in order', () => {
    const text = 'Diffusion models (DMs) and generative adversarial networks (GANs) both make images.';
    expect(findAcronymDefinitions(text)).toEqual([
      { key: 'dm', short: 'DMs', long: 'Diffusion models' },
      { key: 'gan', short: 'GANs', long: 'generative adversarial networks' },
    ]);
  });

  it('ignores a parenthesis that is not an acronym: several words, a year, a list letter, a plain word', () => {
    expect(findAcronymDefinitions('as shown (see below), results from (2023) in cases (a) and (Adam) hold')).toEqual([]);
  });

  it('finds nothing when the words before the parenthesis cannot spell the acronym', () => {
    expect(findAcronymDefinitions('we propose a new method (XYZ) for speed')).toEqual([]);
    // "T2I" has a digit no word before it holds.
    expect(findAcronymDefinitions('text-to-image (T2I) models')).toEqual([]);
  });

  it('never lets a long form span a comma, semicolon, colon or sentence end', () => {
    // Across the comma, "Post" would give the acronym its "P".
    expect(findAcronymDefinitions('Post hoc, we apply quantization (PTQ) to the weights.')).toEqual([]);
    expect(findAcronymDefinitions('Post hoc; we apply quantization (PTQ).')).toEqual([]);
    expect(findAcronymDefinitions('Post hoc: we apply quantization (PTQ).')).toEqual([]);
    expect(findAcronymDefinitions('Prior methods are slow. We apply quantization (PTQ).')).toEqual([]);
  });

  it('finds a definition that follows a comma within its own clause', () => {
    expect(findAcronymDefinitions('We compare to the baseline, post-training quantization (PTQ).')).toEqual([
      { key: 'ptq', short: 'PTQ', long: 'post-training quantization' },
    ]);
  });

  it('finds nothing in a text without parentheses', () => {
    expect(findAcronymDefinitions('post-training quantization of diffusion models')).toEqual([]);
  });
});

describe('acronymKey', () => {
  it('lowercases an acronym', () => {
    expect(acronymKey('PTQ')).toBe('ptq');
    expect(acronymKey('NeRF')).toBe('nerf');
  });

  it('drops a plural "s" after a capital or a digit', () => {
    expect(acronymKey('LLMs')).toBe('llm');
    expect(acronymKey('DMs')).toBe('dm');
    expect(acronymKey('T2Is')).toBe('t2i');
  });

  it('keeps a capital "S" and an "s" after a lowercase letter, which are part of the acronym', () => {
    expect(acronymKey('SDS')).toBe('sds');
    expect(acronymKey('llms')).toBe('llms');
  });
});

describe('looksLikeAcronym', () => {
  it('accepts a word with at least two capitals', () => {
    for (const word of ['PTQ', 'LLMs', 'NeRF', 'DiFull', 'ResNet50']) expect(looksLikeAcronym(word), word).toBe(true);
  });

  it('accepts a short word with a capital and a digit', () => {
    expect(looksLikeAcronym('3D')).toBe(true);
    expect(looksLikeAcronym('T2I')).toBe(true);
  });

  it('rejects plain words, capitalised words, numbers and a long word with one capital and digits', () => {
    for (const word of ['see', 'a', 'Adam', 'Diffusion', '2023', 'ptq', 'Ab1234']) expect(looksLikeAcronym(word), word).toBe(false);
  });
});
