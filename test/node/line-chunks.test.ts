/**
 * The audit reads UTF-8 JSON Lines files as chunks of whole lines in bytes (decoded where they are
 * audited: on a worker with --jobs). A chunk boundary must never change a deal's text or line, nor
 * where a bad byte sequence is reported: the chunks give what the streaming text reader gives.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { readInputs } from '../../src/node/inputs.js';
import { eachChunkLine, lineChunks } from '../../src/node/line-chunks.js';

const dir = mkdtempSync(join(tmpdir(), 'dealqual-chunks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Seen = { line?: number; text?: string; error?: string };

/** What the streaming reader gives for a file: each deal's line and text, and errors. */
async function streamed(path: string): Promise<Seen[]> {
  const out: Seen[] = [];
  for await (const e of readInputs([path], { cwd: dir, stdin: Readable.from([]) })) {
    if (e.kind === 'error') out.push({ line: e.error.source.line, error: e.error.message });
    else out.push({ line: e.source.line, text: e.text });
  }
  return out;
}

/**
 * What the chunks give, read `size` bytes at a time, split by `eachChunkLine` (as the audit does,
 * inline or on a worker); after an error, the file is read no further.
 */
async function chunked(path: string, size: number): Promise<Seen[] | undefined> {
  const chunks = await lineChunks(path, path, 'utf-8', size);
  if (!chunks) return undefined;
  const out: Seen[] = [];
  let any = false;
  for await (const chunk of chunks) {
    any = true;
    const error = eachChunkLine(chunk, (text, source) => out.push({ line: source.line, text }));
    if (error) {
      out.push({ line: error.source.line, error: error.message });
      break;
    }
  }
  // The streaming reader reports an input without a deal; the audit loop does the same for chunks.
  if (!any) out.push({ error: 'no deals: the file holds none' });
  return out;
}

const deal = (i: number, pad = 0) => JSON.stringify({ id: `D-${i}`, note: '商机'.repeat(pad) });
const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

const CASES: [string, Buffer][] = [
  ['plain lines, a final newline', bytes([deal(1), deal(2), deal(3)].join('\n') + '\n')],
  ['no final newline', bytes([deal(1), deal(2)].join('\n'))],
  ['CRLF line ends and a final CR', bytes([deal(1), deal(2), deal(3)].join('\r\n') + '\r')],
  ['blank and whitespace lines counted, not audited', bytes(`\n${deal(1)}\n   \n\t\n${deal(2)}\n\n`)],
  ['a UTF-8 byte-order mark', bytes([0xef, 0xbb, 0xbf], `${deal(1)}\n${deal(2)}\n`)],
  ['a line much longer than a read', bytes(`${deal(1)}\n${deal(2, 400)}\n${deal(3)}\n`)],
  ['multi-byte text across read boundaries', bytes(Array.from({ length: 40 }, (_, i) => deal(i, i % 7)).join('\n'))],
  ['a bad byte sequence ends the file at its line', bytes(`${deal(1)}\n${deal(2)}\n{"id":"X`, [0xff, 0xfe], `"}\n${deal(4)}\n`)],
  ['a truncated sequence at the end', bytes(`${deal(1)}\n{"id":"`, [0xe5, 0x95])],
  ['a broken JSON line is text like any other', bytes(`${deal(1)}\n{"id": \n${deal(3)}\n`)],
  ['blank lines only', bytes('\n  \n\r\n')],
];

describe('JSON Lines chunks', () => {
  for (const [name, content] of CASES)
    it(`${name}: the same lines, texts and errors as the streaming reader, at any read size`, async () => {
      const file = join(dir, `${name.replace(/\W+/g, '-')}.jsonl`);
      writeFileSync(file, content);
      const expected = await streamed(file);
      expect(expected.length).toBeGreaterThan(0);
      for (const size of [1, 7, 64, 1 << 16]) expect(await chunked(file, size), `read size ${size}`).toEqual(expected);
    });

  it('a UTF-16 byte-order mark, or another encoding named, leaves the file to the text reader', async () => {
    const file = join(dir, 'utf16.jsonl');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${deal(1)}\n`, 'utf16le')]));
    expect(await lineChunks(file, file)).toBeUndefined();
    const plain = join(dir, 'plain.jsonl');
    writeFileSync(plain, `${deal(1)}\n`);
    expect(await lineChunks(plain, plain, 'gbk')).toBeUndefined();
    expect(await lineChunks(plain, plain, 'utf-8')).toBeDefined();
  });
});
