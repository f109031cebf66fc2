/**
 * Words that carry no topic in a question about papers. wink-nlp's own stop-word list covers
 * function words ("which", "the", "can"); these are the words people wrap a question in
 * ("which papers …", "any work on …", "is there research about …") and that would otherwise
 * match every abstract. They are dropped from questions only, never from documents.
 */
export const QUESTION_FRAMING_WORDS: ReadonlySet<string> = new Set([
  'paper', 'papers', 'article', 'articles', 'publication', 'publications', 'literature',
  'work', 'works', 'research', 'study', 'studies', 'anything', 'something', 'someone',
  'find', 'show', 'tell', 'list', 'give', 'recommend', 'suggest', 'know', 'looking', 'look',
  'want', 'need', 'please', 'thanks', 'hi', 'hello', 'hey', 'good', 'best', 'recent', 'latest',
  'relevant', 'related', 'regarding', 'concerning', 'topic', 'topics', 'exist', 'existing',
  'mention', 'mentions', 'discuss', 'discusses', 'describe', 'describes', 'cover', 'covers',
]);

/**
 * Function words wink-nlp's stop-word list lacks (it already has "via", "also", "using", …).
 * Applied to documents and questions alike, so both sides agree on what a term is.
 */
export const EXTRA_STOP_WORDS: ReadonlySet<string> = new Set(['et', 'al', 'shall', 'e.g.', 'i.e.', 'etc', 'eg', 'ie', 'vs']);
