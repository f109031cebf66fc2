import { describe, expect, it } from 'vitest';
import { mainClause } from '../../src/answer/main-clause.js';

describe('mainClause', () => {
  it('strips sentence connectives and one framing phrase up to a comma', () => {
    expect(mainClause('However, existing methods are slow.')).toBe('existing methods are slow.');
    expect(mainClause('To address this limitation, we propose Point Straight Flow (PSF).')).toBe('we propose Point Straight Flow (PSF).');
    expect(mainClause('Moreover, to this end, we propose X.')).toBe('we propose X.');
    expect(mainClause('Under an 8 x Nvidia 6000 Ada GPU (48G) setup, our method generates long videos.')).toBe('our method generates long videos.');
    expect(mainClause('(2) One can guide pre-trained diffusion models.')).toBe('One can guide pre-trained diffusion models.');
  });

  it('keeps a sentence that opens with its subject, or with a subordinate clause', () => {
    expect(mainClause('This paper presents a novel framework.')).toBe('This paper presents a novel framework.');
    expect(mainClause('First-order methods converge.')).toBe('First-order methods converge.');
    expect(mainClause('While several works have explored the decoder, its encoder remains unexplored.')).toBe(
      'While several works have explored the decoder, its encoder remains unexplored.',
    );
  });
});
