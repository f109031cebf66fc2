import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, cliEnv, describeRun, runNode, type ProcessResult } from '../helpers/cli.js';

/**
 * The way a pasted link to a missing paper is meant to be followed: `paperbot link URL` names the
 * sync to run, `paperbot sync --arxiv-id ID` fetches the paper by the arXiv API's `id_list` (here
 * a fake arXiv on 127.0.0.1, through `ARXIV_API_URL`), and the link then finds it.
 */

const FEED = readFileSync(new URL('../fixtures/sync/arxiv-id-list.xml', import.meta.url), 'utf8');

/** The fixture's feed holding only the entries whose ids were asked for (as the API answers `id_list`). */
function feedFor(ids: readonly string[]): string {
  const head = FEED.slice(0, FEED.indexOf('  <entry>'));
  const entries = FEED.match(/ {2}<entry>[\s\S]*?<\/entry>\n/gu) ?? [];
  const wanted = entries.filter((entry) => ids.some((id) => entry.includes(`<id>http://arxiv.org/abs/${id}v`)));
  return `${head.replace(/(<opensearch:totalResults[^>]*>)\d+/u, `$1${wanted.length}`)}${wanted.join('')}</feed>\n`;
}

let root: string;
let corpus: string;
let server: Server;
let apiUrl: string;
const requests: URL[] = [];

function paperbot(args: readonly string[]): Promise<ProcessResult> {
  return runNode(['--corpus', corpus, ...args], { cwd: root, env: cliEnv(join(root, 'cache'), { ARXIV_API_URL: apiUrl }) });
}

beforeAll(async () => {
  buildOnce();
  root = mkdtempSync(join(tmpdir(), 'paperbot-sync-id-'));
  corpus = join(root, 'corpus');
  mkdirSync(corpus);
  writeFileSync(join(corpus, 'papers.jsonl'), `${JSON.stringify({ id: '2303.00001', title: 'Progressive Distillation of Diffusion Samplers', abstract: 'We present progressive distillation, halving the sampling steps of a diffusion model repeatedly.' })}\n`);
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    response.writeHead(200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
    response.end(feedFor((url.searchParams.get('id_list') ?? '').split(',')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/query`;
}, 300_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

describe('paperbot sync --arxiv-id, as the link command suggests it', () => {
  it('link names the sync; the sync fetches the paper by id_list; then link finds it', async () => {
    const before = await paperbot(['link', 'https://arxiv.org/abs/2407.02001v2']);
    expect(before.code, describeRun(before)).toBe(0);
    expect(before.stdout).toBe('arXiv 2407.02001 is not in the corpus.\nFetch it with: paperbot sync --arxiv-id 2407.02001\n');

    const sync = await paperbot(['sync', '--arxiv-id', '2407.02001']);
    expect(sync.code, describeRun(sync)).toBe(0);
    expect(requests.map((url) => Object.fromEntries(url.searchParams))).toEqual([{ id_list: '2407.02001', start: '0', max_results: '1' }]);
    expect(sync.stdout).toContain('arXiv id 2407.02001: 1 fetched, 1 new, 0 duplicates');

    const after = await paperbot(['link', 'https://arxiv.org/abs/2407.02001']);
    expect(after.code, describeRun(after)).toBe(0);
    expect(after.stdout).toContain('Kestrel: One-Step Diffusion Sampling by Trajectory Matching');
  });

  it('a bad id is an error naming the flag and the value, before anything is fetched', async () => {
    const count = requests.length;
    const run = await paperbot(['sync', '--arxiv-id', '2407.02001,2407.1']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('paperbot: --arxiv-id must be an arXiv id such as 2301.12345, 2301.12345v2 or hep-th/9901001; got "2407.1".\n');
    expect(requests).toHaveLength(count);
  });
});
