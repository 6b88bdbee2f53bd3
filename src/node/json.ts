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
