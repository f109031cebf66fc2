import { it } from 'vitest';
import { splitSentences } from '../../src/nlp/sentences.js';
import { loadCorpus } from '../../src/corpus/index.js';
it('explore', async () => {
  const papers = (await loadCorpus('seeds')).papers;
  console.log(papers.filter(p => /^(SnapFusion|StableNormal)/.test(p.title)).map(p => p.title));
  console.log(splitSentences('We show the results in Fig. 1 and discuss them. See the appendix.'), splitSentences('Our model beats Stable Diffusion v1.5 with 50 steps. It is fast.'));
});
