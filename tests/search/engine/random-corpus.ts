import { Prng as SeededRandom } from '../../../bench/prng.js';
import { PHRASE_JOINER } from '../../../src/nlp/analyzer.js';

/** The bench's seeded PRNG (mulberry32), so every random corpus and query is reproducible from its seed. */
export { SeededRandom };

/** Draws term ranks 0 … size−1 with probability ∝ 1 / (rank + 1)^s (Zipf's law, as words in text). */
export function zipf(random: SeededRandom, size: number, s = 1.05): () => number {
  const cumulative = new Float64Array(size);
  let sum = 0;
  for (let r = 0; r < size; r++) cumulative[r] = sum += 1 / (r + 1) ** s;
  return () => {
    const x = random.next() * sum;
    let low = 0;
    let high = size - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (cumulative[mid]! < x) low = mid + 1;
      else high = mid;
    }
    return low;
  };
}

/** A document as the paper index feeds the engine: the `text` field's terms and the `phrases` field's. */
export interface RandomDoc {
  text: string[];
  phrases: string[];
  /** The title and abstract apart (for an engine scoring them as two BM25F streams); `text` is title, title, abstract. */
  title?: string[];
  abstract?: string[];
}

/**
 * A random corpus shaped like ours: a short title counted twice, an abstract of very varied
 * length (some empty documents, some long ones), Zipf-distributed terms, adjacent-term phrases.
 */
export function randomCorpus(random: SeededRandom, documents: number, vocabulary: number): RandomDoc[] {
  const draw = zipf(random, vocabulary);
  const term = () => `t${draw()}`;
  const docs: RandomDoc[] = [];
  for (let i = 0; i < documents; i++) {
    const roll = random.next();
    const abstractLength = roll < 0.03 ? 0 : roll < 0.1 ? random.int(1, 8) : roll < 0.95 ? random.int(20, 200) : random.int(300, 700);
    const title = Array.from({ length: roll < 0.03 ? 0 : random.int(1, 10) }, term);
    const abstract = Array.from({ length: abstractLength }, term);
    const phrases: string[] = [];
    for (const part of [title, abstract]) {
      for (let j = 1; j < part.length; j++) if (random.next() < 0.8) phrases.push(part[j - 1] + PHRASE_JOINER + part[j]);
    }
    docs.push({ text: [...title, ...title, ...abstract], phrases, title, abstract });
  }
  return docs;
}

/** A weighted query: 1–30 distinct terms (a few that no document holds), weights never 1; and 0–5 phrases. */
export interface RandomQuery {
  weights: Map<string, number>;
  phrases: string[];
}

/** A random query over a random corpus; `withPhrases` false gives none. */
export function randomQuery(random: SeededRandom, docs: readonly RandomDoc[], vocabulary: number, withPhrases: boolean): RandomQuery {
  const draw = zipf(random, vocabulary, 0.8);
  const weights = new Map<string, number>();
  const size = random.int(1, 30);
  while (weights.size < size) {
    const term = random.next() < 0.05 ? `absent${random.int(0, 9)}` : `t${draw()}`;
    let weight = 0.02 + random.next() * 3;
    if (weight === 1) weight = 1.5;
    weights.set(term, weight);
  }
  const phrases: string[] = [];
  if (withPhrases) {
    const count = random.int(0, 5);
    for (let i = 0; i < count; i++) {
      const doc = random.pick(docs);
      if (doc.phrases.length > 0 && random.next() < 0.85) phrases.push(random.pick(doc.phrases));
      else phrases.push(`absent${PHRASE_JOINER}phrase${i}`);
    }
    // Now and then the same phrase twice (it then counts twice, as it did in minisearch).
    if (phrases.length > 0 && random.next() < 0.2) phrases.push(phrases[0]!);
  }
  return { weights, phrases };
}
