/**
 * Strict text decoding of input bytes. A byte sequence that is not valid in the input's encoding is
 * an error naming the line (never silently replaced with U+FFFD). The encoding is UTF-8 unless a
 * byte-order mark says otherwise (UTF-8, UTF-16 LE/BE, GB18030) or the user names one
 * (`--encoding gbk`); a BOM is always removed.
 */

/** A byte sequence the encoding cannot hold, at `line` (1-based). */
export class DecodeError extends Error {
  constructor(
    readonly line: number,
    readonly encoding: string,
  ) {
    super(
      `not valid ${encoding === 'utf-8' ? 'UTF-8' : encoding} text${
        encoding === 'utf-8' ? '; if the file is in another encoding, name it with --encoding (gbk, gb18030, utf-16le, big5, …)' : ''
      }`,
    );
    this.name = 'DecodeError';
  }
}

const BOMS: [number[], string][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0x84, 0x31, 0x95, 0x33], 'gb18030'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

/** The encoding a byte-order mark at the start of `head` names, and the mark's length. */
export function bomOf(head: Uint8Array): { encoding: string; length: number } | undefined {
  for (const [bytes, encoding] of BOMS) if (bytes.every((b, i) => head[i] === b)) return { encoding, length: bytes.length };
  return undefined;
}

/**
 * The canonical name of an encoding label, or undefined when the platform cannot decode it.
 * @example encodingName('GBK') // 'gbk'
 * @example encodingName('latin-9') // undefined
 */
export function encodingName(label: string): string | undefined {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

const newlines = (text: string): number => {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
};

/**
 * Where `bytes` (starting at a line start, numbered `line`) stop decoding: decodes them again
 * newline by newline. Returns the failing line and the byte offset where it starts.
 */
function failingLine(bytes: Uint8Array, encoding: string, line: number): { line: number; start: number } {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  let start = 0;
  try {
    for (let i = bytes.indexOf(0x0a); ; i = bytes.indexOf(0x0a, start)) {
      const end = i === -1 ? bytes.length : i + 1;
      decoder.decode(bytes.subarray(start, end), { stream: true });
      if (i === -1) break;
      line += 1;
      start = end;
    }
    decoder.decode();
  } catch {
    return { line, start };
  }
  return { line, start };
}

/** The text of `bytes` before `end`, less what `carry` (its first bytes, already given out) decodes to. */
function goodPrefix(all: Uint8Array, end: number, carry: number, encoding: string): string {
  try {
    const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(all.subarray(0, end));
    const given = new TextDecoder(encoding, { ignoreBOM: true }).decode(all.subarray(0, Math.min(carry, end)), { stream: true });
    return text.slice(given.length);
  } catch {
    return '';
  }
}

/**
 * Decodes a byte stream strictly, chunk by chunk. Throws `DecodeError` naming the first line that is
 * not valid text in the encoding; everything before it has been yielded.
 * @param encoding the encoding when the input has no byte-order mark (default UTF-8)
 */
export async function* decodeStream(stream: AsyncIterable<Uint8Array | string>, encoding = 'utf-8'): AsyncGenerator<string> {
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  let used = encoding;
  let head: Uint8Array = new Uint8Array(0);
  let line = 1;
  /**
   * Bytes since the last newline of earlier chunks (where a failing line starts), in the chunks they
   * came in: joined only when a line fails, so a long line costs no copying while it is read.
   */
  let carry: Uint8Array[] = [];
  let carried = 0;
  const feed = function* (bytes: Uint8Array, final: boolean): Generator<string> {
    let text: string;
    let failed: { line: number; start: number } | undefined;
    let all: Uint8Array | undefined;
    try {
      text = decoder!.decode(bytes, { stream: !final });
    } catch {
      all = join([...carry, bytes]);
      failed = failingLine(all, used, line);
      text = '';
    }
    if (failed) {
      // The whole lines before the bad one are given out first, so their deals are still read.
      const before = goodPrefix(all!, failed.start, carried, used);
      if (before !== '') yield before;
      throw new DecodeError(failed.line, used);
    }
    const lastNewline = bytes.lastIndexOf(0x0a);
    if (lastNewline === -1) carry.push(bytes);
    else carry = [bytes.slice(lastNewline + 1)];
    carried = lastNewline === -1 ? carried + bytes.length : bytes.length - lastNewline - 1;
    line += newlines(text);
    if (text !== '') yield text;
  };
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    if (!decoder) {
      head = join([head, bytes]);
      if (head.length < 4) continue;
      ({ decoder, used } = open(head, encoding));
      yield* feed(head, false);
      continue;
    }
    yield* feed(bytes, false);
  }
  if (!decoder) {
    if (head.length === 0) return;
    ({ decoder, used } = open(head, encoding));
    yield* feed(head, true);
    return;
  }
  yield* feed(new Uint8Array(0), true);
}

function open(head: Uint8Array, encoding: string): { decoder: InstanceType<typeof TextDecoder>; used: string } {
  const bom = bomOf(head);
  const used = bom?.encoding ?? encoding;
  // The decoder removes a BOM of its own encoding (GB18030's is decoded as U+FEFF, removed by readers).
  return { decoder: new TextDecoder(used, { fatal: true }), used };
}

/** The bytes of several arrays in one (the one itself when the others are empty). */
function join(parts: readonly Uint8Array[]): Uint8Array {
  const full = parts.filter((p) => p.length > 0);
  if (full.length === 1) return full[0]!;
  const out = new Uint8Array(full.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of full) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Decodes a whole buffer strictly (a JSON file). */
export function decodeBuffer(bytes: Uint8Array, encoding = 'utf-8'): string {
  const { decoder, used } = open(bytes, encoding);
  try {
    return decoder.decode(bytes);
  } catch {
    throw new DecodeError(failingLine(bytes, used, 1).line, used);
  }
}

/** Splits decoded text chunks into lines (without `\n` or a trailing `\r`). */
export async function* linesOf(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  // The current line's text so far, in the pieces it came in: joined once the line ends, so a long
  // line is never copied again with every chunk.
  let parts: string[] = [];
  const line = () => {
    const text = parts.length === 1 ? parts[0]! : parts.join('');
    parts = [];
    return text.endsWith('\r') ? text.slice(0, -1) : text;
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', start)) {
      parts.push(chunk.slice(start, i));
      yield line();
      start = i + 1;
    }
    if (start < chunk.length) parts.push(chunk.slice(start));
  }
  if (parts.length > 0) yield line();
}
