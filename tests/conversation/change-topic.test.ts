import { describe, expect, it } from 'vitest';
import { changeTopic, TOPIC_FACETS } from '../../src/conversation/change-topic.js';

describe('changeTopic', () => {
  it('replaces the word of the same facet: a modality by a modality', () => {
    expect(changeTopic('papers on image super-resolution', 'video')).toEqual({ question: 'papers on video super-resolution', replaced: 'image' });
  });

  it('replaces inside a hyphenated compound ("text-to-image" → "text-to-video")', () => {
    expect(changeTopic('fast text-to-image generation', 'video').question).toBe('fast text-to-video generation');
  });

  it('replaces a model family by a model family, the longest entry whole', () => {
    expect(changeTopic('which papers use transformers for image generation?', 'GANs')).toEqual({ question: 'which papers use GANs for image generation?', replaced: 'transformers' });
    expect(changeTopic('segmentation of point clouds', 'meshes')).toEqual({ question: 'segmentation of meshes', replaced: 'point clouds' });
  });

  it('adds the topic when the question has no word of its facet, before the question mark', () => {
    expect(changeTopic('which papers speed up diffusion sampling?', 'video')).toEqual({ question: 'which papers speed up diffusion sampling for video?' });
  });

  it('adds a topic of no known facet', () => {
    expect(changeTopic('diffusion distillation', 'robot arms')).toEqual({ question: 'diffusion distillation for robot arms' });
  });

  it('leaves a question that already names the topic as it is', () => {
    expect(changeTopic('video diffusion sampling', 'video')).toEqual({ question: 'video diffusion sampling' });
  });

  it('keeps its facet lexicon lowercase and free of duplicates', () => {
    const all = Object.values(TOPIC_FACETS).flat();
    expect(all.every((entry) => entry === entry.toLowerCase())).toBe(true);
    expect(new Set(all).size).toBe(all.length);
  });
});
