/**
 * The streaming text reader (src/node/decode.ts): decoding byte chunks and splitting text into
 * lines. A line longer than a chunk used to be copied again with every chunk (a 32 MB line took
 * 40 s); its pieces are now kept apart and joined once. Splitting must not depend on where the
 * chunks fall; a bad byte sequence is reported on its line after a long line as after a short one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError, decodeStream, linesOf } from '../../src/node/decode.js';

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

async function* pieces<T extends string | Uint8Array>(whole: T, cuts: readonly number[]): AsyncGenerator<T> {
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    if (cut <= at || cut >= whole.length) continue;
    yield whole.slice(at, cut) as T;
    at = cut;
  }
  yield whole.slice(at) as T;
}

describe('linesOf', () => {
  it('the lines of the whole text, wherever the chunks are cut (\\n and \\r\\n, a last line with or without a line end)', async () => {
    const line = fc.array(fc.constantFrom('a', 'é', '中', ' ', '\r', '"'), { maxLength: 8 }).map((cs) => cs.join(''));
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.array(fc.nat(80), { maxLength: 10 }), async (lines, end, trailing, cuts) => {
        const text = lines.join(end) + (trailing ? end : '');
        const expected = text.split('\n');
        if (expected.at(-1) === '') expected.pop();
        expect(await collect(linesOf(pieces(text, cuts)))).toEqual(expected.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)));
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('a line of a thousand chunks is one line; a \\r ending one chunk and \\n starting the next are one line end', async () => {
    const long = 'x'.repeat(64_000);
    const chunks = async function* () {
      for (let i = 0; i < 1000; i++) yield long.slice(i * 64, (i + 1) * 64);
      yield '\r';
      yield '\nnext';
    };
    expect(await collect(linesOf(chunks()))).toEqual([long, 'next']);
  });
});

describe('decodeStream', () => {
  it('a bad byte after a line of a thousand chunks is reported on its line, the lines before it given out', async () => {
    const good = new TextEncoder().encode(`first\n${'é'.repeat(32_000)}\nthird `);
    const bytes = new Uint8Array([...good, 0xff, 0x0a]);
    // 64-byte chunks: 'é' (2 bytes) falls across chunk boundaries too.
    const chunks = async function* () {
      for (let i = 0; i < bytes.length; i += 63) yield bytes.slice(i, i + 63);
    };
    const text: string[] = [];
    let error: unknown;
    try {
      for await (const t of decodeStream(chunks())) text.push(t);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).line).toBe(3);
    // Both whole lines came out (and no more of line 3 than its chunks before the bad byte).
    const before = `first\n${'é'.repeat(32_000)}\n`;
    expect(text.join('').startsWith(before)).toBe(true);
    expect('third '.startsWith(text.join('').slice(before.length))).toBe(true);
  });
});
