/**
 * `npm run bench:follow-ups [-- --papers 20000 --rounds 20]`: how long follow-ups take in one
 * conversation, in this thread (what a worker does per request): a question, then "why 1?",
 * "only 2024", "not distillation", "what about video?", "more like 2", "only with code",
 * "why 3", "show 2". Synthetic papers from the seeds and benchmark sentences (bench/synthetic-
 * corpus.ts), dated over six years, a third with code. Prints p50/p99/max per line and writes
 * bench/results/follow-ups-<papers>.json. Bounded: `rounds` conversations, then it stops.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runText } from '../src/commands/run-command.js';
import { defaultCorpusPath, packageRoot } from '../src/config/package-root.js';
import type { Paper } from '../src/corpus/paper.js';
import { PaperIndex } from '../src/search/paper-index.js';
import type { Session } from '../src/session/session.js';
import { summarize } from './stats.js';
import { defaultPoolSources, loadSentencePool, syntheticPapers } from './synthetic-corpus.js';

/** The conversation measured, line by line. */
export const FOLLOW_UP_LINES = ['which papers speed up diffusion sampling?', 'why 1?', 'only 2024', 'not distillation', 'what about video?', 'more like 2', 'only with code', 'why 3', 'show 2'];

const { values } = parseArgs({ options: { papers: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '20' }, seed: { type: 'string', default: '7' } } });
const count = Number(values.papers);
const rounds = Number(values.rounds);
if (!Number.isInteger(count) || count < 10 || !Number.isInteger(rounds) || rounds < 1 || rounds > 1000) {
  console.error('--papers must be a whole number ≥ 10 and --rounds from 1 to 1000');
  process.exit(2);
}
const root = packageRoot();
const pool = await loadSentencePool(defaultPoolSources(defaultCorpusPath(), process.env.BENCH_DIR ?? join(root, '..', 'shared', 'benchmarks')));
const github = [{ kind: 'github' as const, url: 'https://github.com/example/code' }];
const papers: Paper[] = [...syntheticPapers(pool, count, Number(values.seed))].map((paper, i) => ({
  ...paper,
  published: `${2020 + (i % 6)}-0${1 + (i % 9)}-15`,
  ...(i % 3 === 0 ? { links: [...paper.links, ...github] } : {}),
}));
const index = PaperIndex.build(papers);
const now = () => Date.UTC(2026, 11, 2);
const samples = new Map(FOLLOW_UP_LINES.map((line) => [line, [] as number[]]));
for (let round = 0; round < rounds; round++) {
  const session: Session = {};
  for (const line of FOLLOW_UP_LINES) {
    const start = performance.now();
    const result = await runText(line, { index, session, now });
    samples.get(line)!.push(performance.now() - start);
    if (result.kind === 'error') throw new Error(`"${line}" failed: ${result.message}`);
  }
}
const report = { papers: count, rounds, lines: Object.fromEntries([...samples].map(([line, ms]) => [line, summarize(ms)])) };
for (const [line, latency] of Object.entries(report.lines)) console.log(`${line.padEnd(44)} p50 ${latency!.p50} ms · p99 ${latency!.p99} ms · max ${latency!.max} ms`);
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', `follow-ups-${count}.json`), JSON.stringify(report, null, 2) + '\n');
