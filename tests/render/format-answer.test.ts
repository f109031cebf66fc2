import { describe, expect, it } from 'vitest';
import { matchedLine, nothingOnLine, orList, searchedForLine } from '../../src/render/format-answer.js';

describe('format-answer', () => {
  it('joins words as "A", "A or B", "A, B or C"', () => {
    expect(orList([])).toBe('');
    expect(orList(['NeRF'])).toBe('NeRF');
    expect(orList(['NeRF', 'RLHF'])).toBe('NeRF or RLHF');
    expect(orList(['NeRF', 'RLHF', 'DPO'])).toBe('NeRF, RLHF or DPO');
  });

  it('words the abstention, "searched for:" and "matched:" lines', () => {
    expect(nothingOnLine(['RLHF'])).toBe('Nothing on RLHF in this corpus.');
    expect(searchedForLine('diffusion sampling')).toBe('searched for: diffusion sampling');
    expect(matchedLine(['diffusion', 'sampling'])).toBe('matched: diffusion, sampling');
  });
});
