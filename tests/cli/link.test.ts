import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, cliEnv, describeRun, runNode, type ProcessResult } from '../helpers/cli.js';
import { LINKED_PAPERS } from '../helpers/linked-index.js';

let root: string;
let corpus: string;

function paperbot(args: readonly string[]): Promise<ProcessResult> {
  return runNode(['--corpus', corpus, ...args], { cwd: root, env: cliEnv(join(root, 'cache')) });
}

beforeAll(() => {
  buildOnce();
  root = mkdtempSync(join(tmpdir(), 'paperbot-link-'));
  corpus = join(root, 'sync-test.jsonl');
  // Records as `paperbot sync` writes them: keyed by the arXiv id, or (Hugging Face) linked to it.
  const extra = [
    { id: '2303.00001', title: 'Progressive Distillation of Diffusion Samplers', abstract: 'We present progressive distillation, halving the sampling steps of a diffusion model repeatedly.', url: 'https://arxiv.org/abs/2303.00001' },
    { id: '2303.00002', title: 'Fast Diffusion Sampling with Learned Solvers', abstract: 'This paper introduces learned ODE solvers for fast diffusion sampling.', url: 'https://arxiv.org/abs/2303.00002' },
  ];
  const records = [...LINKED_PAPERS.map(({ id, title, abstract, url }) => ({ id, title, abstract, url })), ...extra];
  writeFileSync(corpus, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
}, 300_000);

describe('paperbot link URL', () => {
  it('prints the paper, its gist and the papers most like it; exit 0', async () => {
    const run = await paperbot(['link', 'https://arxiv.org/pdf/2301.12345v2']);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toContain('Consistency Distillation for One-Step Diffusion Sampling');
    expect(run.stdout).toContain('"We propose consistency distillation');
    expect(run.stdout).toContain('Similar papers:');
  });

  it('takes a paper link alone as link (paperbot URL)', async () => {
    const run = await paperbot(['https://huggingface.co/papers/2302.00042']);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toContain('Temporal Attention for Long Video Diffusion');
  });

  it('says when the corpus lacks the paper and prints the sync to run', async () => {
    const run = await paperbot(['link', 'https://arxiv.org/abs/2412.99999']);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toBe('arXiv 2412.99999 is not in the corpus.\nFetch it with: paperbot sync --arxiv-id 2412.99999\n');
  });

  it('refuses a link that names no paper: exit 1, the error on stderr', async () => {
    const run = await paperbot(['link', 'https://example.com/x']);
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.stderr).toContain('url is not an arXiv or Hugging Face paper link');
  });
});
