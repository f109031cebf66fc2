/** Where one element of a top-level JSON array is in the text. */
export interface JsonElementSpan {
  /** 1-based line the element starts on. */
  line: number;
  /** 1-based line the element ends on. */
  endLine: number;
  /** Index of the element's first character. */
  start: number;
  /** Index just past the element's last character. */
  end: number;
}

/**
 * Where each element of a top-level JSON array is, by one scan of the text (strings and nesting
 * skipped, no recursion), so an issue in record [i] can point at its line and each record's size
 * and depth can be checked on its own. Meant for text that already parsed as a JSON array.
 */
export function jsonArrayElements(text: string): JsonElementSpan[] {
  const spans: JsonElementSpan[] = [];
  let open: { line: number; start: number } | undefined;
  /** Index just past the last non-space character of the element being read. */
  let lastEnd = 0;
  let line = 1;
  let lastLine = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let expectElement = false;
  const close = (): void => {
    if (open !== undefined) spans.push({ line: open.line, endLine: lastLine, start: open.start, end: lastEnd });
    open = undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\n') line += 1;
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
      lastEnd = i + 1;
      lastLine = line;
      continue;
    }
    if (char === ' ' || char === '\n' || char === '\r' || char === '\t') continue;
    if (depth === 1 && expectElement && char !== ']') {
      open = { line, start: i };
      expectElement = false;
    }
    if (char === '"') inString = true;
    else if (char === '[' || char === '{') {
      depth += 1;
      if (depth === 1) expectElement = true;
    } else if (char === ']' || char === '}') {
      depth -= 1;
      if (depth === 0) close();
    } else if (char === ',' && depth === 1) {
      close();
      expectElement = true;
      continue;
    }
    if (depth >= 1 && open !== undefined) {
      lastEnd = i + 1;
      lastLine = line;
    }
  }
  return spans;
}

/** 1-based line on which each element of a top-level JSON array starts (see {@link jsonArrayElements}). */
export function jsonArrayElementLines(text: string): number[] {
  return jsonArrayElements(text).map((span) => span.line);
}
