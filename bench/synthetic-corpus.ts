/**
 * A synthetic corpus of any size, and question sets for it, from the real sentences of the
 * shipped collections — so that `npm run bench -- --papers 100000` measures a corpus with the
 * vocabulary, sentence lengths and term statistics of real abstracts, at a size we do not have.
 *
 * Method (all draws from one seeded {@link Prng}, so a seed always gives the same corpus and the
 * same questions, in every process):
 * - Pool: every collection (the bundled seeds/ through the project's corpus loader, and the
 *   shared benchmarks' cranfield, cacm and seeds-dev `corpus.jsonl` when present) is split into
 *   sentences with the answer builder's splitter (at ". " for all-lower-case Cranfield). A
 *   sentence is kept when it has 5–80 words and 30–600 characters, is not the paper's title
 *   (half of CACM repeats the title as abstract) and has not been kept before (seeds-dev is the
 *   seeds again). Titles are kept the same way. About 17,000 sentences and 4,600 titles today.
 * - Paper i: a collection is drawn with probability proportional to its sentence count, then
 *   3–9 sentences of that collection uniformly (a paper stays on one collection's topics, as a
 *   real one does), joined by a space. Its title is a real title of that collection not used
 *   yet, or, once they are used up, two of them joined "A: B" (unique by lower-cased text,
 *   so the corpus loader never merges two papers as duplicates; numbered when a tiny pool runs
 *   out of pairs). Its id is `syn-<i>`.
 * - Papers are produced one at a time by a generator: nothing but the papers themselves is held.
 * - Long questions: the shared collections' own questions (CACM's multi-clause requests, the
 *   seeds-dev questions), and conversational questions wrapped around a random corpus sentence
 *   and a phrase of a title ("Are there any papers showing that …? I'd also like ones on …").
 * - Short questions: 1–3 consecutive content words (stop words removed) of a random title, drawn
 *   like the papers' collections: "deadlock avoidance", "classifier-free guidance".
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { loadCorpus } from '../src/corpus/index.js';
import type { Paper } from '../src/corpus/paper.js';
import { parseQueries } from '../src/eval/trec-files.js';
import { splitSentences } from '../src/nlp/sentences.js';
import { Prng } from './prng.js';

const require = createRequire(import.meta.url);
/** wink-nlp-utils (CommonJS, untyped): only the tokenizer and stop-word filter are used. */
const winkUtils = require('wink-nlp-utils') as {
  string: { lowerCase(text: string): string; tokenize0(text: string): string[] };
  tokens: { removeWords(tokens: string[]): string[] };
};

/** The sentences and titles of one collection. */
export interface PoolCollection {
  name: string;
  sentences: string[];
  titles: string[];
}

/** Real sentences and titles to assemble papers and questions from. */
export interface SentencePool {
  collections: PoolCollection[];
}

/** A corpus to draw sentences from: a name and a path the corpus loader reads. */
export interface PoolSource {
  name: string;
  path: string;
}

/** Fewest and most sentences of a synthetic abstract. */
const MIN_SENTENCES = 3;
const MAX_SENTENCES = 9;

/** The sources of the default pool: seeds/, then the shared benchmarks that are present. */
export function defaultPoolSources(seedsPath: string, benchDir: string): PoolSource[] {
  const sources: PoolSource[] = [{ name: 'seeds', path: seedsPath }];
  for (const name of ['cranfield', 'cacm', 'seeds-dev']) {
    const path = join(benchDir, name, 'corpus.jsonl');
    if (existsSync(path)) sources.push({ name, path });
  }
  return sources;
}

/** Whether a sentence is worth quoting in a synthetic abstract: a real sentence, not a fragment or a table. */
function isUsableSentence(sentence: string): boolean {
  if (sentence.length < 30 || sentence.length > 600) return false;
  const words = sentence.split(/\s+/).length;
  return words >= 5 && words <= 80;
}

/**
 * The sentences of an abstract, by the answer builder's splitter; an all-lower-case abstract
 * (Cranfield's) is split at every ". " instead, since the splitter needs a capital to start one.
 */
function sentencesOf(abstract: string): string[] {
  return /[A-Z]/.test(abstract) ? splitSentences(abstract) : abstract.split(/(?<=[.!?])\s+/).filter(Boolean);
}

/** Builds a pool from papers already loaded (one entry per collection); deduplicates across collections. */
export function buildSentencePool(collections: ReadonlyArray<{ name: string; papers: ReadonlyArray<Pick<Paper, 'title' | 'abstract'>> }>): SentencePool {
  const seenSentences = new Set<string>();
  const seenTitles = new Set<string>();
  const pool: SentencePool = { collections: [] };
  for (const { name, papers } of collections) {
    const collection: PoolCollection = { name, sentences: [], titles: [] };
    for (const paper of papers) {
      const title = paper.title.replace(/\s+/g, ' ').trim();
      if (title && !seenTitles.has(title.toLowerCase())) {
        seenTitles.add(title.toLowerCase());
        collection.titles.push(title);
      }
      for (const raw of sentencesOf(paper.abstract)) {
        const sentence = raw.replace(/\s+/g, ' ');
        if (!isUsableSentence(sentence) || sentence === title || seenSentences.has(sentence)) continue;
        seenSentences.add(sentence);
        collection.sentences.push(sentence);
      }
    }
    if (collection.sentences.length > 0 && collection.titles.length > 0) pool.collections.push(collection);
  }
  if (pool.collections.length === 0) throw new Error('buildSentencePool: no usable sentences in any collection');
  return pool;
}

/** Loads the sources with the project's corpus loader and builds the pool. */
export async function loadSentencePool(sources: readonly PoolSource[]): Promise<SentencePool> {
  const loaded = [];
  for (const source of sources) loaded.push({ name: source.name, papers: (await loadCorpus(source.path)).papers });
  return buildSentencePool(loaded);
}

