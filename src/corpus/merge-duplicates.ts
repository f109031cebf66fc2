import { mergeLinks } from './extract-links.js';
import { normaliseTitle } from './normalise-title.js';
import type { PaperDraft } from './paper-draft.js';

/** Fields a later duplicate may fill in when the first occurrence lacks them. */
const FILLABLE = ['ownId', 'arxivId', 'authors', 'authorCount', 'published', 'upvotes', 'url'] as const;

/**
 * Merges papers with the same normalised title into the first occurrence: its title and abstract
 * stay; missing metadata comes from later ones; links and sources are united, in order.
 * An own id counts as metadata, so a paper keeps the record's id whichever file lists it first.
 * Two records that carry different ids of their own are different papers that share a title
 * (technical reports in a series, say): they are never merged.
 * Papers with the same arXiv id (versions stripped) are one paper whatever their titles (a title
 * revised between versions) or own ids (an arXiv and a Hugging Face record of it).
 */
export function mergeDuplicates(drafts: readonly PaperDraft[]): { papers: PaperDraft[]; merged: number } {
  const byTitle = new Map<string, PaperDraft[]>();
  const byArxivId = new Map<string, PaperDraft>();
  const papers: PaperDraft[] = [];
  let merged = 0;
  for (const draft of drafts) {
    const key = normaliseTitle(draft.title);
    const sameTitle = byTitle.get(key) ?? [];
    const sameArxivId = draft.arxivId === undefined ? undefined : byArxivId.get(draft.arxivId);
    const first = sameArxivId ?? sameTitle.find((paper) => paper.ownId === undefined || draft.ownId === undefined || paper.ownId === draft.ownId);
    if (first === undefined) {
      const copy = { ...draft, links: [...draft.links], sources: [...draft.sources] };
      byTitle.set(key, [...sameTitle, copy]);
      if (copy.arxivId !== undefined) byArxivId.set(copy.arxivId, copy);
      papers.push(copy);
      continue;
    }
    merged += 1;
    for (const field of FILLABLE) {
      if (first[field] === undefined && draft[field] !== undefined) Object.assign(first, { [field]: draft[field] });
    }
    if (first.arxivId !== undefined && !byArxivId.has(first.arxivId)) byArxivId.set(first.arxivId, first);
    if (first.published !== undefined) delete first.dateText;
    else first.dateText ??= draft.dateText;
    if (first.dateText === undefined) delete first.dateText;
    first.links = mergeLinks(first.links, draft.links);
    // One by one: a spread of many sources as arguments would overflow the stack.
    for (const source of draft.sources) first.sources.push(source);
  }
  return { papers, merged };
}
