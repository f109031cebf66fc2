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
 * Chat filler: how people type in a channel ("anyone looked at …", "is that a thing", "bc").
 * Dropped from questions like the framing words.
 */
export const CHAT_FILLER_WORDS: ReadonlySet<string> = new Set([
  'anyone', 'anybody', 'somebody', 'folks', 'guys', 'ppl', 'bc', 'cuz', 'coz', 'tbh', 'imo', 'imho',
  'btw', 'fyi', 'lol', 'thx', 'ty', 'pls', 'plz', 'looked', 'seen', 'heard', 'read', 'reading',
  'thing', 'things', 'stuff', 'actually', 'really', 'basically', 'wondering', 'curious',
  'interested', 'interest', 'idea', 'ideas', 'pointer', 'pointers', 'better', 'worse', 'seems',
  'seem', 'like', 'wanna', 'gonna', 'kinda', 'sorta', 'maybe', 'guess', 'think',
  'ok', 'okay', 'cool', 'nice', 'great', 'quick', 'question', 'questions', 'whats', 'hows', 'whos',
  'trick', 'tricks', 'tip', 'tips', 'deal', 'nowadays', 'lately', 'days', 'anyway', 'somewhere', 'approaches',
  // "which paper introduced / proposed X": who did it is the framing, X is the topic.
  'introduced', 'proposed', 'presented', 'invented', 'coined',
]);

/**
 * Chat abbreviations and the word they stand for, searched as that word ("1-step gen" →
 * generation). Only unambiguous ones: an abbreviation that is also a term of art stays as typed.
 */
export const CHAT_ABBREVIATIONS: Readonly<Record<string, string>> = Object.freeze({
  gen: 'generation',
  img: 'image',
  imgs: 'images',
  vid: 'video',
  vids: 'videos',
  perf: 'performance',
  params: 'parameters',
  param: 'parameter',
  sota: 'state-of-the-art',
  convo: 'conversation',
  approx: 'approximation',
  optim: 'optimization',
  arch: 'architecture',
  impl: 'implementation',
  eval: 'evaluation',
  evals: 'evaluations',
  expt: 'experiment',
  expts: 'experiments',
  dist: 'distribution',
  prob: 'probability',
  repr: 'representation',
});

/**
 * Function words wink-nlp's stop-word list lacks (it already has "via", "also", "using", …).
 * Applied to documents and questions alike, so both sides agree on what a term is.
 */
export const EXTRA_STOP_WORDS: ReadonlySet<string> = new Set(['et', 'al', 'shall', 'e.g', 'i.e', 'e.g.', 'i.e.', 'etc', 'eg', 'ie', 'vs', 'cf', 'viz']);
