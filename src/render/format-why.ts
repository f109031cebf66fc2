import type { WhyResult } from '../commands/results.js';

/**
 * The wording of a `why` result, shared by every front-end (plain text; adapters escape it and
 * add their own emphasis): a heading, what it was matched against and its rank, one line per
 * matched word, the words it lacks, and the filters it passes.
 */
export interface WhyWording {
  /** `Why [2] is listed` */
  heading: string;
  /** `For the question "…": ranked 2 of 41.` */
  basis: string;
  /** `diffusion: title 1×, abstract 4×` */
  words: string[];
  /** `Not in it: speed` */
  missing?: string;
  /** `Passes the filters: since 2024-01-01` */
  filters?: string;
  /** Label before the quoted sentences (answers). */
  quotedLabel: string;
  /** Label before the best-matching sentence. */
  sentenceLabel: string;
}

export function whyWording(result: WhyResult): WhyWording {
  const rank = result.rank !== undefined ? `ranked ${result.rank} of ${result.total}` : `not in the ranking of ${result.total}`;
  const basis =
    result.basis.kind === 'question'
      ? `For the question "${result.basis.text}": ${rank}.`
      : result.basis.kind === 'query'
        ? `For the search "${result.basis.text}": ${rank}.`
        : result.basis.kind === 'like'
          ? `Like "${result.basis.text}": ${rank}. The distinctive words both hold:`
          : `Listed from ${result.basis.text}; no query to match.`;
  const where = (n: number, field: string) => (n > 0 ? [`${field} ${n}×`] : []);
  const words = result.matched.map((m) => `${m.word}: ${[...where(m.title, 'title'), ...where(m.abstract, 'abstract')].join(', ')}`);
  const wording: WhyWording = {
    heading: `Why [${result.paper.n}] is listed`,
    basis,
    words,
    quotedLabel: result.quoted.length === 1 ? 'The answer quoted:' : 'The answer quoted these sentences:',
    sentenceLabel: 'The sentence that matched best:',
  };
  if (result.missing.length) wording.missing = `Not in it: ${result.missing.join(', ')}`;
  if (result.filters.length) wording.filters = `Passes the filters: ${result.filters.join(' · ')}`;
  return wording;
}
