import { loadCorpus } from '../../src/corpus/load-corpus.js';
import type { Paper } from '../../src/corpus/paper.js';
import { PaperIndex } from '../../src/search/paper-index.js';

/** A synced-style paper: what `paperbot sync` records look like once loaded. */
function paper(id: string, title: string, abstract: string, url: string): Paper {
  return { id, title, abstract, url, links: [{ kind: 'paper', url }], sources: [{ file: 'sync-test.jsonl', line: 1 }] };
}

/** Papers the seed corpus lacks, keyed as arXiv and Hugging Face syncs key them (or only linked). */
export const LINKED_PAPERS: readonly Paper[] = [
  paper(
    '2301.12345',
    'Consistency Distillation for One-Step Diffusion Sampling',
    'Diffusion models need many sampling steps. We propose consistency distillation, which turns a pretrained diffusion model into a one-step sampler for fast image generation. Experiments show competitive sample quality.',
    'https://arxiv.org/abs/2301.12345',
  ),
  paper(
    'hf-linked-video-paper-a1b2c3',
    'Temporal Attention for Long Video Diffusion',
    'Long videos are hard to generate. This paper introduces temporal attention blocks that let video diffusion models generate minute-long clips. Our model outperforms prior video generators.',
    'https://huggingface.co/papers/2302.00042',
  ),
  paper(
    'hep-th/9901001',
    'Strings on Curved Backgrounds',
    'We study string propagation on curved backgrounds and derive the one-loop beta functions.',
    'https://arxiv.org/abs/hep-th/9901001',
  ),
];

/** The seed corpus plus {@link LINKED_PAPERS}, indexed. */
export async function linkedIndex(): Promise<PaperIndex> {
  const { papers } = await loadCorpus('seeds');
  return PaperIndex.build([...papers, ...LINKED_PAPERS]);
}
