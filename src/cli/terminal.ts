/**
 * Data printed to a terminal: control characters (C0, DEL, C1 — ESC starts sequences that clear the
 * screen or set the window title) and bidirectional overrides (which reorder what the eye reads) are
 * shown as visible escapes instead of being obeyed.
 */
import type { Writer } from './command.js';

// C0 and C1 controls, DEL, and the bidi marks, embeddings, overrides and isolates.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

/**
 * Text safe to print on a terminal: unsafe characters become `\e`, `\n`, `\x07`, `\u202e`, ….
 * @example printable('D-1\u001b]0;pwned\u0007') // 'D-1\\e]0;pwned\\x07'
 * @example printable('abc\u202edcba') // 'abc\\u202edcba'
 */
export function printable(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const named = NAMED[ch];
    if (named) return named;
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Each line of a report printable (the line breaks themselves kept). */
export const printableLines = (lines: readonly string[]): string[] => lines.map((line) => line.split('\n').map(printable).join('\n'));

/**
 * Writes diagnostic lines to stderr — notes, errors, skipped inputs, warnings — each as `prefix`
 * then its text made printable. Every command writes its diagnostics through here, so no file
 * name, header or message from the data reaches the terminal raw.
 * @param prefix the CLI's own words (`note  `, `error  `, `dealqual: warning: `), written as is
 * @param options.breaks keep the line breaks of a text (a multi-line usage error); else they show as `\n`
 * @example await writeStderr(io.stderr, 'note  ', ['f\u001b[2J.csv: unknown column "x"']) // note  f\e[2J.csv: …
 */
export async function writeStderr(stderr: Writer, prefix: string, texts: readonly string[], options: { breaks?: boolean } = {}): Promise<void> {
  if (texts.length === 0) return;
  const safe = options.breaks ? printableLines(texts) : texts.map(printable);
  await stderr.write(safe.map((text) => prefix + text).join('\n') + '\n');
}
