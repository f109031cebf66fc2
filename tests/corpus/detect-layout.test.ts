import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectLayout } from '../../src/corpus/detect-layout.js';
import { abstractAbout, DAILY_SEED, SEARCH_SEED, SEEDS_DIR } from './corpus-fixtures.js';

describe('detectLayout', () => {
  it('tells the two seed pages apart by content', async () => {
    expect(detectLayout(await readFile(join(SEEDS_DIR, DAILY_SEED), 'utf8'))).toBe('hf-daily');
    expect(detectLayout(await readFile(join(SEEDS_DIR, SEARCH_SEED), 'utf8'))).toBe('hf-search');
  });

  it('calls a blank-line separated page daily even without any meta block', () => {
    expect(detectLayout(['Daily Papers', '', 'A Title', '', abstractAbout('a'), '', 'B Title', '', abstractAbout('b')].join('\n'))).toBe(
      'hf-daily',
    );
  });

  it('calls a page with author lines daily even without blank lines', () => {
    expect(detectLayout(['A Title', abstractAbout('a'), '• 3 authors', '·', 'Jul 31'].join('\n'))).toBe('hf-daily');
  });

  it('calls alternating title and abstract lines search results, a stray blank line or not', () => {
    const lines = ['Subscribe', 'A Title', abstractAbout('a'), 'B Title', abstractAbout('b'), '', 'C Title', abstractAbout('c')];
    expect(detectLayout(lines.join('\n'))).toBe('hf-search');
    expect(detectLayout(lines.join('\r\n'))).toBe('hf-search');
  });

  it('is unknown for text without any abstract-like line', () => {
    expect(detectLayout('')).toBe('unknown');
    expect(detectLayout('Title one\nTitle two\n')).toBe('unknown');
  });
});
