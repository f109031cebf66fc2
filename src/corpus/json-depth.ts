/**
 * Deepest nesting of `[` / `{` in JSON text (0 for a bare value, 1 for `{"a": 1}`), by one scan
 * that skips strings. Cheap and without recursion, so a record nested 10,000 levels deep can be
 * refused before `JSON.parse` and the schema (whose error description recursed) ever see it.
 * Works on any text; for invalid JSON the figure is only an estimate.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (code === 0x5c) escaped = true; // backslash
      else if (code === 0x22) inString = false; // "
      continue;
    }
    if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (code === 0x5d || code === 0x7d) depth -= 1;
  }
  return deepest;
}

/**
 * Whether `text` may nest deeper than `max`: false when it holds at most `max` `[` and `{` in all
 * (strings included), found by the native `indexOf`. Nearly every record has two or three, so
 * {@link jsonDepth}'s character-by-character scan (slower than `JSON.parse` itself) runs only for
 * the rare record with many brackets.
 */
export function mayNestDeeperThan(text: string, max: number): boolean {
  let count = 0;
  for (const bracket of ['{', '[']) {
    for (let at = text.indexOf(bracket); at !== -1; at = text.indexOf(bracket, at + 1)) {
      count += 1;
      if (count > max) return true;
    }
  }
  return false;
}
