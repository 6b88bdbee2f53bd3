/** JSON parsing with errors that carry a line and column. */

export type JsonParse = { ok: true; value: unknown } | { ok: false; line: number; column: number; message: string };

/** The 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** Parses JSON text (a leading BOM is ignored); a syntax error comes back with its line and column. */
export function parseJson(text: string): JsonParse {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const at = /at position (\d+)/.exec(raw);
    const offset = at ? Number(at[1]) : body.length;
    const message = raw.replace(/ in JSON at position \d+.*$/s, '').replace(/,? "[^"]*" is not valid JSON$/s, '');
    return { ok: false, ...lineColumn(body, offset), message: `invalid JSON: ${message}` };
  }
}

/**
 * The 1-based lines where the elements of a top-level JSON array start (one pass; strings and
 * nesting skipped). For text that is not an array, an empty list.
 * @example arrayElementLines('[\n {"id":"a"},\n {"id":"b"}\n]') // [2, 3]
 */
export function arrayElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let expecting = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line += 1;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 0xfeff) continue;
    if (expecting) {
      lines.push(line);
      expecting = false;
      if (c === 93 /* ] */ && depth === 1) lines.pop();
    }
    if (c === 34 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92 /* \ */) i++;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      depth += 1;
      if (depth === 1) {
        if (c !== 91) return [];
        expecting = true;
      }
    } else if (c === 93 || c === 125) depth -= 1;
    else if (c === 44 /* , */ && depth === 1) expecting = true;
  }
  return lines;
}