/** Number of sentences in the pool. */
export function poolSize(pool: SentencePool): number {
  return pool.collections.reduce((sum, c) => sum + c.sentences.length, 0);
}

/** Draws a collection with probability proportional to its sentence count. */
function collectionPicker(pool: SentencePool, prng: Prng): () => PoolCollection {
  const cumulative: number[] = [];
  let total = 0;
  for (const c of pool.collections) cumulative.push((total += c.sentences.length));
  return () => {
    const x = prng.next() * total;
    let i = 0;
    while (cumulative[i]! <= x) i++;
    return pool.collections[i]!;
  };
}

/**
 * `count` synthetic papers, one at a time (see the method above). Deterministic for a given
 * pool and seed; ids `syn-0` … `syn-<count-1>` are unique, and so are titles (lower-cased).
 */
export function* syntheticPapers(pool: SentencePool, count: number, seed: number): Generator<Paper> {
  const prng = new Prng(seed);
  const pickCollection = collectionPicker(pool, prng);
  /** Next unused title per collection, in a shuffled order. */
  const fresh = new Map(pool.collections.map((c) => [c, { order: prng.shuffle(c.titles), next: 0 }]));
  const usedTitles = new Set<string>();
  for (let i = 0; i < count; i++) {
    const collection = pickCollection();
    const sentences: string[] = [];
    const length = prng.int(MIN_SENTENCES, MAX_SENTENCES);
    for (let s = 0; s < length; s++) sentences.push(prng.pick(collection.sentences));
    let title: string;
    const titles = fresh.get(collection)!;
    if (titles.next < titles.order.length) {
      title = titles.order[titles.next++]!;
    } else {
      // A small pool runs out of pairs: then a number makes the title unique.
      let attempt = 0;
      do title = `${prng.pick(collection.titles)}: ${prng.pick(collection.titles)}${++attempt > 20 ? ` (${i}.${attempt})` : ''}`;
      while (usedTitles.has(title.toLowerCase()));
    }
    usedTitles.add(title.toLowerCase());
    yield { id: `syn-${i}`, title, abstract: sentences.join(' '), links: [], sources: [{ file: 'synthetic.jsonl', line: i + 1 }] };
  }
}

/** A sentence as a clause inside a question: no final punctuation, lower-case start unless an acronym or name. */
function asClause(sentence: string): string {
  const bare = sentence.replace(/[.!?…]+["'”’)\]]*$/, '');
  return /^[A-Z][a-z]/.test(bare) ? bare[0]!.toLowerCase() + bare.slice(1) : bare;
}

/** 1–3 consecutive content words of a sentence (lower-case, stop words out); '' when it has none. */
export function contentPhrase(sentence: string, prng: Prng, maxWords = 3): string {
  const words = winkUtils.tokens
    .removeWords(winkUtils.string.tokenize0(winkUtils.string.lowerCase(sentence)))
    .filter((word) => /^[a-z][a-z-]{2,}$/.test(word));
  if (words.length === 0) return '';
  const length = Math.min(words.length, prng.int(1, maxWords));
  const start = prng.int(0, words.length - length);
  return words.slice(start, start + length).join(' ');
}

/** A phrase from a random title of the pool (retries titles without content words): titles name topics. */
function randomPhrase(prng: Prng, pickCollection: () => PoolCollection, maxWords = 3): string {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const phrase = contentPhrase(prng.pick(pickCollection().titles), prng, maxWords);
    if (phrase) return phrase;
  }
  throw new Error('randomPhrase: no title with a content word in 1000 draws');
}

/** Conversational frames around a corpus sentence (`{s}`) and a phrase (`{p}`). */
const LONG_FRAMES = [
  "I'm looking for papers where {s} — which ones do that, and how well does it work?",
  "Are there any papers showing that {s}? I'd also like ones on {p}.",
  'Which papers discuss {p}, and do any of them find that {s}?',
  'can you find me work on {p}; in particular I remember one saying that {s}',
];

/**
 * `count` long, conversational questions: `given` (the collections' own questions) first, then
 * questions framed around random corpus sentences, shuffled together; at least a third are
 * framed ones, and `count` are returned.
 */
export function longQuestions(pool: SentencePool, count: number, seed: number, given: readonly string[] = []): string[] {
  const prng = new Prng(seed);
  const pickCollection = collectionPicker(pool, prng);
  const framed: string[] = [];
  const framedCount = Math.max(count - given.length, Math.ceil(count / 3));
  for (let i = 0; i < framedCount; i++) {
    const sentence = asClause(prng.pick(pickCollection().sentences));
    const phrase = randomPhrase(prng, pickCollection);
    framed.push(prng.pick(LONG_FRAMES).replace('{s}', sentence).replace('{p}', phrase));
  }
  const givenKept = prng.shuffle(given).slice(0, count - framed.length);
  return prng.shuffle([...givenKept, ...framed]);
}

/** `count` short questions: 1–3 consecutive content words of random corpus titles. */
export function shortQuestions(pool: SentencePool, count: number, seed: number): string[] {
  const prng = new Prng(seed);
  const pickCollection = collectionPicker(pool, prng);
  return Array.from({ length: count }, () => randomPhrase(prng, pickCollection));
}

/** The shared collections' own questions that read as long, conversational ones: CACM's and seeds-dev's. */
export async function collectionQuestions(benchDir: string): Promise<string[]> {
  const questions: string[] = [];
  for (const name of ['cacm', 'seeds-dev']) {
    const path = join(benchDir, name, 'queries.tsv');
    if (existsSync(path)) questions.push(...parseQueries(await readFile(path, 'utf8'), path).map((q) => q.text));
  }
  return questions;
}
