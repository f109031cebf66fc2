import { z } from 'zod';
import { dateSpan, type PaperFilters } from '../query/filters.js';
import type { OptionSpec } from './command.js';

/** The filter options of `search`, as every front-end offers them (CLI flags, Discord options). */
export const FILTER_OPTIONS: OptionSpec[] = [
  { name: 'since', description: 'Only papers published on or after this date (2024, 2024-03, 2024-03-15)', type: 'string', required: false, maxLength: 10 },
  { name: 'until', description: 'Only papers published on or before this date (2024, 2024-03, 2024-03-15)', type: 'string', required: false, maxLength: 10 },
  { name: 'with-code', description: 'Only papers that link to code (GitHub)', type: 'boolean', required: false },
  { name: 'sort', description: 'Order: relevance (default), date (newest first) or upvotes', type: 'string', required: false, choices: ['relevance', 'date', 'upvotes'] },
];

/** A `--since` / `--until` date: the first (since) or last (until) day of the year, month or day given. */
const dateOption = (name: 'since' | 'until') =>
  z
    .string()
    .trim()
    .transform((text, ctx) => {
      const span = dateSpan(text);
      if (!span) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a date: YYYY, YYYY-MM or YYYY-MM-DD (got "${text}")` });
        return z.NEVER;
      }
      return name === 'since' ? span.first : span.last;
    })
    .optional();

/** Booleans as front-ends send them: true/false, or the text "true"/"false". */
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional();

/** The filter fields of `search`'s schema. */
export const filterFields = {
  since: dateOption('since'),
  until: dateOption('until'),
  'with-code': flag,
  sort: z.enum(['relevance', 'date', 'upvotes'], { error: 'sort must be relevance, date or upvotes' }).optional(),
};

/** The filters given as options, or undefined when none was. */
export function filtersFromOptions(input: { since?: string; until?: string; 'with-code'?: boolean; sort?: PaperFilters['sort'] }): PaperFilters | undefined {
  const filters: PaperFilters = {};
  if (input.since) filters.since = input.since;
  if (input.until) filters.until = input.until;
  if (input['with-code'] !== undefined) filters.withCode = input['with-code'];
  if (input.sort) filters.sort = input.sort;
  return Object.keys(filters).length ? filters : undefined;
}

/** Filters as they come back in a button payload: untrusted, so every field is checked. */
export const paperFiltersSchema = z
  .object({
    since: z.string().regex(/^\d{4}-\d\d-\d\d$/).optional(),
    until: z.string().regex(/^\d{4}-\d\d-\d\d$/).optional(),
    withCode: z.boolean().optional(),
    authors: z.array(z.string().max(100)).max(5).optional(),
    exclude: z.array(z.string().max(100)).max(10).optional(),
    sort: z.enum(['relevance', 'date', 'upvotes']).optional(),
  })
  .strict();
