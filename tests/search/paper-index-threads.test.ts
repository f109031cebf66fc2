import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/index.js';
import { defaultCorpusPath } from '../../src/config/package-root.js';
import { PaperIndex } from '../../src/search/paper-index.js';

describe('PaperIndex.buildInThreads', () => {
  it('builds the same index as build, whatever the threads and batch size', async () => {
    const { papers } = await loadCorpus(defaultCorpusPath());
    const expected = JSON.stringify(PaperIndex.build(papers).toJSON());
    for (const options of [{ threads: 1, batchSize: 7 }, { threads: 3, batchSize: 16 }, { threads: 2 }]) {
      const threaded = await PaperIndex.buildInThreads(papers, {}, options);
      expect(JSON.stringify(threaded.toJSON())).toBe(expected);
    }
  });

  it('keeps the ranking options it was given', async () => {
    const { papers } = await loadCorpus(defaultCorpusPath());
    const threaded = await PaperIndex.buildInThreads(papers.slice(0, 20), { titleWeight: 3, feedback: false }, { threads: 1 });
    expect(threaded.options.titleWeight).toBe(3);
    expect(threaded.options.feedback).toBe(false);
  });

  it('refuses duplicate ids before starting any thread', async () => {
    const { papers } = await loadCorpus(defaultCorpusPath());
    await expect(PaperIndex.buildInThreads([papers[0]!, papers[0]!])).rejects.toThrow(/duplicate paper id/);
  });
});
