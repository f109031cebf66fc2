import { beforeAll, describe, expect, it } from 'vitest';
import { paperChoices } from '../../../adapters/discord/autocomplete.js';
import { loadIndex } from '../../../src/app/load-index.js';
import { LocalIndexService } from '../../../src/app/local-index-service.js';
import { defaultCorpusPath } from '../../../src/config/package-root.js';
import { PaperIndex } from '../../../src/search/paper-index.js';

let index: PaperIndex;
beforeAll(async () => {
  ({ index } = await loadIndex(defaultCorpusPath()));
});

function expectWithinLimits(choices: Array<{ name: string; value: string }>): void {
  expect(choices.length).toBeLessThanOrEqual(25);
  for (const choice of choices) {
    expect(choice.name.length).toBeGreaterThan(0);
    expect(choice.name.length).toBeLessThanOrEqual(100);
    expect(choice.value.length).toBeLessThanOrEqual(100);
    expect(index.get(choice.value), choice.value).toBeDefined();
  }
  expect(new Set(choices.map((c) => c.value)).size).toBe(choices.length);
}

describe('paper autocomplete on the seed corpus', async () => {
  it('offers 25 papers, newest first, before anything is typed', async () => {
    const choices = await paperChoices(new LocalIndexService(index), '');
    expect(choices).toHaveLength(25);
    expectWithinLimits(choices);
  });

  it('matches typed text against titles: title prefixes first, then titles containing it, then ranked hits', async () => {
    const choices = await paperChoices(new LocalIndexService(index), 'parallel sampling');
    expectWithinLimits(choices);
    expect(choices[0]).toEqual({ name: 'Parallel Sampling of Diffusion Models', value: 'parallel-sampling-of-diffusion-ad4669' });
    expect(choices.length).toBe(25);
  });

  it('puts the paper whose id was typed first', async () => {
    const choices = await paperChoices(new LocalIndexService(index), 'dpm-solver-fast-solver-for-5de565');
    expect(choices[0]!.value).toBe('dpm-solver-fast-solver-for-5de565');
    expectWithinLimits(choices);
  });

  it('finds papers by words of the title in any order', async () => {
    const choices = await paperChoices(new LocalIndexService(index), 'models diffusion parallel');
    expect(choices.map((c) => c.value)).toContain('parallel-sampling-of-diffusion-ad4669');
  });

  it('returns nothing for text that matches no paper', async () => {
    expect(await paperChoices(new LocalIndexService(index), 'qqqxxzzzz')).toEqual([]);
  });

  it('shortens titles longer than 100 characters', async () => {
    const long = index.all().filter((p) => p.title.length > 100);
    expect(long.length).toBeGreaterThan(0);
    const choices = await paperChoices(new LocalIndexService(index), long[0]!.id);
    expect(choices[0]!.name.length).toBeLessThanOrEqual(100);
    expect(choices[0]!.name.endsWith('…')).toBe(true);
  });
});

describe('paper autocomplete on unusual papers', async () => {
  it('skips ids over 100 characters, defuses mentions and flattens newlines in names', async () => {
    const paper = (id: string, title: string) => ({ id, title, abstract: 'A paper about diffusion sampling.', links: [], sources: [] });
    const small = PaperIndex.build([paper('x'.repeat(101), 'Diffusion too long an id'), paper('ok', 'Diffusion @everyone\nsecond line')]);
    expect(await paperChoices(new LocalIndexService(small), 'diffusion')).toEqual([{ name: 'Diffusion @\u200beveryone second line', value: 'ok' }]);
  });
});
