import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/nlp/analyzer.js';
import { TokenBatchDecoder, TokenBatchEncoder } from '../../../src/nlp/parallel/token-codec.js';

describe('token batches (analyzed texts between threads)', () => {
  const texts = [
    'Which papers speed up diffusion sampling?',
    'A one-step text-to-image model; the U-Net is distilled (3D, 4K).',
    '',
    'Diffusion sampling, again: diffusion models sample slowly.',
  ];

  it('decode the analyzed tokens exactly as they were encoded, batch after batch', () => {
    const encoder = new TokenBatchEncoder();
    const decoder = new TokenBatchDecoder();
    const analyzed = texts.map((text) => analyze(text));
    const first = encoder.encode(analyzed.slice(0, 2));
    const second = encoder.encode(analyzed.slice(2));
    expect(decoder.decode(first)).toEqual(analyzed.slice(0, 2));
    expect(decoder.decode(second)).toEqual(analyzed.slice(2));
  });

  it('send each string once: a later batch carries only strings not sent before', () => {
    const encoder = new TokenBatchEncoder();
    const first = encoder.encode([analyze('diffusion sampling')]);
    const second = encoder.encode([analyze('diffusion sampling of diffusion models')]);
    expect(first.strings).toContain('diffus');
    expect(second.strings).not.toContain('diffus');
    expect(second.strings).toContain('model');
  });
});
