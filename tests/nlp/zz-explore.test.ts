import { it } from 'vitest';
import { analyzeTerms } from '../../src/nlp/analyzer.js';
import { tokenizerNlp } from '../../src/nlp/wink.js';
import { loadCorpus } from '../../src/corpus/index.js';
it('explore', async () => {
  const nlp = tokenizerNlp();
  for (const s of ['3D Gaussian splatting', 'text-to-3D', '2D images', 'GPT-3.5']) { const d = nlp.readDoc(s); console.log(s, d.tokens().out(), d.tokens().out(nlp.its.type), d.tokens().out(nlp.its.precedingSpaces)); }
  const corpus = await loadCorpus('seeds');
  const n = corpus.papers.filter(p => /(^|[\s(])3D\b/.test(p.title + ' ' + p.abstract)).length;
  console.log('papers with standalone 3D', n, analyzeTerms('3D Gaussian splatting'));
});
