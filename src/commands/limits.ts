import { z } from 'zod';
import { InvalidOptionError } from '../errors.js';

/** Longest question or query accepted, in characters: longer text is a paste, not a question. */
export const MAX_QUESTION_CHARS = 500;
/** Most papers on one page of a list. */
export const MAX_PAGE_SIZE = 50;
/**
 * Most papers `papers` lists at once where nothing has to fit in a chat message (the one-shot
 * CLI: `paperbot --json papers --limit 1000` exports the corpus page by page).
 */
export const MAX_EXPORT_PAGE_SIZE = 1000;
/** Papers on a page of a list by default. */
export const DEFAULT_PAGE_SIZE = 10;
/** Longest paper reference (an id, or a number from the last result). */
export const MAX_PAPER_REF_CHARS = 200;

/** A question or query: trimmed, not empty, at most {@link MAX_QUESTION_CHARS} characters. */
export const questionText = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, { error: `${what} is empty` })
    .max(MAX_QUESTION_CHARS, { error: `${what} is longer than ${MAX_QUESTION_CHARS} characters; ask about one topic at a time` });

/** A page size from 1 to {@link MAX_PAGE_SIZE}, default {@link DEFAULT_PAGE_SIZE}. Text is accepted ("5"). */
export const pageSize = z.coerce
  .number({ error: 'limit must be a whole number' })
  .int({ error: 'limit must be a whole number' })
  .min(1, { error: 'limit must be at least 1' })
  .max(MAX_PAGE_SIZE, { error: `limit must be at most ${MAX_PAGE_SIZE}` })
  .default(DEFAULT_PAGE_SIZE);

/**
 * A page size from 1 to {@link MAX_EXPORT_PAGE_SIZE}, default {@link DEFAULT_PAGE_SIZE}: the
 * command then holds it to its context's `maxListLimit` (50 in chats), see {@link checkListLimit}.
 */
export const exportPageSize = z.coerce
  .number({ error: 'limit must be a whole number' })
  .int({ error: 'limit must be a whole number' })
  .min(1, { error: 'limit must be at least 1' })
  .max(MAX_EXPORT_PAGE_SIZE, { error: `limit must be at most ${MAX_EXPORT_PAGE_SIZE}` })
  .default(DEFAULT_PAGE_SIZE);

/** Throws the same error as {@link pageSize} when a limit is over what this front-end lists at once. */
export function checkListLimit(limit: number, max: number = MAX_PAGE_SIZE): number {
  if (limit > max) throw new InvalidOptionError(`limit must be at most ${max}`);
  return limit;
}

/** A paper id, or the number of a paper in the last result. */
export const paperRef = z
  .string({ error: 'paper is required (an id, or a number from the last result)' })
  .trim()
  .min(1, { error: 'paper is required (an id, or a number from the last result)' })
  .max(MAX_PAPER_REF_CHARS, { error: `paper must be at most ${MAX_PAPER_REF_CHARS} characters` })
  .transform((ref) => ref.replace(/^\[(\d+)\]$/, '$1'));
