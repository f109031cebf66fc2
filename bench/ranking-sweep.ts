/**
 * Ranking options on the three shared collections at once (issue #10 §2): for each setting,
 * nDCG@10 on Cranfield, CACM and seeds-dev, and its worst margin over the collection's best
 * BM25 peer. A dev tool, not part of `npm run bench`:
 *
 *   npm run build && node dist/bench/ranking-sweep.js settings.json [--benchmarks ../shared/benchmarks]
 *
 * `settings.json` is `{ "name": { …partial RankingOptions… }, … }`. Each collection is analysed
 * once per index layout (`fieldB` on or off); the other options reload the same arrays.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCorpus } from '../src/corpus/index.js';
import { evaluateRun } from '../src/eval/evaluate.js';
import { parseQrels, parseQueries } from '../src/eval/trec-files.js';
import { rankQueries } from '../src/cli/trec-commands.js';
import { PaperIndex, type SerializedPaperIndex } from '../src/search/paper-index.js';
import { resolveRankingOptions, type RankingOptions } from '../src/search/ranking-options.js';

/** The best simple BM25 peer's nDCG@10 per collection (docs/dev/retrieval-quality.md). */
const PEERS: Record<string, number> = { cranfield: 0.361, cacm: 0.48, 'seeds-dev': 0.874 };

const args = process.argv.slice(2);
const root = args.includes('--benchmarks') ? args[args.indexOf('--benchmarks') + 1]! : '../shared/benchmarks';
const settings = JSON.parse(await readFile(args[0]!, 'utf8')) as Record<string, Partial<RankingOptions>>;

const collections = await Promise.all(
  Object.keys(PEERS).map(async (name) => {
    const dir = join(root, name);
    const corpus = await loadCorpus(join(dir, 'corpus.jsonl'));
    const queries = parseQueries(await readFile(join(dir, 'queries.tsv'), 'utf8'), 'queries.tsv');
    const qrels = parseQrels(await readFile(join(dir, 'qrels.txt'), 'utf8'), 'qrels.txt');
    return { name, papers: corpus.papers, queries, qrels, layouts: new Map<string, SerializedPaperIndex>() };
  }),
);

/** The index layout an option set needs (what must be analysed anew). */
function layoutKey(options: RankingOptions): string {
  return `${options.fieldB ? 'bm25f' : `repeated×${options.titleWeight}`} pairs≤${options.pairWindow}`;
}

console.log(['setting', ...collections.map((c) => c.name), 'worst margin'].join('\t'));
for (const [name, partial] of Object.entries(settings)) {
  const options = resolveRankingOptions(partial);
  const scores: number[] = [];
  for (const collection of collections) {
    const key = layoutKey(options);
    let json = collection.layouts.get(key);
    if (!json) collection.layouts.set(key, (json = PaperIndex.build(collection.papers, options).toJSON()));
    const index = PaperIndex.loadJSON({ ...json, options });
    scores.push(evaluateRun(rankQueries(index, collection.queries, 10), collection.qrels).ndcg10);
  }
  const margin = Math.min(...scores.map((score, i) => score - PEERS[collections[i]!.name]!));
  console.log([name, ...scores.map((s) => s.toFixed(4)), margin.toFixed(4)].join('\t'));
}
