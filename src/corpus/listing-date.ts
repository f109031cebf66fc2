/** The date line under a listed paper, as HF listing pages print it. */
export interface ListingDate {
  /** ISO `YYYY-MM-DD`, only when the line has a year. */
  published?: string;
  /** The date as printed (e.g. `Jul 31`), when it has no year; a year is never guessed. */
  dateText?: string;
  /** The number after the date, e.g. `2` in `Jun 23, 2024 2`. */
  upvotes?: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;

/** `Jun 23, 2024`, `Jul 31`, `Oct 23 3`, `June 23, 2024 12`: month name, day, optional `, year`, optional upvotes. */
const DATE_LINE =
  /^(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.? (\d{1,2})(?:, (\d{4}))?(?: (\d+))?$/iu;

/** Parses a listing date line; undefined when the line is not one. */
export function parseListingDate(line: string): ListingDate | undefined {
  const printed = line.trim().replace(/\s+/gu, ' ');
  const match = DATE_LINE.exec(printed);
  if (match === null) return undefined;
  const [, monthName = '', dayText = '', yearText, upvotesText] = match;
  const month = MONTHS.indexOf(monthName.slice(0, 3).toLowerCase() as (typeof MONTHS)[number]) + 1;
  const day = Number(dayText);
  // Feb 29 is a real date in some year, so without a year only the month's longest length counts.
  if (day < 1 || day > daysIn(month, yearText === undefined ? 2000 : Number(yearText))) return undefined;
  const date: ListingDate = {};
  if (yearText !== undefined) date.published = `${yearText}-${pad(month)}-${pad(day)}`;
  else date.dateText = upvotesText === undefined ? printed : printed.slice(0, -upvotesText.length).trimEnd();
  if (upvotesText !== undefined) date.upvotes = Number(upvotesText);
  return date;
}

function daysIn(month: number, year: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
