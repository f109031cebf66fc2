import { mergeLinks } from './extract-links.js';
import { normaliseTitle } from './normalise-title.js';
import type { PaperDraft } from './paper-draft.js';

/** Fields a later duplicate may fill in when the first occurrence lacks them. */
const FILLABLE = ['ownId', 'authors', 'authorCount', 'published', 'upvotes', 'url'] as const;

/**
 * Merges papers with the same normalised title into the first occurrence: its title and abstract
 * stay; missing metadata comes from later ones; links and sources are united, in order.
 * An own id counts as metadata, so a paper keeps the record's id whichever file lists it first.
 */
export function mergeDuplicates(drafts: readonly PaperDraft[]): { papers: PaperDraft[]; merged: number } {
  const byTitle = new Map<string, PaperDraft>();
  let merged = 0;
  for (const draft of drafts) {
    const key = normaliseTitle(draft.title);
    const first = byTitle.get(key);
    if (first === undefined) {
      byTitle.set(key, { ...draft, links: [...draft.links], sources: [...draft.sources] });
      continue;
    }
    merged += 1;
    for (const field of FILLABLE) {
      if (first[field] === undefined && draft[field] !== undefined) Object.assign(first, { [field]: draft[field] });
    }
    if (first.published !== undefined) delete first.dateText;
    else first.dateText ??= draft.dateText;
    if (first.dateText === undefined) delete first.dateText;
    first.links = mergeLinks(first.links, draft.links);
    first.sources.push(...draft.sources);
  }
  return { papers: [...byTitle.values()], merged };
}
