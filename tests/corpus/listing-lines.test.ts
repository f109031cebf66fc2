import { describe, expect, it } from 'vitest';
import { classifyLine, isAbstractLine, stripGluedChrome } from '../../src/corpus/listing-lines.js';
import { abstractAbout } from './corpus-fixtures.js';

describe('classifyLine', () => {
  it('tells blank lines, page chrome and meta lines', () => {
    expect(classifyLine('   ')).toEqual({ kind: 'blank' });
    expect(classifyLine('Get trending papers in your email inbox!')).toEqual({ kind: 'chrome' });
    expect(classifyLine('byAK and the research community')).toEqual({ kind: 'chrome' });
    expect(classifyLine('  • 4 authors')).toEqual({ kind: 'authors', count: 4 });
    expect(classifyLine('• 1 author')).toEqual({ kind: 'authors', count: 1 });
    expect(classifyLine('·')).toEqual({ kind: 'separator' });
    expect(classifyLine('Jun 23, 2024 2')).toEqual({ kind: 'date', date: { published: '2024-06-23', upvotes: 2 } });
  });

  it('calls long prose an abstract and other short lines text', () => {
    expect(classifyLine(abstractAbout('diffusion')).kind).toBe('abstract');
    expect(classifyLine('  The Principles of  Diffusion Models ')).toEqual({ kind: 'text', text: 'The Principles of Diffusion Models' });
  });
});

describe('isAbstractLine', () => {
  it('needs 30 words or 300 characters', () => {
    expect(isAbstractLine(Array.from({ length: 29 }, () => 'word').join(' '))).toBe(false);
    expect(isAbstractLine(Array.from({ length: 30 }, () => 'word').join(' '))).toBe(true);
    expect(isAbstractLine('x'.repeat(300))).toBe(true);
  });
});

describe('stripGluedChrome', () => {
  it('cuts a chrome phrase glued to the start of a title', () => {
    expect(stripGluedChrome('SubscribeBetter Understanding Differences')).toBe('Better Understanding Differences');
    expect(stripGluedChrome('Get trending papers in your email inbox!3D Gaussians')).toBe('3D Gaussians');
  });

  it('leaves titles that merely start with the same letters', () => {
    expect(stripGluedChrome('Subscriber Churn Prediction')).toBe('Subscriber Churn Prediction');
    expect(stripGluedChrome('Subscribe Now: A Study')).toBe('Subscribe Now: A Study');
    expect(stripGluedChrome('newGAN: A Study')).toBe('newGAN: A Study');
  });
});
