import { describe, expect, it } from 'vitest';
import { shorten } from '../../src/commands/snippet.js';

describe('shorten', () => {
  it('returns text that fits unchanged, with whitespace collapsed', () => {
    expect(shorten('  Short   text,\nkept. ', 100)).toBe('Short text, kept.');
    expect(shorten('exactly ten', 11)).toBe('exactly ten');
  });

  it('cuts at a word boundary, drops trailing punctuation and ends in "…", within max characters', () => {
    expect(shorten('Diffusion models, however, are slow to sample from.', 30)).toBe('Diffusion models, however…');
    expect(shorten('one two three four five six seven', 20)).toBe('one two three four…');
  });

  it('cuts a single long word hard when there is no space in the second half', () => {
    expect(shorten('a'.repeat(50), 10)).toBe(`${'a'.repeat(9)}…`);
    expect(shorten(`ab ${'c'.repeat(50)}`, 10)).toBe(`ab ${'c'.repeat(6)}…`);
  });

  it('never exceeds max, and the kept text is a prefix of the original', () => {
    const text = 'Score-based generative models, while achieving remarkable empirical performance, often suffer from low sampling speed; we fix that. '.repeat(3);
    for (let max = 5; max <= 200; max += 7) {
      const short = shorten(text, max);
      expect(short.length, `max ${max}`).toBeLessThanOrEqual(max);
      expect(short.endsWith('…')).toBe(true);
      expect(text.replace(/\s+/g, ' ').startsWith(short.slice(0, -1)), `max ${max}: ${short}`).toBe(true);
    }
  });
});
