export type { Paper, PaperLink, PaperSource } from './paper.js';
export { formatCorpusIssue, type CorpusIssue } from './corpus-issue.js';
export { loadCorpus, parseCorpusFiles, readCorpusFiles, type CorpusFileContent, type LoadedCorpus } from './load-corpus.js';
export { parseCorpusText, type ParsedCorpusText } from './parse-corpus-text.js';
export { detectLayout, type Layout } from './detect-layout.js';
export { normaliseTitle } from './normalise-title.js';
export { derivePaperId } from './paper-id.js';
export { extractLinks } from './extract-links.js';
export { paperRecordSchema, validateRecord, type PaperRecord, type RecordProblem } from './record-schema.js';
export {
  MAX_ABSTRACT_CHARS,
  MAX_AUTHOR_NAME_CHARS,
  MAX_AUTHORS,
  MAX_ID_CHARS,
  MAX_JSON_DEPTH,
  MAX_RECORD_BYTES,
  MAX_TITLE_CHARS,
  MAX_URL_CHARS,
} from './record-limits.js';
