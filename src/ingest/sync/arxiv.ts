import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MAX_ARXIV_IDS_PER_REQUEST, MAX_ARXIV_RESULTS } from './limits.js';
import { VERSIONED_ID } from '../../corpus/arxiv-link.js';
import { InvalidOptionError } from '../../errors.js';
import { ARXIV_ID, collapse, isIsoDate, type SyncIssue, type SyncRecord } from './sync-record.js';

/** The arXiv API's query endpoint (`ARXIV_API_URL`). */
export const DEFAULT_ARXIV_API_URL = 'https://export.arxiv.org/api/query';

export { MAX_ARXIV_IDS_PER_REQUEST, MAX_ARXIV_RESULTS } from './limits.js';

/** arXiv asks API clients for at most one request every three seconds. */
export const ARXIV_REQUEST_INTERVAL_MS = 3000;

/** The service name in errors and reports. */
export const ARXIV_SOURCE = 'arXiv API';

/**
 * Newest papers of a category and/or matching a query; or, with `ids`, those papers exactly
 * (the API's `id_list`, which its `search_query` field `id:` does not fetch reliably).
 */
export interface ArxivSource {
  kind: 'arxiv';
  /**
   * Specific papers: new-style (`2301.12345`, `2301.12345v2`) or old-style (`hep-th/9901001`)
   * arXiv ids. With ids, `category`, `query` and `max` are not used (every id is fetched).
   */
  ids?: readonly string[];
  /** An arXiv category, e.g. `cs.CV`, `hep-th`, `astro-ph.GA`. */
  category?: string;
  /**
   * arXiv search syntax (`all:diffusion`, `ti:"video generation" AND au:tan`) used as is; plain
   * words (`diffusion models`) become `all:diffusion AND all:models`.
   */
  query?: string;
  /** How many of the newest papers to fetch (1–2000). */
  max: number;
}

const CATEGORY = /^[a-z-]+(?:\.[A-Za-z-]+)?$/u;
/** A field prefix, a boolean operator or grouping: the query is already in arXiv syntax. */
const QUERY_SYNTAX = /\b(?:ti|au|abs|co|jr|cat|rn|id|all|submittedDate|lastUpdatedDate):|\b(?:AND|OR|ANDNOT)\b|[()"]/u;

/** `search_query` for a source: `cat:cs.CV AND (all:diffusion)`. Throws an {@link InvalidOptionError} for a bad source. */
export function arxivSearchQuery(source: ArxivSource): string {
  const parts: string[] = [];
  if (source.category !== undefined) {
    const category = source.category.trim();
    if (!CATEGORY.test(category)) throw new InvalidOptionError(`"${source.category}" is not an arXiv category (e.g. cs.CV, hep-th).`);
    parts.push(`cat:${category}`);
  }
  if (source.query !== undefined) {
    const query = collapse(source.query);
    if (query === '') throw new InvalidOptionError('The arXiv query is empty.');
    const search = QUERY_SYNTAX.test(query) ? query : query.split(' ').map((word) => `all:${word}`).join(' AND ');
    parts.push(parts.length > 0 && /\s/u.test(search) ? `(${search})` : search);
  }
  if (parts.length === 0) throw new InvalidOptionError('An arXiv source needs a category, a query, or both.');
  return parts.join(' AND ');
}

/**
 * The API URL of a source: newest submissions first; or, for `ids`, `id_list` with as many
 * results as ids (the API's default is 10). Throws an {@link InvalidOptionError} for a bad source.
 */
export function arxivUrl(source: ArxivSource, baseUrl: string = DEFAULT_ARXIV_API_URL): string {
  if (source.ids !== undefined) return arxivIdListUrl(source.ids, baseUrl);
  if (!Number.isInteger(source.max) || source.max < 1 || source.max > MAX_ARXIV_RESULTS) {
    throw new InvalidOptionError(`The number of arXiv papers must be a whole number from 1 to ${MAX_ARXIV_RESULTS}, got ${source.max}.`);
  }
  const url = new URL(baseUrl);
  url.searchParams.set('search_query', arxivSearchQuery(source));
  url.searchParams.set('start', '0');
  url.searchParams.set('max_results', String(source.max));
  url.searchParams.set('sortBy', 'submittedDate');
  url.searchParams.set('sortOrder', 'descending');
  return url.toString();
}

function arxivIdListUrl(ids: readonly string[], baseUrl: string): string {
  if (ids.length === 0) throw new InvalidOptionError('An arXiv id list is empty.');
  if (ids.length > MAX_ARXIV_IDS_PER_REQUEST) throw new InvalidOptionError(`At most ${MAX_ARXIV_IDS_PER_REQUEST} arXiv ids go in one request, got ${ids.length}.`);
  const bad = ids.find((id) => !VERSIONED_ID.test(id));
  if (bad !== undefined) throw new InvalidOptionError(`"${bad}" is not an arXiv id (e.g. 2301.12345, 2301.12345v2, hep-th/9901001).`);
  const url = new URL(baseUrl);
  url.searchParams.set('id_list', ids.join(','));
  url.searchParams.set('start', '0');
  url.searchParams.set('max_results', String(ids.length));
  return url.toString();
}

/** What an arXiv Atom feed held. */
export interface ArxivFeed {
  records: SyncRecord[];
  /** Entries that were not turned into records. */
  issues: SyncIssue[];
  /** Entries in the feed. */
  entries: number;
  /** `opensearch:totalResults`: matches in all, of which the feed is the first page. */
  totalResults?: number;
}

/** Thrown for a response that is not an arXiv Atom feed at all; the message says why. */
export class ArxivFeedError extends Error {}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  // Ids like 2406.10000 must stay text, never numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => ['entry', 'author', 'link', 'category'].includes(name),
});

