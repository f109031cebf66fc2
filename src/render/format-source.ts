import type { SourceRef } from '../answer/answer-types.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Jun 23, 2024" for an ISO date; the printed date text otherwise; undefined when none is known. */
export function formatDate(source: Pick<SourceRef, 'published' | 'dateText'>): string | undefined {
  if (source.published) {
    const [year, month, day] = source.published.split('-').map(Number);
    if (year && month && day) return `${MONTHS[month - 1]} ${day}, ${year}`;
    return source.published;
  }
  return source.dateText;
}

/** "Jun 23, 2024 · 4 authors · 2 upvotes": what is known of a paper besides its title, platform-neutral. */
export function sourceFacts(source: SourceRef): string[] {
  const facts: string[] = [];
  const date = formatDate(source);
  if (date) facts.push(date);
  if (source.authors && source.authors.length > 0) {
    facts.push(source.authors.length <= 3 ? source.authors.join(', ') : `${source.authors[0]} et al.`);
  } else if (source.authorCount !== undefined) {
    facts.push(`${source.authorCount} author${source.authorCount === 1 ? '' : 's'}`);
  }
  if (source.upvotes !== undefined) facts.push(`${source.upvotes} upvote${source.upvotes === 1 ? '' : 's'}`);
  return facts;
}

/** The link to put on a paper's title: its own page, else its code, else its project page. */
export function primaryLink(source: SourceRef): string | undefined {
  return (source.links.find((l) => l.kind === 'paper') ?? source.links.find((l) => l.kind === 'github') ?? source.links[0])?.url;
}
