/**
 * Recognises the metadata that abstracts carry besides their prose: keyword lists, links to
 * code and project pages, copyright and venue notes. The sentence splitter cuts these off into
 * pieces of their own; {@link isMetadata} tells such pieces apart so that answers never quote them.
 */

/** A URL or a bare domain with a path: "https://…", "www.…", "github.com/…", "hf.co/Stable-X". */
const URL_START = /^[([{<"'“‘]*(?:[a-z][a-z0-9+.-]*:\/\/|www\.|(?:[a-z0-9-]+\.)+[a-z]{2,}\/)/i;
/** URLs inside a sentence, as {@link URL_START} but anywhere and up to the next space. */
const URL_ANYWHERE = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.|\b(?:[a-z0-9-]+\.)+[a-z]{2,}\/)\S*/gi;

/**
 * Start of a keyword list or classification tail: "Keywords:", "Key words —", "Index Terms—",
 * "CCS Concepts:", "General Terms:", "Additional Key Words and Phrases:". It must be capitalised,
 * as a heading is, so that prose such as "index terms: …" is not taken for one.
 */
const KEYWORD_LIST_START =
  /^(?:key\s?-?words?|index\s+terms|ccs\s+concepts|general\s+terms|additional\s+key\s+words\s+and\s+phrases)\s*[:—–-]/i;

/** A label heading a link line: "Code:", "Project page:", "Code and model:", "Our project webpage:". */
const LINK_LABEL =
  /^(?:(?:our|the|see|visit|official|source|pretrained|pre-trained|models?|data|datasets?|weights|checkpoints|results|samples|demos?|videos?|more|and)(?:\s*[,&]\s*|\s+))*(?:code|codes|implementation|github|demo|project\s+(?:page|webpage|website|homepage)|web\s?page|website|home\s?page|url|link|links|videos?)\s*[:：]/i;

/**
 * A statement that code or a project page is (or will be) released: what it names…
 * ("latent code", "lines of code" and code as a task are prose, removed before testing).
 */
const RELEASED_THING =
  /\b(?:code|codes|implementation|project\s+(?:page|webpage|website|homepage)|web\s?page|website|home\s?page|github|repository|(?:audio\s+|video\s+)?samples|examples|videos|demos|visuali[sz]ations)\b/i;
/** …and how: "is available", "will be made publicly available", "release our code", "can be found". */
const RELEASE_VERB =
  /\b(?:is|are|will\s+be|has\s+been|have\s+been|be|made|now)\s+(?:[a-z]+\s+){0,2}?(?:available|released|open[- ]?sourced|accessible|hosted)\b|\b(?:release|releasing|open[- ]?source|share|publish|provided?)\s+(?:[a-z]+\s+){0,3}?(?:code|codes|implementation)\b|\bcan\s+be\s+(?:found|accessed|downloaded)\b|\bavailable\s+(?:at|on|in|from|online|upon|soon)\b/i;
/** Words that, beside a URL, make the sentence a link line: "Videos are available at …", "Visit our page (…)". */
const LINK_VERB = /\b(?:available|released?|open[- ]?sourced?|found|accessible|hosted|provided?|visit|see)\b/i;
/** Uses of "code" that are not about releasing code. */
const CODE_AS_PROSE =
  /\b(?:latent|binary|error[- ]correcting|hash|genetic)\s+codes?\b|\blines?\s+of\s+code\b|\bcode[- ](?:generation|completion|synthesis|search|summari[sz]ation|review|repair|editing|understanding|llms?|language\s+models?|modification|changes?)\b|\bcodebooks?\b/gi;
/** Sentences longer than this many words are prose that merely mentions code or a link, not link lines. */
const MAX_RELEASE_WORDS = 30;
/** A sentence holding a URL and at most this many other words ("Results and visualizations at …") is a link line. */
const MAX_WORDS_BESIDE_URL = 6;

/** Copyright lines: "© 2023 Elsevier Ltd.", "Copyright (c) 2021 IEEE", "All rights reserved." — not prose about copyright. */
const COPYRIGHT = /^(?:copyright\s*)?(?:©|\(c\)\s*(?:19|20)\d\d)|©\s*(?:19|20)\d\d|\bcopyright\s+(?:©\s*|\(c\)\s*)?(?:19|20)\d\d\b|\ball rights reserved\b|\barxiv admin note\b/i;
/** Venue notes: "Accepted at ICLR 2024", "To appear in CVPR", "This paper has been accepted…" (case-sensitive: venues are capitalised). */
const VENUE = /\b(?:[Pp]ublished by|[Tt]o appear (?:in|at)|[Aa]ccepted (?:at|to|by|for|in)(?: the)?)\s+[A-Z]|\b[Tt]his (?:paper|article|manuscript) (?:has been|was|is) (?:accepted|published)\b/;

/** Whether a whitespace-free token is (or, after opening brackets or quotes, starts) a URL or a domain path. */
export function isUrlLike(token: string): boolean {
  return URL_START.test(token);
}

/** Whether the text starts with a keyword list heading such as "Keywords:" or "Index Terms—". */
export function startsKeywordList(text: string): boolean {
  return /^[A-Z]/.test(text) && KEYWORD_LIST_START.test(text);
}

/**
 * Whether a sentence (a piece of `splitSentences`) is metadata rather than prose: a
 * keyword list, a link line ("Code: https://…", a bare URL), a statement that code or a project
 * page is available ("Code is available at https://…", "We will release our code."), or a
 * copyright or venue note. Such sentences must never be quoted as an answer.
 *
 * @example
 * isMetadata('Keywords: Reinforcement Learning, Diffusion Model'); // true
 * isMetadata('Code is available at https://github.com/CompVis/latent-diffusion .'); // true
 * isMetadata('We propose latent diffusion models.'); // false
 */
export function isMetadata(text: string): boolean {
  const sentence = text.trim();
  if (!sentence) return false;
  if (startsKeywordList(sentence) || LINK_LABEL.test(sentence) || COPYRIGHT.test(sentence) || VENUE.test(sentence)) return true;
  const withoutUrls = sentence.replace(URL_ANYWHERE, ' ');
  const hasUrl = withoutUrls !== sentence;
  const words = withoutUrls.match(/[A-Za-z]+/g) ?? [];
  if (hasUrl && words.length <= MAX_WORDS_BESIDE_URL) return true;
  if (words.length > MAX_RELEASE_WORDS) return false;
  if (hasUrl && LINK_VERB.test(withoutUrls)) return true;
  const prose = withoutUrls.replace(CODE_AS_PROSE, ' ');
  return RELEASED_THING.test(prose) && RELEASE_VERB.test(prose);
}
