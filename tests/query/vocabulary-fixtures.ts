import { analyze } from '../../src/nlp/analyzer.js';
import { CorpusVocabulary } from '../../src/query/corpus-vocabulary.js';

/** A hand-made paper: title and abstract. */
export type TinyPaper = readonly [title: string, abstract: string];

/** A vocabulary of hand-made papers, added the way `PaperIndex.build` adds them. */
export function vocabularyOf(papers: readonly TinyPaper[]): CorpusVocabulary {
  const vocabulary = new CorpusVocabulary();
  for (const [title, abstract] of papers) vocabulary.add([analyze(title), analyze(abstract)], `${title}. ${abstract}`);
  return vocabulary;
}
