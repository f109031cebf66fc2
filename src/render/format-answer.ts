/**
 * Wording shared by every front-end for what an answer or a list says beyond its papers
 * (abstentions, corrected queries), so the CLI, Slack and Discord say the same thing.
 * Plain text; adapters escape it.
 */

/** "NeRF", "NeRF or RLHF", "NeRF, RLHF or DPO". */
export function orList(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** The first line of an abstention: "Nothing on NeRF or RLHF in this corpus." */
export function nothingOnLine(missing: readonly string[]): string {
  return `Nothing on ${orList(missing)} in this corpus.`;
}

/** "searched for: diffusion sampling speedup" */
export const searchedForLine = (searchedFor: string): string => `searched for: ${searchedFor}`;

/** "matched: diffusion, sampling" */
export const matchedLine = (words: readonly string[]): string => `matched: ${words.join(', ')}`;

/** "filters: since 2024-01-01 · with code · newest first (dates known for 25 of 231 papers; 3 match)"; undefined without filters. */
export function filtersLine(filters: { understood: readonly string[]; notes: readonly string[] } | undefined): string | undefined {
  if (!filters || filters.understood.length === 0) return undefined;
  return `filters: ${filters.understood.join(' · ')}${filters.notes.length ? ` (${filters.notes.join('; ')})` : ''}`;
}

/** "follow-up: which papers speed up diffusion sampling for video?" — what a follow-up ran. */
export const followUpLine = (ran: string): string => `follow-up: ${ran}`;
