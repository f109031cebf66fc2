import { describe, expect, it } from 'vitest';
import { assembleCorpus } from '../../src/corpus/assemble-corpus.js';
import { parseJsonl } from '../../src/corpus/parse-json-records.js';
import { validateRecord } from '../../src/corpus/record-schema.js';
import { PaperIndex } from '../../src/search/paper-index.js';
import { decodeIndexSnapshot, encodeIndexSnapshot } from '../../src/search/snapshot/paper-index-snapshot.js';

const KEY = 'a'.repeat(64);
const ABSTRACT = 'We propose a method for fast diffusion sampling that distils a teacher into a one-step student model.';

/** A corpus from JSONL records, as the loader assembles one file. */
function corpusOf(records: Array<Record<string, unknown>>) {
  return assembleCorpus([parseJsonl(records.map((r) => JSON.stringify(r)).join('\n'), 'sync-test.jsonl')]);
}

describe("a record's arXiv id", () => {
  it('is kept from an arxivId field, without its version', () => {
    const [paper] = corpusOf([{ id: 'own-1', title: 'A', abstract: ABSTRACT, arxivId: '2301.12345v3' }]).papers;
    expect(paper).toMatchObject({ id: 'own-1', arxivId: '2301.12345' });
  });

  it('is the own id when that is an arXiv id (synced records), whose version is stripped from the id too', () => {
    const { papers } = corpusOf([
      { id: '2301.12345v2', title: 'A', abstract: ABSTRACT },
      { id: 'hep-th/9901001', title: 'B', abstract: ABSTRACT },
    ]);
    expect(papers.map((p) => [p.id, p.arxivId])).toEqual([
      ['2301.12345', '2301.12345'],
      ['hep-th/9901001', 'hep-th/9901001'],
    ]);
  });

  it('comes from an arXiv or Hugging Face papers url', () => {
    const { papers } = corpusOf([
      { title: 'A', abstract: ABSTRACT, url: 'https://huggingface.co/papers/2302.00042' },
      { title: 'B', abstract: ABSTRACT, url: 'https://example.org/paper' },
    ]);
    expect(papers.map((p) => p.arxivId)).toEqual(['2302.00042', undefined]);
  });

  it('is refused when it is not an arXiv id, naming the field', () => {
    expect(validateRecord({ title: 'A', abstract: ABSTRACT, arxivId: 'cvpr-2024-17' })).toEqual({
      problems: [{ field: 'arxivId', message: 'must be an arXiv id such as 2301.12345, got "cvpr-2024-17"' }],
    });
  });
});

describe('deduplicating on the arXiv id', () => {
  it('merges the arXiv and Hugging Face records of one paper, and two versions whose titles differ', () => {
    const { papers, merged } = corpusOf([
      { id: '2301.12345', title: 'One-Step Diffusion', abstract: ABSTRACT, url: 'https://arxiv.org/abs/2301.12345', published: '2023-01-29' },
      { title: 'One-Step Diffusion via Distillation', abstract: ABSTRACT, url: 'https://huggingface.co/papers/2301.12345', upvotes: 12 },
      { id: '2301.12345v2', title: 'One Step Diffusion (revised)', abstract: ABSTRACT },
    ]);
    expect(merged).toBe(2);
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({ id: '2301.12345', arxivId: '2301.12345', title: 'One-Step Diffusion', published: '2023-01-29', upvotes: 12 });
    expect(papers[0]!.links.map((l) => l.url)).toEqual(['https://arxiv.org/abs/2301.12345', 'https://huggingface.co/papers/2301.12345']);
  });

  it('survives an index snapshot', () => {
    const { papers } = corpusOf([{ id: 'own-1', title: 'A', abstract: ABSTRACT, arxivId: '2301.12345' }]);
    const bytes = Buffer.concat(encodeIndexSnapshot(PaperIndex.build(papers), KEY));
    expect(decodeIndexSnapshot(bytes, KEY).index.get('own-1')?.arxivId).toBe('2301.12345');
  });
});
