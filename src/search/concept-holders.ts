import type { UnderstoodQuery } from '../query/understand-question.js';
import type { Bm25Index } from './engine/bm25-index.js';
import { DocSet } from './engine/doc-set.js';
import { intersectPostings } from './engine/intersect.js';
import type { Bm25Query } from './engine/query.js';
import type { DocTerms } from './feedback.js';

/** The ways a question's concepts can occur in a paper: single terms, and term sets that must occur whole. */
export interface ConceptForms {
  single: Set<string>;
  multi: string[][];
}

/** A question's concept forms: each alternative (and near form) of each concept. */
export function conceptForms(query: UnderstoodQuery): ConceptForms {
  const forms: ConceptForms = { single: new Set(), multi: [] };
  for (const concept of query.concepts) {
    for (const terms of [...concept.alternatives, ...(concept.nearTerms ? [concept.nearTerms] : [])]) {
      if (terms.length === 1) forms.single.add(terms[0]!);
      else if (terms.length > 1) forms.multi.push(terms);
    }
  }
  return forms;
}

/**
 * Whether a paper holds one of the question's concepts in some form: its own term, or an
 * alternative whole ("large language model" for LLM — not just "model").
 */
export function holdsAnyConcept(terms: DocTerms, forms: ConceptForms): boolean {
  if (terms.title.some((t) => forms.single.has(t)) || terms.abstract.some((t) => forms.single.has(t))) return true;
  if (forms.multi.length === 0) return false;
  const present = new Set([...terms.title, ...terms.abstract]);
  return forms.multi.some((form) => form.every((t) => present.has(t)));
}

/**
 * The papers a search may list and count: those holding a concept of the question (in some form)
 * and at least one term of the final ranking query. Found from the postings, without scoring:
 * the union of each single-term form's postings and the intersection of each multi-term form's.
 *
 * Built against the first-pass query ({@link ConceptHolders.find}); with feedback, the papers
 * only the expanded query reaches are added by {@link ConceptHolders.extendTo}.
 */
export class ConceptHolders {
  /** The listable papers (what `total` counts). */
  readonly docs: DocSet;
  /** Papers holding a concept but no first-pass term (candidates for {@link extendTo}). */
  private readonly outside: number[];

  private constructor(docs: DocSet, outside: number[]) {
    this.docs = docs;
    this.outside = outside;
  }

  /**
   * The papers holding a concept and a first-pass term. A form sharing a term with the first
   * pass is taken whole; the papers of any other form (rare: an acronym's long form that no
   * paper writes as a phrase) are checked one by one.
   *
   * `field` is the engine's field holding every term of a paper; when the engine has none such
   * (the title indexed 0 times), `scan` is asked, for each paper, whether it holds a concept.
   */
  static find(engine: Bm25Index, forms: ConceptForms, first: Bm25Query, field: string, scan?: (doc: number) => boolean): ConceptHolders {
    const docs = new DocSet(engine.documentCount);
    const outside: number[] = [];
    const firstTerms = new Set(first.filter((clause) => clause.field === field).map((clause) => clause.term));
    const check = (doc: number): void => {
      if (docs.has(doc)) return;
      if (engine.matches(doc, first)) docs.add(doc);
      else outside.push(doc);
    };
    if (scan) {
      for (let doc = 0; doc < engine.documentCount; doc++) if (scan(doc)) check(doc);
    } else {
      for (const form of [...[...forms.single].map((term) => [term]), ...forms.multi]) {
        const holders = form.length === 1 ? engine.postings(field, form[0]!) : intersectPostings(form.map((term) => engine.postings(field, term)));
        if (form.some((term) => firstTerms.has(term))) docs.addAll(holders);
        else for (const doc of holders) check(doc);
      }
    }
    return new ConceptHolders(docs, [...new Set(outside)]);
  }

  /** Adds the papers holding a concept that only the final (expanded) query reaches (rare). */
  extendTo(engine: Bm25Index, final: Bm25Query): void {
    for (const doc of this.outside) if (engine.matches(doc, final)) this.docs.add(doc);
  }
}
