import { it } from 'vitest';
import { analyze } from '../../src/nlp/analyzer.js';
import { extractKeywords } from '../../src/nlp/keywords.js';
it('explore', async () => {
  for (const q of ['which papers speed up diffusion sampling?', 'distillation for one-step image generation', 'text-to-3D generation', 'state-of-the-art diffusion', 'diffusion papers on sampling', 'how can I edit an image with a diffusion model?', 'any work on U-Net?', 'Is there any work on Label Smoothing?', 'one-step one-step']) console.log(q, JSON.stringify(extractKeywords(q).phrases));
  console.log(JSON.stringify(analyze('U-Net backbone')), JSON.stringify(analyze('one-step generation')));
});
