/**
 * JSON Lines files as chunks of whole lines, in bytes: what `dealqual audit` hands to whoever
 * audits them (the main thread, or a worker with --jobs), so the reading thread only reads and
 * counts newlines, and the bytes move to a worker without being copied or decoded first. The
 * auditing side decodes a chunk (`eachChunkLine`) exactly as the streaming reader would: strict UTF-8,
 * `\n` or `\r\n` line ends, blank lines skipped but counted, a bad byte sequence an error naming its
 * line that ends the file's reading.
 */
import { open, stat } from 'node:fs/promises';
import type { InputError, Source } from '../cli/errors.js';
import { bomOf, DecodeError } from './decode.js';

/** Whole lines of a JSON Lines file: `bytes` start at line `firstLine` (1-based). */
export interface LinesChunk {
  kind: 'lines';
  /** Which reading of a file the chunk belongs to (a file named twice is read twice). */
  reading: number;
  file: string;
  firstLine: number;
  bytes: Uint8Array;
}

/** About 256 KiB per read (some 180 deals of 1.4 KB); a chunk holds the whole lines of a read (a longer line makes a longer chunk). */
export const CHUNK_BYTES = 1 << 18;

let readings = 0;

const isBlankByte = (b: number) => b === 0x20 || b === 0x09 || b === 0x0d || b === 0x0a;

/** Whether the bytes hold anything but spaces, tabs and line ends (a chunk of blank lines is no deal). */
function hasContent(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (!isBlankByte(bytes[i]!)) return true;
  return false;
}

function countNewlines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) n += 1;
  return n;
}

/**
 * The chunks of a UTF-8 JSON Lines file, or undefined when the file is not UTF-8 (a UTF-16 or
 * GB18030 byte-order mark, or another `encoding` named) or not a regular file (a pipe, a device):
 * those go through the text reader. A UTF-8
 * byte-order mark is dropped. Chunks of blank lines only are not given out.
 */
export async function lineChunks(path: string, file: string, encoding = 'utf-8', chunkBytes = CHUNK_BYTES): Promise<AsyncGenerator<LinesChunk> | undefined> {
  if (encoding.toLowerCase().replace(/^utf8$/, 'utf-8') !== 'utf-8') return undefined;
  // Reads here are positional: a pipe or a device (a FIFO named `.jsonl`, /dev/stdin) is streamed.
  if (!(await stat(path)).isFile()) return undefined;
  const handle = await open(path, 'r');
  const head = new Uint8Array(4);
  const { bytesRead } = await handle.read(head, 0, 4, 0);
  const bom = bomOf(head.subarray(0, bytesRead));
  if (bom && bom.encoding !== 'utf-8') {
    await handle.close();
    return undefined;
  }
  const reading = (readings += 1);
  return (async function* () {
    let position = bom ? bom.length : 0;
    let carry: Uint8Array = new Uint8Array(0);
    let line = 1;
    try {
      for (;;) {
        // Each chunk in a buffer of its own, so it can be transferred to a worker. A line longer
        // than a read doubles the next read, so a long line is copied a bounded number of times.
        const size = Math.max(chunkBytes, carry.length);
        const buffer = new Uint8Array(carry.length + size);
        buffer.set(carry);
        const { bytesRead: n } = await handle.read(buffer, carry.length, size, position);
        position += n;
        const filled = carry.length + n;
        // At the end of the file, the last line may have no newline.
        const end = n === 0 ? filled : buffer.lastIndexOf(0x0a, filled - 1) + 1;
        if (end === 0 && n > 0) {
          // No newline yet: a line longer than the read; read on.
          carry = buffer.subarray(0, filled);
          continue;
        }
        const bytes = buffer.subarray(0, end);
        carry = buffer.slice(end, filled);
        const firstLine = line;
        // Counted before the chunk is given out: a worker's transfer detaches its bytes.
        line += countNewlines(bytes);
        if (hasContent(bytes)) yield { kind: 'lines', reading, file, firstLine, bytes };
        if (n === 0) return;
      }
    } finally {
      await handle.close();
    }
  })();
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Hands each non-blank line of a chunk to `take` as it is decoded (nothing is kept: a caller that
 * writes each deal's output before the next keeps no per-line memory). Returns the error of a byte
 * sequence that is not valid UTF-8, after the lines before it; the rest of the chunk is not read.
 * @example
 * const bytes = new TextEncoder().encode('{"id":"A"}\n\n{"id":"B"}\n');
 * eachChunkLine({ file: 'a.jsonl', firstLine: 1, bytes }, (text, source) => console.log(source.line, text));
 * // logs 1 {"id":"A"}, then 3 {"id":"B"}; returns undefined
 */
export function eachChunkLine(chunk: Pick<LinesChunk, 'file' | 'firstLine' | 'bytes'>, take: (text: string, source: Source) => void): InputError | undefined {
  const { bytes, file } = chunk;
  let line = chunk.firstLine;
  let start = 0;
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    const stop = end > start && bytes[end - 1] === 0x0d ? end - 1 : end;
    let text: string;
    try {
      text = decoder.decode(bytes.subarray(start, stop));
    } catch {
      return { source: { file, line }, message: new DecodeError(line, 'utf-8').message };
    }
    if (text.trim() !== '') take(text, { file, line });
    line += 1;
    start = end + 1;
  }
  return undefined;
}