/**
 * Parses an arXiv API response (Atom 1.0 with opensearch and arxiv extensions) into records:
 * id without version, title and abstract with whitespace collapsed, author names, the date part
 * of `<published>`, the versionless abs page as url. An entry that lacks what a record needs is
 * an issue, not a failure; a body that is not well-formed XML or not a feed, and the feed the
 * API sends for a bad query (an entry with an `…/api/errors#…` id), throw an {@link ArxivFeedError}.
 */
export function parseArxivFeed(xml: string, label: string, fetchedAt: string): ArxivFeed {
  if (/<!DOCTYPE|<!ENTITY/iu.test(xml)) throw new ArxivFeedError('the response has a DOCTYPE; the arXiv API never sends one');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new ArxivFeedError(`the response is not well-formed XML (line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg})`);
  }
  const document = parser.parse(xml) as Record<string, unknown>;
  const feed = document.feed;
  if (!isObject(feed)) throw new ArxivFeedError(`the response is not an Atom feed (no <feed> element)`);
  const entries = Array.isArray(feed.entry) ? (feed.entry as unknown[]) : [];

  const apiError = entries.find((entry) => isObject(entry) && /\/api\/errors/u.test(text(entry.id) ?? ''));
  if (isObject(apiError)) throw new ArxivFeedError(`the API reports an error: ${text(apiError.summary) ?? text(apiError.title) ?? 'no details'}`);

  const result: ArxivFeed = { records: [], issues: [], entries: entries.length };
  const total = Number(text(feed.totalResults));
  if (text(feed.totalResults) !== undefined && Number.isInteger(total)) result.totalResults = total;

  entries.forEach((entry, index) => {
    const mapped = isObject(entry) ? entryToRecord(entry, fetchedAt) : { problems: [{ message: 'not an <entry> element' }] };
    if ('record' in mapped) result.records.push(mapped.record);
    else {
      const idText = isObject(entry) ? text(entry.id) : undefined;
      const where = `entry ${index + 1}${idText === undefined ? '' : ` (${collapse(idText)})`}`;
      for (const problem of mapped.problems) result.issues.push({ source: label, entry: where, ...problem });
    }
  });
  return result;
}

function entryToRecord(entry: Record<string, unknown>, fetchedAt: string): { record: SyncRecord } | { problems: Array<{ field?: string; message: string }> } {
  const problems: Array<{ field?: string; message: string }> = [];
  const idUrl = text(entry.id);
  const id = idUrl === undefined ? undefined : arxivIdFromUrl(idUrl);
  if (idUrl === undefined) problems.push({ field: 'id', message: 'is missing' });
  else if (id === undefined) problems.push({ field: 'id', message: `"${collapse(idUrl)}" is not an arXiv abs URL` });
  const title = collapse(text(entry.title) ?? '');
  if (title === '') problems.push({ field: 'title', message: 'is missing or empty' });
  const abstract = collapse(text(entry.summary) ?? '');
  if (abstract === '') problems.push({ field: 'summary', message: 'is missing or empty' });
  if (problems.length > 0 || id === undefined) return { problems };

  const record: SyncRecord = { id, title, abstract, url: `https://arxiv.org/abs/${id}`, source: 'arxiv', fetchedAt };
  const authors = (Array.isArray(entry.author) ? entry.author : [])
    .map((author: unknown) => (isObject(author) ? collapse(text(author.name) ?? '') : ''))
    .filter((name: string) => name !== '');
  if (authors.length > 0) record.authors = authors;
  const published = collapse(text(entry.published) ?? '').slice(0, 10);
  if (isIsoDate(published)) record.published = published;
  return { record };
}

/** `http://arxiv.org/abs/2406.16260v2` → `2406.16260`; `…/abs/hep-th/0601001v1` → `hep-th/0601001`. */
export function arxivIdFromUrl(url: string): string | undefined {
  const match = /arxiv\.org\/(?:abs|pdf)\/(.+?)(?:v\d+)?(?:\.pdf)?\/?$/iu.exec(url.trim());
  return match !== null && ARXIV_ID.test(match[1]!) ? match[1] : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text content of a parsed element: a string, or `#text` of one that has attributes. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value['#text'] === 'string') return value['#text'];
  return undefined;
}
